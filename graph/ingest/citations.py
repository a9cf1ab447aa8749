"""Legal citations. PLACEHOLDER until the citation extractor lands."""

from __future__ import annotations

from cchc_kg.graph.ingest.records import CitationRecord, DocumentRecord
from cchc_kg.graph.ingest.text import SourceText


def extract_citations(src: SourceText, *, document: DocumentRecord) -> list[CitationRecord]:
    return []
