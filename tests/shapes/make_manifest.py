"""Writes tests/shapes/manifest.ttl from the hand-written table below (run it after editing).

The expected results are written by hand from the shapes' intent, never copied from a run.
"""
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SHP = Namespace("https://w3id.org/cchc-kg/shapes#")
CASE = Namespace("https://w3id.org/cchc-kg/test/shapes/case/")
T = Namespace("https://w3id.org/cchc-kg/test/shapes/")
ID = "https://w3id.org/cchc-kg/id/"
C = "https://w3id.org/cchc-kg/ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
V, W, I = SH.Violation, SH.Warning, SH.Info
def c(x): return URIRef(C + x)
INV_IN_DOC = ("inverse", c("inDocument"))
# shape -> (fail case, [(focus, path, severity)])
TABLE = {
  "IngestedDocumentShape": ("ingested-document-fail", [("doc/a", c("textStyle"), V), ("doc/a", c("sourceLine"), V), ("doc/a", c("level"), V)]),
  "PlanShape": ("plan-fail", [("doc/b", URIRef(ELI+"passed_by"), V), ("doc/b", URIRef(ELI+"based_on"), V), ("doc/b", INV_IN_DOC, I), ("doc/b", INV_IN_DOC, W)]),
  "PlanPeriodOrderShape": ("plan-fail", [("doc/b", None, V)]),
  "DocumentShape": ("document-fail", [("doc/c", URIRef(ELI+"id_local"), V), ("doc/c", URIRef(ELI+"id_local"), W), ("doc/c", URIRef(ELI+"date_document"), V), ("doc/c", URIRef(ELI+"type_document"), V), ("doc/d", URIRef(ELI+"id_local"), W), ("doc/d2", URIRef(ELI+"id_local"), V)]),
  "DocumentDateAgreementShape": ("document-date-fail", [("doc/e", None, W)]),
  "AdministrativeUnitShape": ("admin-unit-fail", [("admin-unit/x", URIRef(SKOS+"prefLabel"), V), ("admin-unit/x", c("unitType"), V), ("admin-unit/x", None, V), ("admin-unit/x", None, V)]),
  "PublicBodyShape": ("public-body-fail", [("org/ubnd", URIRef(SKOS+"prefLabel"), V), ("org/ubnd", c("adminUnit"), W)]),
  "CitationShape": ("citation-fail", [("citation/f", c(p), V) for p in ("citedDocument", "citationRole", "basisClause", "issuerSource", "statedNumber", "statedDate", "sourceLine", "originalText")]),
  "CitationNumberOrLawShape": ("citation-number-fail", [("citation/g", None, V)]),
  "CitationSelfShape": ("citation-self-fail", [("citation/h", c("citedDocument"), W)]),
  "CitationChronologyShape": ("citation-chronology-fail", [("citation/i", None, W)]),
  "LegalBasisShape": ("legal-basis-fail", [("citation/j", None, W)]),
  "TargetShape": ("target-fail", [("target/k", c(p), V) for p in ("inDocument", "indicator", "comparator", "targetValue", "unit", "period", "reformArea", "sourceLine", "originalText")]),
  "PercentTargetShape": ("percent-fail", [("target/l", None, V)]),
  "LevelRankTargetShape": ("level-rank-fail", [("target/m", None, V)]),
  "TargetTopNShape": ("top-n-fail", [("target/n", None, W)]),
  "TargetPeriodShape": ("target-period-fail", [("target/o", None, W)]),
  "TaskShape": ("task-fail", [("task/t", URIRef("http://purl.org/dc/terms/title"), V), ("task/t", c("deadline"), V), ("task/t", c("taskKind"), V), ("task/t", c("sourceLine"), V), ("task/t", c("reformArea"), V), ("task/t", c("leadUnit"), W)]),
  "TableTaskLeadShape": ("task-fail", [("task/t3", c("leadUnit"), V)]),
  "ProseTaskLeadShape": ("task-fail", [("task/t2", c("leadUnit"), W)]),
  "TaskDeadlineShape": ("task-deadline-fail", [("task/w", None, W)]),
  "TaskLeadUnitKnownShape": ("task-lead-known-fail", [("task/x", c("leadUnit"), W)]),
  "TaskDeadlineInPeriodShape": ("task-deadline-period-fail", [("task/y", None, W)]),
  "OrganizationalUnitShape": ("unit-fail", [("org/z", URIRef(SKOS+"prefLabel"), W), ("org/z", c("isCollective"), V), ("org/z", c("adminUnit"), V), ("org/z", c("unitKind"), V)]),
  "UnitKindShape": ("unit-kind-fail", [("org/aa", None, V)]),
  "CollectiveLeadShape": ("collective-lead-fail", [("org/cac-phong-ban-lien-quan", c("isCollective"), W)]),
}
g = Graph()
for p, n in (("mf", MF), ("sht", SHT), ("sh", SH), ("shp", SHP), ("case", CASE), ("t", T), ("cchc", C), ("eli", ELI), ("skos", SKOS), ("rdfs", RDFS)):
    g.bind(p, n)
man = URIRef("https://w3id.org/cchc-kg/test/shapes/manifest")
g.add((man, RDF.type, MF.Manifest))
g.add((man, RDFS.label, Literal("Kiểm thử các ràng buộc SHACL của cchc-kg", lang="vi")))
g.add((man, RDFS.label, Literal("Tests of the cchc-kg SHACL shapes", lang="en")))
entries = []
for shape, (case, expected) in TABLE.items():
    for kind in ("pass", "fail"):
        e = T[f"{shape}-{kind}"]
        entries.append(e)
        g.add((e, RDF.type, SHT.Validate))
        g.add((e, MF.name, Literal(f"{shape} {kind}")))
        g.add((e, T.shape, SHP[shape]))
        action = BNode(); g.add((e, MF.action, action))
        g.add((action, SHT.dataGraph, CASE["valid-plan"] if kind == "pass" else CASE[case]))
        g.add((action, SHT.shapesGraph, URIRef("https://w3id.org/cchc-kg/shapes")))
        res = BNode(); g.add((e, MF.result, res)); g.add((res, RDF.type, SH.ValidationReport))
        g.add((res, SH.conforms, Literal(kind == "pass" or all(s != V for _, _, s in expected))))
        if kind == "fail":
            for focus, path, sev in expected:
                r = BNode(); g.add((res, SH.result, r)); g.add((r, RDF.type, SH.ValidationResult))
                g.add((r, SH.focusNode, URIRef(ID + focus))); g.add((r, SH.resultSeverity, sev))
                if isinstance(path, tuple):
                    pb = BNode(); g.add((r, SH.resultPath, pb)); g.add((pb, SH.inversePath, path[1]))
                elif path is not None:
                    g.add((r, SH.resultPath, path))
head = BNode(); g.add((man, MF.entries, head)); Collection(g, head, entries)
out = g.serialize(format="turtle")
hdr = ("# W3C-style manifest of the SHACL shape tests (vocabulary of the SHACL test suite).\n"
       "# Each shape of shapes/ has a passing entry (the complete plan case:valid-plan) and a failing\n"
       "# entry (its own graph in cases.trig) with the expected results of THAT shape: focus node,\n"
       "# result path and severity. t:shape names the node shape; results of its property shapes count.\n")
if __name__ == "__main__":
    Path(__file__).with_name("manifest.ttl").write_text(hdr + out, encoding="utf-8")
    print(len(entries))
