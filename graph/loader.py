"""Load plan files into a store: read -> extract -> RDF -> replace the document's graph.

Each document is its own unit of work: the graph is built completely in memory before the
store is touched, and the store replaces the named graph in one transaction, so a failure
on one document leaves the store exactly as it was before that document, and re-ingesting
a file replaces what it said (never duplicates). Failures are reported per file; the other
files still load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cchc_kg.graph import iri
from cchc_kg.graph.errors import InputError, StoreError
from cchc_kg.graph.ingest.pipeline import extract
from cchc_kg.graph.ingest.reader import TEXT_SUFFIXES, read_document
from cchc_kg.graph.ingest.records import ExtractionResult
from cchc_kg.graph.rdf import result_graph
from cchc_kg.graph.store.base import Store


@dataclass(slots=True)
class FileOutcome:
    path: Path
    result: ExtractionResult | None = None
    triples: int = 0
    error: str | None = None

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
) -> LoadReport:
    report = LoadReport()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for outcome in _load_each(store, files, stamp):
        report.outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return report


def _load_each(store: Store, files: list[Path], stamp: str) -> Iterator[FileOutcome]:
    for path in files:
        outcome = FileOutcome(path)
        try:
            result = extract_file(path)
            graph = result_graph(result, run_stamp=stamp)
            store.replace_graph(iri.named_graph(result.document.source), graph)
            outcome.result = result
            outcome.triples = len(graph)
        except InputError as exc:
            outcome.error = exc.reason
        except StoreError as exc:
            outcome.error = f"store error: {exc}"
        except Exception as exc:  # an extractor bug must not lose the other files
            outcome.error = f"internal error while extracting: {type(exc).__name__}: {exc}"
        yield outcome
