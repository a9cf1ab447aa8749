"""Incremental whole-graph validation (graph/validate_cache.py): a full run, a cold run that fills
the cache and warm runs after re-ingesting, replacing or removing graphs give the same results,
also for facts that span graphs (a cited decree two plans date differently, a shared unit)."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
from cchc_kg.graph import validate, validate_cache
from cchc_kg.graph.cli import app
from cchc_kg.graph.store import open_store
from rdflib import Graph, URIRef
from typer.testing import CliRunner

ID = "https://w3id.org/cchc-kg/id/"
PREFIXES = """
@prefix cchc: <https://w3id.org/cchc-kg/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix area: <https://w3id.org/cchc-kg/vocab/area/> .
@prefix level: <https://w3id.org/cchc-kg/vocab/level/> .
"""


def plan(key: str, *, run: str, cited_date: str, year: str = "2026", lead: bool = True, extra_task: bool = False,
         types_unit: bool = True, cite_line: int = 5) -> Graph:
    """One commune plan: it cites Decision 1294/QĐ-UBND (shared with the other plan), and has a
    table task led by the province's Department of Home Affairs (a unit both plans name)."""
    lead_triple = "cchc:leadUnit id:org/tinh-x/so-noi-vu ;" if lead else ""
    extra = f"""
    id:task/{key}/40-0 a cchc:Task ; cchc:inDocument id:doc/{key} ; dcterms:title "Rà soát, đơn giản hóa TTHC"@vi ;
        cchc:taskKind "prose" ; cchc:sourceFile "{key}.txt" ; cchc:sourceLine 40 ; cchc:deadline "2031" ;
        cchc:reformArea area:procedures .""" if extra_task else ""
    text = PREFIXES + f"""
    id:graph/{key} prov:wasGeneratedBy id:run/{run} .
    id:doc/{key} a cchc:Plan ; cchc:textStyle "ocr" ; cchc:sourceFile "{key}.txt" ; cchc:sourceLine 1 ;
        eli:id_local "12/KH-UBND" ; eli:date_document "{year}-01-10"^^xsd:date ; cchc:level level:commune ;
        cchc:period "2026-2030" ; cchc:periodStart "2026"^^xsd:gYear ; cchc:periodEnd "2030"^^xsd:gYear ;
        eli:passed_by id:org/ubnd-{key} ; eli:based_on id:doc/1294-qd-ubnd .
    id:org/ubnd-{key} a cchc:PublicBody ; skos:prefLabel "UBND {key}"@vi .
    id:doc/1294-qd-ubnd a cchc:Document ; eli:id_local "1294/QĐ-UBND" ; eli:date_document "{cited_date}"^^xsd:date .
    id:citation/{key}/{cite_line}-0 a cchc:Citation ; cchc:citingDocument id:doc/{key} ; cchc:citedDocument id:doc/1294-qd-ubnd ;
        cchc:citationRole "legal_basis" ; cchc:basisClause "can_cu" ; cchc:statedNumber "1294/QĐ-UBND" ;
        cchc:sourceFile "{key}.txt" ; cchc:sourceLine {cite_line} ; cchc:originalText "Căn cứ Quyết định số 1294/QĐ-UBND" .
    {"id:org/tinh-x/so-noi-vu a cchc:OrganizationalUnit ." if types_unit else ""}
    id:task/{key}/30-0 a cchc:Task ; cchc:inDocument id:doc/{key} ; dcterms:title "Số hóa hồ sơ TTHC"@vi ;
        cchc:taskKind "table" ; {lead_triple} cchc:sourceFile "{key}.txt" ; cchc:sourceLine 30 ;
        cchc:reformArea area:digital_government .{extra}
    """
    # Turtle local names cannot hold '/': write the IRIs out.
    text = re.sub(r"(?<![\w:])id:([\w/.-]*[\w])", lambda m: f"<{ID}{m.group(1)}>", text)
    return Graph().parse(data=text, format="turtle")


def _keys(report: validate.ValidationReport) -> list[tuple]:
    return [(r.focus, r.severity, r.path, r.value, r.source, r.line, r.message_en) for r in report.results]


def _full(path: Path) -> list[tuple]:
    st = open_store(path)
    try:
        return _keys(validate.validate_store(st, engine="pyshacl")[0])
    finally:
        st.close()
        del st
        gc.collect()  # Oxigraph keeps its file lock until the handle is freed


def _incremental(path: Path) -> validate.ValidationReport:
    st = open_store(path)
    try:
        return validate_cache.validate_store(st, cache_dir=validate_cache.default_cache_dir(path), engine="pyshacl")
    finally:
        st.close()
        del st
        gc.collect()  # Oxigraph keeps its file lock until the handle is freed


