"""`cchc-kg validate`: exit codes (0 conforms, 1 violations, 2 error), text/json/ttl output,
results located by source file and line, per-graph mode."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from cchc_kg.graph import validate, validate_jena
from cchc_kg.graph.cli import app
from cchc_kg.graph.store import open_store
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from typer.testing import CliRunner

from .conftest import EXAMPLES

runner = CliRunner()
CASES = Path(__file__).parent / "shapes" / "cases.trig"
CASE = "https://w3id.org/cchc-kg/test/shapes/case/"
ID = "https://w3id.org/cchc-kg/id/"


def _store(tmp_path: Path, *case_names: str, drop: URIRef | None = None) -> Path:
    """An on-disk store holding the named fixture graphs of tests/shapes/cases.trig
    (without the triples of predicate ``drop``)."""
    ds = Dataset()
    ds.parse(CASES, format="trig")
    path = tmp_path / "store"
    st = open_store(path)
    try:
        for name in case_names:
            g = Graph()
            for t in ds.graph(URIRef(CASE + name)):
                if t[1] != drop:
                    g.add(t)
            assert len(g), name
            st.replace_graph(URIRef(ID + "graph/" + name), g)
    finally:
        st.close()
    return path


def _validate(store: Path, *args: str):
    """The CLI on pySHACL unless the test names an engine (one JVM start per call is slow)."""
    engine = [] if "--engine" in args else ["--engine", "pyshacl"]
    return runner.invoke(app, ["validate", "--store", str(store), *engine, *args])


JENA = validate_jena.available()
needs_jena = pytest.mark.skipif(JENA is not None, reason=f"Jena engine unavailable: {JENA}")


@needs_jena
def test_jena_and_pyshacl_give_identical_results_on_every_fixture(tmp_path: Path) -> None:
    # Every failing and passing case of tests/shapes at once: each result field must agree
    # (focus, severity, messages vi/en, path, value, source, line, shape, constraint).
    ds = Dataset()
    ds.parse(CASES, format="trig")
    names = sorted(str(g.identifier)[len(CASE):] for g in ds.graphs() if str(g.identifier).startswith(CASE))
    store = _store(tmp_path, *names)
    st = open_store(store)
    try:
        jena = validate.validate_store(st, engine="jena")[0]
        pyshacl = validate.validate_store(st, engine="pyshacl")[0]
    finally:
        st.close()
    assert jena.engine == "jena" and pyshacl.engine == "pyshacl"
    assert len(pyshacl.results) > 100
    assert jena.results == pyshacl.results
    assert jena.conforms is pyshacl.conforms is False


@needs_jena
def test_cli_names_the_engine_and_jena_ttl_is_a_validation_report(tmp_path: Path) -> None:
    store = _store(tmp_path, "valid-plan", "percent-fail")
    res = _validate(store, "--engine", "jena", "--format", "json")
    assert res.exit_code == 1, res.output
    assert "SHACL engine: jena" in res.stderr
    assert json.loads(res.stdout)["engine"] == "jena"
    ttl = Graph().parse(data=_validate(store, "--engine", "jena", "--format", "ttl").stdout, format="turtle")
    report = next(ttl.subjects(RDF.type, SH.ValidationReport))
    assert URIRef(ID + "target/l") in {ttl.value(r, SH.focusNode) for r in ttl.objects(report, SH.result)}


def test_without_java_auto_falls_back_to_pyshacl_and_jena_exits_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    validate_jena.setup.cache_clear()
    try:
        store = _store(tmp_path, *_case_names()[: validate.JENA_MIN_GRAPHS])
        auto = _validate(store, "--engine", "auto", "--format", "json")
        assert auto.exit_code == 1, auto.output
        assert "SHACL engine: pyshacl (Jena unavailable: no Java runtime" in auto.stderr
        assert json.loads(auto.stdout)["engine"] == "pyshacl"
        forced = _validate(store, "--engine", "jena")
        assert forced.exit_code == 2
        assert "Jena engine cannot run: no Java runtime" in forced.stderr
        assert _validate(store, "--engine", "fast").exit_code == 2
    finally:
        validate_jena.setup.cache_clear()


def _case_names() -> list[str]:
    ds = Dataset()
    ds.parse(CASES, format="trig")
    return sorted(str(g.identifier)[len(CASE):] for g in ds.graphs() if str(g.identifier).startswith(CASE))


def test_auto_takes_pyshacl_for_a_small_store_so_one_plan_stays_under_a_second(tmp_path: Path) -> None:
    res = _validate(_store(tmp_path, "valid-plan"), "--engine", "auto", "--format", "json")
    assert res.exit_code == 0, res.output
    assert "SHACL engine: pyshacl (small store (1 graphs)" in res.stderr
    assert validate.choose_engine("auto", graphs=1)[0] == "pyshacl"
    assert validate.choose_engine("auto", per_graph=True, graphs=500)[0] == "pyshacl"


def test_jena_without_jars_says_where_it_looked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CCHC_JENA_LIB", str(tmp_path / "no-jena"))
    validate_jena.setup.cache_clear()
    try:
        reason = validate_jena.available()
    finally:
        validate_jena.setup.cache_clear()
    assert reason is not None and "Apache Jena not found in" in reason and "jena-core.jar" in reason


def test_conforming_store_exits_0(tmp_path: Path) -> None:
    res = _validate(_store(tmp_path, "valid-plan"), "--lang", "en")
    assert res.exit_code == 0, res.output
    assert res.stdout.strip().splitlines()[-1].startswith("conforms: 0 violations, 0 warnings, 0 infos")


def test_violations_exit_1_and_are_located_in_the_source(tmp_path: Path) -> None:
    store = _store(tmp_path, "valid-plan", "target-fail")
    res = _validate(store, "--format", "json")
    assert res.exit_code == 1, res.output
    report = json.loads(res.stdout)
    assert report["conforms"] is False
    assert report["counts"]["Violation"] >= 9
    by_focus = {(r["focus"], r["path"]) for r in report["results"]}
    assert (ID + "target/k", "cchc:comparator") in by_focus
    result = next(r for r in report["results"] if r["path"] == "cchc:comparator")
    assert result["severity"] == "Violation"
    assert result["value"] == "≥"
    assert result["message_vi"] and result["message_en"] and result["message_vi"] != result["message_en"]


def test_warnings_alone_exit_0_unless_strict(tmp_path: Path) -> None:
    store = _store(tmp_path, "valid-plan", "document-date-fail")
    res = _validate(store)
    assert res.exit_code == 0, res.output
    assert "Warning" in res.stdout
    assert _validate(store, "--strict").exit_code == 1


def test_text_output_names_file_and_line(tmp_path: Path) -> None:
    # A citation of the valid plan loses its clause: the warning points at that citation's line.
    store = _store(tmp_path, "valid-plan", drop=URIRef("https://w3id.org/cchc-kg/ontology#basisClause"))
    res = _validate(store, "--lang", "vi")
    assert res.exit_code == 0, res.output
    lines = [line for line in res.stdout.splitlines() if "Warning" in line]
    assert lines and lines[0].startswith("kh-xa-binh-minh.txt:12\tWarning\tTrích dẫn là căn cứ pháp lý")


def test_ttl_output_is_a_w3c_validation_report(tmp_path: Path) -> None:
    res = _validate(_store(tmp_path, "valid-plan", "percent-fail"), "--format", "ttl")
    assert res.exit_code == 1, res.output
    g = Graph().parse(data=res.stdout, format="turtle")
    report = next(g.subjects(RDF.type, SH.ValidationReport))
    assert g.value(report, SH.conforms).toPython() is False
    focus = {g.value(r, SH.focusNode) for r in g.objects(report, SH.result)}
    assert URIRef(ID + "target/l") in focus


def test_per_graph_validation_finds_the_same_violations(tmp_path: Path) -> None:
    store = _store(tmp_path, "valid-plan", "citation-fail", "unit-kind-fail")
    union = json.loads(_validate(store, "--format", "json").stdout)
    per_graph = json.loads(_validate(store, "--format", "json", "--per-graph").stdout)
    key = lambda r: (r["focus"], r["path"], r["severity"])
    assert sorted(map(key, per_graph["results"])) == sorted(map(key, union["results"]))
    assert per_graph["conforms"] is False and per_graph["scope"] == "per-graph"
    ttl = Graph().parse(data=_validate(store, "--format", "ttl", "--per-graph").stdout, format="turtle")
    reports = list(ttl.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1 and ttl.value(reports[0], SH.conforms).toPython() is False
    assert len(list(ttl.objects(reports[0], SH.result))) == len(per_graph["results"])


@pytest.mark.parametrize(
    "args",
    [["--format", "xml"], ["--lang", "fr"]],
)
def test_bad_options_exit_2(tmp_path: Path, args) -> None:
    res = _validate(_store(tmp_path, "valid-plan"), *args)
    assert res.exit_code == 2


def test_missing_store_exits_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["validate", "--store", str(tmp_path / "nothing-here")])
    assert res.exit_code == 2
    assert "no store" in res.output
    assert not (tmp_path / "nothing-here").exists()


def test_broken_shapes_exit_2(tmp_path: Path, monkeypatch) -> None:
    def broken() -> Graph:
        raise validate.ShapesError("cannot parse the SHACL shapes: bad syntax")

    monkeypatch.setattr(validate, "shapes_graph", broken)
    res = _validate(_store(tmp_path, "valid-plan"))
    assert res.exit_code == 2
    assert "SHACL shapes" in res.output


def test_ingested_examples_validate_with_located_results(tmp_path: Path) -> None:
    store = tmp_path / "st"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store), "-q"]).exit_code == 0
    gc.collect()  # release the ingest run's store handle (Oxigraph keeps a file lock until freed)
    res = _validate(store, "--format", "json")
    assert res.exit_code in (0, 1), res.output
    report = json.loads(res.stdout)
    sources = {p.name for p in EXAMPLES.iterdir()}
    for r in report["results"]:
        if "/id/task/" in r["focus"] or "/id/target/" in r["focus"] or "/id/citation/" in r["focus"]:
            assert r["source"] in sources and r["line"] >= 1, r


def test_sparql_constraint_messages_keep_both_languages(tmp_path: Path) -> None:
    # pySHACL drops the language tag when it fills in {?value}; the report recovers it.
    res = _validate(_store(tmp_path, "valid-plan", "target-period-fail"), "--format", "json")
    result = next(
        r for r in json.loads(res.stdout)["results"]
        if r["focus"] == ID + "target/o" and r["constraint"] == "SPARQLConstraintComponent"
    )
    assert result["message_vi"].startswith("Giai đoạn của chỉ tiêu (2031-2035)")
    assert result["message_en"].startswith("The target's period (2031-2035)")


@needs_jena
def test_jena_failing_before_reading_the_store_is_an_error_not_a_hang(tmp_path: Path, monkeypatch) -> None:
    # Java exits at once on unreadable shapes: the store writer waiting on the pipe is released.
    bad = tmp_path / "bad-shapes.nt"
    bad.write_text("<not n-triples\n", encoding="utf-8")
    monkeypatch.setattr(validate_jena, "jena_shapes", lambda: (bad, {}))
    st = open_store(_store(tmp_path, "valid-plan"))
    try:
        with pytest.raises(validate.ShapesError, match="Jena validation failed"):
            validate_jena.validate_store(st, timeout=120)
    finally:
        st.close()


def test_only_the_triples_shapes_read_are_pulled_and_results_do_not_change(tmp_path: Path) -> None:
    # Link scores, titles, provenance ... are never read by a shape: leaving them in the store
    # must not change a single result, and they must not be pulled out for validation.
    ds = Dataset()
    ds.parse(CASES, format="trig")
    names = sorted(str(g.identifier)[len(CASE):] for g in ds.graphs() if str(g.identifier).startswith(CASE))
    st = open_store(_store(tmp_path, *names))
    extra = Graph()
    extra.add((URIRef(ID + "task/x"), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), URIRef(ID + "source/x")))
    st.replace_graph(URIRef(ID + "graph/extra"), extra)
    try:
        full = validate.validate_graph(validate.store_graph(st))
        reduced_data = validate.store_graph(st, only_shape_data=True)
        reduced = validate.validate_graph(reduced_data)
    finally:
        st.close()
    predicates = validate.shape_predicates()
    assert predicates is not None
    assert "https://w3id.org/cchc-kg/ontology#leadUnit" in predicates  # a property shape's path
    assert "https://w3id.org/cchc-kg/ontology#periodStart" in predicates  # read by SPARQL only
    assert "https://w3id.org/cchc-kg/ontology#levelRank" in predicates  # idem
    assert "http://purl.org/dc/terms/title" in predicates
    assert "http://www.w3.org/ns/prov#wasDerivedFrom" not in predicates
    assert len(reduced_data) < full.data_triples
    assert reduced.results == full.results and len(full.results) > 100


def test_a_sparql_query_with_a_variable_predicate_disables_the_reduction(monkeypatch) -> None:
    g = Graph()
    for t in validate.shapes_graph():
        g.add(t)
    g.add((URIRef("urn:x"), SH.select, Literal("SELECT $this WHERE { $this ?p ?o }")))
    monkeypatch.setattr(validate, "shapes_graph", lambda: g)
    validate.shape_predicates.cache_clear()
    try:
        assert validate.shape_predicates() is None
    finally:
        validate.shape_predicates.cache_clear()
