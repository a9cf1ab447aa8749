"""The link stage's national-scale paths give the answers of the plain ones.

- Corpus links with task contexts read only for the series that can match equal the full
  recompute (every citation's context read), on the check fixtures that hold superseded acts
  cited in tasks and on the linker's fixture plans.
- Batched reads (one VALUES query for many documents) equal reading document by document.
- A batch of link graphs written in one load replaces earlier graphs (re-linking) and leaves
  other graphs alone, on Oxigraph and on the memory store.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from cchc_kg.graph.ingest.records import (
    CitationRecord,
    DocumentRecord,
    ExtractionResult,
    TaskRecord,
)
from cchc_kg.graph.link import fetch
from cchc_kg.graph.link.citation_context import read_contexts
from cchc_kg.graph.link.corpus import (
    CorpusLinks,
    compute,
    match_subjects,
    read_cited,
    resolve_undated,
)
from cchc_kg.graph.link.fetch import read_documents
from cchc_kg.graph.link.write import write_graphs
from cchc_kg.graph.store import open_store

from .conftest import load
from .fixtures import ALL
from .test_superseded_context import _load


def _full_recompute(store) -> CorpusLinks:
    """The corpus stage as it was: every citation's task context read."""
    contexts = read_contexts(store)
    rows = [replace(r, context=contexts.get(r.citation)) if r.citation in contexts else r
            for r in read_cited(store)]
    doc_years = {d.iri: int(d.date[:4]) for d in read_documents(store).values() if d.date and d.date[:4].isdigit()}
    resolutions = resolve_undated(rows, doc_years=doc_years)
    return CorpusLinks(resolutions, match_subjects(rows, resolved={r.undated: r.dated for r in resolutions}))


def _plan(source: str, date: str, unit: str, *cited: tuple[str, str, int, str]) -> ExtractionResult:
    """A commune plan whose tasks each cite one act (number, date, line, task title)."""
    doc = DocumentRecord(source=source, number=None, form="ke_hoach", issuer=f"UBND {unit}", admin_unit=unit,
                         parent_admin_unit="tỉnh Nam Sơn", level="commune", date=date, period=date[:4])
    cits = [CitationRecord(line=line, quote=f"Nghị định số {number}", number=number, type="nghi_dinh",
                           issuer="Chính phủ", issuer_source="stated", date=d, role="mentioned", clause=None)
            for number, d, line, _ in cited]
    tasks = [TaskRecord(line=line, title=title) for _, _, line, title in cited]
    return ExtractionResult(document=doc, citations=cits, tasks=tasks)


TASK = "Rà soát, ban hành tiêu chuẩn, định mức sử dụng máy móc, thiết bị chuyên dùng"
CONTEXT_PLANS = [
    # One series cited in two years with the same task (a context match), and a series cited
    # in one year only (its contexts are never read: nothing to compare).
    _plan("ward.txt", "2024-03-01", "xã Hòa An",
          ("152/2017/NĐ-CP", "2017-12-27", 10, f"{TASK} theo quy định tại Nghị định số 152/2017/NĐ-CP"),
          ("30/2020/NĐ-CP", "2020-03-05", 12, "Thực hiện công tác văn thư theo Nghị định số 30/2020/NĐ-CP")),
    _plan("city.txt", "2026-01-05", "xã Bình An",
          ("155/2025/NĐ-CP", "2025-06-16", 20, f"{TASK} theo Nghị định số 155/2025/NĐ-CP"),
          ("30/2020/NĐ-CP", "2020-03-05", 22, "Số hóa văn bản đi, đến theo Nghị định số 30/2020/NĐ-CP")),
]


@pytest.mark.parametrize("name", ["superseded-basis.fail.trig", "superseded-basis.pass.trig"])
def test_bounded_contexts_equal_full_recompute_on_check_fixtures(name: str) -> None:
    store = _load(name)
    assert compute(store) == _full_recompute(store)


