"""Fixture graph for the API tests: a province plan resting on the national programme and a
ward plan implementing it, built from extraction records (graph.rdf) plus a link graph as the
linking stage writes it (prov:qualifiedInfluence with relation and score). The names are an
invented province and ward, so nothing here depends on a seed's text.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cchc_kg.api.app import create_app
from cchc_kg.api.settings import Settings
from cchc_kg.graph import iri
from cchc_kg.graph.ingest.records import (
    CitationRecord,
    DocumentRecord,
    ExtractionResult,
    TargetRecord,
    TaskRecord,
)
from cchc_kg.graph.rdf import cited_iri, document_iri, result_graph
from cchc_kg.graph.store.oxigraph import OxigraphStore
from cchc_kg.graph.vocab import CCHC
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

PROVINCE = DocumentRecord(
    source="tinh-lam-son-2026.txt", number="12/KH-UBND", form="ke_hoach", issuer="UBND tỉnh Lâm Sơn",
    admin_unit="tỉnh Lâm Sơn", admin_unit_type="tinh", level="province", date="2026-02-10",
    period="2026-2030", title="Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030", line=1,
)
WARD = DocumentRecord(
    source="phuong-hoa-binh-2026.txt", number="89/KH-UBND", form="ke_hoach", issuer="UBND phường Hòa Bình",
    admin_unit="phường Hòa Bình", admin_unit_type="phuong", parent_admin_unit="tỉnh Lâm Sơn", level="commune",
    date="2026-03-02", period="2026", title="Kế hoạch cải cách hành chính năm 2026", line=1,
)
NQ76 = CitationRecord(line=5, quote="Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", number="76/NQ-CP",
                      type="nghi_quyet", issuer="Chính phủ", issuer_source="stated", date="2021-07-15",
                      role="legal_basis", clause="can_cu")
QD282 = CitationRecord(line=6, quote="Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ",
                       number="282/QĐ-TTg", type="quyet_dinh", issuer="Thủ tướng Chính phủ", issuer_source="stated",
                       date="2026-02-12", role="legal_basis", clause="can_cu")
PROVINCE_PLAN = CitationRecord(line=4, quote="Kế hoạch số 12/KH-UBND ngày 10/02/2026 của UBND tỉnh",
                               number="12/KH-UBND", type="ke_hoach", issuer="UBND", issuer_source="context",
                               issuer_admin_unit="tỉnh Lâm Sơn", date="2026-02-10", role="legal_basis",
                               clause="thuc_hien")
LOCAL_76 = CitationRecord(line=30, quote="Quyết định số 76/QĐ-UBND ngày 05/01/2026", number="76/QĐ-UBND",
                          type="quyet_dinh", issuer="UBND", issuer_source="code", issuer_admin_unit="phường Hòa Bình",
                          date="2026-01-05", role="mentioned")

PROVINCE_RESULT = ExtractionResult(
    document=PROVINCE, citations=[NQ76, QD282],
    targets=[TargetRecord(line=20, text="Chỉ số SIPAS đạt tối thiểu 90%", indicator="sipas", comparator=">=",
                          value=90.0, unit="%", area="direction")],
    tasks=[TaskRecord(line=40, n="1", title="Cung cấp dịch vụ công trực tuyến toàn trình", area="procedures",
                      lead="Sở Khoa học và Công nghệ", deadline="2026-12", deadline_text="Tháng 12/2026")],
)
WARD_RESULT = ExtractionResult(
    document=WARD, citations=[PROVINCE_PLAN, NQ76, LOCAL_76],
    targets=[TargetRecord(line=18, text="Chỉ số SIPAS đạt tối thiểu 85%", indicator="sipas", comparator=">=",
                          value=85.0, unit="%", area="direction")],
    tasks=[TaskRecord(line=50, n="3", title="Khảo sát sự hài lòng của người dân về dịch vụ hành chính công",
                      area="direction", lead="Văn phòng HĐND và UBND", deadline="2026-10",
                      deadline_text="Tháng 10/2026")],
    text_style="ocr",
)

PROVINCE_IRI = str(document_iri(PROVINCE))
WARD_IRI = str(document_iri(WARD))
NQ76_IRI = str(cited_iri(NQ76, PROVINCE))
PROVINCE_TARGET = str(iri.target(PROVINCE.source, 20, 0))
PROVINCE_TASK = str(iri.task(PROVINCE.source, 40, 0))
WARD_TARGET = str(iri.target(WARD.source, 18, 0))
WARD_TASK = str(iri.task(WARD.source, 50, 0))


def links() -> Graph:
    """The ward's link graph as graph/link/write.py shapes it."""
    g = Graph()

    def qualified(kind: URIRef, lower: str, higher: str, relation: str, score: float, evidence: str) -> None:
        node = iri.link(str(kind).rsplit("#", 1)[-1], WARD.source, lower, higher)
        g.add((URIRef(lower), PROV.qualifiedInfluence, node))
        g.add((node, RDF.type, kind))
        g.add((node, PROV.influencer, URIRef(higher)))
        g.add((node, CCHC.relation, Literal(relation)))
        g.add((node, CCHC.score, Literal(f"{score:.3f}", datatype=XSD.decimal)))
        g.add((node, CCHC.evidenceSummary, Literal(evidence)))

    g.add((URIRef(WARD_IRI), URIRef("http://data.europa.eu/eli/ontology#applies"), URIRef(PROVINCE_IRI)))
    g.add((URIRef(WARD_TARGET), CCHC.alignsWith, URIRef(PROVINCE_TARGET)))
    qualified(CCHC.TargetAlignment, WARD_TARGET, PROVINCE_TARGET, "weaker", 0.9, "sipas 85 < 90")
    g.add((URIRef(WARD_TASK), CCHC.implements, URIRef(PROVINCE_TARGET)))
    qualified(CCHC.TaskLink, WARD_TASK, PROVINCE_TARGET, "direct", 0.82, "sipas; khảo sát sự hài lòng")
    return g


def build_store(path: Path) -> Path:
    store = OxigraphStore(path)
    try:
        for result in (PROVINCE_RESULT, WARD_RESULT):
            store.replace_graph(iri.named_graph(result.document.source),
                                result_graph(result, run_stamp="20260301T000000Z"))
        store.replace_graph(iri.links_graph(WARD.source), links())
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "store")


@pytest.fixture(scope="session")
def settings(fixture_store: Path) -> Settings:
    return Settings(store=str(fixture_store), query_timeout=2.0, lookup_timeout=10.0, report_timeout=120.0,
                    max_rows=50, max_concurrent=4)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 and a random free port, stopped after the session."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(15)
