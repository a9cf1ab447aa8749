"""Organisational-unit gazetteer. PLACEHOLDER until the unit resolver lands."""

from __future__ import annotations

from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord, UnitRecord


def build_gazetteer(tasks: list[TaskRecord], *, document: DocumentRecord) -> list[UnitRecord]:
    return []
