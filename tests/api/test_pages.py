"""Web pages (server-rendered, Vietnamese first) and dereferenceable IRIs with content
negotiation, through TestClient."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from .conftest import NQ76_IRI, PROVINCE_IRI, PROVINCE_TARGET, WARD_IRI, WARD_TASK

HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}


def test_search_page_vietnamese_by_default_and_english_on_request(client: TestClient) -> None:
    vi = client.get("/", params={"q": "kh 89"})
    assert vi.status_code == 200 and '<html lang="vi">' in vi.text
    assert "Tra cứu" in vi.text and "89/KH-UBND" in vi.text
    en = client.get("/", params={"q": "kh 89", "lang": "en"})
    assert '<html lang="en">' in en.text and "Results for" in en.text
    assert en.cookies.get("cchc_lang") == "en" or "cchc_lang=en" in en.headers.get("set-cookie", "")
    client.cookies.clear()


def test_search_without_diacritics_finds_the_national_act(client: TestClient) -> None:
    page = client.get("/", params={"q": "nghi quyet 76"}).text
    assert f"/doc?iri={quote(NQ76_IRI, safe='')}" in page


def test_document_page_shows_citations_both_ways(client: TestClient) -> None:
    page = client.get("/doc", params={"iri": PROVINCE_IRI}).text
    assert "12/KH-UBND" in page and "76/NQ-CP" in page and "282/QĐ-TTg" in page
    assert f"/doc?iri={quote(WARD_IRI, safe='')}" in page  # cited by the ward plan
    assert "căn cứ pháp lý" in page


def test_trace_page_reaches_76(client: TestClient) -> None:
    page = client.get("/trace", params={"node": WARD_TASK}).text
    assert 'id="national"' in page and "76/NQ-CP" in page and "class=\"ok\"" in page


def test_target_page_flags_weaker_targets(client: TestClient) -> None:
    page = client.get("/target", params={"iri": PROVINCE_TARGET}).text
    assert "rel-weaker" in page and "yếu hơn" in page
    assert "phuong-hoa-binh-2026.txt" in page  # implementing tasks grouped by ward


def test_checks_and_query_pages(client: TestClient) -> None:
    checks = client.get("/checks")
    assert checks.status_code == 200 and "Kiểm tra nhất quán" in checks.text
    query = client.get("/query")
    assert query.status_code == 200 and "implementing-tasks" in query.text and "/static/query.js" in query.text
    assert client.get("/static/query.js").status_code == 200


def test_unknown_document_page_is_an_html_404(client: TestClient) -> None:
    r = client.get("/doc", params={"iri": "https://w3id.org/cchc-kg/id/doc/none"}, headers=HTML)
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "not_found" in r.text


def _path(iri: str) -> str:
    return "/id/" + iri.removeprefix("https://w3id.org/cchc-kg/id/")


@pytest.mark.parametrize(
    ("iri", "page"),
    [(WARD_IRI, "/doc?iri="), (PROVINCE_TARGET, "/target?iri="), (WARD_TASK, "/trace?node=")],
)
def test_iri_redirects_browsers_to_its_page(client: TestClient, iri: str, page: str) -> None:
    r = client.get(_path(iri), headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == page + quote(iri, safe="")


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [("text/turtle", "turtle", "text/turtle"), ("application/ld+json", "json-ld", "application/ld+json"),
     ("application/n-triples", "nt", "application/n-triples"), ("application/rdf+xml", "xml", "application/rdf+xml")],
)
def test_iri_gives_machines_rdf(client: TestClient, accept: str, fmt: str, media: str) -> None:
    r = client.get(_path(WARD_IRI), headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    g = Graph().parse(data=r.text, format=fmt)
    assert (URIRef(WARD_IRI), URIRef("http://data.europa.eu/eli/ontology#based_on"), URIRef(PROVINCE_IRI)) in g
    assert set(g.subjects()) == {URIRef(WARD_IRI)}


def test_unknown_iri_is_404(client: TestClient) -> None:
    r = client.get("/id/doc/nothing/here", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.get("/id/doc/nothing/here", headers=HTML)
    assert r.status_code == 404


def test_sparql_get_from_a_browser_opens_the_query_page(client: TestClient) -> None:
    r = client.get("/sparql", headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/query"
