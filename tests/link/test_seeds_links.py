"""On the real seeds: Ô Diên's 2595/QĐ-UBND resolves to the unnumbered Hà Nội plan, Ngọc Hà
traces to 76/NQ-CP, An Hưng (Hải Phòng) is never linked to Hà Nội, and the hand-made sample
is reproduced with the precision/recall measured when the thresholds were set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def test_an_hung_is_never_linked_to_ha_noi(seeded) -> None:
    _, links = seeded
    other = links[OTHER]
    ha_noi = {links[CITY].doc.iri, "https://w3id.org/cchc-kg/id/doc/unnumbered/003-50b9a1e5b0ae6e07"} | {
        d.doc.iri for s, d in links.items() if d.doc.admin_unit and "ha noi" in d.doc.admin_unit.lower()}
    assert not any(p.higher in ha_noi or "ha-noi" in p.higher for p in other.plans)
    assert not other.tasks and not other.alignments and not other.resolutions


def test_hand_made_sample(seeded, seeds_dir) -> None:
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from eval_links import evaluate  # noqa: PLC0415

    store, _ = seeded
    gold = json.loads((REPO / "tests" / "data" / "links_manual.json").read_text(encoding="utf-8"))
    r = evaluate(store, gold, seeds_dir)
    # Measured 0.85 / 0.63 when the thresholds were set; extractor changes may move it a little.
    assert r["precision"] >= 0.7 and r["recall"] >= 0.5, r
