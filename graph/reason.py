"""OWL 2 DL reasoning over the cchc-kg ontology and instance data with HermiT (owlready2).

SHACL (graph/validate.py) checks each node against a closed description of what the extractors
must produce; it does not infer. The reasoner works the other way round: it takes the open-world
axioms of ontology/ (cchc.ttl, axioms.ttl, the SKOS schemes) with the imported vocabularies, adds
instance data, and (1) decides whether the whole is consistent — a functional property with two
values, an individual in two disjoint classes, a range violated — and (2) classifies individuals
into the classes their descriptions entail (a cited "Kế hoạch" is a plan, an issuing body is an
ELI agent). See docs/reasoning.md.

Three conventions make this fast and robust, each documented where applied:

* Import module. The pinned imports (ontology/imports/) are not handed to HermiT whole: PROV-O and
  OWL-Time pun names (owlready2 cannot type them) and would multiply the reasoning time. We keep
  the *upward module*: the axioms of every imported term the ontology or the data mention, and of
  the terms those axioms mention, recursively.
* OWL 2 datatype map. HermiT accepts only the datatypes of the OWL 2 datatype map. ``xsd:date``,
  ``xsd:gYear``, ``xsd:gYearMonth`` (ELI, OWL-Time, our partial dates) are not in it: ranges on
  them become ``rdfs:Literal`` and literals of them become plain strings of the same lexical form.
  ``rdf:langString`` becomes ``rdf:PlainLiteral`` (its OWL 2 name).
* Partial dates. ``eli:date_document`` is functional; "2021" and "2021-07-15" said of one document
  by two citations are compatible, not a conflict, so for date-like values of one subject and
  property that are prefixes of the most precise one only the most precise is kept.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from cchc_kg.resources import data_dir

CCHC_NS = "https://w3id.org/cchc-kg/ontology#"
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
_SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*")
_DATE_LIKE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_TYPE_LINE = re.compile(r"^Type\( <([^>]+)> <([^>]+)> \)$", re.MULTILINE)
_NOTHING_SUB = re.compile(r"^SubClassOf\( <([^>]+)> owl:Nothing \)$", re.MULTILINE)
_NOTHING_EQ = re.compile(r"^EquivalentClasses\((.*owl:Nothing.*)\)$", re.MULTILINE)


class ReasonerError(RuntimeError):
    """The reasoner could not run (no Java, a HermiT failure): not a verdict on the data."""


@dataclass(slots=True)
class ReasoningReport:
    """Outcome of one reasoner run: a value, not an exception, whatever the verdict."""

    consistent: bool
    seconds: float
    ontology_triples: int
    module_triples: int
    data_triples: int
    inferred_types: list[tuple[str, str]] = field(default_factory=list)  # (individual, class)
    unsatisfiable_classes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # likely causes when inconsistent
    label: str = ""  # what was reasoned over (a named graph, "sample", ...)

    def summary(self) -> str:
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        return (
            f"{self.label or 'data'}: {verdict}; {self.data_triples} data triples, "
            f"{len(self.inferred_types)} inferred class memberships, "
            f"{len(self.unsatisfiable_classes)} unsatisfiable classes, {self.seconds:.1f} s"
        )


# ---------------------------------------------------------------- loading the ontology


def ontology_graph() -> Graph:
    """The project's own ontology: ontology/*.ttl and ontology/schemes/*.ttl (a fresh copy)."""
    g = Graph()
    for t in _ontology_cached():
        g.add(t)
    return g


