"""networkx views of the cross-level graph: coverage, orphans, GraphML export.

Nodes are documents, targets and tasks (attributes: kind, source, line, label, doc, level);
edges point upwards (lower -> higher) and carry the link's relation, score and kind
(``TaskLink``, ``TargetAlignment``, ``PlanLink``, ``DocumentResolution``) plus ``inDocument``
edges from items to their plan. Built from the store with two SPARQL requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from cchc_kg.graph.store.base import SelectResult, Store

_PREFIXES = """PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_LINKS = _PREFIXES + """
SELECT ?lower ?higher ?kind ?relation ?score WHERE {
  ?lower prov:qualifiedInfluence ?l .
  ?l prov:influencer ?higher ; a ?kind ; cchc:relation ?relation ; cchc:score ?score .
  FILTER(STRSTARTS(STR(?kind), STR(cchc:)))
}"""
_ITEMS = _PREFIXES + """
SELECT ?item ?kind ?doc ?source ?line ?label ?level WHERE {
  { ?item a cchc:Task . BIND("task" AS ?kind) OPTIONAL { ?item dcterms:title ?label } }
  UNION { ?item a cchc:Target . BIND("target" AS ?kind) OPTIONAL { ?item cchc:originalText ?label } }
  ?item cchc:inDocument ?doc ; cchc:sourceFile ?source ; cchc:sourceLine ?line .
  OPTIONAL { ?doc cchc:level ?lc . BIND(REPLACE(STR(?lc), "^.*/", "") AS ?level) }
}"""


def _select(store: Store, sparql: str) -> list[dict]:
    res = store.query(sparql)
    assert isinstance(res, SelectResult)
    return [{k: v for k, v in row.items() if v is not None} for row in res.dicts()]


def cross_level_graph(store: Store) -> nx.MultiDiGraph:
    """Items, documents and every derived link, edges pointing from lower to higher."""
    g = nx.MultiDiGraph()
    for row in _select(store, _ITEMS):
        item, doc = str(row["item"]), str(row["doc"])
        g.add_node(item, kind=str(row["kind"]), source=str(row["source"]), line=int(row["line"].toPython()),
                   label=str(row.get("label", "")), doc=doc, level=str(row.get("level", "")))
        if doc not in g:
            g.add_node(doc, kind="document", source=str(row["source"]), level=str(row.get("level", "")))
        g.add_edge(item, doc, kind="inDocument", relation="inDocument", score=1.0)
    for row in _select(store, _LINKS):
        lower, higher = str(row["lower"]), str(row["higher"])
        for n in (lower, higher):
            if n not in g:
                g.add_node(n, kind="document")
        g.add_edge(lower, higher, kind=str(row["kind"]).rsplit("#", 1)[-1], relation=str(row["relation"]),
                   score=float(row["score"].toPython()))
    return g


@dataclass(slots=True)
class Coverage:
    target: str
    source: str
    line: int
    label: str
    plans: dict[str, int] = field(default_factory=dict)  # lower source -> number of covering items

    @property
    def n_plans(self) -> int:
        return len(self.plans)


def coverage(g: nx.MultiDiGraph, *, relations: frozenset[str] = frozenset({"direct", "supporting", "same", "stricter", "weaker", "related"})) -> list[Coverage]:
    """For every target that some lower plan is linked to (or could be: it sits in a plan that
    lower plans implement), how many lower plans cover it and with how many items."""
    higher_docs = {v for _, v, d in g.edges(data=True) if d["kind"] == "PlanLink"}
    rows: list[Coverage] = []
    for node, data in g.nodes(data=True):
        if data.get("kind") != "target" or data.get("doc") not in higher_docs:
            continue
        cov = Coverage(node, data.get("source", ""), data.get("line", 0), data.get("label", ""))
        for lower, _, d in g.in_edges(node, data=True):
            if d["kind"] in ("TaskLink", "TargetAlignment") and d["relation"] in relations:
                src = g.nodes[lower].get("source", "")
                cov.plans[src] = cov.plans.get(src, 0) + 1
        rows.append(cov)
    return sorted(rows, key=lambda c: (c.source, c.line, c.target))


def orphan_targets(g: nx.MultiDiGraph) -> list[Coverage]:
    """Higher-level targets that no lower plan covers."""
    return [c for c in coverage(g) if c.n_plans == 0]


def orphan_tasks(g: nx.MultiDiGraph) -> list[str]:
    """Tasks of plans linked to an ingested higher plan that serve no higher item."""
    linked_docs = {u for u, v, d in g.edges(data=True)
                   if d["kind"] == "PlanLink" and any(g.nodes[x].get("doc") == v for x in g.predecessors(v))}
    out = []
    for node, data in g.nodes(data=True):
        if data.get("kind") == "task" and data.get("doc") in linked_docs:
            if not any(d["kind"] == "TaskLink" for _, _, d in g.out_edges(node, data=True)):
                out.append(node)
    return sorted(out)


def export_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """Write the graph as GraphML (attributes as strings/numbers, readable by Gephi, yEd)."""
    clean = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        clean.add_node(n, **{k: v for k, v in d.items() if v is not None})
    for u, v, d in g.edges(data=True):
        clean.add_edge(u, v, **{k: v2 for k, v2 in d.items() if v2 is not None})
    nx.write_graphml(clean, path)
