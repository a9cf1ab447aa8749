"""The ontology: it parses (rdflib, owlready2), is consistent under HermiT with and without
instance data, entails what it promises, detects the conflicts it promises, and is documented
(labels and definitions in Vietnamese and English); graph/vocab.py is up to date."""

from __future__ import annotations

import shutil

import pytest
from cchc_kg.graph import namespace_gen, owl2_profile, reason
from cchc_kg.graph.ingest.records import (
    CitationRecord,
    DocumentRecord,
    ExtractionResult,
    TargetRecord,
    TaskRecord,
    UnitRecord,
)
from cchc_kg.graph.rdf import result_graph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from cchc_kg.resources import data_dir

CCHC = "https://w3id.org/cchc-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
ID = "https://w3id.org/cchc-kg/id/"
ONTOLOGY = data_dir("ontology")
OWN_FILES = sorted(ONTOLOGY.glob("*.ttl")) + sorted((ONTOLOGY / "schemes").glob("*.ttl"))
IMPORT_FILES = sorted((ONTOLOGY / "imports").glob("*.ttl"))


def commune_plan() -> ExtractionResult:
    """A commune plan as the extractors would describe it: clean and OCR-style citations,
    a law cited by name, a higher plan cited by number, one target, one task, two units."""
    doc = DocumentRecord(
        source="kh-cchc-xa-binh-minh.txt", number="45/KH-UBND", form="ke_hoach",
        issuer="Ủy ban nhân dân xã Bình Minh", admin_unit="xã Bình Minh", admin_unit_type="xa",
        parent_admin_unit="tỉnh Tây Ninh", level="commune", date="2026-03-02", period="2026-2030",
        title="Kế hoạch cải cách hành chính giai đoạn 2026-2030", line=3,
    )
    citations = [
        CitationRecord(line=12, quote="Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", number="76/NQ-CP",
                       type="nghi_quyet", issuer="Chính phủ", issuer_source="stated", date="2021-07-15",
                       role="legal_basis", clause="can_cu"),
        # The same resolution cited again later with the year only (OCR lost the day): compatible.
        CitationRecord(line=40, quote="Nghi quyet 76/NQ-CP nam 2021", number="76/NQ-CP", type="nghi_quyet",
                       issuer="Chính phủ", issuer_source="code", date="2021"),
        CitationRecord(line=14, quote="Luật Tổ chức chính quyền địa phương năm 2025", type="luat",
                       name="Luật Tổ chức chính quyền địa phương", year=2025, role="legal_basis", clause="can_cu"),
        CitationRecord(line=16, quote="Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh Tây Ninh",
                       number="12/KH-UBND", type="ke_hoach", issuer="UBND tỉnh Tây Ninh", issuer_source="stated",
                       issuer_admin_unit="tỉnh Tây Ninh", date="2026-01-10", role="legal_basis", clause="thuc_hien"),
    ]
    targets = [TargetRecord(line=52, text="Chỉ số SIPAS đạt tối thiểu 85%", indicator="sipas", comparator=">=",
                            value=85, unit="%", area="direction")]
    tasks = [TaskRecord(line=80, title="Rà soát, đơn giản hóa thủ tục hành chính", n="1",
                        lead="Văn phòng HĐND và UBND", coordinating=("Công an xã",), deadline="2026-06",
                        deadline_text="Tháng 6/2026", kind="table", area="procedures")]
    units = [UnitRecord(key="van phong hdnd va ubnd", label="Văn phòng HĐND và UBND", kind="van_phong"),
             UnitRecord(key="cong an xa", label="Công an xã", kind="cong_an")]
    return ExtractionResult(document=doc, citations=citations, targets=targets, tasks=tasks, units=units)


@pytest.fixture(scope="module")
def plan_graph() -> Graph:
    return result_graph(commune_plan(), run_stamp="20260302T000000Z")


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize("path", OWN_FILES + IMPORT_FILES, ids=lambda p: p.name)
def test_every_ontology_file_parses_in_rdflib(path) -> None:
    g = Graph().parse(path, format="turtle")
    assert len(g) > 0


