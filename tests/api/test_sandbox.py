"""The query sandbox on its own: both data modes, the deadline, the row cap, and recovery
when the query process dies."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from cchc_kg.api.errors import ApiError
from cchc_kg.api.sandbox import DataSpec, QuerySandbox

JSON = ["application/sparql-results+json"]


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_modes_answer_the_same(fixture_store: Path, mode: str) -> None:
    sb = QuerySandbox(DataSpec("oxigraph", str(fixture_store), mode))
    sb.start()
    try:
        a = sb.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", accept=JSON, timeout=10, max_rows=None)
        n = int(json.loads(a.body)["results"]["bindings"][0]["n"]["value"])
        assert n > 100 and a.kind == "select"
    finally:
        sb.close()


def test_nquads_source_deadline_cap_and_restart(tmp_path: Path) -> None:
    nq = tmp_path / "g.nq"
    nq.write_text("".join(f"<urn:s{i}> <urn:p> \"{i}\" <urn:g> .\n" for i in range(300)), encoding="utf-8")
    sb = QuerySandbox(DataSpec("nquads", str(nq)), max_concurrent=2)
    sb.start()
    try:
        assert sb.quads == 300
        with pytest.raises(ApiError) as big:
            sb.run("SELECT * WHERE { ?s ?p ?o }", accept=JSON, timeout=10, max_rows=100)
        assert big.value.code == "result_too_large"
        started = time.monotonic()
        with pytest.raises(ApiError) as slow:
            sb.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                   accept=JSON, timeout=1.0, max_rows=10)
        assert slow.value.code == "query_timeout" and time.monotonic() - started < 5
        # The query process dies (OOM killer, operator): the next query starts a new one.
        assert sb._proc is not None
        os.kill(sb._proc.pid, signal.SIGKILL)
        sb._proc.wait(5)
        ok = sb.run("ASK { <urn:s1> ?p ?o }", accept=["text/csv"], timeout=30, max_rows=10)
        assert ok.body.strip().endswith(b"true")
    finally:
        sb.close()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    sb = QuerySandbox(DataSpec("oxigraph", str(tmp_path / "nothing")))
    with pytest.raises(ApiError) as err:
        sb.start()
    assert err.value.code == "store_unavailable"
