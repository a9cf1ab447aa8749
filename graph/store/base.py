"""The one small interface every triple-store back end implements.

Callers hand SPARQL to the store as a string (never a pre-parsed rdflib query: that silently
falls back to rdflib's slow engine on Oxigraph-backed graphs) with parameters bound as
RDF terms. The default graph is the union of all named graphs, so named queries need no
GRAPH clauses; each ingested document lives in its own named graph.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Protocol, runtime_checkable

from rdflib import Graph, URIRef
from rdflib.term import Identifier

Row = tuple[Identifier | None, ...]


@dataclass(slots=True)
class SelectResult:
    """Rows of a SELECT query as rdflib terms (None for unbound)."""

    variables: list[str]
    rows: list[Row] = field(default_factory=list)

    def dicts(self) -> Iterator[dict[str, Identifier | None]]:
        for row in self.rows:
            yield dict(zip(self.variables, row, strict=True))


QueryOutcome = SelectResult | bool | Graph

EXPORT_FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
}


@runtime_checkable
class Store(Protocol):
    """A quad store with one named graph per ingested document."""

    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        """Atomically replace the named graph's content by ``data`` (all or nothing)."""

    def remove_graph(self, graph: URIRef) -> None:
        """Drop a named graph (no error if absent)."""

    def graphs(self) -> list[URIRef]:
        """The named graphs present."""

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        """Run a SPARQL query string; ``bindings`` pre-bind variables (never string-formatted)."""

    def export(self, out: IO[bytes], *, fmt: str) -> None:
        """Serialise the whole store in one of EXPORT_FORMATS."""

    def quad_count(self) -> int:
        """Number of quads stored."""

    def close(self) -> None:
        """Release files and connections."""
