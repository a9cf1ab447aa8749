"""SHACL validation of the knowledge graph (shapes/*.ttl) into a typed report.

Two engines give the same results: pySHACL here (no JVM; best for a few plans) and Apache
Jena in graph/validate_jena.py (whole stores); ``choose_engine`` picks one.

The shapes (one file per class family) encode the data contract of contract.md and
graph/rdf.py; every result carries the focus node's source file and line, looked up from
``cchc:sourceFile`` / ``cchc:sourceLine`` of the node itself or, failing that, of the document it
belongs to, the citation that cites it or the task that assigns it, so a reader can open the plan
at the right place.

Validation runs without inference (``inference="none"``): shapes test what the extractors wrote,
not what a reasoner could add (graph/reason.py does that). The data graph is the store's union
graph plus the SKOS schemes (so that scheme-membership shapes can see the code lists) and the
class hierarchy of the core ontology (so that ``sh:class cchc:Document`` accepts a ``cchc:Plan``).

Conformance follows pySHACL with ``allow_warnings`` and ``allow_infos``: the graph conforms when
no result has severity ``sh:Violation``; warnings and infos are reported but do not fail it.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from cchc_kg.graph.errors import QueryError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, NamespaceManager
from rdflib.term import Node

from cchc_kg.resources import data_dir

_SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
CCHC = "https://w3id.org/cchc-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"


class ShapesError(ValueError):
    """The shapes in shapes/ cannot be parsed or are not valid SHACL."""


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result, located in the source documents."""

    focus: str
    severity: str  # Violation | Warning | Info
    message_vi: str
    message_en: str
    path: str | None = None
    value: str | None = None
    source: str | None = None  # base name of the source file
    line: int | None = None  # 1-based line in that file
    shape: str | None = None
    constraint: str | None = None  # local name of the SHACL constraint component

    def message(self, lang: str = "vi") -> str:
        return (self.message_vi or self.message_en) if lang == "vi" else (self.message_en or self.message_vi)


