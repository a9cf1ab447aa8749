"""The named queries ``dashboard`` and ``province-tasks``: plans in, per-province facts out.

The fixture has what makes a national aggregate go wrong over the union of plan graphs:
two communes of the same name in different provinces (same administrative-unit IRI and,
with the same plan number, the same document IRI), a province name restated in every
commune's graph, and a province plan next to its communes' plans.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from cchc_kg.graph import iri, queries
from cchc_kg.graph.ingest.records import DocumentRecord, ExtractionResult, TargetRecord, TaskRecord, UnitRecord
from cchc_kg.graph.rdf import result_graph, unit_key
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.base import SelectResult, Store

LAM = "tỉnh Lâm Sơn"
HA = "tỉnh Hà Nguyên"


def _target(line: int, indicator: str, value: float, unit: str = "%") -> TargetRecord:
    return TargetRecord(line=line, text=f"{indicator} đạt {value:g}{unit}", indicator=indicator, comparator=">=",
                        value=value, unit=unit)


def _task(line: int, title: str, lead: str | None, coordinating: tuple[str, ...] = (),
          co_leads: tuple[str, ...] = ()) -> TaskRecord:
    return TaskRecord(line=line, n=str(line), title=title, lead=lead, coordinating=coordinating, kind="prose",
                      co_leads=co_leads)


def _plan(source: str, number: str, unit: str, *, parent: str | None, targets: list[TargetRecord],
          tasks: list[TaskRecord] = (), units: list[str] = ()) -> ExtractionResult:
    return ExtractionResult(
        document=DocumentRecord(
            source=source, number=number, form="ke_hoach", issuer=f"UBND {unit}", admin_unit=unit,
            parent_admin_unit=parent, level="commune" if parent else "province", period="2026-2030",
        ),
        targets=targets, tasks=list(tasks),
        units=[UnitRecord(key=unit_key(u), label=u) for u in units],
        text_style="clean",
    )


PLANS = [
    _plan("lam-son.txt", "10/KH-UBND", LAM, parent=None,
          targets=[_target(20, "sipas", 90), _target(21, "sipas", 85), _target(22, "dti", 5, "rank")],
          tasks=[_task(40, "Rà soát thủ tục hành chính", "Sở Nội vụ", ("Sở Tư pháp",))], units=["Sở Nội vụ"]),
    # Two communes both named "xã Tân Phú" (one in each province), both numbered 12/KH-UBND.
    _plan("tan-phu-lam-son.txt", "12/KH-UBND", "xã Tân Phú", parent=LAM,
          targets=[_target(30, "sipas", 95), _target(31, "dti", 3, "rank")],
          tasks=[_task(50, "Số hóa hồ sơ", "Công an xã"), _task(52, "Cập nhật thủ tục", None)],
          units=["Công an xã"]),
    _plan("tan-phu-ha-nguyen.txt", "12/KH-UBND", "xã Tân Phú", parent=HA,
          targets=[_target(30, "sipas", 80)],
          tasks=[_task(60, "Đối thoại với người dân", "Phòng Văn hóa - Xã hội")]),
]


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path) -> Store:
    st = open_store("memory:") if request.param == "memory" else open_store(tmp_path / "ox")
    for plan in PLANS:
        st.replace_graph(iri.named_graph(plan.document.source), result_graph(plan, run_stamp="20260601T000000Z"))
    yield st
    st.close()


def _rows(st: Store, name: str, **params: str) -> list[dict[str, str | None]]:
    q = queries.load(name)
    res = st.query(q.text, bindings=q.bind(params))
    assert isinstance(res, SelectResult) and tuple(res.variables) == q.columns
    return [{k: (str(v) if v is not None else None) for k, v in row.items()} for row in res.dicts()]


def test_the_two_communes_of_one_name_get_their_own_iris() -> None:
    """Same-named communes of two provinces are two units with two documents (iri.place);
    the dashboard must still count each plan in its own province."""
    a, b = (result_graph(p) for p in PLANS[1:])
    docs_a = {s for s in a.subjects() if "/doc/" in str(s)}
    docs_b = {s for s in b.subjects() if "/doc/" in str(s)}
    assert docs_a and docs_b and not docs_a & docs_b
    communes_a = {str(s) for s in a.subjects() if "/admin-unit/xa-tan-phu" in str(s)}
    communes_b = {str(s) for s in b.subjects() if "/admin-unit/xa-tan-phu" in str(s)}
    assert len(communes_a) == len(communes_b) == 1 and communes_a != communes_b


def test_dashboard_counts_each_plan_in_its_own_province(store: Store) -> None:
    rows = {(r["provinceName"], r["indicator"], r["unit"]): r for r in _rows(store, "dashboard")}
    assert set(rows) == {(LAM, "sipas", "%"), (LAM, "dti", "rank"), (HA, "sipas", "%")}
    lam = rows[(LAM, "sipas", "%")]
    assert (lam["plans"], lam["targets"]) == ("2", "3")
    assert (Decimal(lam["lowest"]), Decimal(lam["mean"]), Decimal(lam["highest"])) == (85, 90, 95)
    ha = rows[(HA, "sipas", "%")]
    assert (ha["plans"], ha["targets"], Decimal(ha["lowest"]), Decimal(ha["highest"])) == ("1", "1", 80, 80)
    dti = rows[(LAM, "dti", "rank")]
    assert (dti["plans"], dti["targets"], Decimal(dti["lowest"]), Decimal(dti["highest"])) == ("2", "2", 3, 5)
    assert rows[(HA, "sipas", "%")]["province"] == str(iri.admin_unit(HA))


def test_dashboard_mean_is_rounded_to_two_decimals(tmp_path) -> None:
    st = open_store("memory:")
    plan = _plan("x.txt", "1/KH-UBND", LAM, parent=None,
                 targets=[_target(1, "pci", 1), _target(2, "pci", 1), _target(3, "pci", 2)])
    st.replace_graph(iri.named_graph("x.txt"), result_graph(plan))
    (row,) = _rows(st, "dashboard")
    assert Decimal(row["mean"]) == Decimal("1.33")


def test_province_tasks_keeps_to_the_province(store: Store) -> None:
    rows = _rows(store, "province-tasks", province=str(iri.admin_unit(LAM)))
    assert [(r["source"], r["line"]) for r in rows] == [
        ("lam-son.txt", "40"), ("tan-phu-lam-son.txt", "50"), ("tan-phu-lam-son.txt", "52")]
    by_line = {r["line"]: r for r in rows}
    assert by_line["40"]["lead"] == "Sở Nội vụ" and by_line["40"]["coordinating"]
    assert by_line["50"]["lead"] == "Công an xã" and by_line["50"]["coordinating"] is None
    assert by_line["52"]["lead"] is None
    other = _rows(store, "province-tasks", province=str(iri.admin_unit(HA)))
    # No gazetteer entry for that unit in its plan: the IRI's slug, as in the tasks query.
    assert [(r["source"], r["line"], r["lead"]) for r in other] == [
        ("tan-phu-ha-nguyen.txt", "60", "phong-van-hoa-xa-hoi")]


def test_province_tasks_answers_like_tasks_for_its_plans(store: Store) -> None:
    """Same rows and cells as the tasks listing restricted to the province's plan files."""
    everything = _rows(store, "tasks")
    for province, sources in ((LAM, {"lam-son.txt", "tan-phu-lam-son.txt"}), (HA, {"tan-phu-ha-nguyen.txt"})):
        want = [r for r in everything if r["source"] in sources]
        got = _rows(store, "province-tasks", province=str(iri.admin_unit(province)))
        norm = [{**r, "coordinating": sorted((r["coordinating"] or "").split("; "))} for r in got]
        assert norm == [{**r, "coordinating": sorted((r["coordinating"] or "").split("; "))} for r in want]


