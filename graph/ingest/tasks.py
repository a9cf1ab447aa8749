"""Tasks. PLACEHOLDER until the task extractor lands."""

from __future__ import annotations

from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.text import SourceText


def extract_tasks(src: SourceText, *, document: DocumentRecord) -> list[TaskRecord]:
    return []