@dataclass(slots=True)
class ValidationReport:
    """Typed outcome of a validation run; ``graph`` is the W3C ``sh:ValidationReport``."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)
    data_triples: int = 0
    seconds: float = 0.0
    scope: str = "union"  # "union" or the IRI of the named graph validated
    engine: str = "pyshacl"  # which validator produced it: pyshacl or jena
    timings: dict[str, float] = field(default_factory=dict)  # engine phases (Jena: load, validate ...)

    def counts(self) -> dict[str, int]:
        out = {"Violation": 0, "Warning": 0, "Info": 0}
        for r in self.results:
            out[r.severity] = out.get(r.severity, 0) + 1
        return out


# ---------------------------------------------------------------- inputs


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """All shapes of shapes/*.ttl, merged (cached: do not modify)."""
    g = Graph()
    try:
        for path in sorted(data_dir("shapes").glob("*.ttl")):
            g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises its own parser errors
        raise ShapesError(f"cannot parse the SHACL shapes: {exc}") from exc
    if not any(g.subjects(RDF.type, SH.NodeShape)):
        raise ShapesError(f"no SHACL node shapes found in {data_dir('shapes')}")
    return g


@lru_cache(maxsize=1)
def context_graph() -> Graph:
    """What shapes need besides the data: the SKOS schemes and the core class hierarchy."""
    g = Graph()
    root = data_dir("ontology")
    for path in sorted((root / "schemes").glob("*.ttl")):
        g.parse(path, format="turtle")
    core = Graph()
    for path in sorted(root.glob("*.ttl")):
        core.parse(path, format="turtle")
    for s, o in core.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            g.add((s, RDFS.subClassOf, o))
    return g


# What a result is located by (SourceIndex), besides what the shapes read.
_LOCATING = [CCHC + p for p in ("sourceFile", "sourceLine", "inDocument", "citingDocument", "citedDocument",
                                "leadUnit", "coordinatingUnit", "adminUnit", "parentUnit")] + [ELI + "passed_by"]
_PREFIXED = re.compile(r"(?<![\w:<\"'])([A-Za-z][\w-]*)?:([A-Za-z_][\w-]*)")
_VARIABLE_PREDICATE = re.compile(r"[?$]\w+\s+[?$]\w+\s+[?$<\"\w]")


@lru_cache(maxsize=1)
def shape_predicates() -> frozenset[str] | None:
    """Every predicate the shapes can read (paths, targets, pair constraints, the SPARQL of
    constraints and targets), plus rdf:type, rdfs:subClassOf and what results are located by;
    None when a SPARQL query might read any predicate (a variable in predicate position, an
    undeclared prefix), and then nothing may be left out.

    Why: only these triples matter to validation; at 1 % they are 31 % of the store (link
    scores, key phrases, provenance, titles are never read), so pulling only them out of the
    store is the cheapest speed-up of a whole-graph run, with identical results.
    """
    g = shapes_graph()
    used = {str(RDF.type), str(RDFS.subClassOf), *_LOCATING}
    for pred in (SH.path, SH.targetSubjectsOf, SH.targetObjectsOf, SH.disjoint, SH.equals, SH.lessThan,
                 SH.lessThanOrEquals):
        for o in g.objects(None, pred):
            used |= _iris_in(g, o)
    prefixes = {str(p): str(ns) for d in g.objects(None, SH.declare)
                for p, ns in [(g.value(d, SH.prefix), g.value(d, SH.namespace))] if p is not None and ns is not None}
    for query in g.objects(None, SH.select):
        text = str(query)
        body = text[text.find("{"):]
        if _VARIABLE_PREDICATE.search(body):
            return None
        used |= set(re.findall(r"<([^<>\s]+)>", body))
        if re.search(r"(?<![\w?$:])a(?![\w:-])", body):
            used.add(str(RDF.type))
        for prefix, local in _PREFIXED.findall(body):
            if prefix not in prefixes:
                return None
            used.add(prefixes[prefix] + local)
    return frozenset(used)


def _iris_in(g: Graph, node: Node) -> set[str]:
    """IRIs of a path: the predicate itself, or those inside an inverse/sequence/alternative path."""
    if isinstance(node, URIRef):
        return {str(node)}
    out: set[str] = set()
    seen, todo = set(), [node]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for p, o in g.predicate_objects(n):
            if isinstance(o, URIRef) and o != RDF.nil and p != RDF.type:
                out.add(str(o))
            elif isinstance(o, BNode):
                todo.append(o)
    return out


def data_query(graph: URIRef | None = None, *, predicates: frozenset[str] | None = None) -> str:
    """CONSTRUCT of the union (or one named graph), limited to ``predicates`` when given."""
    values = "VALUES ?p { " + " ".join(f"<{p}>" for p in sorted(predicates)) + " }\n" if predicates else ""
    pattern = "?s ?p ?o" if graph is None else f"GRAPH {_iri_term(graph)} {{ ?s ?p ?o }}"
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {values}{pattern} }}"


def store_graph(store, graph: URIRef | None = None, *, only_shape_data: bool = False) -> Graph:
    """The union of the store's named graphs, or one named graph, as an rdflib graph; with
    ``only_shape_data`` only the triples the shapes read (see shape_predicates)."""
    predicates = shape_predicates() if only_shape_data else None
    if graph is None or predicates:
        result = store.query(data_query(graph, predicates=predicates))
    else:
        result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_iri_term(graph)} {{ ?s ?p ?o }} }}")
    if not isinstance(result, Graph):
        raise QueryError("the store did not return a graph for a CONSTRUCT query")
    return result


def _iri_term(graph: URIRef) -> str:
    """``<iri>`` for a graph name from the store (CONSTRUCT graph names are not pre-bound by
    every back end, so the IRI is checked and written into the query)."""
    if not _SAFE_IRI.fullmatch(str(graph)):
        raise QueryError(f"not a graph IRI: {graph!r}")
    return f"<{graph}>"


# ---------------------------------------------------------------- running pySHACL


def validate_graph(data: Graph, *, scope: str = "union") -> ValidationReport:
    """Validate one rdflib graph of instance data against shapes/."""
    from pyshacl import validate as shacl_validate

    started = time.perf_counter()
    shapes = shapes_graph()
    combined = Graph()
    for t in data:
        combined.add(t)
    for t in context_graph():
        combined.add(t)
    try:
        conforms, report_graph, _ = shacl_validate(
            combined, shacl_graph=shapes, inference="none", abort_on_first=False, inplace=True,
            allow_warnings=True, allow_infos=True, advanced=True, meta_shacl=False,
        )
    except Exception as exc:  # pySHACL raises ReportableRuntimeError, ConstraintLoadError ...
        raise ShapesError(f"SHACL validation could not run: {exc}") from exc
    sources = SourceIndex(combined)
    results = sorted(
        # Results of the report only: pySHACL also types the nested results it hangs under
        # sh:detail (an sh:node's failing inner constraint) as sh:ValidationResult.
        (_result(report_graph, node, sources) for node in report_graph.objects(None, SH.result)),
        key=result_order,
    )
    return ValidationReport(
        conforms=bool(conforms), results=results, graph=report_graph, data_triples=len(data),
        seconds=time.perf_counter() - started, scope=scope,
    )


ENGINES = ("auto", "jena", "pyshacl")


class EngineUnavailable(ShapesError):
    """The engine asked for (``jena``) cannot run here: no Java runtime or no Jena jars."""


# Below this many named graphs pySHACL is faster than Jena's JVM start (~0.6 s a plan against
# ~2 s of start-up), so that one plan still validates in under a second.
JENA_MIN_GRAPHS = 8


def choose_engine(engine: str = "auto", *, per_graph: bool = False, graphs: int | None = None) -> tuple[str, str]:
    """(engine that will run, why): ``auto`` takes Jena when Java and Jena are installed and the
    whole graph of a store with at least JENA_MIN_GRAPHS named graphs is validated (one JVM
    start pays off), pySHACL otherwise; ``jena`` without a JVM raises EngineUnavailable
    instead of crashing later."""
    if engine not in ENGINES:
        raise ShapesError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "pyshacl":
        return "pyshacl", "asked for"
    if engine == "auto" and per_graph:
        return "pyshacl", "per-graph validation (no JVM start per document)"
    if engine == "auto" and graphs is not None and graphs < JENA_MIN_GRAPHS:
        return "pyshacl", f"small store ({graphs} graphs): faster than starting a JVM"
    from cchc_kg.graph import validate_jena

    reason = validate_jena.available()
    if reason is None:
        return "jena", "Java and Apache Jena found" if engine == "auto" else "asked for"
    if engine == "jena":
        raise EngineUnavailable(f"the Jena engine cannot run: {reason}")
    return "pyshacl", f"Jena unavailable: {reason}"


def validate_store(store, *, per_graph: bool = False, engine: str = "pyshacl") -> list[ValidationReport]:
    """Validate the store's union graph (one report) or each named graph on its own.

    Per-graph validation is cheaper on large stores but cannot see cross-document facts (two
    citing documents disagreeing on a cited document's number or date). ``engine`` is pyshacl,
    jena or auto (see choose_engine); both engines give the same results.
    """
    chosen, _ = choose_engine(engine, per_graph=per_graph)
    if chosen == "jena":
        from cchc_kg.graph import validate_jena

        try:
            if not per_graph:
                return [validate_jena.validate_store(store)]
            return [validate_jena.validate_store(store, graph=g) for g in store.graphs()]
        except validate_jena.JenaUnavailable as exc:
            raise EngineUnavailable(str(exc)) from exc
    if not per_graph:
        return [validate_graph(store_graph(store, only_shape_data=True), scope="union")]
    return [validate_graph(store_graph(store, g, only_shape_data=True), scope=str(g)) for g in store.graphs()]


def merge_reports(reports: Iterable[ValidationReport]) -> ValidationReport:
    """One report from several (per-graph validation)."""
    reports = list(reports)
    merged = ValidationReport(conforms=True, scope="per-graph", engine=reports[0].engine if reports else "pyshacl")
    g = merged.graph
    for r in reports:
        merged.conforms = merged.conforms and r.conforms
        merged.results.extend(r.results)
        merged.data_triples += r.data_triples
        merged.seconds += r.seconds
        for t in r.graph:
            g.add(t)
    # One sh:ValidationReport holding every result, as a single validation would give.
    node = BNode()
    for old in set(g.subjects(RDF.type, SH.ValidationReport)):
        for result in list(g.objects(old, SH.result)):
            g.add((node, SH.result, result))
        g.remove((old, None, None))
    g.add((node, RDF.type, SH.ValidationReport))
    g.add((node, SH.conforms, Literal(merged.conforms)))
    merged.results.sort(key=result_order)
    return merged


def result_order(r: ValidationResult) -> tuple:
    """Worst first, then by place in the sources: the order of every report, whatever the engine."""
    return (_SEVERITY_ORDER.get(r.severity, 3), r.source or "~", r.line or 0, r.focus, r.path or "",
            r.constraint or "", r.value or "", r.message_en)


@lru_cache(maxsize=1)
def report_namespaces() -> NamespaceManager:
    """The prefixes result paths and shapes are written with (those of the shapes files)."""
    g = Graph()
    for prefix, ns in shapes_graph().namespace_manager.namespaces():
        g.bind(prefix, ns, override=True)
    return g.namespace_manager


def short_iri(nm: NamespaceManager, iri: URIRef) -> str:
    """``cchc:leadUnit`` for an IRI under a known prefix, else the full IRI."""
    try:
        return nm.normalizeUri(iri)
    except Exception:  # noqa: BLE001 - rdflib may fail on odd IRIs; fall back to the full IRI
        return str(iri)


def _result(report: Graph, node: Node, sources: SourceIndex) -> ValidationResult:
    focus = report.value(node, SH.focusNode)
    severity = SEVERITIES.get(report.value(node, SH.resultSeverity), "Violation")
    messages = {"vi": "", "en": ""}
    templates = _message_templates(report.value(node, SH.sourceConstraint))
    for m in report.objects(node, SH.resultMessage):
        lang = getattr(m, "language", None) or _template_language(str(m), templates)
        if lang in messages and not messages[lang]:
            messages[lang] = str(m)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    component = report.value(node, SH.sourceConstraintComponent)
    shape = report.value(node, SH.sourceShape)
    source, line = sources.locate(focus)
    return ValidationResult(
        focus=str(focus), severity=severity, message_vi=messages["vi"], message_en=messages["en"],
        path=_short(report, path) if path is not None else None,
        value=str(value) if value is not None else None, source=source, line=line,
        shape=_short(report, shape) if isinstance(shape, URIRef) else None,
        constraint=str(component).rsplit("#", 1)[-1] if component is not None else None,
    )


def _message_templates(constraint: Node | None) -> list[tuple[str, str]]:
    """(language, text before the first placeholder) of a SPARQL constraint's messages."""
    if constraint is None:
        return []
    return [
        (m.language, str(m).split("{", 1)[0])
        for m in shapes_graph().objects(constraint, SH.message)
        if isinstance(m, Literal) and m.language
    ]


def _template_language(message: str, templates: list[tuple[str, str]]) -> str:
    """pySHACL drops the language tag of a SPARQL constraint's message when it fills in
    ``{?value}``; recover it from the template the message starts like."""
    best = max((t for t in templates if message.startswith(t[1])), key=lambda t: len(t[1]), default=None)
    return best[0] if best else "en"


def _short(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        return short_iri(report_namespaces(), node)
    # A complex path (blank node), e.g. an inverse path.
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{_short(graph, inverse)}"
    return "(path)"


class SourceIndex:
    """Where a node comes from: its own source file and line, or that of a related node.

    Looked up in order: the node itself; the document it belongs to (targets, tasks, citations);
    a citation that cites it (cited documents); a task or document that names it (units, issuing
    bodies, administrative units). Among several, the smallest (file, line): deterministic, and
    the rule graph/jena/CchcShacl.java follows, so both engines locate a result alike.
    """

    def __init__(self, data: Graph) -> None:
        p = lambda local: URIRef(CCHC + local)
        self._own: dict[Node, tuple[str, int | None]] = {}
        for s, f in data.subject_objects(p("sourceFile")):
            line = data.value(s, p("sourceLine"))
            ok = line is not None and re.fullmatch(r"[0-9]{1,18}", str(line))
            self._own[s] = (str(f), int(str(line)) if ok else None)
        self._via: list[dict[Node, Node]] = []
        for preds, forward in (
            ((p("inDocument"), p("citingDocument")), True),
            ((p("citedDocument"),), False),
            ((p("leadUnit"), p("coordinatingUnit"), p("adminUnit"), URIRef(ELI + "passed_by"), p("parentUnit")), False),
        ):
            link: dict[Node, Node] = {}
            for pred in preds:
                for s, o in data.subject_objects(pred):
                    key, target = (s, o) if forward else (o, s)
                    if target in self._own and (key not in link or self._before(target, link[key])):
                        link[key] = target
            self._via.append(link)

    def _before(self, a: Node, b: Node) -> bool:
        (fa, la), (fb, lb) = self._own[a], self._own[b]
        return (fa, la or 0) < (fb, lb or 0)

    def locate(self, node: Node | None) -> tuple[str | None, int | None]:
        if node is None:
            return None, None
        if node in self._own:
            return self._own[node]
        for link in self._via:
            if node in link:
                return self._own[link[node]]
        return None, None


# ---------------------------------------------------------------- output formats


def to_text(report: ValidationReport, *, lang: str = "vi") -> str:
    """Human-readable report: one line per result, worst first, located in the sources."""
    lines = []
    for r in report.results:
        where = f"{r.source}:{r.line}" if r.source and r.line else (r.source or "-")
        detail = [f"focus={r.focus}"]
        if r.path:
            detail.append(f"path={r.path}")
        if r.value is not None:
            detail.append(f"value={r.value!r}")
        lines.append(f"{where}\t{r.severity}\t{r.message(lang)}\t{' '.join(detail)}")
    c = report.counts()
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(
        f"{verdict}: {c['Violation']} violations, {c['Warning']} warnings, {c['Info']} infos "
        f"({report.data_triples} triples validated"
        f"{'; ' + report.scope if report.scope.startswith('union (') else ''}, {report.seconds:.2f} s)"
    )
    return "\n".join(lines) + "\n"


def to_json(report: ValidationReport) -> str:
    """JSON: conforms, counts and the results with messages in both languages."""
    return json.dumps(
        {
            "conforms": report.conforms,
            "counts": report.counts(),
            "scope": report.scope,
            "engine": report.engine,
            "triples": report.data_triples,
            "seconds": round(report.seconds, 3),
            "results": [asdict(r) for r in report.results],
        },
        ensure_ascii=False, indent=2,
    )


def to_turtle(report: ValidationReport) -> str:
    """The W3C ``sh:ValidationReport`` graph in Turtle."""
    g = report.graph if len(report.graph) or not report.results else report_graph(report)
    g.bind("sh", SH)
    g.bind("cchc", CCHC)
    return g.serialize(format="turtle")


def report_graph(report: ValidationReport) -> Graph:
    """A ``sh:ValidationReport`` graph written from the typed results (engines that do not hand
    back an rdflib report, e.g. Jena): focus, path, value, severity, component, shape, messages."""
    g = Graph()
    root = BNode()
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(report.conforms)))
    nm = report_namespaces()
    severity = {name: node for node, name in SEVERITIES.items()}
    for r in report.results:
        node = BNode()
        g.add((root, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, BNode(r.focus[2:]) if r.focus.startswith("_:") else URIRef(r.focus)))
        g.add((node, SH.resultSeverity, severity.get(r.severity, SH.Violation)))
        if r.constraint:
            g.add((node, SH.sourceConstraintComponent, SH[r.constraint]))
        if r.path and not r.path.startswith(("^", "(")):
            g.add((node, SH.resultPath, nm.expand_curie(r.path) if ":" in r.path and "/" not in r.path else URIRef(r.path)))
        elif r.path and r.path.startswith("^"):
            path = BNode()
            g.add((node, SH.resultPath, path))
            g.add((path, SH.inversePath, nm.expand_curie(r.path[1:]) if "/" not in r.path else URIRef(r.path[1:])))
        if r.shape:
            g.add((node, SH.sourceShape, nm.expand_curie(r.shape) if "/" not in r.shape else URIRef(r.shape)))
        if r.value is not None:
            g.add((node, SH.value, URIRef(r.value) if _SAFE_IRI.fullmatch(r.value) and "://" in r.value else Literal(r.value)))
        for lang, text in (("vi", r.message_vi), ("en", r.message_en)):
            if text:
                g.add((node, SH.resultMessage, Literal(text, lang=lang)))
    return g


__all__ = [
    "ENGINES",
    "EngineUnavailable",
    "ShapesError",
    "SourceIndex",
    "ValidationReport",
    "ValidationResult",
    "choose_engine",
    "context_graph",
    "data_query",
    "merge_reports",
    "report_graph",
    "result_order",
    "shape_predicates",
    "shapes_graph",
    "store_graph",
    "to_json",
    "to_text",
    "to_turtle",
    "validate_graph",
    "validate_store",
]