def test_imports_are_pinned_and_documented() -> None:
    readme = (ONTOLOGY / "imports" / "README.md").read_text(encoding="utf-8")
    names = {p.name for p in IMPORT_FILES}
    assert {"prov-o.ttl", "org.ttl", "skos.ttl", "time.ttl", "dcterms.ttl", "eli-subset.ttl"} <= names
    for name in names:
        assert f"`{name}`" in readme, f"{name} has no provenance line in imports/README.md"


def test_ontology_loads_in_owlready2() -> None:
    import owlready2

    merged = owl2_profile.owl2_projection(reason.ontology_graph())
    world = owlready2.World()
    try:
        onto = world.get_ontology("http://example.org/cchc-test").load(fileobj=_nt_bytes(merged), format="ntriples")
        names = {c.iri for c in onto.classes()}
    finally:
        world.close()
    assert {CCHC + "Plan", CCHC + "Task", CCHC + "Target", CCHC + "Citation"} <= names


def _nt_bytes(graph: Graph):
    import io

    return io.BytesIO(graph.serialize(format="nt", encoding="utf-8"))


# ---------------------------------------------------------------- documentation


def _own_graph() -> Graph:
    g = Graph()
    for p in OWN_FILES:
        g.parse(p, format="turtle")
    return g


def _langs(g: Graph, s, preds) -> set[str]:
    return {o.language for p in preds for o in g.objects(s, p) if isinstance(o, Literal) and o.language}


def test_every_cchc_term_has_vi_and_en_labels_and_definitions() -> None:
    g = _own_graph()
    terms = {
        s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for s in g.subjects(RDF.type, t) if isinstance(s, URIRef) and str(s).startswith(CCHC)
    }
    assert len(terms) > 60
    missing = [
        str(s) for s in sorted(terms)
        if not {"vi", "en"} <= _langs(g, s, [RDFS.label, SKOS.prefLabel])
        or not {"vi", "en"} <= _langs(g, s, [SKOS.definition, RDFS.comment])
    ]
    assert missing == []


def test_every_concept_and_scheme_has_vi_and_en_labels_and_definitions() -> None:
    g = Graph()
    for p in sorted((ONTOLOGY / "schemes").glob("*.ttl")):
        g.parse(p, format="turtle")
    nodes = set(g.subjects(RDF.type, SKOS.Concept)) | set(g.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(nodes) > 50
    missing = [
        str(s) for s in sorted(nodes)
        if not {"vi", "en"} <= _langs(g, s, [RDFS.label, SKOS.prefLabel])
        or not {"vi", "en"} <= _langs(g, s, [SKOS.definition, RDFS.comment])
    ]
    assert missing == []


def test_levels_form_a_closed_ranked_scale() -> None:
    g = Graph().parse(ONTOLOGY / "schemes" / "levels.ttl", format="turtle")
    ranks = {str(g.value(c, SKOS.notation)): int(g.value(c, URIRef(CCHC + "levelRank")))
             for c in g.subjects(RDF.type, URIRef(CCHC + "GovernmentLevel"))}
    assert ranks == {"national": 1, "province": 2, "commune": 3}


def test_vocab_module_is_regenerated() -> None:
    assert namespace_gen.render() == namespace_gen.TARGET.read_text(encoding="utf-8")


# ---------------------------------------------------------------- preparing for HermiT


def test_import_module_keeps_the_axioms_of_used_terms_and_their_supers() -> None:
    signature = Graph()
    signature.add((URIRef(ID + "doc/x"), RDF.type, URIRef(ELI + "LegalResource")))
    module = owl2_profile.import_module(signature, reason.imports_graph())
    assert (URIRef(ELI + "LegalResource"), RDFS.subClassOf, URIRef(ELI + "Work")) in module
    assert (URIRef(ELI + "Work"), RDF.type, OWL.Class) in module  # upward closure
    assert not any(str(s).startswith("http://www.w3.org/2006/time#") for s in module.subjects())


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        (Literal("2026", datatype=XSD.gYear), Literal("2026")),
        (Literal("2026-02", datatype=XSD.gYearMonth), Literal("2026-02")),
        (Literal("2026-02-13", datatype=XSD.date), Literal("2026-02-13")),
        (Literal("85", datatype=XSD.decimal), Literal("85", datatype=XSD.decimal)),
        (Literal("Kế hoạch", lang="vi"), Literal("Kế hoạch", lang="vi")),
    ],
)
def test_projection_keeps_only_owl2_datatypes(literal, expected) -> None:
    g = Graph()
    g.add((URIRef(ID + "a"), URIRef(CCHC + "statedDate"), literal))
    assert set(owl2_profile.owl2_projection(g).objects(URIRef(ID + "a"), URIRef(CCHC + "statedDate"))) == {expected}


