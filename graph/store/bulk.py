"""Bulk writing of many new document graphs into the embedded Oxigraph store.

Why: on a first national ingest the store is empty and every document graph is new. Writing
each one with a SPARQL ``DROP`` + ``INSERT DATA`` transaction costs ~50 µs a triple at that
scale (the update parser and one transaction per document; 274 s of the main process for 5 M
triples), while Oxigraph's ``bulk_load`` writes sorted index files directly (~10 µs a quad).

The price is atomicity: a bulk load is not one transaction, so a process killed in the
middle of a batch can leave part of a document graph. Before the first batch a marker file
beside the store (``STORE.ingest-incomplete``) lists the files of the run; it is removed when
the run ends normally. While it exists, the CLI warns that the store may hold partial graphs
and that re-ingesting those files (which replaces each graph whole, transactionally) repairs
it; an ingest that loads every listed file removes the marker. A batch that the bulk loader
rejects is written again graph by graph through the transactional path, so one bad text
fails only its own document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from cchc_kg.graph.store import ntriples as nt

MARKER_SUFFIX = ".ingest-incomplete"
BATCH_QUADS = 200_000  # quads buffered per bulk load (~40 MB of N-Quads text)

T = TypeVar("T")


def to_nquads(graphs: Iterable[tuple[str, str]]) -> bytes:
    """``(graph IRI, N-Triples text)`` pairs as one N-Quads document (each triple line given
    its graph), the input of a bulk load."""
    quads: list[str] = []
    for graph, text in graphs:
        suffix = f" {nt.iri(graph)} ."
        quads.extend(line[:-2] + suffix for line in text.split("\n") if line)
    return "\n".join(quads).encode("utf-8")


def marker_path(store: object) -> Path | None:
    """Where an on-disk store's incomplete-ingest marker lives (None for in-memory stores)."""
    path = getattr(store, "path", None)
    return Path(str(path) + MARKER_SUFFIX) if path is not None else None


def interrupted_files(store: object) -> list[str] | None:
    """Source files of a bulk ingest that did not finish (None when there was none)."""
    marker = marker_path(store)
    if marker is None or not marker.exists():
        return None
    return [line for line in marker.read_text(encoding="utf-8").splitlines() if line]


def clear_if_reloaded(store: object, loaded: Iterable[str]) -> None:
    """Remove the marker when every file of the interrupted run has been loaded again."""
    files = interrupted_files(store)
    if files is not None and set(files) <= set(loaded):
        marker = marker_path(store)
        assert marker is not None
        marker.unlink(missing_ok=True)


def supports_bulk(store: object) -> bool:
    native = getattr(store, "native", None)
    return native is not None and hasattr(native, "bulk_load")


class BulkGraphWriter(Generic[T]):
    """Buffers ``(graph IRI, N-Triples, tag)`` and writes them in bulk batches.

    ``flush`` returns each tag with None or the error that kept its graph out of the store,
    in the order added. ``fallback(graph, text)`` is the transactional writer used for a
    batch the bulk loader rejected.
    """

    def __init__(self, store: object, *, files: list[str], fallback: Callable[[str, str], None],
                 batch_quads: int = BATCH_QUADS) -> None:
        self._native = store.native  # type: ignore[attr-defined]  # supports_bulk(store) checked it
        self._marker = marker_path(store)
        self._files = files
        self._fallback = fallback
        self._batch_quads = batch_quads
        self._pending: list[tuple[str, str, T]] = []
        self._lines = 0
        self._marked = False

    @property
    def full(self) -> bool:
        return self._lines >= self._batch_quads

    def add(self, graph: str, text: str, tag: T) -> None:
        self._pending.append((graph, text, tag))
        self._lines += text.count("\n") + 1

    def flush(self) -> list[tuple[T, str | None]]:
        batch, self._pending, self._lines = self._pending, [], 0
        if not batch:
            return []
        self._mark()
        import pyoxigraph as ox

        try:
            self._native.bulk_load(input=to_nquads((g, text) for g, text, _ in batch),
                                   format=ox.RdfFormat.N_QUADS)
            return [(tag, None) for _, _, tag in batch]
        except (OSError, SyntaxError, ValueError):
            pass
        out: list[tuple[T, str | None]] = []
        for graph, text, tag in batch:  # replaces whatever part of the graph the bulk load wrote
            try:
                self._fallback(graph, text)
                out.append((tag, None))
            except Exception as exc:  # noqa: BLE001 - reported per document, as the loader does
                out.append((tag, f"store error: {exc}"))
        return out

    def close(self) -> None:
        """The run ended normally: the store holds whole graphs only."""
        if self._marked and self._marker is not None:
            self._marker.unlink(missing_ok=True)

    def _mark(self) -> None:
        if not self._marked and self._marker is not None:
            self._marker.write_text("\n".join(self._files) + "\n", encoding="utf-8")
            self._marked = True
