"""Bulk writing of a first ingest (graph/store/bulk.py): same quads as one transaction per
document, a marker while it runs, per-document fallback, a second file of the same name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from cchc_kg.graph import loader
from cchc_kg.graph.cli import app
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.bulk import BulkGraphWriter, interrupted_files, marker_path
from typer.testing import CliRunner

from .conftest import EXAMPLES

runner = CliRunner()
_STAMP = re.compile(r"\d{8}T\d{6}Z|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\+00:00|Z)?", re.IGNORECASE)


def _quads(store) -> list[str]:
    """Every quad as text, the run's time stamps masked (two runs differ only there)."""
    return sorted(_STAMP.sub("STAMP", str(q)) for q in store.native.quads_for_pattern(None, None, None, None))


def _files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


def test_bulk_and_transactional_loads_write_the_same_quads(tmp_path: Path) -> None:
    one = open_store(tmp_path / "one")
    bulk = open_store(tmp_path / "bulk")
    try:
        a = loader.load_files(one, _files())
        b = loader.load_files(bulk, _files(), bulk=True)
        assert [o.path for o in a.loaded] == [o.path for o in b.loaded] and not b.failed
        assert _quads(one) == _quads(bulk)
        assert interrupted_files(bulk) is None  # the run ended: no marker left
    finally:
        one.close()
        bulk.close()


def test_small_batches_and_a_second_file_of_the_same_name(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("cchc_kg.graph.store.bulk.BATCH_QUADS", 50)  # a batch per document or so
    first = _files()[0]
    again = tmp_path / "again"
    again.mkdir()
    twin = again / first.name  # same file name, other text: replaces the first, as one by one
    twin.write_text(first.read_text(encoding="utf-8").replace("2026", "2027"), encoding="utf-8")
    files = [*_files(), twin]
    one = open_store(tmp_path / "one")
    bulk = open_store(tmp_path / "bulk")
    try:
        loader.load_files(one, files)
        report = loader.load_files(bulk, files, bulk=True)
        assert not report.failed and [o.path for o in report.outcomes] == files
        assert _quads(one) == _quads(bulk)
    finally:
        one.close()
        bulk.close()


def test_a_batch_the_bulk_loader_rejects_is_written_graph_by_graph(tmp_path: Path) -> None:
    st = open_store(tmp_path / "st")
    written: list[str] = []

    def fallback(graph: str, text: str) -> None:
        if "broken" in graph:
            raise ValueError("bad N-Triples")
        written.append(graph)
        st.replace_graph_ntriples(graph, text)

    writer: BulkGraphWriter[str] = BulkGraphWriter(st, files=["a.txt", "b.txt"], fallback=fallback)
    writer.add("http://example.org/g/ok", '<http://example.org/s> <http://example.org/p> "o" .', "ok")
    writer.add("http://example.org/g/broken", "<http://example.org/s> not N-Triples", "broken")
    assert marker_path(st) is not None
    result = writer.flush()
    assert result[0] == ("ok", None) and result[1][0] == "broken" and "bad N-Triples" in result[1][1]
    assert interrupted_files(st) == ["a.txt", "b.txt"]  # still running: the marker lists the run's files
    writer.close()
    assert interrupted_files(st) is None
    assert written == ["http://example.org/g/ok"]
    assert len(list(st.native.quads_for_pattern(None, None, None, None))) == 1
    st.close()


def test_an_interrupted_bulk_ingest_is_reported_until_its_files_are_loaded_again(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    store = tmp_path / "st"
    st = open_store(store)

    def crash(_outcome) -> None:
        raise KeyboardInterrupt  # the process stops mid-run: the writer is never closed

    with pytest.raises(KeyboardInterrupt):
        loader.load_files(st, _files(), bulk=True, on_done=crash)
    assert sorted(interrupted_files(st) or []) == sorted(p.name for p in _files())
    st.close()
    res = runner.invoke(app, ["query", "documents", "--store", str(store)])
    assert "interrupted" in res.output
    res = runner.invoke(app, ["ingest", str(docs), "--store", str(store), "-q", "--no-link"])
    assert res.exit_code == 0, res.output
    st = open_store(store)
    assert interrupted_files(st) is None
    st.close()
