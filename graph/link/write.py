"""Derived links -> triples of one lower-level document's link graph.

Each link is written as a direct shortcut triple (easy to query and to follow in ``trace``)
and as a qualified PROV influence carrying relation, score, method and evidence (see
ontology/links.ttl). Everything goes into ``iri.links_graph(source)``, which re-linking
replaces as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, XSD

from cchc_kg.graph import iri
from cchc_kg.graph.link.model import Doc
from cchc_kg.graph.link.plans import PlanLink, Resolution, Scope
from cchc_kg.graph.link.targets import Alignment
from cchc_kg.graph.link.tasks import TaskLink
from cchc_kg.graph.rdf import PREFIXES, stamp_to_datetime
from cchc_kg.graph.vocab import CCHC

ELI = Namespace("http://data.europa.eu/eli/ontology#")


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


def _dec(x: float) -> Literal:
    return Literal(f"{x:.3f}", datatype=XSD.decimal)


def _qualified(g: Graph, *, kind: URIRef, source: str, lower: str, higher: str, relation: str,
               score: float, method: str, evidence: list[str], run: URIRef) -> URIRef:
    node = iri.link(str(kind).rsplit("#", 1)[-1], source, lower, higher)
    g.add((URIRef(lower), PROV.qualifiedInfluence, node))
    g.add((node, RDF.type, kind))
    g.add((node, PROV.influencer, URIRef(higher)))
    g.add((node, CCHC.relation, Literal(relation)))
    g.add((node, CCHC.score, _dec(score)))
    g.add((node, CCHC.method, Literal(method)))
    g.add((node, PROV.hadActivity, run))
    for e in evidence:
        g.add((node, CCHC.evidence, Literal(e)))
    if evidence:
        g.add((node, CCHC.evidenceSummary, Literal("; ".join(evidence))))
    return node


def links_graph(links: DocLinks, *, stamp: str) -> Graph:
    """The link graph of one document."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    d = links.doc
    run = iri.link_run(f"{stamp}-{d.source}")
    graph_iri = iri.links_graph(d.source)
    g.add((run, RDF.type, CCHC.LinkRun))
    g.add((run, PROV.used, URIRef(d.iri)))
    g.add((run, PROV.endedAtTime, Literal(stamp_to_datetime(stamp), datatype=XSD.dateTime)))
    g.add((run, CCHC.method, Literal(links.method)))
    g.add((graph_iri, RDF.type, PROV.Entity))
    g.add((graph_iri, PROV.wasGeneratedBy, run))
    for r in links.resolutions:
        g.add((URIRef(r.cited), CCHC.resolvedTo, URIRef(r.doc.iri)))
        node = _qualified(g, kind=CCHC.DocumentResolution, source=d.source, lower=r.cited, higher=r.doc.iri,
                          relation="resolved", score=r.score, method="citation-metadata", evidence=r.evidence,
                          run=run)
        if r.citation is not None:
            g.add((node, CCHC.viaCitation, URIRef(r.citation.iri)))
    for p in links.plans:
        pred = ELI.applies if p.relation == "applies" else CCHC.contributesTo
        g.add((URIRef(p.lower), pred, URIRef(p.higher)))
        node = _qualified(g, kind=CCHC.PlanLink, source=d.source, lower=p.lower, higher=p.higher,
                          relation=p.relation, score=p.score,
                          method="citation" if p.relation == "applies" else "hierarchy",
                          evidence=p.evidence, run=run)
        if p.citation is not None:
            g.add((node, CCHC.viaCitation, URIRef(p.citation.iri)))
    for a in links.alignments:
        g.add((URIRef(a.lower.iri), CCHC.alignsWith, URIRef(a.higher.iri)))
        node = _qualified(g, kind=CCHC.TargetAlignment, source=d.source, lower=a.lower.iri,
                          higher=a.higher.iri, relation=a.relation, score=a.score, method="indicator+period",
                          evidence=a.evidence, run=run)
        if a.lower.indicator:
            g.add((node, CCHC.sharedIndicator, iri.concept("indicator", a.higher.indicator or a.lower.indicator)))
    for t in links.tasks:
        pred = CCHC.implements if t.relation == "direct" else CCHC.supports
        g.add((URIRef(t.lower.iri), pred, URIRef(t.higher.iri)))
        node = _qualified(g, kind=CCHC.TaskLink, source=d.source, lower=t.lower.iri, higher=t.higher.iri,
                          relation=t.relation, score=t.score, method=links.method, evidence=t.evidence, run=run)
        g.add((node, CCHC.lexicalScore, _dec(t.lexical)))
        for ph in t.phrases:
            g.add((node, CCHC.keyPhrase, Literal(ph)))
        if t.indicator:
            g.add((node, CCHC.sharedIndicator, iri.concept("indicator", t.indicator)))
        if t.area:
            g.add((node, CCHC.sharedArea, iri.concept("area", t.area)))
    return g
