"""Lookup API through FastAPI's TestClient on the fixture graph (province plan <- ward plan)."""

from __future__ import annotations

import pytest
from cchc_kg.graph import queries as named_queries
from fastapi.testclient import TestClient

from .conftest import (
    NQ76_IRI,
    PROVINCE_IRI,
    PROVINCE_TARGET,
    PROVINCE_TASK,
    WARD_IRI,
    WARD_TARGET,
    WARD_TASK,
)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("nghi quyet 76", "76/NQ-CP"), ("qd 282 ttg", "282/QĐ-TTg"), ("kh 89", "89/KH-UBND"),
     ("Ke hoach so 12/KH-UBND", "12/KH-UBND"), ("Quyét dinh s6 282/QD-TTg", "282/QĐ-TTg")],
)
def test_resolve(client: TestClient, typed: str, number: str) -> None:
    r = client.get("/api/resolve", params={"q": typed})
    assert r.status_code == 200
    body = r.json()
    assert body["@context"] == "/api/context.jsonld"
    assert body["results"][0]["number"] == number


def test_resolve_national_before_local_namesake(client: TestClient) -> None:
    results = client.get("/api/resolve", params={"q": "76"}).json()["results"]
    assert [r["number"] for r in results[:2]] == ["76/NQ-CP", "76/QĐ-UBND"]
    assert results[0]["citedBy"] == 2 and results[0]["ingested"] is False


def test_document_both_directions(client: TestClient) -> None:
    ward = client.get("/api/document", params={"iri": WARD_IRI}).json()
    assert ward["number"] == "89/KH-UBND" and ward["level"] == "commune" and ward["ingested"] is True
    cites = {c["number"]: c for c in ward["cites"]}
    assert set(cites) == {"12/KH-UBND", "76/NQ-CP", "76/QĐ-UBND"}
    assert cites["12/KH-UBND"]["role"] == "legal_basis" and cites["76/QĐ-UBND"]["role"] == "mentioned"
    assert cites["12/KH-UBND"]["@id"] == PROVINCE_IRI
    assert {i["@id"] for i in ward["items"]} == {WARD_TARGET, WARD_TASK}

    province = client.get("/api/document", params={"iri": PROVINCE_IRI}).json()
    assert [c["@id"] for c in province["citedBy"]] == [WARD_IRI]
    rests = {(r["@id"], r["kind"], r["relation"]) for r in province["restsOnIt"]}
    assert (WARD_IRI, "plan", "applies") in rests and (WARD_IRI, "plan", "based_on") in rests
    assert (WARD_TASK, "task", "implements") in rests
    assert (WARD_TARGET, "target", "alignsWith") in rests


def test_cited_only_national_act(client: TestClient) -> None:
    nq = client.get("/api/document", params={"iri": NQ76_IRI}).json()
    assert nq["ingested"] is False and nq["number"] == "76/NQ-CP"
    assert {c["@id"] for c in nq["citedBy"]} == {PROVINCE_IRI, WARD_IRI}
    assert {r["@id"] for r in nq["restsOnIt"] if r["kind"] == "plan"} == {PROVINCE_IRI, WARD_IRI}


def test_trace_from_ward_task_reaches_76(client: TestClient) -> None:
    body = client.get("/api/trace", params={"node": WARD_TASK}).json()
    steps = {s["@id"]: s for s in body["steps"]}
    assert steps[WARD_TASK]["step"] == 0
    assert steps[WARD_IRI]["via"] == "cchc:inDocument"
    assert steps[PROVINCE_TARGET]["via"] == "cchc:implements"
    assert steps[NQ76_IRI]["national"] is True and steps[NQ76_IRI]["number"] == "76/NQ-CP"
    assert "76/NQ-CP" in body["nationalActs"] and "282/QĐ-TTg" in body["nationalActs"]
    assert steps[WARD_IRI]["national"] is False