def test_bounded_contexts_equal_full_recompute_on_a_context_match() -> None:
    store = open_store("memory:")
    load(store, CONTEXT_PLANS)
    full = _full_recompute(store)
    assert [(m.older.rsplit("/", 2)[-2], m.newer.rsplit("/", 2)[-2], m.method) for m in full.matches] == [
        ("152-2017-nd-cp", "155-2025-nd-cp", "context-bigrams")]
    assert compute(store) == full


def test_bounded_contexts_equal_full_recompute_on_fixture_plans() -> None:
    store = open_store("memory:")
    load(store, ALL)
    assert compute(store) == _full_recompute(store)
    assert compute(store, docs=read_documents(store)) == compute(store)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("ox") / "store")
    load(store, ALL)
    yield store
    store.close()


def test_batched_reads_equal_per_document_reads(fixture_store, monkeypatch) -> None:
    docs = sorted(read_documents(fixture_store))
    assert len(docs) > 3
    monkeypatch.setattr(fetch, "CHUNK", 2)  # several chunks, one of them partial
    items = fetch.read_items_many(fixture_store, docs)
    cites = fetch.read_citations_many(fixture_store, docs)
    assert sum(map(len, items.values())) > 0 and sum(map(len, cites.values())) > 0
    for d in docs:
        assert items[d] == fetch.read_items(fixture_store, d)
        assert cites[d] == fetch.read_citations(fixture_store, d)
    assert fetch.read_items_many(fixture_store, ["https://example.org/not-a-document"]) == {
        "https://example.org/not-a-document": []}


class _SparqlOnly:
    """The Oxigraph store seen without its range scans: read_items_many takes the SPARQL path."""

    def __init__(self, native) -> None:
        self.native = type("Native", (), {"query": staticmethod(native.query)})()


def test_native_item_reads_equal_the_sparql_queries(fixture_store) -> None:
    docs = sorted(read_documents(fixture_store))
    native = fetch.read_items_many(fixture_store, docs)
    sparql = fetch.read_items_many(_SparqlOnly(fixture_store.native), docs)
    assert native == sparql
    kinds = {i.kind for items in native.values() for i in items}
    assert kinds == {"target", "task"}
    assert any(i.indicator for items in native.values() for i in items)  # concept notations read


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_batch_write_replaces_graphs(backend: str, tmp_path) -> None:
    store = open_store("memory:" if backend == "memory" else tmp_path / "store")
    g1, g2 = "https://example.org/graph/links/a", "https://example.org/graph/links/b"
    s = "<https://example.org/s>"
    write_graphs(store, [(g1, f'{s} <https://example.org/p> "một" .\n{s} <https://example.org/q> "hai" .'),
                         (g2, f'{s} <https://example.org/p> "ba" .')])
    assert store.quad_count() == 3
    write_graphs(store, [(g1, f'{s} <https://example.org/p> "bốn" .')])  # re-linking a
    assert store.quad_count() == 2
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{g1}> {{ ?s ?p ?o }} }}").dicts()
    assert [str(r["o"]) for r in rows] == ["bốn"]
    write_graphs(store, [])
    assert store.quad_count() == 2
    store.close()


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_a_failed_link_write_is_raised_not_lost(backend: str, tmp_path, monkeypatch) -> None:
    """On Oxigraph the link graphs are written in a background thread: a failed write still
    reaches the caller as a StoreError (which `cchc-kg ingest` reports), on both back ends."""
    from cchc_kg.graph.errors import StoreError
    from cchc_kg.graph.link import run
    from cchc_kg.graph.link.run import link_store

    from .fixtures import lexicon

    store = open_store("memory:" if backend == "memory" else tmp_path / "store")
    load(store, ALL)

    def broken(*_a, **_k) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(run, "write_graphs", broken)
    with pytest.raises(StoreError, match="disk full"):
        link_store(store, lexicon=lexicon(), stamp="20260701T000000Z")
    store.close()
