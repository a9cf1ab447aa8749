"""W3C-style SHACL shape tests: manifest.ttl lists, for every shape of shapes/, a passing and a
failing data graph (cases.trig) with the expected results of that shape (focus, path, severity).

A result belongs to the node shape that declares it, directly (node-level constraints, SPARQL
constraints) or through one of its property shapes.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

import pytest
from cchc_kg.graph import validate
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH

HERE = Path(__file__).parent
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
T = Namespace("https://w3id.org/cchc-kg/test/shapes/")


@lru_cache(maxsize=1)
def manifest() -> Graph:
    return Graph().parse(HERE / "manifest.ttl", format="turtle")


@lru_cache(maxsize=1)
def cases() -> Dataset:
    ds = Dataset()
    ds.parse(HERE / "cases.trig", format="trig")
    return ds


def entries() -> list[URIRef]:
    g = manifest()
    head = g.value(next(g.subjects(RDF.type, MF.Manifest)), MF.entries)
    return list(Graph.items(g, head))


def _path_key(graph: Graph, path) -> object:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = graph.value(path, SH.inversePath)
        return ("inverse", inverse) if inverse is not None else ("complex",)
    return path


def _owner(shapes: Graph, shape) -> object:
    """The node shape a result's source shape belongs to."""
    if (shape, RDF.type, SH.NodeShape) in shapes:
        return shape
    parent = shapes.value(predicate=SH.property, object=shape)
    return parent if parent is not None else shape


@cache
def run_case(case: URIRef) -> tuple[Graph, list[tuple]]:
    data = Graph()
    for t in cases().graph(case):
        data.add(t)
    assert len(data) > 0, f"no data graph {case} in cases.trig"
    report = validate.validate_graph(data)
    shapes = validate.shapes_graph()
    rows = []
    for r in report.graph.subjects(RDF.type, SH.ValidationResult):
        rows.append((
            _owner(shapes, report.graph.value(r, SH.sourceShape)),
            report.graph.value(r, SH.focusNode),
            _path_key(report.graph, report.graph.value(r, SH.resultPath)),
            report.graph.value(r, SH.resultSeverity),
        ))
    return report, rows


@pytest.mark.parametrize("entry", entries(), ids=lambda e: str(e).rsplit("/", 1)[-1])
def test_shape_case(entry) -> None:
    g = manifest()
    shape = g.value(entry, T.shape)
    data_graph = g.value(g.value(entry, MF.action), SHT.dataGraph)
    expected_report = g.value(entry, MF.result)
    expected = Counter(
        (g.value(r, SH.focusNode), _path_key(g, g.value(r, SH.resultPath)), g.value(r, SH.resultSeverity))
        for r in g.objects(expected_report, SH.result)
    )
    _, rows = run_case(data_graph)
    actual = Counter((focus, path, severity) for owner, focus, path, severity in rows if owner == shape)
    assert actual == expected
    conforms = not any(sev == SH.Violation for sev in (k[2] for k in actual.elements()))
    assert conforms == g.value(expected_report, SH.conforms).toPython()


def test_valid_plan_produces_no_result_at_all() -> None:
    report, rows = run_case(URIRef("https://w3id.org/cchc-kg/test/shapes/case/valid-plan"))
    assert rows == []
    assert report.conforms


def test_every_targeted_shape_has_a_passing_and_a_failing_case() -> None:
    shapes = validate.shapes_graph()
    targeted = {
        s for s in shapes.subjects(RDF.type, SH.NodeShape)
        if any(next(shapes.objects(s, p), None) is not None
               for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target))
    }
    g = manifest()
    covered: dict = {}
    for e in entries():
        kind = "fail" if str(e).endswith("-fail") else "pass"
        covered.setdefault(g.value(e, T.shape), set()).add(kind)
    assert {s for s in targeted if covered.get(s) != {"pass", "fail"}} == set()
    assert len(targeted) >= 20


def _langs(graph: Graph, node, pred) -> set[str]:
    return {o.language for o in graph.objects(node, pred) if isinstance(o, Literal)}


def test_every_message_and_shape_label_is_in_vietnamese_and_english() -> None:
    shapes = validate.shapes_graph()
    with_message = set(shapes.subjects(SH.message, None))
    assert with_message
    assert [str(n) for n in with_message if _langs(shapes, n, SH.message) != {"vi", "en"}] == []
    named = [s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)]
    assert [str(s) for s in named if not {"vi", "en"} <= _langs(shapes, s, RDFS.label)] == []


def test_severities_are_chosen_explicitly() -> None:
    """Every property shape and every shape with node-level or SPARQL constraints states its
    severity (pySHACL would silently default to sh:Violation)."""
    shapes = validate.shapes_graph()
    node_level = (SH.sparql, SH["or"], SH["not"])
    undecided = [
        str(s) for s in set(shapes.objects(None, SH.property)) | {
            s for s in shapes.subjects(RDF.type, SH.NodeShape)
            if any(next(shapes.objects(s, p), None) is not None for p in node_level)
        }
        if shapes.value(s, SH.severity) is None and shapes.value(s, SH.message) is not None
    ]
    assert undecided == []
    used = set(shapes.objects(None, SH.severity))
    assert {SH.Violation, SH.Warning, SH.Info} <= used
