"""Link documents in a store: plan links, target alignments and task links, one graph each.

Scale: each document is linked only against the plans in its scope (the plans it cites, its
own province's higher plans and national plans), never all pairs across the country. Items
of a commune are dropped from memory once it is linked; higher plans' items are read once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from rdflib import URIRef

from cchc_kg.graph import iri
from cchc_kg.graph.link.fetch import load_doc, read_citations, read_documents
from cchc_kg.graph.link.indicators import Lexicon
from cchc_kg.graph.link.model import Corpus, Doc
from cchc_kg.graph.link.plans import place_key, plan_links, province_of
from cchc_kg.graph.link.targets import align_targets
from cchc_kg.graph.link.tasks import DEFAULT, METHOD, Params, link_tasks
from cchc_kg.graph.link.write import DocLinks, links_graph
from cchc_kg.graph.store.base import Store


@dataclass(slots=True)
class LinkReport:
    linked: list[DocLinks] = field(default_factory=list)
    seconds: float = 0.0

    def counts(self) -> list[tuple[str, int, int, int, int]]:
        """(source, plan links, resolutions, target alignments, task links) per document."""
        return [(d.doc.source, len(d.plans), len(d.resolutions), len(d.alignments), len(d.tasks))
                for d in self.linked]


def link_document(store: Store, corpus: Corpus, doc: Doc, *, lexicon: Lexicon,
                  params: Params = DEFAULT) -> DocLinks:
    """Compute (not write) every link of one document."""
    load_doc(store, corpus, doc.iri)
    scope = province_of(doc, corpus.citations[doc.iri])
    plans, resolutions = plan_links(doc, corpus=corpus, scope=scope)
    out = DocLinks(doc=doc, scope=scope, plans=plans, resolutions=resolutions, method=METHOD)
    lower = corpus.items[doc.iri]
    higher_items = []
    for p in plans:
        if not p.ingested or p.higher not in corpus.docs:
            continue
        load_doc(store, corpus, p.higher)
        items = corpus.items[p.higher]
        higher_items.extend(items)
        same_level = corpus.docs[p.higher].level == doc.level
        out.alignments.extend(align_targets(lower, items, lexicon=lexicon, same_level=same_level))
    out.tasks = link_tasks(lower, higher_items, lexicon=lexicon, params=params)
    return out


def link_store(store: Store, *, sources: list[str] | None = None, params: Params = DEFAULT,
               lexicon: Lexicon | None = None, stamp: str | None = None) -> LinkReport:
    """(Re)compute and write the links of the given source files (all documents when None)."""
    start = time.perf_counter()
    lexicon = lexicon if lexicon is not None else Lexicon.load()
    stamp = stamp or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    corpus = Corpus(docs=read_documents(store))
    wanted = set(sources) if sources is not None else None
    todo = sorted((d for d in corpus.docs.values() if wanted is None or d.source in wanted),
                  key=lambda d: (-d.rank, d.source))
    report = LinkReport()
    for doc in todo:
        links = link_document(store, corpus, doc, lexicon=lexicon, params=params)
        graph = links_graph(links, stamp=stamp)
        store.replace_graph(iri.links_graph(doc.source), graph)
        report.linked.append(links)
        if doc.rank <= 1:  # a commune is nobody's higher plan: free its items
            corpus.items.pop(doc.iri, None)
            corpus.citations.pop(doc.iri, None)
    report.seconds = time.perf_counter() - start
    return report


def affected_sources(store: Store, sources: list[str]) -> list[str]:
    """The given sources plus every document whose link scope may include one of them:
    lower-level documents of the same province (or any, for a national plan) and documents
    that cite them."""
    docs = read_documents(store)
    new = [d for d in docs.values() if d.source in set(sources)]
    out = {d.source for d in new}
    new_iris = {d.iri for d in new}
    for d in docs.values():
        if d.source in out:
            continue
        cites = None
        for n in new:
            if n.rank <= d.rank and n.rank:
                continue
            if n.level == "national":
                out.add(d.source)
                break
            if n.level == "province":
                mine = place_key(d.parent_unit or (d.admin_unit if d.level == "province" else None))
                if mine is None:
                    cites = cites if cites is not None else read_citations(store, d.iri)
                    mine = province_of(d, cites).province
                if mine == place_key(n.admin_unit):
                    out.add(d.source)
                    break
        else:
            cites = cites if cites is not None else read_citations(store, d.iri)
            if any(c.cited in new_iris for c in cites):
                out.add(d.source)
    return sorted(out)


def remove_links(store: Store, source: str) -> None:
    store.remove_graph(URIRef(iri.links_graph(source)))