def test_projection_merges_compatible_partial_dates_only() -> None:
    date = URIRef(ELI + "date_document")
    g = Graph()
    g.add((URIRef(ID + "a"), date, Literal("2021", datatype=XSD.gYear)))
    g.add((URIRef(ID + "a"), date, Literal("2021-07-15", datatype=XSD.date)))
    g.add((URIRef(ID + "b"), date, Literal("2021-07-15", datatype=XSD.date)))
    g.add((URIRef(ID + "b"), date, Literal("2021-09-01", datatype=XSD.date)))
    out = owl2_profile.owl2_projection(g)
    assert set(out.objects(URIRef(ID + "a"), date)) == {Literal("2021-07-15")}
    assert len(set(out.objects(URIRef(ID + "b"), date))) == 2  # a real conflict stays


def test_projection_widens_ranges_outside_the_datatype_map() -> None:
    g = Graph()
    g.add((URIRef(ELI + "date_document"), RDFS.range, XSD.date))
    g.add((URIRef(CCHC + "cleanTitle"), RDFS.range, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")))
    out = owl2_profile.owl2_projection(g)
    assert out.value(URIRef(ELI + "date_document"), RDFS.range) == RDFS.Literal
    assert out.value(URIRef(CCHC + "cleanTitle"), RDFS.range) == owl2_profile.RDF_PLAIN_LITERAL


# ---------------------------------------------------------------- HermiT

requires_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


@pytest.fixture(scope="module")
def plan_report(plan_graph):
    return reason.reason(plan_graph, label="commune plan")


@requires_java
def test_ontology_imports_and_plan_data_are_consistent(plan_report) -> None:
    # One HermiT run covers the ontology, the import module and a realistic plan's data.
    assert plan_report.consistent, plan_report.conflicts
    assert plan_report.unsatisfiable_classes == []
    assert plan_report.module_triples > 100 and plan_report.data_triples > 100


@requires_java
def test_reasoner_classifies_a_cited_plan_as_a_plan(plan_report) -> None:
    inferred = {(i.removeprefix(ID), c) for i, c in plan_report.inferred_types}
    assert ("doc/tay-ninh/12-kh-ubnd/2026", CCHC + "Plan") in inferred or any(
        i.endswith("12-kh-ubnd/2026") and c == CCHC + "Plan" for i, c in inferred
    )


@requires_java
@pytest.mark.parametrize(
    ("name", "extra"),
    [
        # One issuing body scoped to two administrative units: an identity collision.
        ("body-in-two-units", [
            (ID + "org/ubnd", RDF.type, URIRef(CCHC + "PublicBody")),
            (ID + "org/ubnd", URIRef(CCHC + "adminUnit"), URIRef(ID + "admin-unit/xa-binh-minh")),
            (ID + "org/ubnd", URIRef(CCHC + "adminUnit"), URIRef(ID + "admin-unit/xa-an-phu")),
        ]),
        # A document that is both a law and a plan.
        ("law-and-plan", [
            (ID + "doc/x", RDF.type, URIRef(CCHC + "Law")),
            (ID + "doc/x", RDF.type, URIRef(CCHC + "Plan")),
        ]),
        # Two incompatible issue dates of one document (not prefixes of each other).
        ("two-dates", [
            (ID + "doc/76-nq-cp/2021", URIRef(ELI + "date_document"), Literal("2021-07-15", datatype=XSD.date)),
            (ID + "doc/76-nq-cp/2021", URIRef(ELI + "date_document"), Literal("2021-09-01", datatype=XSD.date)),
        ]),
        # A target typed as a task as well.
        ("target-is-task", [
            (ID + "target/x/1-0", RDF.type, URIRef(CCHC + "Target")),
            (ID + "target/x/1-0", RDF.type, URIRef(CCHC + "Task")),
        ]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_reasoner_detects_conflicts(name, extra) -> None:
    g = Graph()
    for s, p, o in extra:
        g.add((URIRef(s), p, o))
    report = reason.reason(g, label=name)
    assert not report.consistent
    assert report.conflicts, "a likely cause should be named"
