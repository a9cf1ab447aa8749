"""Embedded Oxigraph store (the default): on disk, no server, SPARQL evaluated in Rust.

Replacing a document's graph is one SPARQL Update request (DROP + INSERT DATA), which
Oxigraph applies as a single transaction, so a failure leaves the previous graph intact.
The triples are written as N-Triples by graph.store.ntriples (faster than rdflib's
serializer); ``replace_graph_ntriples`` takes text already written, e.g. by the loader's
worker processes, so the main process only hands it to Rust.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from cchc_kg.graph.errors import QueryError, StoreError
from cchc_kg.graph.sparql_bind import bind_values
from cchc_kg.graph.store import ntriples
from cchc_kg.graph.store.base import EXPORT_FORMATS, QueryOutcome, SelectResult

_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def from_ox(term: object) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected Oxigraph term {term!r}")


class OxigraphStore:
    """pyoxigraph.Store on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc

    @property
    def native(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk work that bypasses rdflib terms."""
        return self._store

    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        try:
            text = ntriples.triples(data)  # before touching the store: a bad term changes nothing
        except (TypeError, ValueError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}") from exc
        self.replace_graph_ntriples(graph, text)

    def replace_graph_ntriples(self, graph: URIRef, text: str) -> None:
        """Replace the named graph by N-Triples ``text`` in one transaction."""
        g = ntriples.iri(str(graph))
        update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{text}\n}} }}"
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}") from exc

    def remove_graph(self, graph: URIRef) -> None:
        try:
            self._store.update(f"DROP SILENT GRAPH {ntriples.iri(str(graph))}")
        except OSError as exc:
            raise StoreError(f"could not remove graph {graph}: {exc}") from exc

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        try:
            try:
                result = self._store.query(bind_values(sparql, bindings), use_default_graph_as_union=True)
            except SyntaxError:
                if not bindings:
                    raise
                # A parameter used where a constant cannot stand: bind it by VALUES only.
                result = self._store.query(
                    bind_values(sparql, bindings, substitute=False), use_default_graph_as_union=True
                )
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [tuple(from_ox(sol[v]) for v in variables) for sol in result]
            return SelectResult(variables, rows)
        g = Graph()
        for triple in result:
            g.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return g

    def export(self, out: IO[bytes], *, fmt: str) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        if fmt in ("ttl", "nt", "jsonld"):
            # Triple formats: the union of all graphs (provenance stays in nq/trig).
            g = Graph()
            for q in self._store.quads_for_pattern(None, None, None, None):
                g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
            from cchc_kg.graph.rdf import PREFIXES

            for p, ns in PREFIXES.items():
                g.bind(p, ns)
            out.write(g.serialize(format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt], encoding="utf-8"))
            return
        self._store.dump(out, format=_RDF_FORMATS[fmt])

    def quad_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        try:
            self._store.flush()
        except OSError:
            pass
        del self._store
