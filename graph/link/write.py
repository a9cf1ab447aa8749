"""Derived links -> N-Triples of one lower-level document's link graph.

Each link is written as a direct shortcut triple (easy to query and to follow in ``trace``)
and as a qualified PROV influence carrying relation, score and evidence (see
ontology/links.ttl). Everything goes into ``iri.links_graph(source)``, which re-linking
replaces as a whole.

The text is written directly as N-Triples (graph/store/ntriples.py), without building an
rdflib graph: at national scale the link graphs are millions of triples, and rdflib terms
cost more than the linking itself, and the store's write cost is per triple. Task links, the
bulk (over 90 % of link quads), are kept lean: the evidence is one summary line in Vietnamese
(``cchc:evidenceSummary``, which quotes the shared phrases as the lower plan prints them; the
language-neutral facts are structured triples: shared indicator and area, lexical score),
the method is stated once on the link run. No link node repeats its run
(``prov:hadActivity``): the graph's ``prov:wasGeneratedBy`` names it, and every node of the
graph comes from it. Plan links, resolutions and alignments (few) keep every evidence line
and an English summary as well (docs/decisions/0007).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_kg.graph import iri
from cchc_kg.graph.errors import StoreError
from cchc_kg.graph.link.model import Doc
from cchc_kg.graph.link.plans import PlanLink, Resolution, Scope
from cchc_kg.graph.link.targets import Alignment
from cchc_kg.graph.link.tasks import TaskLink
from cchc_kg.graph.rdf import PREFIXES, stamp_to_datetime
from cchc_kg.graph.store import ntriples as nt
from cchc_kg.graph.store.base import Store
from cchc_kg.graph.store.bulk import to_nquads
from rdflib import Graph, URIRef

CCHC = "https://w3id.org/cchc-kg/ontology#"
PROV = "http://www.w3.org/ns/prov#"
ELI = "http://data.europa.eu/eli/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(slots=True)
class DocLinks:
    """Everything linked for one lower-level document."""

    doc: Doc
    scope: Scope
    plans: list[PlanLink] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    tasks: list[TaskLink] = field(default_factory=list)
    method: str = ""

    def counts(self) -> tuple[int, int, int, int]:
        """(plan links, resolutions, target alignments, task links)."""
        return len(self.plans), len(self.resolutions), len(self.alignments), len(self.tasks)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .")

    def text(self) -> str:
        return "\n".join(self.lines)


def _i(value: str) -> str:
    return nt.iri(value)


def _lit(value: str, lang: str | None = None) -> str:
    return nt.literal(value, language=lang)


def _dec(x: float) -> str:
    return nt.literal(f"{x:.3f}", datatype=XSD + "decimal")


def _qualified(w: _Writer, *, kind: str, source: str, lower: str, higher: str, relation: str,
               score: float, method: str | None = None, evidence: list[str] = (),
               summary_vi: list[str] = ()) -> str:
    node = _i(str(iri.link(kind, source, lower, higher)))
    w.add(_i(lower), _i(PROV + "qualifiedInfluence"), node)
    w.add(node, _i(RDF_TYPE), _i(CCHC + kind))
    w.add(node, _i(PROV + "influencer"), _i(higher))
    w.add(node, _i(CCHC + "relation"), _lit(relation))
    w.add(node, _i(CCHC + "score"), _dec(score))
    if method:
        w.add(node, _i(CCHC + "method"), _lit(method))
    if summary_vi:
        w.add(node, _i(CCHC + "evidenceSummary"), _lit("; ".join(summary_vi), "vi"))
    if evidence:
        w.add(node, _i(CCHC + "evidenceSummary"), _lit("; ".join(evidence), "en"))
    return node


def links_ntriples(links: DocLinks, *, stamp: str) -> str:
    """The link graph of one document as N-Triples text."""
    w = _Writer()
    d = links.doc
    run = _i(str(iri.link_run(f"{stamp}-{d.source}")))
    graph_iri = _i(str(iri.links_graph(d.source)))
    w.add(run, _i(RDF_TYPE), _i(CCHC + "LinkRun"))
    w.add(run, _i(PROV + "used"), _i(d.iri))
    w.add(run, _i(PROV + "endedAtTime"),
          nt.literal(str(stamp_to_datetime(stamp)), datatype=XSD + "dateTime"))
    w.add(run, _i(CCHC + "method"), _lit(links.method))
    w.add(graph_iri, _i(RDF_TYPE), _i(PROV + "Entity"))
    w.add(graph_iri, _i(PROV + "wasGeneratedBy"), run)
    for r in links.resolutions:
        w.add(_i(r.cited), _i(CCHC + "resolvedTo"), _i(r.doc.iri))
        node = _qualified(w, kind="DocumentResolution", source=d.source, lower=r.cited, higher=r.doc.iri,
                          relation="resolved", score=r.score, method="citation-metadata",
                          evidence=r.evidence)
        for e in r.evidence:
            w.add(node, _i(CCHC + "evidence"), _lit(e))
        if r.citation is not None:
            w.add(node, _i(CCHC + "viaCitation"), _i(r.citation.iri))
    for p in links.plans:
        pred = ELI + "applies" if p.relation == "applies" else CCHC + "contributesTo"
        w.add(_i(p.lower), _i(pred), _i(p.higher))
        node = _qualified(w, kind="PlanLink", source=d.source, lower=p.lower, higher=p.higher,
                          relation=p.relation, score=p.score,
                          method="citation" if p.relation == "applies" else "hierarchy",
                          evidence=p.evidence, summary_vi=p.evidence_vi)
        for e in p.evidence:
            w.add(node, _i(CCHC + "evidence"), _lit(e))
        if p.citation is not None:
            w.add(node, _i(CCHC + "viaCitation"), _i(p.citation.iri))
    for a in links.alignments:
        w.add(_i(a.lower.iri), _i(CCHC + "alignsWith"), _i(a.higher.iri))
        node = _qualified(w, kind="TargetAlignment", source=d.source, lower=a.lower.iri, higher=a.higher.iri,
                          relation=a.relation, score=a.score, method="indicator+period",
                          evidence=a.evidence, summary_vi=a.evidence_vi)
        for e in a.evidence:
            w.add(node, _i(CCHC + "evidence"), _lit(e))
        if a.lower.indicator:
            w.add(node, _i(CCHC + "sharedIndicator"),
                  _i(str(iri.concept("indicator", a.higher.indicator or a.lower.indicator))))
    for t in links.tasks:
        pred = CCHC + ("implements" if t.relation == "direct" else "supports")
        w.add(_i(t.lower.iri), _i(pred), _i(t.higher.iri))
        node = _qualified(w, kind="TaskLink", source=d.source, lower=t.lower.iri, higher=t.higher.iri,
                          relation=t.relation, score=t.score, summary_vi=t.evidence_vi)
        w.add(node, _i(CCHC + "lexicalScore"), _dec(t.lexical))
        if t.indicator:
            w.add(node, _i(CCHC + "sharedIndicator"), _i(str(iri.concept("indicator", t.indicator))))
        if t.area:
            w.add(node, _i(CCHC + "sharedArea"), _i(str(iri.concept("area", t.area))))
    return w.text()


def links_graph(links: DocLinks, *, stamp: str) -> Graph:
    """The link graph of one document as an rdflib Graph (for stores without an N-Triples path)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.parse(data=links_ntriples(links, stamp=stamp), format="nt")
    return g


