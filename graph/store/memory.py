"""rdflib in-memory store: for tests, small runs and as the baseline of the benchmarks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from cchc_kg.graph.errors import QueryError, StoreError
from cchc_kg.graph.sparql_bind import term_n3
from cchc_kg.graph.store import ntriples
from cchc_kg.graph.store.base import EXPORT_FORMATS, QueryOutcome, SelectResult

_RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}


class MemoryStore:
    def __init__(self) -> None:
        self._ds = Dataset(default_union=True)

    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        triples = list(data)  # materialise first: nothing changes if this fails
        try:
            ntriples.triples(triples)  # refuse what the other back ends refuse (invalid IRIs)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}") from exc
        self._ds.remove_graph(graph)
        ctx = self._ds.graph(graph)
        for t in triples:
            ctx.add(t)

    def replace_graph_ntriples(self, graph: URIRef, text: str) -> None:
        """Replace the named graph by N-Triples ``text`` (parsed first: a bad text changes nothing)."""
        data = Graph()
        try:
            data.parse(data=text, format="nt")
        except Exception as exc:  # rdflib raises its own parser errors
            raise StoreError(f"could not write graph {graph}: invalid N-Triples: {exc}") from exc
        self.replace_graph(graph, data)

    def remove_graph(self, graph: URIRef) -> None:
        self._ds.remove_graph(graph)

    def graphs(self) -> list[URIRef]:
        return sorted(
            g.identifier for g in self._ds.graphs() if isinstance(g.identifier, URIRef) and len(g)
            and str(g.identifier) != "urn:x-rdflib:default"
        )

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        for term in (bindings or {}).values():
            term_n3(term)  # same validation as the other back ends
        try:
            res: Result = self._ds.query(sparql, initBindings=dict(bindings or {}))
        except Exception as exc:  # rdflib raises pyparsing errors and others
            raise QueryError(f"malformed SPARQL query: {exc}") from exc
        if res.type == "ASK":
            return bool(res.askAnswer)
        if res.type == "SELECT":
            variables = [str(v) for v in res.vars]
            return SelectResult(variables, [tuple(row) for row in res])
        g = Graph()
        for t in res:
            g.add(t)
        return g

    def export(self, out: IO[bytes], *, fmt: str) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        if fmt in ("ttl", "nt", "jsonld"):
            g = Graph()
            for s, p, o, _ in self._ds.quads():
                g.add((s, p, o))
            out.write(g.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8"))
        else:
            out.write(self._ds.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8"))

    def quad_count(self) -> int:
        return sum(1 for _ in self._ds.quads())

    def close(self) -> None:
        pass