def test_province_tasks_needs_an_iri(store: Store) -> None:
    from cchc_kg.graph.errors import QueryError

    with pytest.raises(QueryError, match="absolute IRI"):
        queries.load("province-tasks").bind({"province": "Lâm Sơn"})


def test_province_tasks_joins_several_lead_units_like_tasks(tmp_path) -> None:
    """A cell naming several lead units: all of them, joined with "; " (as the tasks query)."""
    plan = _plan("lead.txt", "3/KH-UBND", LAM, parent=None, targets=[],
                 tasks=[_task(7, "Số hóa hồ sơ", "Sở Nội vụ", ("Sở Tư pháp",), co_leads=("Sở Tài chính",)),
                        _task(9, "Đối thoại", "Sở Nội vụ")],
                 units=["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp"])
    for st in (open_store("memory:"), open_store(tmp_path / "ox")):
        st.replace_graph(iri.named_graph("lead.txt"), result_graph(plan, run_stamp="20260601T000000Z"))
        rows = {r["line"]: r for r in _rows(st, "province-tasks", province=str(iri.admin_unit(LAM)))}
        assert sorted(rows["7"]["lead"].split("; ")) == ["Sở Nội vụ", "Sở Tài chính"]
        assert rows["7"]["coordinating"] == "Sở Tư pháp"
        assert rows["9"]["lead"] == "Sở Nội vụ"
        assert len(rows) == 2  # several lead units do not multiply the task's row
        st.close()
