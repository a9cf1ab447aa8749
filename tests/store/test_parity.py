"""Parity: every named query in queries/ answers the same rows on every back end.

The baseline is rdflib's in-memory store; Oxigraph (on disk) and Virtuoso (over HTTP) load
the same named graphs and must return the same multiset of rows. The queries are
enumerated from graph.queries.catalogue(), so a query added tomorrow is covered without
touching this file; a parameterised query runs once per sampled parameter value.

What "the same" means, and why:
- numbers compare by value (Oxigraph returns xsd:integer for xsd:positiveInteger,
  Virtuoso writes 92.5 for 92.50) and booleans by value;
- row order is ignored (ties under ORDER BY may come out in any order);
- a SAMPLE(...) column may legitimately pick a different member of its group, so only
  its presence is compared; a GROUP_CONCAT column compares its members as a multiset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from cchc_kg.graph import queries as named
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.base import SelectResult, Store
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from tests.store import fixture_plans
from tests.store.conftest import virtuoso_location

CATALOGUE = named.catalogue()
NUMERIC = {str(XSD[t]) for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "positiveInteger",
    "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
)}
_AGG = re.compile(
    r"(SAMPLE|GROUP_CONCAT)\s*\(((?:[^()]|\([^()]*\))*)\)\s*AS\s*\?(\w+)", re.IGNORECASE
)
CCHC = "https://w3id.org/cchc-kg/ontology#"
SAMPLE_TYPES = ("Target", "Task", "Plan", "Document", "Citation", "AdministrativeUnit")


def loosened_columns(text: str) -> dict[str, tuple[str, str]]:
    """Columns computed by SAMPLE or GROUP_CONCAT: name -> (function, separator)."""
    out = {}
    for func, inner, var in _AGG.findall(text):
        sep = re.search(r"SEPARATOR\s*=\s*(\"[^\"]*\"|'[^']*')", inner, re.IGNORECASE)
        out[var] = (func.upper(), sep.group(1)[1:-1] if sep else " ")
    return out


def norm_term(t: object) -> tuple:
    if t is None:
        return ("unbound",)
    if isinstance(t, URIRef):
        return ("iri", str(t))
    if isinstance(t, BNode):
        return ("bnode",)
    assert isinstance(t, Literal)
    dt = str(t.datatype) if t.datatype else None
    if dt in NUMERIC:
        try:
            return ("num", Decimal(str(t)).normalize())
        except InvalidOperation:
            pass
    if dt == str(XSD.boolean):
        return ("bool", str(t) in ("true", "1"))
    return ("lit", str(t), (t.language or "").lower(), dt if dt != str(XSD.string) else None)


def norm_rows(result: SelectResult, loose: dict[str, tuple[str, str]]) -> list[tuple]:
    rows = []
    for row in result.rows:
        cells = []
        for var, value in zip(result.variables, row, strict=True):
            if var in loose and loose[var][0] == "SAMPLE":
                cells.append(("sample", value is not None))
            elif var in loose and value is not None:
                cells.append(("concat", tuple(sorted(str(value).split(loose[var][1])))))
            else:
                cells.append(norm_term(value))
        rows.append(tuple(cells))
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def fixture_graphs() -> dict[str, str]:
    return fixture_plans.graphs()


def _load(store: Store, graphs: dict[str, str]) -> Store:
    for g, text in graphs.items():
        store.replace_graph_ntriples(URIRef(g), text)  # type: ignore[attr-defined]
    return store


@pytest.fixture(scope="module")
def stores(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fixture_graphs: dict[str, str]
) -> Iterator[dict[str, Store]]:
    opened = {
        "memory": _load(open_store("memory:"), fixture_graphs),
        "oxigraph": _load(open_store(tmp_path_factory.mktemp("parity") / "ox"), fixture_graphs),
    }
    try:
        server = request.getfixturevalue("virtuoso")
    except pytest.skip.Exception:
        server = None
    if server is not None:
        remote = open_store(virtuoso_location(server))
        for g in remote.graphs():
            remote.remove_graph(g)
        opened["virtuoso"] = _load(remote, fixture_graphs)
    yield opened
    for st in opened.values():
        st.close()


def sample_values(baseline: Store, param: named.Param) -> list[str]:
    """Parameter values drawn from the fixture data (IRIs of each kind of node)."""
    if param.type == "iri":
        values = []
        for cls in SAMPLE_TYPES:
            res = baseline.query(f"SELECT DISTINCT ?x WHERE {{ ?x a <{CCHC}{cls}> }} ORDER BY ?x LIMIT 2")
            assert isinstance(res, SelectResult)
            values += [str(r[0]) for r in res.rows]
        return values
    if param.type == "int":
        return ["2026", "1"]
    return ["sipas", "province", "commune", "lam-binh-2026-2030.txt"]


def cases(store: Store, q: named.NamedQuery) -> list[dict[str, str]]:
    if not q.params:
        return [{}]
    per_param = {p.name: sample_values(store, p) for p in q.params}
    width = max(len(v) for v in per_param.values())
    return [{n: vals[i % len(vals)] for n, vals in per_param.items()} for i in range(width)]


def test_fixture_loaded_alike(stores: dict[str, Store], fixture_graphs: dict[str, str]) -> None:
    expected = sum(t.count("\n") for t in fixture_graphs.values())
    for kind, st in stores.items():
        assert st.quad_count() == expected, kind
        assert [str(g) for g in st.graphs()] == sorted(fixture_graphs), kind


# Divergences found by this suite and reported, by query -> {back end: cause}. A listed pair
# that diverges makes the case xfail with its cause; any other divergence fails. The
# queries are being written now: remove an entry once its cause is fixed.
KNOWN: dict[str, dict[str, str]] = {
    "units": {"virtuoso": "Virtuoso 7.2 returns BIND(EXISTS {...}) as xsd:integer 0/1, not a boolean",
              "memory": "rdflib: ORDER BY over unbound values raises TypeError on some data"},
    "copied-higher-scope-violation": {
        "virtuoso": "Virtuoso 7.2 turns non-ASCII letters of a query's string literals into '?' in this CONCAT",
    },
    "stricter-target-violation": {"virtuoso": "Virtuoso 7.2 SR066 'Unsupported case in CONVERT'"},
    "weaker-target-violation": {"virtuoso": "Virtuoso 7.2 SR066 'Unsupported case in CONVERT'"},
}


def _run(st: Store, q: named.NamedQuery, values: dict[str, str]) -> object:
    try:
        return st.query(q.text, bindings=q.bind(values))
    except Exception as exc:  # noqa: BLE001 - a failure on one back end is a divergence to report
        return exc


def divergences(name: str, stores: dict[str, Store], *, baseline: str = "memory") -> list[tuple[str, str]]:
    """(back end, what differed) for every back end that does not answer like the baseline.

    A known Virtuoso failure is not re-run (Virtuoso spends ~15 s before failing some of
    them, and CI must stay fast): it is reported as the divergence it is known to be.
    """
    q = CATALOGUE[name]
    loose = loosened_columns(q.text)
    found: list[tuple[str, str]] = []
    if "virtuoso" in stores and "virtuoso" in KNOWN.get(name, {}):
        found.append(("virtuoso", "known, not re-run"))
        stores = {k: v for k, v in stores.items() if k != "virtuoso"}
    for values in cases(stores[baseline], q):
        want = _run(stores[baseline], q, values)
        if isinstance(want, Exception):
            found.append((baseline, f"{values}: {type(want).__name__}: {want}"))
            continue
        for kind, st in stores.items():
            if kind == baseline:
                continue
            got = _run(st, q, values)
            if isinstance(got, Exception):
                found.append((kind, f"{values}: {type(got).__name__}: {got}"))
            elif isinstance(want, SelectResult):
                if not isinstance(got, SelectResult) or got.variables != want.variables:
                    found.append((kind, f"{values}: columns differ"))
                elif norm_rows(got, loose) != norm_rows(want, loose):
                    a, b = norm_rows(want, loose), norm_rows(got, loose)
                    found.append((kind, f"{values}: {len(a)} rows on {baseline}, {len(b)} on {kind}; "
                                        f"first differing: {next((y for x, y in zip(a, b) if x != y), b[len(a):][:1])}"))
            elif isinstance(want, bool):
                if got != want:
                    found.append((kind, f"{values}: {got} != {want}"))
            elif not hasattr(got, "__len__") or len(got) != len(want):  # type: ignore[arg-type]
                found.append((kind, f"{values}: graph sizes differ"))
    return found


def unexplained(name: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Divergences not explained by KNOWN; one against the rdflib baseline is explained when
    either side is listed (when rdflib is the one that is wrong, every other back end differs)."""
    known = KNOWN.get(name, {})
    return [(k, d) for k, d in found if k not in known and "memory" not in known]


