"""Document metadata (number, form, issuer, admin unit, level, date, period, title, signer).

PLACEHOLDER until the metadata extractor lands: returns only the source name.
"""

from __future__ import annotations

from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.text import SourceText


def extract_document(src: SourceText) -> DocumentRecord:
    return DocumentRecord(source=src.source)
