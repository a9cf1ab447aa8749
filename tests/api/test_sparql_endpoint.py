"""The SPARQL 1.1 endpoint through SPARQLWrapper against a real uvicorn server on loopback:
every result format, GET and POST (urlencoded and direct), the service description,
read-only refusal, named queries, and a pathological query cut off by the deadline while
other requests are still served."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
from xml.dom.minidom import Document

import httpx
import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from .conftest import NQ76_IRI, PROVINCE_IRI, WARD_IRI, WARD_TASK

NUMBERS = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
SELECT DISTINCT ?doc ?number WHERE { ?doc a cchc:Plan ; eli:id_local ?number } ORDER BY ?number"""
DESCRIBE_WARD = f"CONSTRUCT {{ <{WARD_IRI}> ?p ?o }} WHERE {{ <{WARD_IRI}> ?p ?o }}"
EXPECTED = {("12/KH-UBND", PROVINCE_IRI), ("89/KH-UBND", WARD_IRI)}


def wrapper(base: str, fmt: str, query: str, *, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(f"{base}/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method == "POST":
        sw.setMethod(POST)
    elif method == "POSTDIRECTLY":
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
    sw.setTimeout(30)
    return sw


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_select_json_every_protocol_method(live_server: str, method: str) -> None:
    data = wrapper(live_server, JSON, NUMBERS, method=method).query().convert()
    assert data["head"]["vars"] == ["doc", "number"]
    got = {(b["number"]["value"], b["doc"]["value"]) for b in data["results"]["bindings"]}
    assert got == EXPECTED
    assert all(b["doc"]["type"] == "uri" for b in data["results"]["bindings"])


def test_select_xml(live_server: str) -> None:
    doc = wrapper(live_server, XML, NUMBERS).query().convert()
    assert isinstance(doc, Document)
    uris = {n.firstChild.data for n in doc.getElementsByTagName("uri")}
    literals = {n.firstChild.data for n in doc.getElementsByTagName("literal")}
    assert uris == {PROVINCE_IRI, WARD_IRI} and literals == {"12/KH-UBND", "89/KH-UBND"}


def test_select_csv(live_server: str) -> None:
    body = wrapper(live_server, CSV, NUMBERS).query().convert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["doc", "number"]
    assert {(r[1], r[0]) for r in rows[1:]} == EXPECTED


def test_select_tsv(live_server: str) -> None:
    body = wrapper(live_server, TSV, NUMBERS).query().convert().decode("utf-8")
    lines = body.strip().split("\n")
    assert lines[0] == "?doc\t?number"
    assert f"<{WARD_IRI}>\t\"89/KH-UBND\"" in lines


def test_ask_json_and_xml(live_server: str) -> None:
    ask = f"ASK {{ <{WARD_IRI}> <http://data.europa.eu/eli/ontology#based_on> <{NQ76_IRI}> }}"
    assert wrapper(live_server, JSON, ask).query().convert()["boolean"] is True
    doc = wrapper(live_server, XML, ask.replace(NQ76_IRI, NQ76_IRI + "-missing")).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "false"


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_construct_formats(live_server: str, fmt: str) -> None:
    result = wrapper(live_server, fmt, DESCRIBE_WARD).query()
    converted = result.convert()
    if isinstance(converted, Graph):
        g = converted
    else:
        g = Graph().parse(data=converted, format={TURTLE: "turtle", N3: "turtle"}[fmt])
    numbers = {str(o) for o in g.objects(URIRef(WARD_IRI), URIRef("http://data.europa.eu/eli/ontology#id_local"))}
    assert numbers == {"89/KH-UBND"}
    assert (URIRef(WARD_IRI), URIRef("http://data.europa.eu/eli/ontology#based_on"), URIRef(NQ76_IRI)) in g


def test_construct_ntriples_by_accept(live_server: str) -> None:
    r = httpx.get(f"{live_server}/sparql", params={"query": DESCRIBE_WARD},
                  headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")
    g = Graph().parse(data=r.text, format="nt")
    assert len(g) > 5


def test_malformed_query_is_400_with_code(live_server: str) -> None:
    with pytest.raises(QueryBadFormed):
        wrapper(live_server, JSON, "SELECT * WHERE { ?s ?p }").query()
    r = httpx.get(f"{live_server}/sparql", params={"query": "SELEKT nothing"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_query"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
        ("application/x-www-form-urlencoded", "update=INSERT%20DATA%20%7B%20%3Curn%3Aa%3E%20%3Curn%3Ab%3E%20%3Curn%3Ac%3E%20%7D"),
    ],
)
def test_updates_are_refused(live_server: str, content_type: str, body: str) -> None:
    r = httpx.post(f"{live_server}/sparql", content=body, headers={"Content-Type": content_type})
    assert r.status_code == 403 and r.json()["error"]["code"] == "updates_refused"
    # ... and nothing changed.
    count = httpx.get(f"{live_server}/sparql", params={"query": "ASK { <urn:a> ?p ?o }"},
                      headers={"Accept": "application/sparql-results+json"}).json()
    assert count["boolean"] is False


def test_update_via_sparqlwrapper_is_rejected(live_server: str) -> None:
    # SPARQLWrapper recognises the update and posts it as update=...: 403, which it raises as is.
    sw = wrapper(live_server, JSON, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        sw.query()
    assert info.value.code == 403


def test_unsupported_body_type_is_415(live_server: str) -> None:
    r = httpx.post(f"{live_server}/sparql", content="x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_media_type"


def test_not_acceptable(live_server: str) -> None:
    r = httpx.get(f"{live_server}/sparql", params={"query": NUMBERS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["error"]["code"] == "not_acceptable"


def test_result_size_limit(live_server: str) -> None:
    r = httpx.get(f"{live_server}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "result_too_large"
    ok = httpx.get(f"{live_server}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"},
                   headers={"Accept": "application/sparql-results+json"})
    assert ok.status_code == 200 and len(ok.json()["results"]["bindings"]) == 50


def test_dataset_from_protocol_parameters(live_server: str) -> None:
    graph = "https://w3id.org/cchc-kg/id/graph/tinh-lam-son-2026"
    r = httpx.get(f"{live_server}/sparql", headers={"Accept": "application/sparql-results+json"},
                  params={"query": NUMBERS, "default-graph-uri": graph})
    got = {b["number"]["value"] for b in r.json()["results"]["bindings"]}
    assert got == {"12/KH-UBND"}


def test_service_description(live_server: str) -> None:
    r = httpx.get(f"{live_server}/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoints = set(g.objects(None, URIRef(sd + "endpoint")))
    assert endpoints == {URIRef(f"{live_server}/sparql")}
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV") in set(g.objects(None, URIRef(sd + "resultFormat")))
    examples = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"))}
    assert f"{live_server}/queries/documents" in examples


def test_named_query_with_bound_parameter(live_server: str) -> None:
    r = httpx.get(f"{live_server}/queries/trace", params={"node": WARD_TASK},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    nodes = {b["node"]["value"] for b in r.json()["results"]["bindings"]}
    assert NQ76_IRI in nodes
    # A value that tries to change the query is one (invalid) term, never SPARQL text.
    bad = httpx.get(f"{live_server}/queries/trace", params={"node": f"{WARD_TASK}> }} UNION {{ ?s ?p ?o"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_parameter"
    missing = httpx.get(f"{live_server}/queries/no-such-query")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_named_query_csv_columns_follow_the_contract(live_server: str) -> None:
    r = httpx.get(f"{live_server}/queries/documents", params={"format": "csv"})
    assert r.status_code == 200
    header = next(csv.reader(io.StringIO(r.text)))
    assert header == ["doc", "source", "number", "form", "issuer", "adminUnit", "level", "date", "period", "title"]


def test_cors_for_browser_query_pages(live_server: str) -> None:
    r = httpx.options(f"{live_server}/sparql", headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] in ("*", "http://yasgui.example")


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_pathological_query_is_cut_off_while_others_are_served(live_server: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        r = httpx.get(f"{live_server}/sparql", params={"query": CROSS_PRODUCT},
                      headers={"Accept": "application/sparql-results+json"}, timeout=60)
        outcome["status"], outcome["body"], outcome["seconds"] = r.status_code, r.json(), time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)  # the cross product is now running
    served = []
    while thread.is_alive():
        t0 = time.monotonic()
        r = httpx.get(f"{live_server}/api/resolve", params={"q": "kh 89"}, timeout=30)
        s = httpx.get(f"{live_server}/sparql", params={"query": NUMBERS},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
        served.append((r.status_code, s.status_code, time.monotonic() - t0, thread.is_alive()))
        time.sleep(0.1)
    thread.join()
    assert outcome["status"] == 503
    assert outcome["body"]["error"]["code"] == "query_timeout"  # type: ignore[index]
    assert 1.9 <= float(outcome["seconds"]) < 10  # type: ignore[arg-type]  # the 2 s deadline
    during = [s for s in served if s[3]]
    assert during, "no request completed while the runaway query ran"
    assert all(a == 200 and b == 200 and secs < 1.5 for a, b, secs, _ in during)
    # The server is healthy afterwards.
    after = httpx.get(f"{live_server}/sparql", params={"query": NUMBERS}, headers={"Accept": "text/csv"})
    assert after.status_code == 200 and "89/KH-UBND" in after.text


def test_json_errors_are_stable(live_server: str) -> None:
    r = httpx.get(f"{live_server}/sparql", params={"query": ""})
    body = r.json()
    assert r.status_code == 400 and set(body["error"]) == {"code", "message", "status"}
    assert json.dumps(body)  # plain JSON
