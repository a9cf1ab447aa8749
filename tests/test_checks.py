"""Each consistency check has a failing and a passing fixture (W3C test-suite style).

Fixtures live in tests/checks/: ``<check>.fail.trig`` must produce at least one finding of
that check, ``<check>.pass.trig`` none. Files starting with ``_`` are shared context
(prefixes, a city and a ward plan) prepended to every fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph import checks
from cchc_kg.graph.store.memory import MemoryStore
from cchc_kg.graph.store.oxigraph import OxigraphStore
from rdflib import Dataset

HERE = Path(__file__).parent / "checks"
CONTEXT = "".join(p.read_text(encoding="utf-8") for p in sorted(HERE.glob("_*.trig")))
CHECKS = sorted(checks.check_name(q) for q in checks.check_queries())


def load(fixture: Path, backend: str) -> MemoryStore | OxigraphStore:
    ds = Dataset()
    ds.parse(data=CONTEXT + fixture.read_text(encoding="utf-8"), format="trig")
    store = MemoryStore() if backend == "memory" else OxigraphStore(None)
    for g in ds.graphs():
        if len(g) and str(g.identifier) != "urn:x-rdflib:default":
            store.replace_graph(g.identifier, g)
    return store


def test_every_check_has_both_fixtures() -> None:
    for name in CHECKS:
        assert (HERE / f"{name}.fail.trig").is_file(), f"missing tests/checks/{name}.fail.trig"
        assert (HERE / f"{name}.pass.trig").is_file(), f"missing tests/checks/{name}.pass.trig"


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
@pytest.mark.parametrize("name", CHECKS)
def test_failing_fixture_fails(name: str, backend: str) -> None:
    report = checks.run_checks(load(HERE / f"{name}.fail.trig", backend), only=[name])
    assert report.findings, f"{name}: the failing fixture produced no finding"
    for f in report.findings:
        assert f.source and f.line and f.message and f.message_en and f.focus


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
@pytest.mark.parametrize("name", CHECKS)
def test_passing_fixture_passes(name: str, backend: str) -> None:
    report = checks.run_checks(load(HERE / f"{name}.pass.trig", backend), only=[name])
    assert not report.findings, [f.message_en for f in report.findings]


def test_report_formats_and_conformance() -> None:
    report = checks.run_checks(load(HERE / "weaker-target.fail.trig", "oxigraph"))
    assert not report.conforms
    header = checks.to_csv(report).splitlines()[0]
    assert header == "check,severity,focus,source,line,message"
    assert '"conforms": false' in checks.to_json(report)
    assert "weaker-target" in checks.to_text(report, lang="en")


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_superseded_basis_reports_each_plan_and_basis_once(backend: str) -> None:
    """One finding per (plan, superseded document, newer document), however many plans cite
    the newer one or lines cite the old one: at the first citing line, naming the first
    place that cites the successor (the defect was one finding per plan citing the successor)."""
    report = checks.run_checks(load(HERE / "superseded-basis.fail.trig", backend), only=["superseded-basis"])
    keys = [(f.source, f.focus, f.evidence.get("newer")) for f in report.findings]
    assert len(keys) == len(set(keys)), keys
    found = {(f.source, f.focus.rsplit("/doc/", 1)[-1]): f for f in report.findings}
    assert set(found) == {
        ("ward.txt", "61-2018-nd-cp/2018"),
        ("ward.txt", "30c-nq-cp/2011"),
        ("ward2.txt", "152-2017-nd-cp/2017"),
    }, sorted(found)
    basis = found[("ward.txt", "30c-nq-cp/2011")]
    assert basis.line == 8
    assert (basis.evidence["otherSource"], basis.evidence["otherLine"]) == ("other.txt", "9")
    assert basis.evidence["role"] == "legal_basis"
    assert found[("ward.txt", "61-2018-nd-cp/2018")].evidence["basis"] == "reference"


def test_copied_scope_prefilter_is_the_phrase_patterns() -> None:
    """copied-higher-scope scans every text with one alternation before naming the phrase;
    it must stay exactly the phrase patterns of its VALUES block, or a phrase added there
    would silently never be reported."""
    import re

    text = next(q for q in checks.check_queries() if checks.check_name(q) == "copied-higher-scope").text
    values = text[text.index("VALUES (?phrase ?pattern)"):]
    patterns = re.findall(r'\(\s*"[^"]*"\s+"([^"]*)"\s*\)', values[: values.index("}")])
    prefilter = re.search(r'FILTER\(REGEX\(STR\(\?text\), "([^"]*)", "i"\)\)', text)
    assert len(patterns) == 4 and prefilter
    assert prefilter.group(1) == "|".join(patterns)


DRIVEN = [q for q in checks.check_queries() if q.extra.get("evaluate") == checks.DRIVING]


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
@pytest.mark.parametrize("outcome", ["fail", "pass"])
@pytest.mark.parametrize("query", DRIVEN, ids=lambda q: q.name)
def test_driven_check_answers_like_the_plain_query(query, outcome: str, backend: str) -> None:
    """Driving a check by its first sub-select (rows handed on as VALUES) is an evaluation
    order, not a different check: same rows, same multiplicity, as the .rq run as written."""
    store = load(HERE / f"{checks.check_name(query)}.{outcome}.trig", backend)
    plain_rows = store.query(query.text)
    driven_rows = checks.run_check_query(store, query)
    assert sorted(map(repr, driven_rows.rows)) == sorted(map(repr, plain_rows.rows))  # type: ignore[union-attr]


def test_driving_block_is_the_first_nested_select() -> None:
    text = "PREFIX x: <urn:x:>\n# title: no SELECT here\nSELECT ?a WHERE {\n  { SELECT ?a WHERE { ?a x:p ?b } }\n  ?a x:q ?c .\n}\n"
    start, end = checks.driving_block(text)  # type: ignore[misc]
    assert text[start:end] == "{ SELECT ?a WHERE { ?a x:p ?b } }"
    assert checks.driving_block("SELECT ?a WHERE { ?a ?b ?c }") is None
