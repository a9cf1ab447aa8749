"""Preparing RDF for an OWL 2 DL reasoner: the import module and the OWL 2 projection.

graph/reason.py hands HermiT the ontology, instance data and imported vocabularies; HermiT
accepts only OWL 2 DL within the OWL 2 datatype map, and the pinned imports are too big (and too
punned) to give it whole. This module holds the conventions that make the input acceptable, kept
apart from running the reasoner so each can be tested on small graphs:

* Import module: the *upward module* of the imports for the terms the input mentions.
* OWL 2 datatype map: ``xsd:date``, ``xsd:gYear``, ``xsd:gYearMonth`` literals become plain
  strings and ranges on them ``rdfs:Literal``; ``rdf:langString`` becomes ``rdf:PlainLiteral``.
* Partial dates: for a functional property, prefix-compatible date-like values ("2021" and
  "2021-07-15") are one value, the most precise kept.
* Unique names: graph/iri.py mints one IRI per identity, stated as ``owl:AllDifferent``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

DATA_NS = "https://w3id.org/cchc-kg/"  # data (id/) and vocabulary (vocab/) IRIs minted by the project
ELI_DATE_DOCUMENT = URIRef("http://data.europa.eu/eli/ontology#date_document")
RDF_PLAIN_LITERAL = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral")
RDF_LANG_STRING = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): all HermiT supports.
OWL2_DATATYPES = frozenset(
    {str(XSD[n]) for n in ["decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp"]}
    | {str(RDF_PLAIN_LITERAL), str(RDF.XMLLiteral), str(RDFS.Literal), str(OWL.real), str(OWL.rational)}
)

# Predicates whose triples carry the logic of an imported term (plus its label for display).
_MODULE_PREDICATES = frozenset(
    {RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, RDFS.label,
     OWL.equivalentClass, OWL.equivalentProperty, OWL.inverseOf, OWL.disjointWith,
     OWL.propertyDisjointWith, OWL.propertyChainAxiom}
)
_OWL_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
_SCHEMA_TYPES = (OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                 URIRef("http://www.w3.org/2004/02/skos/core#ConceptScheme"),
                 URIRef("http://www.w3.org/2004/02/skos/core#Concept"))
_DATE_LIKE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def import_module(signature_source: Graph, imports: Graph) -> Graph:
    """The upward module of ``imports`` for the terms that ``signature_source`` mentions.

    Starting from every IRI of ``signature_source`` that ``imports`` describes, copy that term's
    logical axioms (and blank-node class expressions they use, and ``owl:disjointWith``
    statements naming it) and continue with every IRI those axioms mention.
    """
    defined = {s for s in imports.subjects() if isinstance(s, URIRef)}
    queue = [t for t in _iris(signature_source) if t in defined]
    seen: set[URIRef] = set()
    module = Graph()
    while queue:
        term = queue.pop()
        if term in seen:
            continue
        seen.add(term)
        triples = [(term, p, o) for p, o in imports.predicate_objects(term) if p in _MODULE_PREDICATES]
        triples += [(s, OWL.disjointWith, term) for s in imports.subjects(OWL.disjointWith, term)]
        for t in triples:
            for added in _with_bnode_closure(t, imports):
                module.add(added)
                for node in (added[0], added[2]):
                    if isinstance(node, URIRef) and node in defined and node not in seen:
                        queue.append(node)
    return module


def _iris(graph: Graph) -> set[URIRef]:
    out: set[URIRef] = set()
    for s, p, o in graph:
        out.update(x for x in (s, p, o) if isinstance(x, URIRef))
    return out


def _with_bnode_closure(triple: tuple, graph: Graph) -> Iterable[tuple]:
    yield triple
    stack = [triple[2]] if isinstance(triple[2], BNode) else []
    done: set[BNode] = set()
    while stack:
        node = stack.pop()
        if node in done:
            continue
        done.add(node)
        for p, o in graph.predicate_objects(node):
            yield node, p, o
            if isinstance(o, BNode):
                stack.append(o)


# ---------------------------------------------------------------- preparing for HermiT


def owl2_projection(graph: Graph) -> Graph:
    """Copy of ``graph`` within the OWL 2 datatype map, with compatible partial dates merged."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is not None and str(o.datatype) not in OWL2_DATATYPES:
            o = Literal(str(o))
        elif isinstance(o, URIRef) and o == RDF_LANG_STRING:
            o = RDF_PLAIN_LITERAL
        elif isinstance(o, URIRef) and str(o).startswith(str(XSD)) and str(o) not in OWL2_DATATYPES \
                and p in (RDFS.range, OWL.someValuesFrom, OWL.allValuesFrom, OWL.onDataRange, RDF.first):
            o = RDFS.Literal
        out.add((s, p, o))
    _merge_partial_dates(out)
    _declare_untyped_properties(out)
    _unique_names(out)
    return out


