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

from rdflib import Graph

from cchc_kg.graph import iri
from cchc_kg.graph.errors import InputError, StoreError
from cchc_kg.graph.ingest.pipeline import extract
from cchc_kg.graph.ingest.reader import TEXT_SUFFIXES, read_document
from cchc_kg.graph.ingest.records import ExtractionResult
from cchc_kg.graph.rdf import result_graph
from cchc_kg.graph.store import ntriples
from cchc_kg.graph.store.base import Store


@dataclass(slots=True)
class FileOutcome:
    path: Path
    result: ExtractionResult | None = None
    triples: int = 0
    error: str | None = None
    ntriples: str | None = None  # the document's triples between extraction and the store

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
) -> LoadReport:
    """Load each file into its own named graph; ``jobs`` > 1 extracts in that many processes.

    With several jobs, worker processes read, extract and write each document's triples as
    N-Triples text; this process only hands the text to the store, one document at a time
    and in the files' order, so atomicity and the report are the same as with one job.
    """
    report = LoadReport()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    each = _load_each(store, files, stamp) if jobs <= 1 or len(files) < 2 else _load_parallel(store, files, stamp, jobs)
    for outcome in each:
        report.outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return report


def prepare_file(path: Path, stamp: str) -> FileOutcome:
    """Read, extract and write one document as N-Triples (``outcome.ntriples``); never raises."""
    outcome = FileOutcome(path)
    try:
        result = extract_file(path)
        graph = result_graph(result, run_stamp=stamp)
        outcome.ntriples = ntriples.triples(graph)
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
    outcome.ntriples = None  # free the text once stored
    return outcome


def _load_parallel(store: Store, files: list[Path], stamp: str, jobs: int) -> Iterator[FileOutcome]:
    """Extract in ``jobs`` worker processes, at most a few documents ahead of the store."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["cchc_kg.graph.loader"])
    window = max(2, jobs * 3)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        pending: deque[tuple[Path, Future[FileOutcome]]] = deque()
        queue = iter(files)
        for path in queue:
            pending.append((path, pool.submit(prepare_file, path, stamp)))
            if len(pending) >= window:
                break
        while pending:
            path, future = pending.popleft()
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(prepare_file, following, stamp)))
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died (out of memory, killed)
                outcome = FileOutcome(path, error=f"worker process failed: {type(exc).__name__}: {exc}")
            yield _store_prepared(store, outcome)


def _load_each(store: Store, files: list[Path], stamp: str) -> Iterator[FileOutcome]:
    for path in files:
        yield _store_prepared(store, prepare_file(path, stamp))
