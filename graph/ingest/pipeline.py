"""Compose the extractors: text in, one ExtractionResult out (pure; no store, no RDF).

Order matters only where a later extractor needs an earlier record: the document's own
metadata (its admin unit and period) scopes citations, targets and units; annexes present
are recognised partly by the task and index tables already extracted.
"""

from __future__ import annotations

from cchc_kg.graph.ingest.annexes import extract_annexes
from cchc_kg.graph.ingest.citations import extract_citations
from cchc_kg.graph.ingest.metadata import extract_document
from cchc_kg.graph.ingest.records import ExtractionResult
from cchc_kg.graph.ingest.sections import outline
from cchc_kg.graph.ingest.targets import extract_targets
from cchc_kg.graph.ingest.tasks import extract_tasks
from cchc_kg.graph.ingest.text import SourceText
from cchc_kg.graph.ingest.units import build_gazetteer


def extract(text: str, *, source: str) -> ExtractionResult:
    """Extract every record from one document's decoded text."""
    src = SourceText.from_text(text, source=source)
    document = extract_document(src)
    result = ExtractionResult(document=document, text_style=src.style)
    result.citations = extract_citations(src, document=document)
    structure = outline(src)  # shared by the target, task and annex extractors
    result.targets = extract_targets(src, document=document, structure=structure)
    result.tasks = extract_tasks(src, document=document, structure=structure)
    result.units = build_gazetteer(result.tasks, document=document)
    result.annexes = extract_annexes(src, outline=structure, tasks=result.tasks, targets=result.targets)
    return result