def _merge_partial_dates(graph: Graph) -> None:
    """Keep only the most precise of prefix-compatible date-like values of a functional property."""
    functional = set(graph.subjects(RDF.type, OWL.FunctionalProperty)) | {ELI_DATE_DOCUMENT}
    for prop in functional:
        by_subject: dict = {}
        for s, o in graph.subject_objects(prop):
            if isinstance(o, Literal) and _DATE_LIKE.fullmatch(str(o)):
                by_subject.setdefault(s, []).append(o)
        for s, values in by_subject.items():
            if len(values) < 2:
                continue
            longest = max(values, key=lambda v: len(str(v)))
            if all(str(longest).startswith(str(v)) for v in values):
                for v in values:
                    if v != longest:
                        graph.remove((s, prop, v))


def _declare_untyped_properties(graph: Graph) -> None:
    """Give every used but untyped property (DCTERMS declares only rdf:Property) an OWL type.

    A property used only on schema-level subjects (ontology headers, classes, concepts) is an
    annotation property; one with literal values a datatype property; otherwise an object
    property. An untyped super-property takes the type of its typed sub-properties (an OWL 2 DL
    sub-property must be of the same kind), repeated until nothing changes.
    """
    builtin = {RDF.type, RDFS.label, RDFS.comment, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain,
               RDFS.range, RDFS.seeAlso, RDFS.isDefinedBy}
    schema_level = {s for t in _SCHEMA_TYPES for s in graph.subjects(RDF.type, t)}

    def kind_of(prop: URIRef) -> URIRef | None:
        return next((t for t in _OWL_PROPERTY_TYPES if (prop, RDF.type, t) in graph), None)

    used = {p for p in graph.predicates() if isinstance(p, URIRef) and not str(p).startswith((str(OWL), str(RDF)))}
    for prop in sorted(used - builtin):
        if kind_of(prop) is not None:
            continue
        subjects = set(graph.subjects(prop, None))
        if subjects and subjects <= schema_level:
            graph.add((prop, RDF.type, OWL.AnnotationProperty))
        elif any(isinstance(o, Literal) for o in graph.objects(None, prop)):
            graph.add((prop, RDF.type, OWL.DatatypeProperty))
        else:
            graph.add((prop, RDF.type, OWL.ObjectProperty))
    changed = True
    while changed:
        changed = False
        for sub, sup in list(graph.subject_objects(RDFS.subPropertyOf)):
            if isinstance(sup, URIRef) and kind_of(sup) is None and kind_of(sub) is not None:
                graph.add((sup, RDF.type, kind_of(sub)))
                changed = True


def _unique_names(graph: Graph) -> None:
    """State the unique-name assumption of the IRI policy where it matters.

    graph/iri.py mints one IRI per identity, so two different data IRIs denote two different
    things (the link stage says owl:sameAs when it finds otherwise). OWL does not assume this;
    without it a functional property with two different IRI values is no conflict. We declare
    the values of functional object properties (administrative units, documents, indicators ...)
    pairwise different, except those related by owl:sameAs.
    """
    functional = {p for p in graph.subjects(RDF.type, OWL.FunctionalProperty)
                  if (p, RDF.type, OWL.ObjectProperty) in graph}
    values = {o for p in functional for o in graph.objects(None, p)
              if isinstance(o, URIRef) and str(o).startswith(DATA_NS)}
    same = {x for s, o in graph.subject_objects(OWL.sameAs) for x in (s, o)}
    members = sorted(values - same)
    if len(members) < 2:
        return
    node = BNode()
    graph.add((node, RDF.type, OWL.AllDifferent))
    head = BNode()
    graph.add((node, OWL.distinctMembers, head))
    Collection(graph, head, members)


__all__ = ["OWL2_DATATYPES", "RDF_LANG_STRING", "RDF_PLAIN_LITERAL", "import_module", "owl2_projection"]
