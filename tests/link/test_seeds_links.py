"""On the real seeds: Ô Diên's 2595/QĐ-UBND resolves to the unnumbered Hà Nội plan, Ngọc Hà
traces to 76/NQ-CP, An Hưng (Hải Phòng) is never linked to Hà Nội, and the hand-made sample
is reproduced with the precision/recall measured when the thresholds were set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cchc_kg.graph import iri
from cchc_kg.graph.link.fetch import read_items
from cchc_kg.graph.link.run import link_store
from cchc_kg.graph.loader import discover, load_files
from cchc_kg.graph.store import open_store
from cchc_kg.graph.trace import reaches, trace_up

REPO = Path(__file__).resolve().parents[2]
CITY, COMMUNE, WARD, OTHER = ("001_56f9d8290ca64f89.txt", "002_db8bd46d2dd6e5b9.txt",
                              "000_d447d9ceaf123079.txt", "004_bd54f3207198ef7a.txt")


@pytest.fixture(scope="module")
def seeded(seeds_dir, tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("seeds") / "store")  # Oxigraph: fast enough for five plans
    files, _ = discover([seeds_dir])
    loaded = load_files(store, files)
    assert not loaded.failed, [f"{o.path.name}: {o.error}" for o in loaded.failed]
    report = link_store(store)
    yield store, {d.doc.source: d for d in report.linked}
    store.close()


def test_commune_resolves_the_city_plan_it_cites(seeded) -> None:
    _, links = seeded
    commune, city = links[COMMUNE], links[CITY]
    res = [r for r in commune.resolutions if r.doc.iri == city.doc.iri]
    assert res and res[0].citation is not None and "2595" in (res[0].citation.number or "")
    assert any(p.higher == city.doc.iri and p.relation == "applies" for p in commune.plans)


def test_ward_links_to_the_city_plan_and_traces_to_the_national_programme(seeded) -> None:
    store, links = seeded
    ward, city = links[WARD], links[CITY]
    assert any(p.higher == city.doc.iri for p in ward.plans)
    assert ward.tasks, "the ward's tasks serve some city targets or task groups"
    task = next(t.lower.iri for t in ward.tasks)
    assert reaches(trace_up(store, task), label_contains="76/NQ-CP")


def test_every_ngoc_ha_task_traces_to_76_nq_cp(seeded) -> None:
    from cchc_kg.graph import queries

    store, links = seeded
    q = queries.load("trace")
    tasks = {i.iri for i in read_items(store, links[WARD].doc.iri) if i.kind == "task"}
    assert len(tasks) > 50
    missing = []
    for task in sorted(tasks):
        labels = [str(r["label"]) for r in store.query(q.text, bindings=q.bind({"node": task})).dicts()]
        if not any("76/NQ-CP" in lb for lb in labels):
            missing.append(task)
    assert not missing, missing[:5]


def test_an_hung_meets_ha_noi_only_through_national_documents(seeded) -> None:
    store, links = seeded
    other = links[OTHER]
    hn_docs = {d.doc.iri for d in links.values() if d.doc.source != OTHER and d.scope.province == "ha noi"} | {
        links[CITY].doc.iri}
    assert not any(p.higher in hn_docs or "ha-noi" in p.higher for p in other.plans)
    assert not other.tasks and not other.alignments and not other.resolutions
    assert all(p.relation == "applies" and p.citation is not None for p in other.plans)  # its own basis only
    # no Hà Nội document links into An Hưng either, and the only documents both reach are national
    an_hung_items = {i.iri for i in read_items(store, other.doc.iri)} | {other.doc.iri}
    for d in links.values():
        assert not {t.higher.iri for t in d.tasks} & an_hung_items
        assert not {a.higher.iri for a in d.alignments} & an_hung_items
    hn_higher = {p.higher for d in links.values() if d.doc.source != OTHER for p in d.plans}
    shared = [p for p in other.plans if p.higher in hn_higher]
    assert all(p.citation is not None and p.citation.number and iri.is_national_number(p.citation.number)
               for p in shared), [(p.higher, p.citation and p.citation.number) for p in shared]


def test_hand_made_sample(seeded, seeds_dir) -> None:
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from eval_links import evaluate

    store, _ = seeded
    gold = json.loads((REPO / "tests" / "data" / "links_manual.json").read_text(encoding="utf-8"))
    r = evaluate(store, gold, seeds_dir)
    # Measured 0.85 / 0.63 on the first sample; 1.00 / 0.69 on the extended sample (issue 5
    # follow-up); extractor changes may move it a little.
    assert r["precision"] >= 0.85 and r["recall"] >= 0.6, r
    assert r["by_kind"]["TargetAlignment"]["fp"] == 0, r["details"]


def test_aligned_target_relations_on_the_seeds(seeded) -> None:
    """What a reader expects of Ô Diên and Ngọc Hà against the city's 2026-2030 targets."""
    _, links = seeded
    rel: dict[tuple[str, str, str], set[str]] = {}
    for s in (COMMUNE, WARD):
        for a in links[s].alignments:
            rel.setdefault((s[:3], a.lower.indicator, a.higher.indicator), set()).add(a.relation)
    assert rel[("002", "sipas", "sipas")] == {"same"}  # "Chỉ số SIPAS đạt tối thiểu 89%" / "95%" restated
    # Ward line 82, "hài lòng khi sử dụng DVC tại UBND phường và DVC trực tuyến từ 90% trở lên",
    # is read as satisfaction with procedures and with online services (targets_manual_000.json):
    # 90 % against the city's 95 % for online services (2026-2027) is weaker.
    assert ("000", "sipas", "sipas") not in rel
    assert rel[("000", "online_service_satisfaction", "online_service_satisfaction")] == {"weaker"}
    assert rel[("000", "online_payment", "online_payment")] == {"related"}  # 2026 step to the 2028-2030 milestone
    assert rel[("002", "online_payment", "online_payment")] == {"stricter"}  # 100 % vs 90 %
    assert rel[("002", "data_governance_maturity_level", "data_governance_maturity_level")] >= {"same", "stricter"}
    assert rel[("002", "dti", "dti")] == {"related"}  # a commune's rank is not a city's rank
    assert rel[("000", "online_public_service_full", "online_public_service_full")] == {"same", "weaker"}
