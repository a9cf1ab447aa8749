"""Legal traceability: walk up from a task, target or plan to the national programme, and down
from any document to everything that rests on it.

Upward edges (what a node rests on): ``cchc:inDocument`` (item -> its plan),
``cchc:implements`` (task -> higher target/task it directly implements), ``cchc:alignsWith``
(target -> higher target), ``eli:applies`` / ``cchc:contributesTo`` (plan -> higher plan),
``eli:based_on`` (document -> its legal bases), ``cchc:resolvedTo`` (cited number ->
ingested document). Downward is the same graph read backwards. The walk is breadth-first,
one SPARQL request per hop with the node bound as a parameter, so ``step`` is the true
shortest distance (the named query ``trace`` gives the same answer in one request, up to 6
hops).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cchc_kg.graph.store.base import SelectResult, Store
from rdflib import URIRef

UP_PREDICATES = (
    "https://w3id.org/cchc-kg/ontology#inDocument",
    "https://w3id.org/cchc-kg/ontology#implements",
    "https://w3id.org/cchc-kg/ontology#alignsWith",
    "http://data.europa.eu/eli/ontology#applies",
    "https://w3id.org/cchc-kg/ontology#contributesTo",
    "http://data.europa.eu/eli/ontology#based_on",
    "https://w3id.org/cchc-kg/ontology#resolvedTo",
)
_VALUES = " ".join(f"<{p}>" for p in UP_PREDICATES)
_OUT = f"SELECT ?p ?next WHERE {{ VALUES ?p {{ {_VALUES} }} ?node ?p ?next }}"
_IN = f"SELECT ?p ?next WHERE {{ VALUES ?p {{ {_VALUES} }} ?next ?p ?node }}"
_DESCRIBE = """PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?type ?label WHERE {
  BIND(IF(EXISTS { ?node a cchc:Task }, "Task", IF(EXISTS { ?node a cchc:Target }, "Target",
       IF(EXISTS { ?node a cchc:Plan }, "Plan", IF(EXISTS { ?node a cchc:Law }, "Law", "Document")))) AS ?type)
  OPTIONAL { ?node dcterms:title ?l1 } OPTIONAL { ?node cchc:originalText ?l2 }
  OPTIONAL { ?node cchc:attachedPlanTitle ?l3 } OPTIONAL { ?node eli:title ?l4 }
  OPTIONAL { ?node eli:id_local ?l5 }
  BIND(COALESCE(?l1, ?l2, ?l3, ?l4, ?l5) AS ?label)
} LIMIT 1"""


@dataclass(frozen=True, slots=True)
class Step:
    step: int
    node: str
    type: str
    label: str
    via: str  # relation of the hop that reached the node ("" for the start)
    parent: str | None = None


def _short(pred: str) -> str:
    return ("eli:" if "eli/ontology" in pred else "cchc:") + pred.rsplit("#", 1)[-1]


def _rows(store: Store, sparql: str, node: str) -> list[tuple[str, str]]:
    res = store.query(sparql, bindings={"node": URIRef(node)})
    assert isinstance(res, SelectResult)
    return [(str(p), str(n)) for p, n in res.rows if isinstance(n, URIRef)]


def describe(store: Store, node: str) -> tuple[str, str]:
    res = store.query(_DESCRIBE, bindings={"node": URIRef(node)})
    assert isinstance(res, SelectResult)
    if not res.rows:
        return "Document", ""
    t, label = res.rows[0]
    return str(t), str(label) if label is not None else ""


def walk(store: Store, start: str, *, down: bool = False, max_steps: int = 12,
         skip: Iterable[str] = ()) -> list[Step]:
    """Breadth-first walk from ``start``: up to the legal bases, or ``down`` to dependants."""
    sparql = _IN if down else _OUT
    skipped = set(skip)
    t, label = describe(store, start)
    seen = {start: Step(0, start, t, label, "")}
    frontier = [start]
    for step in range(1, max_steps + 1):
        nxt: list[str] = []
        for node in frontier:
            for pred, other in _rows(store, sparql, node):
                if other in seen or pred in skipped:
                    continue
                t, label = describe(store, other)
                seen[other] = Step(step, other, t, label, _short(pred), node)
                nxt.append(other)
        if not nxt:
            break
        frontier = sorted(nxt)
    return sorted(seen.values(), key=lambda s: (s.step, s.type, s.node))


def trace_up(store: Store, node: str, *, max_steps: int = 12) -> list[Step]:
    """From a task, target or plan up through plans and legal bases."""
    return walk(store, node, max_steps=max_steps)


def rests_on(store: Store, document: str, *, max_steps: int = 12) -> list[Step]:
    """Everything that rests on a document: plans citing or implementing it, their targets and
    tasks, lower plans, and so on down."""
    return walk(store, document, down=True, max_steps=max_steps)


def reaches(steps: list[Step], *, label_contains: str) -> bool:
    """Whether a walk reached a node whose label contains the text (e.g. a document number)."""
    return any(label_contains in s.label for s in steps)
