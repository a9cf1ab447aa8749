"""Links computed over the whole corpus of citations, not per document.

Two kinds, both written into one named graph (``iri.corpus_links_graph()``) that every
linking run replaces:

- **Undated citations resolved.** A citation that states no date and no year in its number
  ("Nghị quyết 76/NQ-CP" in an OCR'd ward plan) gets the IRI ``.../76-nq-cp/undated``
  (graph/iri.py), while other plans cite ``.../76-nq-cp/2021``. When exactly one dated
  resource in the graph (cited or ingested) has the same number and issuer scope, and its
  year is not later than the year of any document citing the undated one (a document cannot
  cite a later one; numbering restarts, so 01-CTr/TU of 2025 is not what a 2024 plan cites),
  the undated resource ``cchc:resolvedTo`` the dated one, with a qualified
  cchc:DocumentResolution (method ``undated-number``) and its evidence. Never when two or
  more dated candidates remain: ambiguity is left visible.
- **Same subject.** Cited documents of the same series (issuer scope, document type and
  issuer code) and different years whose stated subjects (cchc:statedSubject) match
  (graph/link/subjects.py) get ``cchc:sameSubjectAs`` both ways and a qualified
  cchc:SubjectMatch from the older to the newer, with the score and both wordings. A
  citation that states no subject is compared by the task it stands in
  (graph/link/citation_context.py, subjects.context_similarity), only against other plans'
  citations, and never for two documents one plan cites together (co-cited acts complement
  each other). The match lists the citations that matched (cchc:matchedCitation).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import combinations

from cchc_kg.graph import iri
from cchc_kg.graph.link import subjects
from cchc_kg.graph.link.citation_context import read_contexts
from cchc_kg.graph.link.fetch import PREFIXES, _s, _select, read_documents
from cchc_kg.graph.link.model import Doc
from cchc_kg.graph.rdf import PREFIXES as RDF_PREFIXES
from cchc_kg.graph.rdf import stamp_to_datetime
from cchc_kg.graph.store.base import Store
from cchc_kg.graph.vocab import CCHC
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

CITED = PREFIXES + """
SELECT ?c ?doc ?cited ?role ?source ?line ?number ?subject ?type
WHERE {
  # Within the citing document's graph (as fetch.CITATIONS): in the union graph the type of a
  # national act is stated by every plan citing it, which multiplied each row by the number
  # of citing plans (millions of rows at national scale).
  GRAPH ?g {
    ?c a cchc:Citation ; cchc:citingDocument ?doc ; cchc:citedDocument ?cited ;
       cchc:citationRole ?role ; cchc:sourceFile ?source ; cchc:sourceLine ?line .
    OPTIONAL { ?c cchc:statedNumber ?number }
    OPTIONAL { ?c cchc:statedSubject ?subject }
    OPTIONAL { ?cited eli:type_document ?tc . BIND(REPLACE(STR(?tc), "^.*/", "") AS ?type) }
  }
}
"""
_YEAR = re.compile(r"/((?:19|20)\d{2})$")
UNDATED = "/undated"


@dataclass(frozen=True, slots=True)
class CitedRow:
    citation: str
    citing: str
    cited: str
    role: str
    source: str
    line: int
    number: str | None
    subject: str | None
    type: str | None
    context: str | None = None  # the task it stands in, when it states no subject


@dataclass(slots=True)
class UndatedResolution:
    undated: str
    dated: str
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SubjectMatch:
    older: str
    newer: str
    score: float
    evidence: list[str] = field(default_factory=list)
    method: str = "subject-bigrams"
    citations: list[str] = field(default_factory=list)  # citations whose subject/context matched


@dataclass(slots=True)
class CorpusLinks:
    resolutions: list[UndatedResolution] = field(default_factory=list)
    matches: list[SubjectMatch] = field(default_factory=list)


def read_cited(store: Store) -> list[CitedRow]:
    rows = {}
    for r in _select(store, CITED):
        key = r["c"]
        if key in rows:
            continue
        rows[key] = CitedRow(
            citation=key, citing=r["doc"], cited=r["cited"], role=r["role"], source=r["source"],
            line=int(r["line"]), number=_s(r, "number"), subject=_s(r, "subject"), type=_s(r, "type"),
        )
    return sorted(rows.values(), key=lambda c: (c.source, c.line, c.citation))


def year_of(resource: str) -> int | None:
    """The year segment of a numbered document IRI (graph/iri.py), None when undated."""
    m = _YEAR.search(resource)
    return int(m.group(1)) if m else None


def resolve_undated(rows: list[CitedRow], *, doc_years: dict[str, int]) -> list[UndatedResolution]:
    """Undated cited resources with exactly one dated candidate (see the module docstring)."""
    dated: dict[str, set[str]] = defaultdict(set)
    for resource in {r.cited for r in rows} | set(doc_years):
        if year_of(resource) is not None:
            dated[resource.rsplit("/", 1)[0]].add(resource)
    citing: dict[str, list[CitedRow]] = defaultdict(list)
    for r in rows:
        if r.cited.endswith(UNDATED):
            citing[r.cited].append(r)
    out = []
    for undated, occurrences in sorted(citing.items()):
        prefix = undated[: -len(UNDATED)]
        years = [doc_years[o.citing] for o in occurrences if o.citing in doc_years]
        latest = min(years) if years else None
        candidates = sorted(c for c in dated.get(prefix, ()) if latest is None or (year_of(c) or 0) <= latest)
        if len(candidates) != 1:
            continue
        (target,) = candidates
        number = next((o.number for o in occurrences if o.number), prefix.rsplit("/", 1)[-1])
        where = "; ".join(sorted({f"{o.source} line {o.line}" for o in occurrences}))
        evidence = [
            f"{number} cited without a date ({where})",
            f"the only dated document with this number and issuer scope in the graph: {target.rsplit('/', 1)[-1]}",
        ]
        if latest is not None:
            evidence.append(f"not later than the citing document ({latest})")
        others = sorted({r.source for r in rows if r.cited == target})
        if others:
            evidence.append(f"dated by {', '.join(others)}")
        out.append(UndatedResolution(undated, target, evidence))
    return out


def _series(r: CitedRow, resource: str) -> tuple[str, str, str] | None:
    """(issuer scope, document type, issuer code) of a cited numbered document."""
    if not r.number or not r.type:
        return None
    code = iri.number_issuer_code(r.number)
    if not code:
        return None
    scope = iri.document_scope(resource) or ("national" if iri.is_national_number(r.number) else "local")
    return scope, r.type, iri.slug(code)


def match_subjects(rows: list[CitedRow], *, resolved: dict[str, str],
                   threshold: float = subjects.THRESHOLD,
                   context_threshold: float = subjects.CONTEXT_THRESHOLD) -> list[SubjectMatch]:
    """Cited documents of one series and different years with matching stated subjects
    (else matching task contexts, see the module docstring)."""
    said: dict[str, list[CitedRow]] = defaultdict(list)
    series: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    citers: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        resource = resolved.get(r.cited, r.cited)
        citers[resource].add(r.citing)
        key = _series(r, resource)
        if key is None or year_of(resource) is None or not (r.subject or r.context):
            continue
        said[resource].append(r)
        series[key].add(resource)
    out = []
    for members in series.values():
        for a, b in combinations(sorted(members), 2):
            ya, yb = year_of(a), year_of(b)
            if ya == yb or ya is None or yb is None:
                continue
            older, newer = (a, b) if ya < yb else (b, a)
            match = _match_stated(said[older], said[newer], threshold) or (
                None if citers[older] & citers[newer]
                else _match_context(said[older], said[newer], context_threshold))
            if match is not None:
                out.append(SubjectMatch(older, newer, *match))
    return out


def _match_stated(old: list[CitedRow], new: list[CitedRow], threshold: float) -> tuple | None:
    scored = [(subjects.similarity(x.subject, y.subject), x, y)
              for x in old if x.subject for y in new if y.subject]
    return _best(scored, threshold, "subject-bigrams", "subject word-bigram overlap",
                 lambda r: r.subject)


def _match_context(old: list[CitedRow], new: list[CitedRow], threshold: float) -> tuple | None:
    scored = [(subjects.context_similarity(x.context, y.context), x, y)
              for x in old if x.context and not x.subject
              for y in new if y.context and not y.subject and y.citing != x.citing]
    return _best(scored, threshold, "context-bigrams",
                 "no stated subject; the tasks citing them match, OCR-tolerant word-bigram coverage",
                 lambda r: f"in the task \"{r.context}\"")


def _best(scored: list[tuple[float, CitedRow, CitedRow]], threshold: float, method: str, why: str,
          said: Callable[[CitedRow], str | None]) -> tuple | None:
    hits = [t for t in scored if t[0] >= threshold]
    if not hits:
        return None
    score, x, y = max(hits, key=lambda t: (t[0], t[1].citation, t[2].citation))
    evidence = [
        f"{x.number} ({x.source} line {x.line}): {said(x)}",
        f"{y.number} ({y.source} line {y.line}): {said(y)}",
        f"same issuer scope, type and issuer code; {why} {score:.2f}",
    ]
    cited = sorted({c.citation for _, x1, y1 in hits for c in (x1, y1)})
    return round(score, 3), evidence, method, cited


def compute(store: Store, *, docs: dict[str, Doc] | None = None) -> CorpusLinks:
    """Read the citations and documents of the store and compute both kinds of link.

    Bounded at national scale: the citation rows are read once, within each citing graph;
    task contexts (a join of citations and tasks) are read only for the citing documents of
    series whose cited documents span two or more years (no other series can match); the
    documents' metadata is taken from ``docs`` when the caller has read it already.
    """
    rows = read_cited(store)
    docs = docs if docs is not None else read_documents(store)
    doc_years = {d.iri: int(d.date[:4]) for d in docs.values() if d.date and re.match(r"\d{4}", d.date)}
    resolutions = resolve_undated(rows, doc_years=doc_years)
    resolved = {r.undated: r.dated for r in resolutions}
    citing = _context_documents(rows, resolved=resolved)
    contexts = read_contexts(store, docs=sorted(citing)) if citing else {}
    rows = [replace(r, context=contexts.get(r.citation)) if r.citation in contexts else r for r in rows]
    return CorpusLinks(resolutions, match_subjects(rows, resolved=resolved))


def _context_documents(rows: list[CitedRow], *, resolved: dict[str, str]) -> set[str]:
    """Citing documents whose subject-less citations may be compared by context: those in a
    series (issuer scope, type, issuer code) whose cited resources span two or more years."""
    years: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    keyed: list[tuple[tuple[str, str, str], CitedRow]] = []
    for r in rows:
        resource = resolved.get(r.cited, r.cited)
        key = _series(r, resource)
        year = year_of(resource)
        if key is None or year is None:
            continue
        years[key].add(year)
        if not r.subject:
            keyed.append((key, r))
    return {r.citing for key, r in keyed if len(years[key]) > 1}


def corpus_graph(links: CorpusLinks, *, stamp: str) -> Graph:
    g = Graph()
    for prefix, ns in RDF_PREFIXES.items():
        g.bind(prefix, ns)
    run = iri.link_run(f"{stamp}-corpus")
    g.add((run, RDF.type, CCHC.LinkRun))
    g.add((run, PROV.endedAtTime, Literal(stamp_to_datetime(stamp), datatype=XSD.dateTime)))
    g.add((run, CCHC.method, Literal("corpus: undated-number, subject-bigrams, context-bigrams")))
    graph_iri = iri.corpus_links_graph()
    g.add((graph_iri, RDF.type, PROV.Entity))
    g.add((graph_iri, PROV.wasGeneratedBy, run))
    for r in links.resolutions:
        _qualified(g, kind=CCHC.DocumentResolution, lower=r.undated, higher=r.dated, relation="resolved",
                   score=1.0, method="undated-number", evidence=r.evidence)
        g.add((URIRef(r.undated), CCHC.resolvedTo, URIRef(r.dated)))
    for m in links.matches:
        g.add((URIRef(m.older), CCHC.sameSubjectAs, URIRef(m.newer)))
        g.add((URIRef(m.newer), CCHC.sameSubjectAs, URIRef(m.older)))
        node = _qualified(g, kind=CCHC.SubjectMatch, lower=m.older, higher=m.newer, relation="same-subject",
                          score=m.score, method=m.method, evidence=m.evidence)
        for c in m.citations:
            g.add((node, CCHC.matchedCitation, URIRef(c)))
    return g


def _qualified(g: Graph, *, kind: URIRef, lower: str, higher: str, relation: str, score: float,
               method: str, evidence: list[str]) -> URIRef:
    node = iri.link(str(kind).rsplit("#", 1)[-1], "corpus", lower, higher)
    g.add((URIRef(lower), PROV.qualifiedInfluence, node))
    g.add((node, RDF.type, kind))
    g.add((node, PROV.influencer, URIRef(higher)))
    g.add((node, CCHC.relation, Literal(relation)))
    g.add((node, CCHC.score, Literal(f"{score:.3f}", datatype=XSD.decimal)))
    g.add((node, CCHC.method, Literal(method)))
    for e in evidence:
        g.add((node, CCHC.evidence, Literal(e)))
    if evidence:
        g.add((node, CCHC.evidenceSummary, Literal("; ".join(evidence))))
    return node


def link_corpus(store: Store, *, stamp: str, docs: dict[str, Doc] | None = None) -> CorpusLinks:
    """Compute and write the corpus links (replacing the previous run's graph)."""
    links = compute(store, docs=docs)
    store.replace_graph(iri.corpus_links_graph(), corpus_graph(links, stamp=stamp))
    return links
