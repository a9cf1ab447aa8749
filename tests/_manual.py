"""Scoring extracted prose tasks and duties against tests/data/prose_tasks_manual.json."""

from __future__ import annotations

import json
from pathlib import Path

from cchc_kg.graph.ingest.records import TaskRecord
from cchc_kg.graph.ingest.units import name_key
from rapidfuzz import fuzz

MANUAL = Path(__file__).parent / "data" / "prose_tasks_manual.json"


def manual() -> dict:
    return json.loads(MANUAL.read_text(encoding="utf-8"))


def in_scope(line: int, scope: list[list[int]]) -> bool:
    return any(a <= line <= b for a, b in scope)


def same_unit(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return fuzz.ratio(name_key(a), name_key(b)) >= 85


def score(found: list[TaskRecord], gold: dict, *, check_lead: bool = False) -> tuple[float, float]:
    """(precision, recall) by start line inside the reading's scope; with ``check_lead`` a
    match also needs the same lead unit."""
    scope = gold["scope"]
    found = [t for t in found if in_scope(t.line, scope)]
    expected = {g["line"]: g for g in gold["tasks"]}
    hits = 0
    for t in found:
        g = expected.get(t.line)
        if g and (not check_lead or same_unit(t.lead, g["lead"])):
            hits += 1
    precision = hits / len(found) if found else 0.0
    recall = hits / len(expected) if expected else 1.0
    return precision, recall
