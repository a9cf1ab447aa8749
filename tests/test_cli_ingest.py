"""The ingest command: per-file errors, exit codes, atomic per document, idempotent."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cchc_kg.graph import loader
from cchc_kg.graph.cli import app
from cchc_kg.graph.store import open_store
from typer.testing import CliRunner

from .conftest import EXAMPLES

runner = CliRunner()


def _rows(store: Path, name: str) -> list[dict]:
    res = runner.invoke(app, ["query", name, "--store", str(store), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["results"]["bindings"]


def test_ingest_examples_then_query(tmp_path: Path) -> None:
    store = tmp_path / "st"
    res = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store), "--quiet"])
    assert res.exit_code == 0, res.output
    docs = _rows(store, "documents")
    assert sorted(d["source"]["value"] for d in docs) == sorted(
        p.name for p in EXAMPLES.iterdir() if p.name != "README.md"
    )


def test_reingest_replaces_and_never_duplicates(tmp_path: Path) -> None:
    store = tmp_path / "st"
    for _ in range(2):
        assert runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store), "-q"]).exit_code == 0
    st = open_store(store)
    once = st.quad_count()
    st.close()
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store), "-q"]).exit_code == 0
    st = open_store(store)
    assert st.quad_count() == once
    st.close()


def test_bad_files_are_reported_and_others_still_load(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(EXAMPLES.glob("*.txt")), folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "utf16.txt").write_bytes("Kế hoạch số 12/KH-UBND\nCăn cứ Nghị quyết số 76/NQ-CP".encode("utf-16"))
    store = tmp_path / "st"
    res = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "-q"])
    assert res.exit_code == 1
    assert "empty.txt" in res.output and "binary.txt" in res.output
    sources = {d["source"]["value"] for d in _rows(store, "documents")}
    assert sources == {"good.txt", "utf16.txt"}


def test_missing_path_is_reported(tmp_path: Path) -> None:
    res = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--store", str(tmp_path / "st"), "-q"])
    assert res.exit_code == 1
    assert "no such file" in res.output


def test_failure_inside_one_document_leaves_its_previous_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "st"
    src = next(EXAMPLES.glob("*.txt"))
    assert runner.invoke(app, ["ingest", str(src), "--store", str(store), "-q"]).exit_code == 0
    st = open_store(store)
    before = st.quad_count()
    st.close()

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(loader, "result_triples", broken)
    res = runner.invoke(app, ["ingest", str(src), "--store", str(store), "-q"])
    assert res.exit_code == 1 and "extractor bug" in res.output
    st = open_store(store)
    assert st.quad_count() == before
    st.close()


def test_query_errors_exit_2(tmp_path: Path) -> None:
    store = str(tmp_path / "st")
    assert runner.invoke(app, ["query", "no-such-query", "--store", store]).exit_code == 2
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT WHERE {{")
    assert runner.invoke(app, ["query", str(bad), "--store", store]).exit_code == 2
    assert runner.invoke(app, ["query", "documents", "-p", "x=1", "--store", store]).exit_code == 2


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_formats_parse_back(tmp_path: Path, fmt: str) -> None:
    from rdflib import Dataset

    store = tmp_path / "st"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store), "-q"]).exit_code == 0
    out = tmp_path / f"g.{fmt}"
    res = runner.invoke(app, ["export", "--store", str(store), "-f", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    ds = Dataset()
    ds.parse(out, format={"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt])
    assert len(ds) > 0 or sum(1 for _ in ds.quads()) > 0
