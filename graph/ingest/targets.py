"""Quantified targets. PLACEHOLDER until the target extractor lands."""

from __future__ import annotations

from cchc_kg.graph.ingest.records import DocumentRecord, TargetRecord
from cchc_kg.graph.ingest.text import SourceText


def extract_targets(src: SourceText, *, document: DocumentRecord) -> list[TargetRecord]:
    return []