def _put(path: Path, key: str, g: Graph | None) -> None:
    st = open_store(path)
    try:
        if g is None:
            st.remove_graph(URIRef(ID + "graph/" + key))
        else:
            st.replace_graph(URIRef(ID + "graph/" + key), g)
    finally:
        st.close()
        del st
        gc.collect()  # Oxigraph keeps its file lock until the handle is freed


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    _put(path, "xa-a", plan("xa-a", run="r1-a", cited_date="2025-06-02", types_unit=False))
    _put(path, "xa-b", plan("xa-b", run="r1-b", cited_date="2025-06-20", lead=False))
    return path


def test_cold_and_warm_runs_equal_a_full_validation_across_reingests(store: Path) -> None:
    full = _full(store)
    # The decree's two dates only conflict over the union: a cross-graph result.
    assert any(f.endswith("doc/1294-qd-ubnd") and "different issue dates" in m for f, *_, m in full)
    cold = _incremental(store)
    assert cold.scope.startswith("union (cold")
    assert _keys(cold) == full
    same = _incremental(store)  # nothing changed: nothing re-validated
    assert _keys(same) == full and same.timings["revalidated_foci"] == 0

    # Re-ingest plan b: same decree date as plan a (the conflict goes), its task gets a lead,
    # and a prose task whose deadline lies outside the plan period appears.
    _put(store, "xa-b", plan("xa-b", run="r2-b", cited_date="2025-06-02", extra_task=True))
    warm = _incremental(store)
    assert 0 < warm.timings["revalidated_foci"] < 20
    assert _keys(warm) == _full(store)
    assert not any("different issue dates" in k[-1] for k in _keys(warm))

    # Re-ingest plan a with a new conflicting date: plan b's unchanged graph is involved again.
    _put(store, "xa-a", plan("xa-a", run="r2-a", cited_date="2024-12-31", types_unit=False))
    assert _keys(_incremental(store)) == _full(store)

    # Plan a's citation of the decree moves to line 3: the decree's results are only located
    # again (it is cited, not re-validated), at the new first place that cites it.
    _put(store, "xa-a", plan("xa-a", run="r3-a", cited_date="2024-12-31", types_unit=False, cite_line=3))
    warm = _incremental(store)
    assert _keys(warm) == _full(store)
    assert warm.timings["relocated_nodes"] >= 1
    assert {(k[4], k[5]) for k in _keys(warm) if k[0].endswith("doc/1294-qd-ubnd")} == {("xa-a.txt", 3)}

    # Plan b no longer lists the unit in its gazetteer: plan a's unchanged task, led by it, now
    # names an unknown unit (a neighbour's triples changed in another graph).
    _put(store, "xa-b", plan("xa-b", run="r3-b", cited_date="2025-06-02", types_unit=False))
    warm = _incremental(store)
    assert _keys(warm) == _full(store)
    assert any(k[0].endswith("task/xa-a/30-0") and "gazetteer" in k[-1] for k in _keys(warm))
    _put(store, "xa-b", plan("xa-b", run="r4-b", cited_date="2025-06-02"))
    assert _keys(_incremental(store)) == _full(store)

    # A removed plan takes its results with it; the decree is now described by plan b only.
    _put(store, "xa-a", None)
    warm = _incremental(store)
    assert _keys(warm) == _full(store)
    assert not any("xa-a" in k[0] for k in _keys(warm))


def test_a_changed_shape_or_ontology_makes_the_next_run_cold(store: Path, monkeypatch) -> None:
    _incremental(store)
    assert _incremental(store).scope.startswith("union (incremental")
    monkeypatch.setattr(validate_cache, "config_hash", lambda: "shapes edited")
    assert _incremental(store).scope.startswith("union (cold")


def test_a_broken_cache_is_rebuilt_not_a_crash(store: Path) -> None:
    _incremental(store)
    (validate_cache.default_cache_dir(store) / "results.pkl").write_bytes(b"not a pickle")
    report = _incremental(store)
    assert report.scope.startswith("union (cold") and _keys(report) == _full(store)


def test_cli_keeps_the_cache_beside_the_store_unless_no_cache(store: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["validate", "--store", str(store), "--engine", "pyshacl", "--format", "json"])
    assert first.exit_code == 1, first.output  # plan b's table task has no lead unit: a Violation
    assert (store.parent / "store.shacl-cache" / "manifest.json").exists()
    gc.collect()  # the CLI's store handle
    again = runner.invoke(app, ["validate", "--store", str(store), "--engine", "pyshacl", "--format", "json"])
    assert again.exit_code == 1 and again.stdout.split('"results"')[1] == first.stdout.split('"results"')[1]
    gc.collect()
    plain = runner.invoke(app, ["validate", "--store", str(store), "--engine", "pyshacl", "--format", "json", "--no-cache"])
    assert plain.stdout.split('"results"')[1] == first.stdout.split('"results"')[1]
