"""End to end on a memory store: links written per document, named queries, trace, network,
re-linking, and the other province's commune never linked to Hà Nội."""

from __future__ import annotations

from cchc_kg.graph import iri, network, queries
from cchc_kg.graph.link.run import affected_sources, link_store
from cchc_kg.graph.trace import reaches, rests_on, trace_up

from .fixtures import CITY, OTHER, WARD, lexicon

CITY_IRI = str(iri.draft_document(CITY.document.source))


def run(store, name, **params):
    q = queries.load(name)
    res = store.query(q.text, bindings=q.bind(params))
    assert tuple(res.variables) == q.columns
    return [{k: (str(v) if v is not None else "") for k, v in row.items()} for row in res.dicts()]


def target_iri(result, text) -> str:
    i = next(i for i, t in enumerate(result.targets) if t.text == text)
    return str(iri.target(result.document.source, result.targets[i].line, i))


def task_iri(result, n) -> str:
    i = next(i for i, t in enumerate(result.tasks) if t.n == n)
    return str(iri.task(result.document.source, result.tasks[i].line, i))


def test_each_document_gets_its_own_link_graph(linked) -> None:
    store, report = linked
    graphs = {str(g) for g in store.graphs()}
    for r in (CITY, WARD, OTHER):
        assert str(iri.links_graph(r.document.source)) in graphs
    assert len(report.linked) == 4


def test_implementing_tasks_of_a_city_target(linked) -> None:
    store, _ = linked
    rows = run(store, "implementing-tasks", target=target_iri(CITY, "Chỉ số SIPAS đạt tối thiểu 89%"))
    sources = {r["source"] for r in rows}
    assert WARD.document.source in sources and "commune_thanh_tri_2026_2030.md" in sources
    assert OTHER.document.source not in sources
    survey = next(r for r in rows if "khao sat" in r["title"])
    assert survey["relation"] == "direct" and "SIPAS" in survey["evidence"] and survey["lead"]
    assert "chỉ số" in survey["evidence"]  # the evidence is written for a Vietnamese reader
    restated = next(r for r in rows if r["source"] == "commune_thanh_tri_2026_2030.md")
    assert restated["relation"] == "same"  # the commune restates the city target verbatim
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_aligned_targets_both_directions(linked) -> None:
    store, _ = linked
    city_sipas = target_iri(CITY, "Chỉ số SIPAS đạt tối thiểu 89%")
    down = run(store, "aligned-targets", target=city_sipas)
    assert {(r["source"], r["relation"], r["value"]) for r in down} >= {
        (WARD.document.source, "stricter", "90"), ("commune_thanh_tri_2026_2030.md", "same", "89")}
    up = run(store, "aligned-targets", target=target_iri(WARD, WARD.targets[0].text))
    assert any(r["target"] == city_sipas and r["relation"] == "stricter" for r in up)


def test_trace_from_a_ward_task_reaches_the_national_programme(linked) -> None:
    store, _ = linked
    rows = run(store, "trace", node=task_iri(WARD, "2"))
    labels = " | ".join(r["label"] for r in rows)
    assert "76/NQ-CP" in labels and "282/QĐ-TTg" in labels
    assert rows[0]["step"] == "0" and rows[0]["type"] == "Task"
    assert [r["node"] for r in rows if r["step"] == "0"] == [task_iri(WARD, "2")]
    assert len({r["node"] for r in rows}) == len(rows)
    city = next(r for r in rows if r["node"] == CITY_IRI)
    assert city["type"] == "Plan" and city["via"] in ("eli:applies", "cchc:inDocument", "cchc:resolvedTo")
    steps = trace_up(store, task_iri(WARD, "2"))
    assert reaches(steps, label_contains="76/NQ-CP")
    assert {s.node: s.step for s in steps}[CITY_IRI] == min(
        r_step for r_step in (int(r["step"]) for r in rows if r["node"] == CITY_IRI))


def test_everything_resting_on_the_city_plan(linked) -> None:
    store, _ = linked
    down = rests_on(store, CITY_IRI)
    srcs = {s.node for s in down}
    assert task_iri(WARD, "2") in srcs and str(iri.document(iri.document_key("45/KH-UBND", year=2026, scope="phường Láng", province="thành phố Hà Nội"))) in srcs
    assert not any(OTHER.document.source.split(".")[0].replace("_", "-") in s.node for s in down)


def test_other_province_never_linked_to_ha_noi(linked) -> None:
    store, report = linked
    other = next(d for d in report.linked if d.doc.source == OTHER.document.source)
    assert other.scope.province == "hai phong"
    assert all(p.higher != CITY_IRI for p in other.plans) and not other.tasks and not other.alignments
    ask = """PREFIX prov: <http://www.w3.org/ns/prov#>
    ASK { GRAPH ?g { ?x ?p ?y } FILTER(CONTAINS(STR(?g), "other-tien-lang") && CONTAINS(STR(?y), "city-hn")) }"""
    assert store.query(ask) is False
    # Hải Phòng's 1807/QĐ-UBND stays its own cited resource, distinct from Hà Nội's.
    assert any("thanh-pho-hai-phong/1807" in p.higher for p in other.plans)


def test_relinking_replaces_and_never_duplicates(linked) -> None:
    store, _ = linked
    before = store.quad_count()
    link_store(store, sources=[WARD.document.source], lexicon=lexicon(), stamp="20260702T000000Z")
    assert store.quad_count() == before


def test_coverage_query_and_network_views(linked, tmp_path) -> None:
    store, _ = linked
    rows = run(store, "coverage")
    sipas = [r for r in rows if r["text"] == "Chỉ số SIPAS đạt tối thiểu 89%"]
    assert {r["lowerSource"] for r in sipas} == {WARD.document.source, "commune_thanh_tri_2026_2030.md"}
    assert all(r["lowerSource"] != OTHER.document.source for r in rows)
    g = network.cross_level_graph(store)
    cov = {c.label: c for c in network.coverage(g)}
    assert cov["Chỉ số SIPAS đạt tối thiểu 89%"].n_plans == 2
    assert "Chỉ số chuyển đổi số (DTI) xếp trong nhóm 05 tỉnh, thành phố đứng đầu" in cov
    assert task_iri(WARD, "5") in network.orphan_tasks(g)  # the roof repair serves no city target
    network.export_graphml(g, tmp_path / "links.graphml")
    assert (tmp_path / "links.graphml").stat().st_size > 1000


def test_affected_sources_after_ingesting_the_city(linked) -> None:
    store, _ = linked
    got = affected_sources(store, [CITY.document.source])
    assert WARD.document.source in got and "commune_thanh_tri_2026_2030.md" in got
    assert OTHER.document.source not in got
