"""All tasks of a plan: appendix table rows, prose task lists and unit duties, without duplicates.

The three sources are separate parts of a plan (the appendix, the task section of the body,
the implementation section), so a text span belongs to one of them; when two extractors
still claim overlapping lines (an appendix the prose scanner did not see end, a table
extractor that reads a body table), the table row wins because it carries the most fields
(lead official, deadline, product). The table extractor (``task_tables``) is imported
lazily: a plan without a recognisable table, or a build without that module, still yields
its prose tasks and duties.
"""

from __future__ import annotations

import importlib

from cchc_kg.graph.ingest.duties import extract_duties
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.sections import Outline, outline
from cchc_kg.graph.ingest.task_prose import extract_prose_tasks
from cchc_kg.graph.ingest.text import SourceText

_PRIORITY = {"table": 0, "duty": 1, "prose": 2}


def _table_tasks(
    src: SourceText, *, document: DocumentRecord, structure: Outline, known_units: tuple[str, ...] = ()
) -> list[TaskRecord]:
    try:
        module = importlib.import_module("cchc_kg.graph.ingest.task_tables")
    except ImportError:
        return []
    extract = getattr(module, "extract_table_tasks", None)
    if extract is None:
        return []
    return list(extract(src, document=document, outline=structure, known_units=known_units))


def _span(t: TaskRecord) -> tuple[int, int]:
    return t.line, max(t.line, t.end_line or t.line)


def combine(*groups: list[TaskRecord]) -> list[TaskRecord]:
    """Merge task lists in document order, dropping a task whose lines another (higher-priority)
    task already covers, and exact repeats (same first line and same folded title)."""
    ordered = sorted((t for g in groups for t in g), key=lambda t: (_PRIORITY.get(t.kind, 9), t.line))
    kept: list[TaskRecord] = []
    seen: set[tuple[int, str]] = set()
    taken: list[tuple[int, int, str]] = []
    for t in ordered:
        key = (t.line, " ".join(fold(t.title).split()))
        if key in seen:
            continue
        start, end = _span(t)
        if any(s <= end and start <= e and kind != t.kind for s, e, kind in taken):
            continue
        seen.add(key)
        taken.append((start, end, t.kind))
        kept.append(t)
    return sorted(kept, key=lambda t: (t.line, _PRIORITY.get(t.kind, 9)))


def extract_tasks(
    src: SourceText, *, document: DocumentRecord, structure: Outline | None = None
) -> list[TaskRecord]:
    """Every task the plan states, in document order (``structure``: the outline, if known)."""
    structure = structure or outline(src)
    prose = extract_prose_tasks(src, document=document, outline=structure)
    duties = extract_duties(src, document=document, outline=structure)
    # the units the body names (duties, prose task lists) let the table reader recognise a
    # unit whose name OCR scattered over the lines of a table row
    known = tuple(sorted({u for t in (*duties, *prose) for u in (t.lead, *t.coordinating) if u}))
    table = _table_tasks(src, document=document, structure=structure, known_units=known)
    return combine(table, prose, duties)
