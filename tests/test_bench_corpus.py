"""Smoke tests of the benchmark corpus generator (bench/) and a 5-plan parallel ingest."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from cchc_kg.graph.loader import load_files
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.base import SelectResult

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import corpus_geo
import generate_corpus


def test_country_has_the_real_counts() -> None:
    provinces, communes = corpus_geo.country(7)
    assert len(provinces) == 34 and len(communes) == 3321
    assert Counter(c.kind for c in communes) == {"xa": 2621, "phuong": 687, "dac_khu": 13}
    for p in provinces:  # names unique within a province
        names = [c.name for c in communes if c.province is p]
        assert len(names) == len(set(names))


@pytest.mark.parametrize(("size", "communes"), [(1, 33), (10, 332)])
def test_sample_sizes(size: int, communes: int) -> None:
    provinces, picked = corpus_geo.sample(7, size)
    assert len(picked) == communes
    assert {c.province.index for c in picked} <= {p.index for p in provinces}


def test_generation_is_deterministic_and_styled(tmp_path: Path) -> None:
    a = generate_corpus.generate(0.15, tmp_path / "a", seed=3)
    b = generate_corpus.generate(0.15, tmp_path / "b", seed=3)
    assert a == b
    for m in a:
        assert (tmp_path / "a" / m["source"]).read_bytes() == (tmp_path / "b" / m["source"]).read_bytes()
    c = generate_corpus.generate(0.15, tmp_path / "c", seed=4)
    assert [m["source"] for m in c] != [m["source"] for m in a] or any(
        (tmp_path / "a" / x["source"]).read_bytes() != (tmp_path / "c" / y["source"]).read_bytes()
        for x, y in zip(a, c, strict=False))
    assert json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8")) == a


def test_five_plan_sample_ingests_in_parallel(tmp_path: Path) -> None:
    manifest = generate_corpus.generate(0.15, tmp_path / "corpus", seed=7)
    province = next(m for m in manifest if m["level"] == "province")
    communes = [m for m in manifest if m["level"] == "commune"][:4]
    files = [tmp_path / "corpus" / m["source"] for m in [province, *communes]]
    st = open_store("memory:")
    report = load_files(st, files, jobs=2)
    assert not report.failed, [o.error for o in report.failed]
    assert all(o.triples > 100 for o in report.loaded)
    res = st.query("SELECT ?source ?level WHERE { ?d <https://w3id.org/cchc-kg/ontology#sourceFile> ?source ; "
                   "<https://w3id.org/cchc-kg/ontology#level> ?l . BIND(REPLACE(STR(?l), '^.*/', '') AS ?level) }")
    assert isinstance(res, SelectResult)
    levels = {str(s): str(lv) for s, lv in res.rows}
    assert levels.get(province["source"]) == "province"
    assert sum(1 for m in communes if levels.get(m["source"]) == "commune") >= 3
    # Each commune plan cites its province plan's number.
    number = province["number"]
    res = st.query("SELECT ?source ?n WHERE { ?c a <https://w3id.org/cchc-kg/ontology#Citation> ; "
                   "<https://w3id.org/cchc-kg/ontology#statedNumber> ?n ; <https://w3id.org/cchc-kg/ontology#sourceFile> ?source }")
    assert isinstance(res, SelectResult)
    citing = {str(s) for s, n in res.rows if str(n) == number}
    assert len(citing & {m["source"] for m in communes}) >= 3
