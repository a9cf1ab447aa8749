"""A task with several lead units in the graph and in the contract's query columns."""

from __future__ import annotations

from pathlib import Path

from cchc_kg.graph import queries
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.loader import load_files
from cchc_kg.graph.rdf import task_triples
from cchc_kg.graph.store import open_store
from cchc_kg.graph.vocab import CCHC
from rdflib import URIRef

DATA = Path(__file__).parent / "data" / "task_tables"


def test_one_lead_unit_triple_per_unit() -> None:
    doc = DocumentRecord(source="x.txt", admin_unit="tỉnh Cao Nguyên")
    task = TaskRecord(line=3, title="Xây dựng bộ tiêu chí", lead="Sở Y tế", co_leads=("Sở Xây dựng", "Văn phòng UBND tỉnh"))
    leads = [o for _, p, o in task_triples(task, 0, doc=doc, doc_iri=URIRef("https://example.org/d")) if p == CCHC.leadUnit]
    assert len(set(leads)) == 3
    alone = TaskRecord(line=3, title="Xây dựng bộ tiêu chí", lead="Sở Y tế")
    assert len([p for _, p, _ in task_triples(alone, 0, doc=doc, doc_iri=URIRef("https://example.org/d"))
                if p == CCHC.leadUnit]) == 1


def test_tasks_query_joins_every_lead_label() -> None:
    store = open_store("memory:")
    try:
        report = load_files(store, [DATA / "joint_leads_ocr.txt"])
        assert not report.failed
        rows = list(store.query(queries.load("tasks").text).dicts())  # type: ignore[union-attr]
        table = {str(r["n"]): r for r in rows if r.get("n") is not None}
        joint = {part for part in str(table["2"]["lead"]).split("; ")}
        assert len(joint) == 2 and any("Noi vu" in p or "Nội vụ" in p for p in joint)
        assert "; " not in str(table["3"]["lead"])  # one lead unit, one label
        assert table["1"]["lead"] is not None and len(str(table["1"]["lead"]).split("; ")) >= 2
    finally:
        store.close()