def write_graphs(store: Store, graphs: list[tuple[str, str]]) -> None:
    """Replace each named graph ``(graph IRI, N-Triples text)`` of a batch.

    On the embedded Oxigraph store the batch is one N-Quads bulk load (the store's parser
    writing sorted files straight into the indexes), after one update dropping those of the
    graphs that already exist (re-linking). Measured on the 100 % store under load 9: SPARQL
    ``INSERT DATA`` per document ~12 k quads/s, a transactional ``load`` per batch ~12 k
    quads/s, ``bulk_load`` ~20 k quads/s. The bulk load is not one transaction: a crash in
    the middle of a batch can leave part of its link graphs, which are derived data that the
    next ``cchc-kg link`` replaces as a whole. Other stores replace graph by graph.
    """
    if not graphs:
        return
    native = getattr(store, "native", None)
    if native is None or not hasattr(native, "load"):
        for g, text in graphs:
            writer = getattr(store, "replace_graph_ntriples", None)
            if writer is not None:
                writer(URIRef(g), text)
            else:
                gr = Graph()
                gr.parse(data=text, format="nt")
                store.replace_graph(URIRef(g), gr)
        return
    import pyoxigraph as ox

    try:
        existing = [g for g, _ in graphs if native.contains_named_graph(ox.NamedNode(g))]
        if existing:
            native.update(" ;\n".join(f"DROP SILENT GRAPH {nt.iri(g)}" for g in existing))
        native.bulk_load(input=to_nquads(graphs), format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"could not write {len(graphs)} link graphs: {exc}") from exc
