"""Load plan files into a store: read -> extract -> RDF -> replace the document's graph.

Each document is its own unit of work: the graph is built completely in memory before the
store is touched, and the store replaces the named graph in one transaction, so a failure
on one document leaves the store exactly as it was before that document, and re-ingesting
a file replaces what it said (never duplicates). Failures are reported per file; the other
files still load.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rdflib import Graph, URIRef

from cchc_kg.graph import iri
from cchc_kg.graph.errors import InputError, StoreError
from cchc_kg.graph.ingest.pipeline import extract
from cchc_kg.graph.ingest.reader import TEXT_SUFFIXES, read_document
from cchc_kg.graph.ingest.records import ExtractionResult
from cchc_kg.graph.link.fetch import items_from_triples
from cchc_kg.graph.link.model import Item
from cchc_kg.graph.rdf import document_iri, result_triples
from cchc_kg.graph.store import ntriples
from cchc_kg.graph.store.base import Store
from cchc_kg.graph.store.bulk import BulkGraphWriter, supports_bulk


@dataclass(slots=True)
class FileOutcome:
    path: Path
    result: ExtractionResult | None = None
    triples: int = 0
    error: str | None = None
    ntriples: str | None = None  # the document's triples between extraction and the store
    doc_iri: str | None = None  # the document's IRI (rdf.document_iri)
    items: list[Item] | None = None  # its targets and tasks for the linker (``items=True``)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class LoadReport:
    outcomes: list[FileOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def loaded(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.ok]

    def take_items(self) -> dict[str, list[Item]]:
        """The linker's items of the loaded documents, keyed by document IRI, moved out of the
        outcomes (the linker frees a commune's items once scored; nothing else may hold them).
        A later file stating the same document replaces the earlier one, as in the store."""
        out: dict[str, list[Item]] = {}
        for o in self.outcomes:
            if o.ok and o.items is not None and o.doc_iri is not None:
                out[o.doc_iri] = o.items
            o.items = None
        return out


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Expand folders into their text files; report paths that do not exist or cannot be listed."""
    files: list[Path] = []
    problems: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            try:
                found = sorted(
                    p for p in path.rglob("*")
                    if p.suffix.lower() in TEXT_SUFFIXES and p.name.lower() != "readme.md" and not p.is_dir()
                )
            except OSError as exc:
                problems.append(FileOutcome(path, error=f"cannot list folder: {exc}"))
                continue
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(FileOutcome(path, error="no such file or folder"))
    return files, problems


def extract_file(path: Path) -> ExtractionResult:
    text = read_document(path)
    return extract(text, source=path.name)


def load_files(
    store: Store,
    files: list[Path],
    *,
    on_done: Callable[[FileOutcome], None] | None = None,
    jobs: int = 1,
    items: bool = False,
    bulk: bool = False,
) -> LoadReport:
    """Load each file into its own named graph; ``jobs`` > 1 extracts in that many processes.

    With several jobs, worker processes read, extract and write each document's triples as
    N-Triples text; this process only hands the text to the store, one document at a time
    and in the files' order, so atomicity and the report are the same as with one job.
    ``items`` = True also derives each document's targets and tasks for the linker from the
    same triples (``report.take_items()``), so linking after the ingest need not read them back.
    ``bulk`` = True (for a store that held nothing before: every graph is new) writes the
    graphs in bulk batches instead of one transaction each (graph/store/bulk.py: ~5x cheaper
    a triple, not atomic, guarded by a marker file until the run ends).
    """
    report = LoadReport()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    prepared = (_prepare_each(files, stamp, items) if jobs <= 1 or len(files) < 2
                else _prepare_parallel(files, stamp, jobs, items))
    each = (_store_bulk(store, prepared, files) if bulk and supports_bulk(store)
            else (_store_prepared(store, o) for o in prepared))
    for outcome in each:
        report.outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return report


def prepare_file(path: Path, stamp: str, *, items: bool = False) -> FileOutcome:
    """Read, extract and write one document as N-Triples (``outcome.ntriples``), and with
    ``items`` its linker items from the same triples (fetch.items_from_triples); never raises.

    The triples are a list, not an rdflib Graph (``rdf.result_triples``, the same set): the
    worker only writes them out, and filling a Graph's indexes cost ~8 % of extraction."""
    outcome = FileOutcome(path)
    try:
        result = extract_file(path)
        triples = result_triples(result, run_stamp=stamp)
        outcome.ntriples = ntriples.triples(triples)
        if items:
            outcome.doc_iri = str(document_iri(result.document))
            outcome.items = items_from_triples(triples, outcome.doc_iri)
        outcome.result = result
        outcome.triples = ntriples.count_lines(outcome.ntriples)
    except InputError as exc:
        outcome.error = exc.reason
    except Exception as exc:  # an extractor bug must not lose the other files
        outcome.error = f"internal error while extracting: {type(exc).__name__}: {exc}"
    return outcome


def _store_prepared(store: Store, outcome: FileOutcome) -> FileOutcome:
    if outcome.error is None and outcome.result is not None and outcome.ntriples is not None:
        graph = iri.named_graph(outcome.result.document.source)
        try:
            writer = getattr(store, "replace_graph_ntriples", None)
            if writer is not None:
                writer(graph, outcome.ntriples)
            else:  # a Store without the fast path: parse back into a Graph
                data = Graph()
                data.parse(data=outcome.ntriples, format="nt")
                store.replace_graph(graph, data)
        except StoreError as exc:
            outcome.error = f"store error: {exc}"
    if outcome.error is not None:
        outcome.items = None
    outcome.ntriples = None  # free the text once stored
    return outcome


def _store_bulk(store: Store, prepared: Iterable[FileOutcome], files: list[Path]) -> Iterator[FileOutcome]:
    """Outcomes in order, their graphs written in bulk batches (see graph/store/bulk.py)."""
    writer: BulkGraphWriter[FileOutcome] = BulkGraphWriter(
        store, files=[f.name for f in files],
        fallback=lambda g, text: store.replace_graph_ntriples(URIRef(g), text))  # type: ignore[attr-defined]
    held: list[FileOutcome] = []  # in order, written or failed, until their batch is flushed

    def release() -> Iterator[FileOutcome]:
        for outcome, error in writer.flush():
            if error is not None:
                outcome.error, outcome.items = error, None
        for outcome in held:
            outcome.ntriples = None  # free the text once stored
            yield outcome
        held.clear()

    seen: set[str] = set()
    for outcome in prepared:
        if outcome.error is None and outcome.result is not None and outcome.ntriples is not None:
            graph = str(iri.named_graph(outcome.result.document.source))
            if graph in seen:  # a second file of the same name replaces the first, as one by one
                yield from release()
                yield _store_prepared(store, outcome)
                continue
            seen.add(graph)
            writer.add(graph, outcome.ntriples, outcome)
        held.append(outcome)
        if writer.full:
            yield from release()
    yield from release()
    writer.close()


def _prepare_parallel(files: list[Path], stamp: str, jobs: int, items: bool = False) -> Iterator[FileOutcome]:
    """Extract in ``jobs`` worker processes, at most a few documents ahead of the store."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["cchc_kg.graph.loader"])
    window = max(2, jobs * 3)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        pending: deque[tuple[Path, Future[FileOutcome]]] = deque()
        queue = iter(files)
        for path in queue:
            pending.append((path, pool.submit(prepare_file, path, stamp, items=items)))
            if len(pending) >= window:
                break
        while pending:
            path, future = pending.popleft()
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(prepare_file, following, stamp, items=items)))
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died (out of memory, killed)
                outcome = FileOutcome(path, error=f"worker process failed: {type(exc).__name__}: {exc}")
            yield outcome


def _prepare_each(files: list[Path], stamp: str, items: bool = False) -> Iterator[FileOutcome]:
    for path in files:
        yield prepare_file(path, stamp, items=items)


def link_loaded(store: Store, report: LoadReport, *, fresh: bool, jobs: int = 1, stamp: str | None = None):
    """Link what ``load_files(..., items=True)`` just loaded, as ``cchc-kg ingest`` does.

    The loaded documents' items come from the ingest workers (``report.take_items()``), not
    from the store. ``fresh``: the store held no graph before the ingest, so every document in
    it was just loaded and all of them are linked, without working out which documents' scope
    the new ones enter (``affected_sources`` reads every citation of the store). Only counts
    are kept in the report (the links are in the store). None when nothing was loaded.
    """
    from cchc_kg.graph.link.run import affected_sources, link_store

    sources = [o.path.name for o in report.loaded]
    if not sources:
        return None
    return link_store(store, sources=None if fresh else affected_sources(store, sources),
                      items=report.take_items(), jobs=jobs, keep=False, stamp=stamp)
