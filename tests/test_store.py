"""Store behaviour every back end must have: atomic replace, idempotent re-ingest, bindings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cchc_kg.graph.errors import QueryError, StoreError
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.base import SelectResult, Store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

G1 = URIRef("https://w3id.org/cchc-kg/id/graph/a")
G2 = URIRef("https://w3id.org/cchc-kg/id/graph/b")
S = URIRef("https://w3id.org/cchc-kg/id/doc/x")


def graph_of(*labels: str) -> Graph:
    g = Graph()
    for label in labels:
        g.add((S, RDFS.label, Literal(label, lang="vi")))
    return g


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    st = open_store("memory:" if request.param == "memory" else tmp_path / "store")
    yield st
    st.close()


def labels(store: Store) -> list[str]:
    res = store.query("SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
    assert isinstance(res, SelectResult)
    return [str(r[0]) for r in res.rows]


def test_replace_is_idempotent(store: Store) -> None:
    store.replace_graph(G1, graph_of("một", "hai"))
    store.replace_graph(G1, graph_of("một", "hai"))
    assert labels(store) == ["hai", "một"]
    assert store.quad_count() == 2


def test_replace_drops_what_the_old_version_said(store: Store) -> None:
    store.replace_graph(G1, graph_of("cũ"))
    store.replace_graph(G2, graph_of("khác"))
    store.replace_graph(G1, graph_of("mới"))
    assert labels(store) == ["khác", "mới"]
    assert store.graphs() == [G1, G2]


def test_bindings_are_terms_not_text(store: Store) -> None:
    store.replace_graph(G1, graph_of("một"))
    q = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    res = store.query(q, bindings={"s": S})
    assert isinstance(res, SelectResult) and len(res.rows) == 1
    # A hostile value is refused: it could not be a single IRI.
    evil = URIRef("https://x/> } ; DROP ALL ; SELECT * { <https://x/")
    with pytest.raises(QueryError):
        store.query(q, bindings={"s": evil})
    # A literal with quotes is escaped and matches nothing.
    res = store.query(q, bindings={"l": Literal('x" } ; DROP ALL ; #')})
    assert isinstance(res, SelectResult) and res.rows == []
    assert labels(store) == ["một"]


def test_malformed_query_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        store.query("SELEC nonsense {")


def test_failed_replace_leaves_previous_graph(tmp_path: Path) -> None:
    st = open_store(tmp_path / "store")
    st.replace_graph(G1, graph_of("trước"))
    bad = Graph()
    bad.add((S, RDFS.label, Literal("x", datatype=URIRef("not an iri with spaces"))))
    with pytest.raises(StoreError):
        st.replace_graph(G1, bad)
    assert labels(st) == ["trước"]
    st.close()


def test_on_disk_store_persists_across_reopen(tmp_path: Path) -> None:
    st = open_store(tmp_path / "store")
    st.replace_graph(G1, graph_of("bền"))
    st.close()
    st = open_store(tmp_path / "store")
    assert labels(st) == ["bền"]
    st.close()


def test_store_path_that_is_a_file_is_a_store_error(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError):
        open_store(f)
