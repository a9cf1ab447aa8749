"""Remote-store pieces that need no server: endpoint layouts, term mapping, errors, N-Triples."""

from __future__ import annotations

import socket

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from cchc_kg.graph.errors import StoreError
from cchc_kg.graph.store import ntriples
from cchc_kg.graph.store.endpoints import from_location
from cchc_kg.graph.store.remote import RemoteStore, repair_mojibake, term_from_json


@pytest.mark.parametrize(
    ("url", "query", "update", "gsp", "auth"),
    [
        ("http://h:8890/sparql-auth", "http://h:8890/sparql-auth", "http://h:8890/sparql-auth",
         "http://h:8890/sparql-graph-crud-auth", "digest"),
        ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud", "basic"),
        ("http://h:3030/cchc", "http://h:3030/cchc", "http://h:3030/cchc", "http://h:3030/cchc", "basic"),
        ("http://h:3030/cchc/sparql", "http://h:3030/cchc/sparql", "http://h:3030/cchc/update", "http://h:3030/cchc/data", "basic"),
        ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements",
         "http://h:7200/repositories/kg/rdf-graphs/service", "basic"),
        ("https://example.org/sparql/", "https://example.org/sparql", "https://example.org/sparql", None, "basic"),
    ],
)
def test_endpoint_layouts(url: str, query: str, update: str, gsp: str | None, auth: str) -> None:
    ep = from_location(url, env={})
    assert (ep.query, ep.update, ep.gsp, ep.auth) == (query, update, gsp, auth)


def test_environment_and_credentials_in_url() -> None:
    ep = from_location("http://u%40x:p%3Aw@h:8890/sparql", env={"CCHC_SPARQL_GSP": "none", "CCHC_SPARQL_AUTH": "digest"})
    assert (ep.user, ep.password, ep.gsp, ep.auth) == ("u@x", "p:w", None, "digest")
    assert ep.query == "http://h:8890/sparql" and "p:w" not in repr(ep)
    with pytest.raises(StoreError):
        from_location("ftp://h/sparql", env={})
    with pytest.raises(StoreError):
        from_location("http://h/sparql", env={"CCHC_SPARQL_AUTH": "kerberos"})


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Văn bản 282/QÄ\x90-TTg", "Văn bản 282/QĐ-TTg"),
        ("Quyết định ngày à é", "Quyết định ngày à é"),  # genuine Vietnamese is left alone
        ("plain ascii", "plain ascii"),
        ("Điều 1".encode("utf-8").decode("latin-1"), "Điều 1"),
    ],
)
def test_virtuoso_mojibake_repair(damaged: str, repaired: str) -> None:
    assert repair_mojibake(damaged) == repaired


def test_json_terms() -> None:
    assert term_from_json({"type": "uri", "value": "http://a"}) == URIRef("http://a")
    assert term_from_json({"type": "bnode", "value": "b1"}) == BNode("b1")
    assert term_from_json({"type": "literal", "value": "x", "xml:lang": "vi"}) == Literal("x", lang="vi")
    t = term_from_json({"type": "typed-literal", "value": "1", "datatype": str(XSD.boolean)})
    assert t == Literal("true", datatype=XSD.boolean)
    s = term_from_json({"type": "literal", "value": "x", "datatype": str(XSD.string)})
    assert s == Literal("x")


def test_unreachable_server_is_a_store_error_after_retries() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the block ends: nothing listens there
    st = RemoteStore(f"http://127.0.0.1:{port}/sparql", retries=1, backoff=0.01, timeout=2)
    with pytest.raises(StoreError, match="after 2 attempts"):
        st.query("ASK { ?s ?p ?o }")
    st.close()


def test_ntriples_writer_round_trips_and_refuses_bad_iris() -> None:
    g = Graph()
    s = URIRef("https://w3id.org/cchc-kg/id/task/x/1")
    for i, o in enumerate([Literal('a "b"\n\\c\r', lang="vi"), Literal("7", datatype=XSD.positiveInteger),
                           Literal("Đ"), BNode("n-1"), URIRef("https://w3id.org/cchc-kg/id/x?y=1#z")]):
        g.add((s, URIRef(f"https://w3id.org/cchc-kg/ontology#p{i}"), o))
    back = Graph().parse(data=ntriples.triples(g), format="nt")
    assert isomorphic(g, back)
    for bad in ("not an iri", "https://x/a b", "https://x/<a>", "relative/path"):
        with pytest.raises(ValueError):
            ntriples.iri(bad)
