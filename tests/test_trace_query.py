"""The named query ``trace``: types and labels of the nodes it reaches, read graph by graph.

A national act is restated by every plan that cites it (its number and type in each citing
plan's graph), and an ingested plan is restated by the plans that cite it. The query reads a
node's label in its own graph and in the graph stating the hop that reached it, never over
the union of all graphs (which returned one copy per citing plan); these tests hold it to the
breadth-first walk of graph/trace.py, which reads each node over the union.
"""

from __future__ import annotations

import pytest
from cchc_kg.graph import iri, queries
from cchc_kg.graph.ingest.records import CitationRecord, DocumentRecord, ExtractionResult, TaskRecord
from cchc_kg.graph.rdf import result_graph
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.base import SelectResult, Store
from cchc_kg.graph.trace import trace_up

PROVINCE = "tỉnh Lâm Sơn"
NQ76 = CitationRecord(line=3, quote="Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", number="76/NQ-CP",
                      type="nghi_quyet", issuer="Chính phủ", issuer_source="code", date="2021-07-15",
                      role="legal_basis", clause="can_cu")
LAW = CitationRecord(line=4, quote="Luật Tổ chức chính quyền địa phương năm 2025", type="luat",
                     name="Luật Tổ chức chính quyền địa phương", year=2025, role="legal_basis", clause="can_cu")
PROVINCE_PLAN = CitationRecord(line=5, quote="Kế hoạch số 10/KH-UBND của UBND tỉnh Lâm Sơn", number="10/KH-UBND",
                               type="ke_hoach", issuer="UBND tỉnh Lâm Sơn", issuer_source="stated",
                               issuer_admin_unit=PROVINCE, date="2026-01-05", role="legal_basis", clause="can_cu")


def _plan(source: str, number: str, unit: str, *, parent: str | None, title: str,
          citations: list[CitationRecord]) -> ExtractionResult:
    return ExtractionResult(
        document=DocumentRecord(source=source, number=number, form="ke_hoach", issuer=f"UBND {unit}",
                                admin_unit=unit, parent_admin_unit=parent,
                                level="commune" if parent else "province", period="2026-2030",
                                date="2026-01-05" if parent is None else "2026-02-01", title=title),
        citations=citations,
        tasks=[TaskRecord(line=40, n="1", title=f"Rà soát thủ tục hành chính ({unit})", lead=None, kind="prose")],
        text_style="clean",
    )


PLANS = [
    _plan("lam-son.txt", "10/KH-UBND", PROVINCE, parent=None, title="Cải cách hành chính tỉnh Lâm Sơn",
          citations=[NQ76, LAW]),
    _plan("tan-phu.txt", "12/KH-UBND", "xã Tân Phú", parent=PROVINCE, title="Cải cách hành chính xã Tân Phú",
          citations=[NQ76, LAW, PROVINCE_PLAN]),
    _plan("an-binh.txt", "7/KH-UBND", "xã An Bình", parent=PROVINCE, title="Cải cách hành chính xã An Bình",
          citations=[NQ76, PROVINCE_PLAN]),
]


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path) -> Store:
    st = open_store("memory:") if request.param == "memory" else open_store(tmp_path / "ox")
    for plan in PLANS:
        st.replace_graph(iri.named_graph(plan.document.source), result_graph(plan, run_stamp="20260601T000000Z"))
    yield st
    st.close()


def _trace(st: Store, node: str) -> list[tuple[int, str, str, str, str]]:
    q = queries.load("trace")
    res = st.query(q.text, bindings=q.bind({"node": node}))
    assert isinstance(res, SelectResult) and tuple(res.variables) == q.columns
    return sorted((int(r["step"]), str(r["node"]), str(r["type"]), str(r["label"] or ""), str(r["via"]))
                  for r in res.dicts())


def _tasks(st: Store) -> list[str]:
    res = st.query("SELECT ?t WHERE { ?t a <https://w3id.org/cchc-kg/ontology#Task> }")
    assert isinstance(res, SelectResult)
    return sorted(str(r[0]) for r in res.rows)


def test_trace_reads_cited_acts_and_plans_as_the_walk_does(store: Store) -> None:
    tasks = _tasks(store)
    assert len(tasks) == 3
    for task in tasks:
        walked = sorted((s.step, s.node, s.type, s.label, s.via) for s in trace_up(store, task, max_steps=6))
        assert _trace(store, task) == walked


def test_trace_labels_of_restated_documents(store: Store) -> None:
    commune_task = next(t for t in _tasks(store) if "tan-phu" in t)
    rows = {node: (step, kind, label, via) for step, node, kind, label, via in _trace(store, commune_task)}
    by_label = {label: (step, kind, via) for step, kind, label, via in rows.values()}
    # The national act: number as the citing plans state it, once, at two hops.
    assert by_label["76/NQ-CP"] == (2, "Document", "eli:based_on")
    assert by_label["Luật Tổ chức chính quyền địa phương năm 2025"] == (2, "Law", "eli:based_on")
    # The province plan is restated (number, type) by both communes that cite it: its label
    # is the title its own graph states, and its type is Plan, as its own graph says.
    assert by_label["Cải cách hành chính tỉnh Lâm Sơn"] == (2, "Plan", "eli:based_on")
    assert by_label["Cải cách hành chính xã Tân Phú"] == (1, "Plan", "cchc:inDocument")
    assert len(rows) == 5