def check_parity(name: str, stores: dict[str, Store]) -> None:
    found = divergences(name, stores)
    unknown = unexplained(name, found)
    assert not unknown, f"{name}: " + "\n".join(f"[{k}] {d[:600]}" for k, d in unknown)
    if found:
        known = KNOWN[name]
        pytest.xfail("; ".join(f"{k}: {why}" for k, why in sorted(known.items())))


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_named_query_parity(name: str, stores: dict[str, Store]) -> None:
    check_parity(name, stores)


def test_parity_suite_sees_data(stores: dict[str, Store]) -> None:
    """Guard against a vacuous suite: the core lookups return rows on the fixture."""
    for name in ("documents", "citations"):
        q = CATALOGUE[name]
        res = stores["memory"].query(q.text)
        assert isinstance(res, SelectResult) and res.rows, name


def test_seed_ingest_parity(seeds_dir: Path, tmp_path: Path, stores: dict[str, Store]) -> None:
    """The real pipeline's output for the seeds loads and queries alike on every back end."""
    from cchc_kg.graph.iri import named_graph
    from cchc_kg.graph.loader import extract_file
    from cchc_kg.graph.rdf import result_graph
    from cchc_kg.graph.store import ntriples

    graphs = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        result = extract_file(path)
        graphs[str(named_graph(result.document.source))] = ntriples.triples(
            result_graph(result, run_stamp="20260601T000000Z")
        )
    # rdflib is left out here: some checks take it 30 s each on the seeds' 12k triples
    # (it is compared on the small fixture above); Oxigraph is the baseline instead.
    seeded = {"oxigraph": _load(open_store(tmp_path / "ox"), graphs)}
    if "virtuoso" in stores:
        remote = stores["virtuoso"]
        for g in remote.graphs():
            remote.remove_graph(g)
        seeded["virtuoso"] = _load(remote, graphs)
    try:
        problems = []
        for name in sorted(CATALOGUE):
            found = divergences(name, seeded, baseline="oxigraph")
            problems += [(name, k, d) for k, d in unexplained(name, found)]
        assert not problems, "\n".join(f"{n} [{k}] {d[:600]}" for n, k, d in problems)
    finally:
        seeded["oxigraph"].close()
