"""Issue 7: trusted lookups run in process (no sandbox fork), node facts are remembered per
snapshot, and the reshaped document queries still answer what they answered before."""

from __future__ import annotations

import pytest
from cchc_kg.api.facts import FactCache
from cchc_kg.api.service import QueryService
from fastapi.testclient import TestClient

from .conftest import NQ76_IRI, PROVINCE_IRI, PROVINCE_TARGET, WARD_IRI, WARD_TASK


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/trace", {"node": WARD_TASK}), ("/api/document", {"iri": WARD_IRI}),
     ("/api/document", {"iri": NQ76_IRI}), ("/api/implementing-tasks", {"target": PROVINCE_TARGET}),
     ("/api/target", {"iri": PROVINCE_TARGET}), ("/queries/trace", {"node": WARD_TASK, "format": "json"})],
)
def test_trusted_lookups_do_not_use_the_sandbox(client: TestClient, monkeypatch: pytest.MonkeyPatch,
                                                path: str, params: dict[str, str]) -> None:
    service: QueryService = client.app.state.service

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a trusted lookup went through the forking sandbox")

    monkeypatch.setattr(service.sandbox, "run", refuse)
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text


def test_untrusted_sparql_still_goes_through_the_sandbox(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    service: QueryService = client.app.state.service
    calls: list[str] = []
    original = service.sandbox.run

    def spy(sparql: str, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(sparql)
        return original(sparql, **kwargs)

    monkeypatch.setattr(service.sandbox, "run", spy)
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(calls) == 1


def test_listings_are_computed_once_per_snapshot(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    service: QueryService = client.app.state.service
    calls: list[str] = []
    original = service.sandbox.run

    def spy(sparql: str, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(sparql)
        return original(sparql, **kwargs)

    monkeypatch.setattr(service.sandbox, "run", spy)
    first = client.get("/queries/units", params={"format": "json"})
    again = client.get("/queries/units", params={"format": "json"})
    assert first.status_code == again.status_code == 200 and again.content == first.content
    assert len(calls) == 1
    assert client.get("/queries/units", params={"format": "csv"}).status_code == 200
    assert len(calls) == 2  # another format is another answer


def test_document_queries_keep_their_answers(client: TestClient) -> None:
    province = client.get("/api/document", params={"iri": PROVINCE_IRI}).json()
    # The ward plan rests on the province plan; the province plan's items are listed in line order.
    assert WARD_IRI in {d["@id"] for d in province["restsOnIt"]}
    assert WARD_IRI in {c["@id"] for c in province["citedBy"]}
    kinds = [i["kind"] for i in province["items"]]
    assert "target" in kinds and "task" in kinds
    lines = [i["line"] for i in province["items"]]
    assert lines == sorted(lines)
    national = client.get("/api/document", params={"iri": NQ76_IRI}).json()
    assert {c["@id"] for c in national["citedBy"]} == {PROVINCE_IRI, WARD_IRI}


@pytest.mark.parametrize("start", [WARD_TASK, PROVINCE_TARGET, WARD_IRI])
def test_api_trace_agrees_with_the_named_trace_query(client: TestClient, start: str) -> None:
    """api/queries/trace-steps.rq copies the named query's paths: the two must not drift."""
    api = client.get("/api/trace", params={"node": start}).json()["steps"]
    named = client.get("/queries/trace", params={"node": start, "format": "json"}).json()["results"]["bindings"]
    assert named, "the fixture trace is empty"
    want = {(b["node"]["value"], int(b["step"]["value"]), b.get("via", {}).get("value"), b["type"]["value"],
             b.get("label", {}).get("value")) for b in named}
    got = {(s["@id"], s["step"], s.get("via"), s["type"], s.get("label")) for s in api}
    assert got == want


def test_node_facts_are_read_once(client: TestClient) -> None:
    service: QueryService = client.app.state.service
    first = client.get("/api/trace", params={"node": WARD_TASK}).json()
    misses = service.node_facts.misses
    again = client.get("/api/trace", params={"node": WARD_TASK}).json()
    assert again == first
    assert service.node_facts.misses == misses  # every node of the trace came from the memo


@pytest.mark.parametrize(
    ("cached", "asked", "fetched", "expected"),
    [
        ({}, ["a", "b"], ["a", "b"], {"a": "A", "b": None}),  # b has no facts: remembered as the default
        ({"a": "A"}, ["a", "b", "a"], ["b"], {"a": "A", "b": None}),
        ({"a": "A", "b": "B"}, ["b"], [], {"b": "B"}),
    ],
)
def test_fact_cache(cached: dict[str, str], asked: list[str], fetched: list[str], expected: dict[str, str | None]) -> None:
    cache = FactCache(max_items=10)
    cache.get_many(list(cached), lambda keys: {k: cached[k] for k in keys})
    seen: list[list[str]] = []

    def fetch(keys: list[str]) -> dict[str, str]:
        seen.append(keys)
        return {k: k.upper() for k in keys if k == "a"}

    assert cache.get_many(asked, fetch) == expected
    assert seen == ([fetched] if fetched else [])


def test_fact_cache_evicts_least_recently_used() -> None:
    cache = FactCache(max_items=2)
    cache.get_many(["a", "b"], lambda keys: {k: k for k in keys})
    cache.get_many(["a"], lambda keys: {})  # a is now the most recent
    cache.get_many(["c"], lambda keys: {"c": "c"})
    refetched: list[str] = []
    cache.get_many(["a", "b"], lambda keys: refetched.extend(keys) or {k: k for k in keys})
    assert refetched == ["b"] and len(cache) == 2


def test_document_items_fields(client: TestClient) -> None:
    items = client.get("/api/document", params={"iri": PROVINCE_IRI}).json()["items"]
    target = next(i for i in items if i["@id"] == PROVINCE_TARGET)
    assert (target["kind"], target["indicator"], target["comparator"], target["value"], target["unit"], target["line"]) \
        == ("target", "sipas", ">=", 90, "%", 20)
    assert target["label"] == "Chỉ số SIPAS đạt tối thiểu 90%"


T = "https://w3id.org/cchc-kg/ontology#"


@pytest.mark.parametrize(
    ("prop_rows", "labels", "expected"),
    [
        # A task restated by two graphs with two deadlines: the smallest is shown; lead by label.
        ([{"node": "x:t", "cls": T + "Task", "p": T + "sourceLine", "o": 12},
          {"node": "x:t", "cls": T + "Task", "p": "http://purl.org/dc/terms/title", "o": "Số hóa hồ sơ"},
          {"node": "x:t", "cls": T + "Task", "p": T + "deadline", "o": "2026-12-31"},
          {"node": "x:t", "cls": T + "Task", "p": T + "deadline", "o": "2026-06-30"},
          {"node": "x:t", "cls": T + "Task", "p": T + "leadUnit", "o": "https://w3id.org/cchc-kg/id/unit/x/van-phong"}],
         {"https://w3id.org/cchc-kg/id/unit/x/van-phong": "Văn phòng UBND"},
         [{"node": "x:t", "kind": "task", "label": "Số hóa hồ sơ", "line": 12, "lead": "Văn phòng UBND",
           "deadline": "2026-06-30"}]),
        # A lead unit without a label falls back to its IRI's last segment; items sort by line.
        ([{"node": "x:b", "cls": T + "Task", "p": T + "sourceLine", "o": 9},
          {"node": "x:b", "cls": T + "Task", "p": T + "leadUnit", "o": "https://w3id.org/cchc-kg/id/unit/x/phong-noi-vu"},
          {"node": "x:a", "cls": T + "Target", "p": T + "sourceLine", "o": 30},
          {"node": "x:a", "cls": T + "Target", "p": T + "indicator", "o": "https://w3id.org/cchc-kg/vocab/indicator/sipas"},
          {"node": "x:c", "cls": T + "Target", "p": T + "comparator", "o": ">="}],  # no line: not an item
         {},
         [{"node": "x:b", "kind": "task", "line": 9, "lead": "phong-noi-vu"},
          {"node": "x:a", "kind": "target", "line": 30, "indicator": "sipas"}]),
        # A task led jointly ("Các Sở: Tư pháp, Nội vụ"): every lead unit, by label, joined with "; ".
        ([{"node": "x:j", "cls": T + "Task", "p": T + "sourceLine", "o": 5},
          {"node": "x:j", "cls": T + "Task", "p": T + "leadUnit", "o": "https://w3id.org/cchc-kg/id/unit/x/so-tu-phap"},
          {"node": "x:j", "cls": T + "Task", "p": T + "leadUnit", "o": "https://w3id.org/cchc-kg/id/unit/x/so-noi-vu"}],
         {"https://w3id.org/cchc-kg/id/unit/x/so-tu-phap": "Sở Tư pháp",
          "https://w3id.org/cchc-kg/id/unit/x/so-noi-vu": "Sở Nội vụ"},
         [{"node": "x:j", "kind": "task", "line": 5, "lead": "Sở Nội vụ; Sở Tư pháp"}]),
    ],
)
def test_items_assembly(prop_rows: list[dict], labels: dict[str, str], expected: list[dict]) -> None:
    from cchc_kg.api import items

    assert items.assemble(items.collect(prop_rows), unit_labels=labels) == expected
