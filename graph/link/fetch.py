"""Read what the linker needs from the store with SPARQL (parameters bound, never formatted).

Documents are read from their own named graph only (other documents' graphs state things
about the documents they cite). Items and citations are read for a list of documents in one query (``VALUES ?doc``, at most
``CHUNK`` documents): the linker reads a province's batch of communes at once, not one
round trip per document and query, and never the whole country.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from cchc_kg.graph.link.model import Citation, Corpus, Doc, Item
from cchc_kg.graph.sparql_bind import bind_values
from cchc_kg.graph.store import ntriples as nt
from cchc_kg.graph.store.base import SelectResult, Store
from rdflib import URIRef

CHUNK = 200  # documents per batched read (the VALUES block stays a few kB)

PREFIXES = """PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

DOCS = PREFIXES + """
SELECT ?doc ?source ?number ?form ?level ?au ?parent ?period ?date ?title ?attached ?issuer ?plan
WHERE {
  GRAPH ?g {
    ?doc a cchc:Document ; cchc:sourceFile ?source .
    OPTIONAL { ?doc eli:id_local ?number }
    OPTIONAL { ?doc eli:type_document ?fc . BIND(REPLACE(STR(?fc), "^.*/", "") AS ?form) }
    OPTIONAL { ?doc cchc:level ?lc . BIND(REPLACE(STR(?lc), "^.*/", "") AS ?level) }
    OPTIONAL { ?doc cchc:adminUnit ?auNode . ?auNode skos:prefLabel ?au
               OPTIONAL { ?auNode cchc:parentUnit/skos:prefLabel ?parent } }
    OPTIONAL { ?doc cchc:period ?period }
    OPTIONAL { ?doc eli:date_document ?date }
    OPTIONAL { ?doc eli:title ?title }
    OPTIONAL { ?doc cchc:attachedPlanTitle ?attached }
    OPTIONAL { ?doc eli:passed_by/skos:prefLabel ?issuer }
    OPTIONAL { ?doc a ?planClass . FILTER(?planClass = cchc:Plan) }
    BIND(BOUND(?planClass) AS ?plan)
  }
}
"""

CITATIONS = PREFIXES + """
SELECT ?doc ?c ?cited ?role ?line ?quote ?number ?date ?issuer ?clause ?type ?ctitle ?subject
WHERE {
  # Within the citing document's own graph: every citing document states a title and type of
  # the documents it cites (OCR variants included), so in the union graph a national programme
  # cited by every commune would multiply each citation row by the number of communes.
  GRAPH ?g {
    ?c a cchc:Citation ; cchc:citingDocument ?doc ; cchc:citedDocument ?cited ;
       cchc:citationRole ?role ; cchc:sourceLine ?line .
    OPTIONAL { ?c cchc:originalText ?quote }
    OPTIONAL { ?c cchc:statedNumber ?number }
    OPTIONAL { ?c cchc:statedDate ?date }
    OPTIONAL { ?c cchc:statedIssuer ?issuer }
    OPTIONAL { ?c cchc:basisClause ?clause }
    OPTIONAL { ?cited eli:type_document ?tc . BIND(REPLACE(STR(?tc), "^.*/", "") AS ?type) }
    OPTIONAL { ?cited eli:title ?ctitle }
    OPTIONAL { ?c cchc:statedSubject ?subject }
  }
}
"""

TARGETS = PREFIXES + """
SELECT ?doc ?t ?source ?line ?text ?indicator ?comparator ?value ?unit ?period ?area ?asp
WHERE {
  ?t a cchc:Target ; cchc:inDocument ?doc ; cchc:sourceFile ?source ; cchc:sourceLine ?line .
  OPTIONAL { ?t cchc:originalText ?text }
  OPTIONAL { ?t cchc:indicator ?ic . BIND(REPLACE(STR(?ic), "^.*/", "") AS ?indicator) }
  OPTIONAL { ?t cchc:comparator ?comparator }
  OPTIONAL { ?t cchc:targetValue ?value }
  OPTIONAL { ?t cchc:unit ?unit }
  OPTIONAL { ?t cchc:period ?period }
  OPTIONAL { ?t cchc:reformArea ?ac . BIND(REPLACE(STR(?ac), "^.*/", "") AS ?area) }
  OPTIONAL { ?t cchc:isAspiration ?asp }
}
"""

