"""Parameter binding puts exactly one RDF term per parameter into the WHERE group."""

from __future__ import annotations

import pytest
from cchc_kg.graph.errors import QueryError
from cchc_kg.graph.sparql_bind import bind_values
from rdflib import Literal, URIRef


@pytest.mark.parametrize(
    ("query", "expected_prefix"),
    [
        ("SELECT ?a WHERE { ?a ?b ?c }", "SELECT ?a WHERE { VALUES (?x) { (<http://e/1>) }"),
        ("SELECT ?a { ?a ?b ?c }", "SELECT ?a { VALUES (?x) { (<http://e/1>) }"),
        (
            "# header with a { brace\nPREFIX e: <http://e/{x}>\nSELECT ?a WHERE { ?a ?b '{' }",
            "# header with a { brace\nPREFIX e: <http://e/{x}>\nSELECT ?a WHERE { VALUES",
        ),
    ],
)
def test_values_block_goes_into_the_outer_where(query: str, expected_prefix: str) -> None:
    bound = bind_values(query, {"x": URIRef("http://e/1")})
    assert bound.startswith(expected_prefix)


def test_literals_are_escaped() -> None:
    bound = bind_values("SELECT * WHERE { ?s ?p ?x }", {"x": Literal('a"b')})
    assert '("a\\"b")' in bound


@pytest.mark.parametrize("iri", ["http://e/a b", "http://e/>", 'http://e/"', ""])
def test_invalid_iris_are_refused(iri: str) -> None:
    with pytest.raises(QueryError):
        bind_values("SELECT * WHERE { ?s ?p ?x }", {"x": URIRef(iri)})


def test_invalid_variable_name_is_refused() -> None:
    with pytest.raises(QueryError):
        bind_values("SELECT * WHERE { ?s ?p ?x }", {"x) } DROP ALL": URIRef("http://e/")})


def test_variable_tokens_become_constants_outside_strings_and_iris() -> None:
    q = 'SELECT ?a WHERE { ?x ?p ?a . FILTER(?a != "?x") } # ?x in a comment'
    bound = bind_values(q, {"x": URIRef("http://e/1")})
    assert '<http://e/1> ?p ?a' in bound and '"?x"' in bound and "# ?x in a comment" in bound
    assert bind_values(q, {"x": URIRef("http://e/1")}, substitute=False).count("?x ?p") == 1


def test_oxigraph_falls_back_to_values_when_a_constant_cannot_stand() -> None:
    from cchc_kg.graph.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    res = store.query("SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?x", bindings={"x": URIRef("http://e/1")})
    assert res.variables == ["x", "n"]


@pytest.mark.parametrize(
    "query",
    [
        "CONSTRUCT { ?x <http://e/p> ?o } WHERE { ?x <http://e/q> ?o }",
        "CONSTRUCT { ?x <http://e/p> '}' } { ?x <http://e/q> ?o }",
        "CONSTRUCT WHERE { ?x <http://e/q> ?o }",
        "DESCRIBE ?x WHERE { ?x <http://e/q> ?o }",
        "ASK { ?x <http://e/q> ?o }",
    ],
)
def test_every_query_form_binds_into_its_pattern(query: str) -> None:
    from rdflib.plugins.sparql import prepareQuery

    bound = bind_values(query, {"x": URIRef("http://e/1")})
    prepareQuery(bound)  # still valid SPARQL
    assert "<http://e/1> <http://e/q> ?o" in bound
    if "CONSTRUCT WHERE" not in query:  # the short form's pattern is its template: no VALUES
        template_end = bound.index("}") if query.startswith("CONSTRUCT {") else 0
        assert "VALUES (?x)" in bound[template_end:]
