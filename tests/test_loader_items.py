"""The linker's items taken from the ingest workers equal the items read back from the store.

``cchc-kg ingest`` hands the targets and tasks the workers derived from each document's
triples (fetch.items_from_triples) to the link stage instead of reading them back
(fetch.read_items_native on Oxigraph, the SPARQL queries elsewhere). Checked on the real
seeds and on the 1 % benchmark corpus (generated: skipped when absent): the items equal field
for field, and the link graphs written with and without them are identical quad for quad.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph.link import fetch
from cchc_kg.graph.link.run import link_store
from cchc_kg.graph.loader import LoadReport, discover, link_loaded, load_files
from cchc_kg.graph.store import open_store

from .conftest import REPO

S1 = REPO / "bench" / "corpus" / "s1"
STAMP = "20260701T000000Z"


def _link_quads(store) -> set[tuple[str, str, str, str]]:
    """Every quad of the link graphs (per-document and corpus-wide)."""
    native = store.native
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in native.quads_for_pattern(None, None, None, None)
            if "/graph/links/" in str(q.graph_name) or "/graph/corpus-links" in str(q.graph_name)}


class _SparqlOnly:
    """The Oxigraph store seen without its range scans: fetch reads items with SPARQL."""

    def __init__(self, native) -> None:
        self.native = type("Native", (), {"query": staticmethod(native.query)})()


def _check(store, files: list[Path], *, jobs: int) -> LoadReport:
    report = load_files(store, files, jobs=jobs, items=True)
    assert report.loaded and not report.failed
    items = {o.doc_iri: o.items for o in report.loaded}
    docs = fetch.read_documents(store)
    assert set(items) == set(docs)
    stored = fetch.read_items_many(store, list(docs))
    sparql = fetch.read_items_many(_SparqlOnly(store.native), list(docs))  # no range scans
    n = 0
    for doc, mine in items.items():
        assert mine == stored[doc] == sparql[doc], doc
        n += len(mine)
    assert n > 0 and {i.kind for v in items.values() for i in v} == {"target", "task"}
    # Same links with the workers' items (as `cchc-kg ingest`) as with items read back.
    with_items = link_loaded(store, report, fresh=True, stamp=STAMP)
    assert with_items is not None and all(o.items is None for o in report.outcomes)  # handed over
    assert report.take_items() == {}
    first = _link_quads(store)
    read_back = link_store(store, stamp=STAMP, keep=False)
    assert _link_quads(store) == first
    assert [d.counts() for d in with_items.linked] == [d.counts() for d in read_back.linked]
    assert sum(d.counts()[3] for d in with_items.linked) > 0  # some task links to compare
    return report


def test_worker_items_equal_store_items_on_the_seeds(seeds_dir, tmp_path) -> None:
    files, _ = discover([seeds_dir])
    store = open_store(tmp_path / "store")
    try:
        report = _check(store, files, jobs=1)
        # A second file with the same number states the same document: its items are the
        # union of both graphs, so the linker reads them back instead of taking the new file's.
        numbered = next(o for o in report.loaded if "/unnumbered/" not in (o.doc_iri or ""))
        copy = tmp_path / f"copy-{numbered.path.name}"
        copy.write_bytes(numbered.path.read_bytes())
        items = load_files(store, [copy], items=True).take_items()
        shared: set[str] = set()
        fetch.read_documents(store, shared=shared)
        assert shared == {numbered.doc_iri} and set(items) == shared
        link_store(store, items=items, stamp=STAMP, keep=False)
        first = _link_quads(store)
        link_store(store, stamp=STAMP, keep=False)
        assert _link_quads(store) == first
    finally:
        store.close()


def test_worker_items_equal_store_items_on_the_1_percent_corpus(tmp_path) -> None:
    corpus = S1
    if not (corpus / "manifest.json").is_file():  # a fresh clone (CI): generate it (deterministic, < 1 s)
        import subprocess
        import sys

        corpus = tmp_path / "s1"
        subprocess.run([sys.executable, str(S1.parent.parent / "generate_corpus.py"), "--size", "1",
                        "--out", str(corpus)], check=True, capture_output=True)
    files, _ = discover([corpus])
    store = open_store(tmp_path / "store")
    try:
        _check(store, files, jobs=2)
    finally:
        store.close()