@lru_cache(maxsize=1)
def _ontology_cached() -> Graph:
    # ontology/*.ttl and the SKOS schemes; not imports/ (see import_module) nor other folders
    # such as reference/, which hold reference data loaded into the store, not ontology.
    g = Graph()
    root = data_dir("ontology")
    for path in sorted(root.glob("*.ttl")) + sorted((root / "schemes").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def imports_graph() -> Graph:
    """All pinned imported vocabularies (ontology/imports/), merged (cached: do not modify)."""
    return _imports_cached()


@lru_cache(maxsize=1)
def _imports_cached() -> Graph:
    g = Graph()
    for path in sorted((data_dir("ontology") / "imports").glob("*.ttl")):
        g.parse(path, format="turtle")
    g.remove((None, OWL.imports, None))
    return g


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
    from rdflib.collection import Collection

    Collection(graph, head, members)


# ---------------------------------------------------------------- running HermiT


def reason(
    data: Graph | None = None, *, label: str = "", with_imports: bool = True, timeout: float = 300.0
) -> ReasoningReport:
    """Check consistency of ontology + import module + ``data`` and classify the individuals."""
    started = time.perf_counter()
    onto = _ontology_cached()
    data = data if data is not None else Graph()
    combined = Graph()
    for t in onto:
        combined.add(t)
    for t in data:
        combined.add(t)
    module = import_module(combined, imports_graph()) if with_imports else Graph()
    for t in module:
        combined.add(t)
    projected = owl2_projection(combined)
    asserted = {(str(s), str(o)) for s, o in projected.subject_objects(RDF.type)}
    report = ReasoningReport(
        consistent=True, seconds=0.0, ontology_triples=len(onto), module_triples=len(module),
        data_triples=len(data), label=label,
    )
    consistent, inferred, unsat = _run_hermit(projected, timeout=timeout)
    report.consistent = consistent
    report.inferred_types = sorted(
        (i, c) for i, c in inferred if (i, c) not in asserted and c != str(OWL.Thing)
    )
    report.unsatisfiable_classes = unsat
    if not consistent:
        report.conflicts = explain_conflicts(projected)
    report.seconds = time.perf_counter() - started
    return report


def _run_hermit(graph: Graph, *, timeout: float) -> tuple[bool, list[tuple[str, str]], list[str]]:
    """Load ``graph`` in owlready2 (it must parse as OWL) and run HermiT on it.

    HermiT is called through its command line with class classification and instance
    realisation only (``-c -I``). owlready2's ``sync_reasoner_hermit`` also classifies object and
    data properties (``-O -D``), which we do not use and which costs ten times as much.
    """
    import owlready2
    import owlready2.reasoning as owl_reasoning

    with tempfile.TemporaryDirectory(prefix="cchc-reason-") as tmp:
        path = Path(tmp) / "input.nt"
        path.write_text(graph.serialize(format="nt"), encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(path.as_uri()).load()
        except Exception as exc:  # owlready2 raises assorted parser errors
            raise ReasonerError(f"owlready2 could not load the ontology: {exc}") from exc
        finally:
            world.close()
        command = [
            owlready2.JAVA_EXE, f"-Xmx{owl_reasoning.JAVA_MEMORY}M", "-cp", owl_reasoning._HERMIT_CLASSPATH,
            "org.semanticweb.HermiT.cli.CommandLine", "-c", "-I", path.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except FileNotFoundError as exc:
            raise ReasonerError("Java was not found: HermiT needs a Java runtime (17+)") from exc
        except subprocess.TimeoutExpired as exc:
            raise ReasonerError(f"HermiT did not finish within {timeout:.0f} s") from exc
    if done.returncode != 0:
        message = done.stderr + done.stdout
        if "Inconsistent ontology" in message or "InconsistentOntologyException" in message:
            return False, [], []
        last = [line for line in message.strip().splitlines() if line.strip()][-3:]
        raise ReasonerError("HermiT failed: " + " | ".join(last)[:800])
    inferred = _TYPE_LINE.findall(done.stdout)
    unsat = sorted(
        {c for c in _NOTHING_SUB.findall(done.stdout)}
        | {c for group in _NOTHING_EQ.findall(done.stdout) for c in re.findall(r"<([^>]+)>", group)}
    )
    return True, inferred, unsat


def explain_conflicts(graph: Graph) -> list[str]:
    """Likely causes of an inconsistency: functional properties with several values and
    individuals asserted in two disjoint classes. HermiT itself gives no explanation."""
    out: list[str] = []
    for prop in sorted(set(graph.subjects(RDF.type, OWL.FunctionalProperty))):
        seen: dict = {}
        for s, o in graph.subject_objects(prop):
            seen.setdefault(s, set()).add(o)
        for s, values in sorted(seen.items()):
            if len(values) > 1:
                shown = ", ".join(sorted(str(v) for v in values))
                out.append(f"{s} has {len(values)} values of functional {prop}: {shown}")
    pairs = {(a, b) for a, b in graph.subject_objects(OWL.disjointWith)}
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Graph.items(graph, graph.value(group, OWL.members)))
        pairs |= {(a, b) for i, a in enumerate(members) for b in members[i + 1:]}
    types: dict = {}
    for s, c in graph.subject_objects(RDF.type):
        types.setdefault(s, set()).add(c)
    for s, cs in sorted(types.items()):
        for a, b in sorted(pairs):
            if a in cs and b in cs:
                out.append(f"{s} is asserted both {a} and {b}, which are disjoint")
    return out


# ---------------------------------------------------------------- over a store


def graph_data(store, graph: URIRef) -> Graph:
    """The triples of one named graph of a store."""
    if not _SAFE_IRI.fullmatch(str(graph)):
        raise ReasonerError(f"not a graph IRI: {graph!r}")
    # A CONSTRUCT's graph name cannot be pre-bound by every store; the IRI is checked above.
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    if not isinstance(result, Graph):
        raise ReasonerError(f"the store returned no graph for {graph}")
    return result


def reason_store(store, *, sample: int | None = None) -> list[ReasoningReport]:
    """Reason per named graph (one ingested document each), over the first ``sample`` graphs."""
    reports = []
    for g in store.graphs()[:sample]:
        reports.append(reason(graph_data(store, g), label=str(g)))
    return reports


def main(argv: list[str] | None = None) -> int:
    """``python -m cchc_kg.graph.reason [--store DIR] [--sample N] [--union]``: one line per graph."""
    import argparse
    import sys

    from cchc_kg.graph.store import open_store

    parser = argparse.ArgumentParser(prog="python -m cchc_kg.graph.reason", description=main.__doc__)
    parser.add_argument("--store", default=None, help="store folder (default ./cchc-store or $CCHC_STORE)")
    parser.add_argument("--sample", type=int, default=None, help="reason over the first N named graphs only")
    parser.add_argument("--union", action="store_true", help="one run over the union of the sampled graphs")
    args = parser.parse_args(argv)
    store = open_store(args.store)
    try:
        if args.union:
            union = Graph()
            for g in store.graphs()[: args.sample]:
                for t in graph_data(store, g):
                    union.add(t)
            reports = [reason(union, label="union")]
        else:
            reports = reason_store(store, sample=args.sample)
    except ReasonerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    for r in reports:
        print(r.summary())
        for c in r.conflicts:
            print(f"  conflict: {c}")
    return 0 if all(r.consistent for r in reports) else 1


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "ReasonerError",
    "ReasoningReport",
    "explain_conflicts",
    "graph_data",
    "import_module",
    "imports_graph",
    "ontology_graph",
    "owl2_projection",
    "reason",
    "reason_store",
]
