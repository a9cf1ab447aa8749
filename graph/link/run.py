"""Link documents in a store: plan links, target alignments and task links, one graph each.

Scale: each document is linked only against the plans in its scope (the plans it cites, its
own province's higher plans and national plans), never all pairs across the country. The
documents are grouped by that scope: the higher side of a group (the BM25 index and
indicator tables of its plans' items, graph/link/higher.py) is built once and reused for
every commune of the province. This process reads from and writes to the store; the
scoring itself is pure, so with ``jobs`` > 1 the groups are scored in worker processes
(one province's communes in a batch, the higher side built once per worker) and come back
as N-Triples, buffered here and written one N-Quads bulk load per ~``WRITE_QUADS`` quads in a
background thread while the workers score on (``_Writer``). Items the caller already holds
(``cchc-kg ingest``: from its own workers) are not read back.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Self

from cchc_kg.graph import iri
from cchc_kg.graph.link.corpus import CorpusLinks, link_corpus
from cchc_kg.graph.link.fetch import CHUNK, read_citations_many, read_documents, read_items_many
from cchc_kg.graph.link.higher import HigherSide
from cchc_kg.graph.link.indicators import Lexicon
from cchc_kg.graph.link.model import Corpus, Doc, Item, period_years
from cchc_kg.graph.link.plans import PlanLink, Resolution, Scope, place_key, plan_links, province_of
from cchc_kg.graph.link.reference import load_references
from cchc_kg.graph.link.targets import align_targets
from cchc_kg.graph.link.tasks import DEFAULT, METHOD, Params, link_tasks
from cchc_kg.graph.link.write import DocLinks, links_ntriples, write_graphs
from cchc_kg.graph.store.base import Store
from rdflib import URIRef

BATCH = 24  # lower documents per worker job (a province's communes come in several batches)
WRITE_QUADS = 200_000  # link quads buffered per store write (~40 MB of N-Quads text)


@dataclass(slots=True)
class LinkReport:
    linked: list[DocLinks] = field(default_factory=list)
    seconds: float = 0.0
    corpus: CorpusLinks | None = None  # undated citations resolved, same-subject matches
    references: list[str] = field(default_factory=list)  # reference graphs (re)loaded
    corpus_seconds: float = 0.0  # of ``seconds``: the corpus-wide stage and reference data

    def counts(self) -> list[tuple[str, int, int, int, int]]:
        """(source, plan links, resolutions, target alignments, task links) per document."""
        return [(d.doc.source, *d.counts()) for d in self.linked]


@dataclass(slots=True)
class _Higher:
    """One higher plan in a document's scope: its items and what alignment needs to know."""

    doc: Doc
    items: list[Item]


@dataclass(slots=True)
class _Job:
    """A lower document ready to be scored: its items, plan links and resolutions."""

    doc: Doc
    scope: Scope
    plans: list[PlanLink]
    resolutions: list[Resolution]
    higher: tuple[str, ...]  # ingested higher plans in scope (the group key)
    items: list[Item] = field(default_factory=list)  # read just before scoring


def _score(job: _Job, highers: dict[str, _Higher], side: HigherSide, *, lexicon: Lexicon,
           params: Params) -> DocLinks:
    out = DocLinks(doc=job.doc, scope=job.scope, plans=job.plans, resolutions=job.resolutions, method=METHOD)
    for key in job.higher:
        h = highers[key]
        out.alignments.extend(align_targets(job.items, h.items, lexicon=lexicon,
                                            same_level=h.doc.level == job.doc.level,
                                            higher_period=period_years(h.doc.period)))
    if job.higher:
        out.tasks = link_tasks(job.items, side, lexicon=lexicon, params=params)
    return out


def link_document(store: Store, corpus: Corpus, doc: Doc, *, lexicon: Lexicon,
                  params: Params = DEFAULT) -> DocLinks:
    """Compute (not write) every link of one document."""
    job = _prepare(store, corpus, doc)
    _load_items(store, corpus, [doc.iri, *job.higher])
    job.items = corpus.items[doc.iri]
    highers = {k: _Higher(corpus.docs[k], corpus.items[k]) for k in job.higher}
    side = HigherSide.build([i for k in job.higher for i in highers[k].items], lexicon=lexicon)
    return _score(job, highers, side, lexicon=lexicon, params=params)


def _load_items(store: Store, corpus: Corpus, docs: list[str]) -> None:
    """Read the items of those of ``docs`` not read yet, in one batched query."""
    missing = [d for d in docs if d not in corpus.items]
    if missing:
        corpus.items.update(read_items_many(store, missing))


def _prepare(store: Store, corpus: Corpus, doc: Doc) -> _Job:
    if doc.iri not in corpus.citations:
        corpus.citations.update(read_citations_many(store, [doc.iri]))
    scope = province_of(doc, corpus.citations[doc.iri])
    plans, resolutions = plan_links(doc, corpus=corpus, scope=scope)
    higher = tuple(sorted({p.higher for p in plans if p.ingested and p.higher in corpus.docs}))
    return _Job(doc, scope, plans, resolutions, higher)