TASKS = PREFIXES + """
SELECT ?doc ?k ?source ?line ?title ?clean ?n ?kind ?area ?group ?product
WHERE {
  ?k a cchc:Task ; cchc:inDocument ?doc ; cchc:sourceFile ?source ; cchc:sourceLine ?line .
  OPTIONAL { ?k dcterms:title ?title }
  OPTIONAL { ?k cchc:cleanTitle ?clean }
  OPTIONAL { ?k cchc:taskNumber ?n }
  OPTIONAL { ?k cchc:taskKind ?kind }
  OPTIONAL { ?k cchc:reformArea ?ac . BIND(REPLACE(STR(?ac), "^.*/", "") AS ?area) }
  OPTIONAL { ?k cchc:taskGroup ?group }
  OPTIONAL { ?k cchc:product ?product }
}
"""


def _select(store: Store, sparql: str, **bindings: URIRef) -> list[dict[str, str]]:
    """Rows as lexical forms (unbound variables left out).

    On the embedded Oxigraph store the query runs on the native store and only the values'
    strings cross into Python (no rdflib terms): reading a commune's items is the linker's
    main cost at national scale.
    """
    native = getattr(store, "native", None)
    if native is not None:
        sols = native.query(bind_values(sparql, bindings or None), use_default_graph_as_union=True)
        names = [v.value for v in sols.variables]
        return [{k: t.value for k, t in zip(names, sol, strict=True) if t is not None} for sol in sols]
    res = store.query(sparql, bindings=bindings or None)
    if not isinstance(res, SelectResult):  # pragma: no cover - a SELECT always gives rows
        raise TypeError("expected SELECT rows")
    return [{k: str(v) for k, v in row.items() if v is not None} for row in res.dicts()]


def _s(row: dict, key: str) -> str | None:
    v = row.get(key)
    return v if v else None


def _true(row: dict, key: str) -> bool:
    return row.get(key) in ("true", "1")


def read_documents(store: Store, *, shared: set[str] | None = None) -> dict[str, Doc]:
    """Every ingested document's metadata, keyed by IRI (first value wins on duplicates).

    ``shared``, when given, receives the IRIs that two or more source files state as their
    document (the same number in two files): their items are the union of those graphs.
    """
    docs: dict[str, Doc] = {}
    for row in _select(store, DOCS):
        key = str(row["doc"])
        if key in docs:
            if shared is not None and docs[key].source != str(row["source"]):
                shared.add(key)
            continue
        docs[key] = Doc(
            iri=key, source=str(row["source"]), number=_s(row, "number"), form=_s(row, "form"),
            level=_s(row, "level"), admin_unit=_s(row, "au"), parent_unit=_s(row, "parent"),
            period=_s(row, "period"), date=_s(row, "date"), title=_s(row, "title"),
            attached_title=_s(row, "attached"), issuer=_s(row, "issuer"),
            is_plan=_true(row, "plan"),
        )
    return docs


def _chunks(docs: Iterable[str]) -> Iterator[list[str]]:
    todo = list(dict.fromkeys(docs))
    for i in range(0, len(todo), CHUNK):
        yield todo[i:i + CHUNK]


def _for_docs(sparql: str, docs: list[str]) -> str:
    """The query restricted to ``docs`` by a VALUES block (IRIs escaped as N-Triples terms)."""
    values = " ".join(nt.iri(d) for d in docs)
    # Inside the GRAPH block when there is one: Oxigraph then binds ?doc before the graph's
    # patterns (outside it, it scanned every citation of the store: 0.76 s against 0.04 s
    # for 24 documents at 10 % scale).
    marker = "GRAPH ?g {" if "GRAPH ?g {" in sparql else "WHERE {"
    head, sep, body = sparql.partition(marker)
    return f"{head}{sep}\n  VALUES ?doc {{ {values} }}{body}"


def _select_docs(store: Store, sparql: str, docs: Iterable[str]) -> Iterator[dict[str, str]]:
    for chunk in _chunks(docs):
        yield from _select(store, _for_docs(sparql, chunk))


def read_citations(store: Store, doc: str) -> list[Citation]:
    """The citations a document makes (one per occurrence), in line order."""
    return read_citations_many(store, [doc]).get(doc, [])