def test_target_with_implementing_tasks_and_alignment(client: TestClient) -> None:
    body = client.get("/api/target", params={"iri": PROVINCE_TARGET}).json()
    assert (body["indicator"], body["comparator"], body["value"], body["unit"]) == ("sipas", ">=", 90, "%")
    assert body["notAvailable"] == []
    tasks = {t["@id"]: t for t in body["implementingTasks"]}
    assert tasks[WARD_TASK]["relation"] == "direct" and tasks[WARD_TASK]["source"] == "phuong-hoa-binh-2026.txt"
    aligned = {a["@id"]: a for a in body["alignedTargets"]}
    assert aligned[WARD_TARGET]["relation"] == "weaker" and aligned[WARD_TARGET]["value"] == 85
    alone = client.get("/api/implementing-tasks", params={"target": PROVINCE_TARGET}).json()
    assert WARD_TASK in {t["@id"] for t in alone["implementingTasks"]}
    up = client.get("/api/aligned-targets", params={"target": WARD_TARGET}).json()
    assert [a["@id"] for a in up["alignedTargets"]] == [PROVINCE_TARGET]


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/api/document", {"iri": "https://w3id.org/cchc-kg/id/doc/nothing"}, 404, "not_found"),
        ("/api/document", {"iri": "not an iri"}, 400, "bad_parameter"),
        ("/api/document", {"iri": "urn:x> } DROP ALL {"}, 400, "bad_parameter"),
        ("/api/document", {}, 400, "bad_parameter"),
        ("/api/trace", {"node": "https://w3id.org/cchc-kg/id/task/none/1-0"}, 404, "not_found"),
        ("/api/target", {"iri": PROVINCE_TASK}, 404, "not_found"),
        ("/api/resolve", {"q": ""}, 400, "bad_parameter"),
        ("/api/resolve", {"q": "x", "limit": "0"}, 400, "bad_parameter"),
        ("/api/nothing-here", {}, 404, "not_found"),
    ],
)
def test_domain_errors_have_stable_codes(client: TestClient, path: str, params: dict, status: int, code: str) -> None:
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


def test_missing_named_query_is_501(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    real = named_queries.catalogue()
    monkeypatch.setattr(named_queries, "catalogue", lambda: {k: v for k, v in real.items()
                                                              if k not in ("trace", "implementing-tasks")})
    r = client.get("/api/trace", params={"node": WARD_TASK})
    assert r.status_code == 501 and r.json()["error"]["code"] == "not_available"
    target = client.get("/api/target", params={"iri": PROVINCE_TARGET}).json()
    assert target["notAvailable"] == ["implementing-tasks"] and target["implementingTasks"] is None
    assert target["alignedTargets"]  # the other named query still answers


def test_checks_report(client: TestClient) -> None:
    r = client.get("/api/checks")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["checks"] and set(body["counts"]) == {"Violation", "Warning", "Info"}
    assert isinstance(body["conforms"], bool)
    # The fixture's ward target (85 %) is weaker than the province's (90 %).
    weaker = [f for f in body["findings"] if f["check"] == "weaker-target"]
    assert any(f["focus"] == WARD_TARGET for f in weaker), body["findings"]


def test_validation_report(client: TestClient) -> None:
    r = client.get("/api/validation")
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body["conforms"], bool) and body["triples"] > 50
    assert all({"severity", "focus", "message_vi", "message_en"} <= set(res) for res in body["results"])


def test_documents_list_is_the_named_query(client: TestClient) -> None:
    docs = client.get("/api/documents").json()["documents"]
    assert {d["number"] for d in docs} == {"12/KH-UBND", "89/KH-UBND"}


def test_context_and_openapi(client: TestClient) -> None:
    ctx = client.get("/api/context.jsonld")
    assert ctx.headers["content-type"].startswith("application/ld+json")
    assert ctx.json()["@context"]["number"] == "eli:id_local"
    schema = client.get("/openapi.json").json()
    assert {"/api/resolve", "/api/document", "/api/trace", "/api/target", "/sparql", "/queries/{name}"} <= set(schema["paths"])
