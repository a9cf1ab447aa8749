"""The Graph-free writer of a document's triples (rdf.result_ntriples / result_triples) states
exactly what the rdflib Graph of ``result_graph`` holds, line for line in N-Triples."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.pipeline import extract
from cchc_kg.graph.ingest.reader import read_document
from cchc_kg.graph.ingest.records import (
    CitationRecord,
    DocumentRecord,
    ExtractionResult,
    TargetRecord,
    TaskRecord,
    UnitRecord,
)
from cchc_kg.graph.rdf import result_graph, result_ntriples, result_triples
from cchc_kg.graph.store import ntriples
from rdflib import Graph

STAMP = "20260101T000000Z"

# A clean and an OCR-damaged plan: headings, a target, a task list with units, citations.
PLANS = [
    """ỦY BAN NHÂN DÂN
XÃ TÂN LẬP
Số: 12/KH-UBND
Tân Lập, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
Cải cách hành chính năm 2026

Căn cứ Quyết định số 1291/QĐ-TTg ngày 07/10/2019 của Thủ tướng Chính phủ;

I. MỤC TIÊU
1. Chỉ số hài lòng của người dân (SIPAS) đạt trên 90%.
II. NHIỆM VỤ
1. Cải cách thủ tục hành chính
- Rà soát, đơn giản hóa thủ tục hành chính "một cửa".
Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp Công an xã thực hiện.
""",
    """UY BAN NHAN DAN
XA TAN LAP
S6: 13/KH-UBND

KE HOACH
Cai cach hanh chinh nam 2026

Can cu Quyet dinh s6 1291/QP-TTg cua Thu tuong Chinh phu;

I. MUC TIEU
1. Chi s6 hai long cua nguoi dan (SIPAS) dat tren 90%.
I1. NHIEM VU
1. Cai cach thu tuc hanh chinh
- Ra soat thu tuc hanh chinh.
Giao Van phong HPND va UBND x3 chu tri thuc hien.
""",
]


def _graph_lines(g: Graph) -> list[str]:
    return sorted(ntriples.triples(g).splitlines())


def _direct_lines(result: ExtractionResult) -> list[str]:
    text = result_ntriples(result, run_stamp=STAMP)
    assert text.endswith("\n")
    return sorted(text.splitlines())


@pytest.mark.parametrize("text", PLANS)
def test_direct_writer_equals_graph(text: str) -> None:
    result = extract(text, source="plan.txt")
    assert result.targets or result.tasks  # the fixture exercises more than the header
    lines = _direct_lines(result)
    assert lines == _graph_lines(result_graph(result, run_stamp=STAMP))
    assert len(lines) == len(set(lines))  # a set, as the Graph is


def test_repeated_and_escaped_terms() -> None:
    """Repeats are stated once; quotes, backslashes, newlines, language tags and datatypes are
    written as the Graph's serialisation writes them."""
    doc = DocumentRecord(source='a "b".txt', line=1, number="12/KH-UBND", form="ke_hoach",
                         title='Kế hoạch "CCHC"\nnăm 2026 \\ đợt 1', date="2026-01-05",
                         period="2026-2030", admin_unit="Xã Tân Lập", level="commune",
                         parent_admin_unit="Tỉnh Lâm Đồng", issuer="UBND xã Tân Lập")
    cit = CitationRecord(line=3, quote="Quyết định số 1291/QĐ-TTg", role="legal_basis",
                         number="1291/QĐ-TTg", type="quyet_dinh", year=2019)
    task = TaskRecord(line=9, title="Rà soát TTHC", kind="prose", lead="Văn phòng",
                      coordinating=("Công an xã", "Công an xã"))
    target = TargetRecord(line=5, text="SIPAS > 90%", indicator="sipas", comparator=">",
                          value=90.5, unit="%", aspiration=True)
    result = ExtractionResult(document=doc, text_style="clean", citations=[cit, cit],
                              targets=[target], tasks=[task, task],
                              units=[UnitRecord(key="van phong", label="Văn phòng",
                                                variants=("Văn phòng", "Văn Phòng"))])
    lines = _direct_lines(result)
    assert lines == _graph_lines(result_graph(result, run_stamp=STAMP))
    assert len(lines) == len(set(lines))
    assert len(result_triples(result, run_stamp=STAMP)) == len(lines)
    assert any('\\"CCHC\\"\\nnăm 2026 \\\\ đợt 1"@vi' in line for line in lines)
    assert any("90.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>" in line for line in lines)


def test_seeds_direct_writer_equals_graph(seeds_dir) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        result = extract(read_document(path), source=path.name)
        assert _direct_lines(result) == _graph_lines(result_graph(result, run_stamp=STAMP)), path.name