def read_citations_many(store: Store, docs: Iterable[str]) -> dict[str, list[Citation]]:
    """The citations of each of ``docs`` (an empty list for a document that cites nothing)."""
    seen: dict[str, dict[str, Citation]] = {d: {} for d in docs}
    for row in _select_docs(store, CITATIONS, seen):
        doc, key = str(row["doc"]), str(row["c"])
        mine = seen.setdefault(doc, {})
        if key in mine:
            continue
        mine[key] = Citation(
            iri=key, citing=doc, cited=str(row["cited"]), role=str(row["role"]),
            line=int(row["line"]), quote=_s(row, "quote") or "",
            number=_s(row, "number"), date=_s(row, "date"), issuer=_s(row, "issuer"),
            clause=_s(row, "clause"), type=_s(row, "type"), cited_title=_s(row, "ctitle"),
            subject=_s(row, "subject"),
        )
    return {d: sorted(m.values(), key=lambda c: (c.line, c.iri)) for d, m in seen.items()}


def read_items(store: Store, doc: str) -> list[Item]:
    """The targets and tasks of a document, in line order."""
    return read_items_many(store, [doc]).get(doc, [])


def read_items_many(store: Store, docs: Iterable[str]) -> dict[str, list[Item]]:
    """The targets and tasks of each of ``docs``, in line order."""
    native = getattr(store, "native", None)
    if native is not None and hasattr(native, "quads_for_pattern"):
        return {d: read_items_native(native, d) for d in dict.fromkeys(docs)}
    items: dict[str, dict[str, Item]] = {d: {} for d in docs}
    for row in _select_docs(store, TARGETS, items):
        doc, key = str(row["doc"]), str(row["t"])
        mine = items.setdefault(doc, {})
        if key in mine:
            continue
        value = row.get("value")
        mine[key] = Item(
            iri=key, kind="target", doc=doc, source=str(row["source"]),
            line=int(row["line"]), text=_s(row, "text") or "",
            indicator=_s(row, "indicator"), comparator=_s(row, "comparator"),
            value=float(value) if value else None, unit=_s(row, "unit"),
            period=_s(row, "period"), area=_s(row, "area"),
            aspiration=_true(row, "asp"),
        )
    for row in _select_docs(store, TASKS, items):
        doc, key = str(row["doc"]), str(row["k"])
        mine = items.setdefault(doc, {})
        if key in mine:
            continue
        mine[key] = Item(
            iri=key, kind="task", doc=doc, source=str(row["source"]),
            line=int(row["line"]),
            text=_s(row, "clean") or _s(row, "title") or "", n=_s(row, "n"),
            task_kind=_s(row, "kind"), area=_s(row, "area"), group=_s(row, "group"),
            product=_s(row, "product"),
        )
    return {d: sorted(m.values(), key=lambda i: (i.line, i.iri)) for d, m in items.items()}


def read_corpus(store: Store, docs: list[str] | None = None) -> Corpus:
    """Documents (all), and citations and items of ``docs`` (all documents when None)."""
    corpus = Corpus(docs=read_documents(store))
    wanted = docs if docs is not None else list(corpus.docs)
    corpus.citations.update(read_citations_many(store, wanted))
    corpus.items.update(read_items_many(store, wanted))
    return corpus


def load_doc(store: Store, corpus: Corpus, doc: str) -> None:
    """Read one document's citations and items into the corpus (once)."""
    if doc not in corpus.items:
        corpus.citations[doc] = read_citations(store, doc)
        corpus.items[doc] = read_items(store, doc)


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_C = "https://w3id.org/cchc-kg/ontology#"
_TARGET_FIELDS = {_C + "originalText": "text", _C + "indicator": "indicator", _C + "comparator": "comparator",
                  _C + "targetValue": "value", _C + "unit": "unit", _C + "period": "period",
                  _C + "reformArea": "area", _C + "isAspiration": "asp"}
_TASK_FIELDS = {"http://purl.org/dc/terms/title": "title", _C + "cleanTitle": "clean", _C + "taskNumber": "n",
                _C + "taskKind": "kind", _C + "reformArea": "area", _C + "taskGroup": "group",
                _C + "product": "product"}