def link_store(store: Store, *, sources: list[str] | None = None, params: Params = DEFAULT,
               lexicon: Lexicon | None = None, stamp: str | None = None, jobs: int = 1,
               keep: bool = True, items: dict[str, list[Item]] | None = None) -> LinkReport:
    """(Re)compute and write the links of the given source files (all documents when None).

    ``jobs`` > 1 scores in that many worker processes. ``keep`` = False keeps only each
    document's counts in the report (the links themselves are in the store), so linking the
    whole country does not hold every link in memory. Reads are batched (one query per
    ``fetch.CHUNK`` documents for citations, one per batch of a province's communes for
    items) and each batch's link graphs are written in one load.

    ``items`` are targets and tasks the caller already holds, keyed by document IRI (``cchc-kg
    ingest`` derives them from the triples it has just written, fetch.items_from_triples): they
    are not read back from the store. The dict is consumed (a commune's items are dropped once
    scored). A document that two source files state is always read from the store (its items
    are the union of their graphs).
    """
    start = time.perf_counter()
    lexicon = lexicon if lexicon is not None else Lexicon.load()
    stamp = stamp or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    shared: set[str] = set()
    corpus = Corpus(docs=read_documents(store, shared=shared))
    if items:
        corpus.items.update((d, v) for d, v in items.items() if d in corpus.docs and d not in shared)
        items.clear()
    wanted = set(sources) if sources is not None else None
    todo = sorted((d for d in corpus.docs.values() if wanted is None or d.source in wanted),
                  key=lambda d: (-d.rank, d.source))
    groups: dict[tuple[str, ...], list[_Job]] = {}
    for i in range(0, len(todo), CHUNK):
        chunk = todo[i:i + CHUNK]
        corpus.citations.update(read_citations_many(store, [d.iri for d in chunk]))
        for doc in chunk:
            job = _prepare(store, corpus, doc)
            groups.setdefault(job.higher, []).append(job)
            if doc.rank <= 1:  # a commune is nobody's higher plan: its citations are not needed again
                corpus.citations.pop(doc.iri, None)
    report = LinkReport()
    results = (_score_serial(store, corpus, groups, lexicon=lexicon, params=params, stamp=stamp, keep=keep)
               if jobs <= 1 else
               _score_parallel(store, corpus, groups, params=params, jobs=jobs, stamp=stamp, keep=keep))
    pending: list[tuple[str, str]] = []
    lines = 0
    with _Writer(store) as writer:
        for batch in results:
            pending.extend((g, text) for _, g, text in batch)
            lines += sum(text.count("\n") + 1 for _, _, text in batch)
            report.linked.extend(links for links, _, _ in batch)
            if lines >= WRITE_QUADS:
                writer.write(pending)
                pending, lines = [], 0
        writer.write(pending)
    # Corpus-wide links and reference data: cheap, and a new document may resolve or match
    # citations of documents outside ``sources``, so they are recomputed on every run.
    corpus_start = time.perf_counter()
    report.references = load_references(store)
    report.corpus = link_corpus(store, stamp=stamp, docs=corpus.docs)
    report.corpus_seconds = time.perf_counter() - corpus_start
    report.seconds = time.perf_counter() - start
    return report


class _Writer:
    """Writes each buffer of link graphs in a background thread while the next is scored.

    On the embedded Oxigraph store the write is a bulk load that runs in Rust without the
    GIL: written inline, the workers (at most a few batches ahead) stood idle during each
    load, so linking took scoring + writing. At most one write is in flight (the next buffer
    waits for it), so memory stays at two buffers. Other stores write inline (an rdflib
    dataset is not safe to read while another thread writes). A failed write is raised by
    the next ``write`` or on leaving the block.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        native = getattr(store, "native", None)
        self.pool = ThreadPoolExecutor(max_workers=1) if native is not None and hasattr(native, "bulk_load") else None
        self.future: Future[None] | None = None

    def write(self, graphs: list[tuple[str, str]]) -> None:
        if self.pool is None:
            write_graphs(self.store, graphs)
            return
        self.wait()
        if graphs:
            self.future = self.pool.submit(write_graphs, self.store, graphs)

    def wait(self) -> None:
        future, self.future = self.future, None
        if future is not None:
            future.result()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            if exc_type is None:
                self.wait()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True)


@dataclass(slots=True)
class _Counted(DocLinks):
    """A linked document whose links were written and dropped from memory (counts kept)."""

    n: tuple[int, int, int, int] = (0, 0, 0, 0)

    def counts(self) -> tuple[int, int, int, int]:
        return self.n


def _slim(links: DocLinks) -> DocLinks:
    return _Counted(doc=links.doc, scope=links.scope, method=links.method, n=links.counts())


_Written = tuple[DocLinks, str, str]  # (links or their counts, graph IRI, N-Triples)


def _render(links: DocLinks, *, stamp: str, keep: bool) -> _Written:
    return (links if keep else _slim(links), str(iri.links_graph(links.doc.source)),
            links_ntriples(links, stamp=stamp))


def _lower_items_done(corpus: Corpus, job: _Job) -> None:
    if job.doc.rank <= 1:  # a commune is nobody's higher plan: free its items
        corpus.items.pop(job.doc.iri, None)


def _batches(store: Store, corpus: Corpus, groups: dict[tuple[str, ...], list[_Job]]
             ) -> Iterator[tuple[dict[str, _Higher], list[_Job]]]:
    """Each group's batches of lower documents with their items read in one query (and the
    group's higher plans' items, read once: a province plan's items serve all its communes)."""
    for key, group in groups.items():
        _load_items(store, corpus, list(key))
        highers = {k: _Higher(corpus.docs[k], corpus.items[k]) for k in key}
        for i in range(0, len(group), BATCH):
            batch = group[i:i + BATCH]
            _load_items(store, corpus, [j.doc.iri for j in batch])
            for job in batch:
                job.items = corpus.items[job.doc.iri]
                _lower_items_done(corpus, job)
            yield highers, batch


def _score_serial(store: Store, corpus: Corpus, groups: dict[tuple[str, ...], list[_Job]], *,
                  lexicon: Lexicon, params: Params, stamp: str, keep: bool) -> Iterator[list[_Written]]:
    side_key: tuple[str, ...] | None = None
    side: HigherSide | None = None
    for highers, batch in _batches(store, corpus, groups):
        key = tuple(sorted(highers))
        if side is None or key != side_key:
            side_key = key
            side = HigherSide.build([i for k in key for i in highers[k].items], lexicon=lexicon)
        out = [_render(_score(job, highers, side, lexicon=lexicon, params=params), stamp=stamp, keep=keep)
               for job in batch]
        for job in batch:
            job.items = []
        yield out


# ---- worker processes -------------------------------------------------------------------

_WORKER: dict[str, object] = {}


def _worker_score(highers: dict[str, _Higher], batch: list[_Job], params: Params, stamp: str,
                  keep: bool) -> list[_Written]:
    """Score a batch of lower documents sharing one scope and render their link graphs
    (runs in a worker process)."""
    lexicon = _WORKER.get("lexicon")
    if lexicon is None:
        lexicon = _WORKER["lexicon"] = Lexicon.load()
    key = tuple(sorted(highers))
    cache = _WORKER.setdefault("sides", {})
    assert isinstance(cache, dict) and isinstance(lexicon, Lexicon)
    side = cache.get(key)
    if side is None:
        cache.clear()  # groups arrive province by province: keep one higher side
        side = cache[key] = HigherSide.build([i for k in key for i in highers[k].items], lexicon=lexicon)
    return [_render(_score(job, highers, side, lexicon=lexicon, params=params), stamp=stamp, keep=keep)
            for job in batch]


def _score_parallel(store: Store, corpus: Corpus, groups: dict[tuple[str, ...], list[_Job]], *,
                    params: Params, jobs: int, stamp: str, keep: bool) -> Iterator[list[_Written]]:
    """Batches go to the workers at most a few ahead of the writer, items read just before."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["cchc_kg.graph.link.run"])
    window = max(2, jobs * 2)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        pending: deque[tuple[list[_Job], Future[list[_Written]]]] = deque()
        source = _batches(store, corpus, groups)
        for highers, batch in source:
            pending.append((batch, pool.submit(_worker_score, highers, batch, params, stamp, keep)))
            if len(pending) >= window:
                break
        while pending:
            batch, fut = pending.popleft()
            nxt = next(source, None)
            if nxt is not None:
                pending.append((nxt[1], pool.submit(_worker_score, nxt[0], nxt[1], params, stamp, keep)))
            yield fut.result()
            for job in batch:
                job.items = []


def affected_sources(store: Store, sources: list[str]) -> list[str]:
    """The given sources plus every document whose link scope may include one of them:
    lower-level documents of the same province (or any, for a national plan) and documents
    that cite them."""
    docs = read_documents(store)
    new = [d for d in docs.values() if d.source in set(sources)]
    out = {d.source for d in new}
    new_iris = {d.iri for d in new}
    every: dict[str, list] = {}

    def read_citations(_: Store, doc: str) -> list:  # all documents' citations, read once in chunks
        if not every:
            every.update(read_citations_many(store, list(docs)))
        return every.get(doc, [])

    for d in docs.values():
        if d.source in out:
            continue
        cites = None
        for n in new:
            if n.rank <= d.rank and n.rank:
                continue
            if n.level == "national":
                out.add(d.source)
                break
            if n.level == "province":
                mine = place_key(d.parent_unit or (d.admin_unit if d.level == "province" else None))
                if mine is None:
                    cites = cites if cites is not None else read_citations(store, d.iri)
                    mine = province_of(d, cites).province
                if mine == place_key(n.admin_unit):
                    out.add(d.source)
                    break
        else:
            cites = cites if cites is not None else read_citations(store, d.iri)
            if any(c.cited in new_iris for c in cites):
                out.add(d.source)
    return sorted(out)


def remove_links(store: Store, source: str) -> None:
    store.remove_graph(URIRef(iri.links_graph(source)))