_COMMON = {_C + "inDocument": "doc", _C + "sourceFile": "source", _C + "sourceLine": "line"}
_FIELDS = {**_COMMON, **_TARGET_FIELDS, **_TASK_FIELDS}
_CONCEPTS = {"indicator", "area"}  # concept IRIs: the notation is the last path segment


PairSource = Callable[[str, "str | None"], Iterable[tuple[str, str]]]
"""``pairs(predicate, object)`` -> (subject, object) lexical values of the triples with that
predicate (and that object IRI when given) in one document's graph."""


def items_from_pairs(doc: str, pairs: PairSource) -> list[Item]:
    """The targets and tasks of ``doc`` from the triples of its graph, read property by
    property: the one decoding of items shared by the store reader (``read_items_native``)
    and the ingest workers (``items_from_triples``), so that the items the linker scores are the
    same whether they were read back from the store or taken from the triples just written.

    A property stated twice for one item keeps its smallest value (either reader then picks
    the same one, whatever the order of its index); the extractors state each once.
    """
    rows: dict[str, dict[str, str]] = {}
    kinds: dict[str, str] = {}
    for cls, kind in ((_C + "Target", "target"), (_C + "Task", "task")):
        for subj, _ in pairs(_RDF_TYPE, cls):
            kinds.setdefault(subj, kind)
    for pred, key in _FIELDS.items():
        for subj, value in pairs(pred, None):
            if key in _CONCEPTS:
                value = value.rsplit("/", 1)[-1]
            row = rows.setdefault(subj, {})
            old = row.get(key)
            if old is None or value < old:
                row[key] = value
    items: list[Item] = []
    for subj, kind in kinds.items():
        row = rows.get(subj, {})
        if row.get("doc") != doc or "source" not in row or "line" not in row:
            continue
        if kind == "target":
            value = row.get("value")
            items.append(Item(
                iri=subj, kind="target", doc=doc, source=row["source"], line=int(row["line"]),
                text=_s(row, "text") or "", indicator=_s(row, "indicator"),
                comparator=_s(row, "comparator"), value=float(value) if value else None,
                unit=_s(row, "unit"), period=_s(row, "period"), area=_s(row, "area"),
                aspiration=_true(row, "asp"),
            ))
        else:
            items.append(Item(
                iri=subj, kind="task", doc=doc, source=row["source"], line=int(row["line"]),
                text=_s(row, "clean") or _s(row, "title") or "", n=_s(row, "n"),
                task_kind=_s(row, "kind"), area=_s(row, "area"), group=_s(row, "group"),
                product=_s(row, "product"),
            ))
    return sorted(items, key=lambda i: (i.line, i.iri))


def read_items_native(native, doc: str) -> list[Item]:
    """The targets and tasks of one document from its own named graph(s), one index range scan
    per property (graph, predicate) instead of an index look-up per item and OPTIONAL.

    Same answers as the TARGETS / TASKS queries (the items and their properties are stated
    in the document's graph; tested against them): at national scale those SPARQL reads were
    80 % of the main process (about 1 ms a task under load).
    """
    import pyoxigraph as ox

    node = ox.NamedNode(doc)
    graphs = sorted({q.graph_name for q in native.quads_for_pattern(node, ox.NamedNode(_RDF_TYPE),
                                                                     ox.NamedNode(_C + "Document"), None)}, key=str)

    def pairs(pred: str, obj: str | None) -> Iterator[tuple[str, str]]:
        o = ox.NamedNode(obj) if obj is not None else None
        for g in graphs:
            for q in native.quads_for_pattern(None, ox.NamedNode(pred), o, g):
                yield q.subject.value, q.object.value

    return items_from_pairs(doc, pairs)


def items_from_triples(triples: Iterable[tuple], doc: str) -> list[Item]:
    """The targets and tasks of ``doc`` from the triples of its extraction as a sequence
    (``rdf.result_triples``): what an ingest worker holds when it writes N-Triples without
    building an rdflib Graph. Indexed by predicate once, then decoded like the other readers."""
    by_pred: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in triples:
        by_pred.setdefault(str(p), []).append((str(s), str(o)))

    def pairs(pred: str, obj: str | None) -> Iterator[tuple[str, str]]:
        for s, v in by_pred.get(pred, ()):
            if obj is None or v == obj:
                yield s, v

    return items_from_pairs(doc, pairs)
