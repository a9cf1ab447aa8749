"""A small plan hierarchy as extraction records, the parity suite's fixture data.

The extractors are evaluated elsewhere; the store suite needs a graph with the shape of
real ingested plans (documents, citations across levels, targets with comparators and
periods, tasks with units and deadlines) that does not depend on how well they extract
today. So the records are written out here, as an extractor would return them for a
province plan, two commune plans that concretise it and an annual plan, and go through the
real RDF mapping (graph.rdf.result_graph).
"""

from __future__ import annotations

from cchc_kg.graph import iri
from cchc_kg.graph.ingest.records import (
    CitationRecord,
    DocumentRecord,
    ExtractionResult,
    TargetRecord,
    TaskRecord,
    UnitRecord,
)
from cchc_kg.graph.rdf import result_graph
from cchc_kg.graph.store import ntriples

PROVINCE = "tỉnh Lâm Bình"
NATIONAL = [
    CitationRecord(line=5, quote="Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", number="76/NQ-CP",
                   type="nghi_quyet", issuer="Chính phủ", issuer_source="stated", date="2021-07-15",
                   role="legal_basis", clause="can_cu"),
    CitationRecord(line=7, quote="Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ",
                   number="282/QĐ-TTg", type="quyet_dinh", issuer="Thủ tướng Chính phủ",
                   issuer_source="stated", date="2026-02-12", role="legal_basis", clause="can_cu"),
    CitationRecord(line=9, quote="Luật Tổ chức chính quyền địa phương năm 2025", type="luat",
                   name="Luật Tổ chức chính quyền địa phương", year=2025, role="legal_basis", clause="can_cu"),
]


def _targets(scale: float, *, period: str) -> list[TargetRecord]:
    return [
        TargetRecord(line=40, text=f"Chỉ số SIPAS đạt tối thiểu {85 * scale:g}%", indicator="sipas",
                     comparator=">=", value=round(85 * scale, 2), unit="%", period=period, area="direction"),
        TargetRecord(line=42, text="100% TTHC đủ điều kiện được cung cấp DVC trực tuyến toàn trình",
                     indicator="online_public_service_full", comparator="=", value=100, unit="%",
                     area="digital_government"),
        TargetRecord(line=44, text="Tổ chức ít nhất 02 cuộc đối thoại", indicator="dialogue_count",
                     comparator=">=", value=2 if scale >= 1 else 1, unit="count", area="direction",
                     aspiration=scale > 1),
        TargetRecord(line=46, text="PAR INDEX > 92.50", indicator="par_index", comparator=">",
                     value=92.5, unit="points", period="2026-2027", area="direction", baseline=90.25,
                     max_score=100, criterion_code="1.2", responsible="Sở Nội vụ"),
    ]


def _tasks(units: list[str], prefix: str) -> list[TaskRecord]:
    deadlines = [("2026-03", "Tháng 3/2026"), ("2026/2030", "Giai đoạn 2026-2030"),
                 ("recurring", "Thường xuyên"), ("conditional", "Theo kế hoạch của tỉnh"), (None, None)]
    out = []
    for i in range(8):
        dl, dl_text = deadlines[i % len(deadlines)]
        out.append(TaskRecord(
            line=60 + 3 * i, n=str(i + 1), title=f"{prefix} nhiệm vụ {i + 1}: rà soát, đơn giản hóa TTHC \"nhóm {i}\"",
            area=["procedures", "digital_government", "civil_service"][i % 3], group="II. NHIỆM VỤ",
            lead=units[i % len(units)], coordinating=tuple(units[(i + 1) % len(units):][:2]),
            deadline=dl, deadline_text=dl_text, product="Báo cáo" if i % 2 else None,
            kind="table" if i % 2 else "prose", end_line=61 + 3 * i,
        ))
    return out


def results() -> list[ExtractionResult]:
    """Four documents: a province plan, two commune plans citing it, a province annual plan."""
    prov_units = ["Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Công an tỉnh"]
    province = ExtractionResult(
        document=DocumentRecord(
            source="lam-binh-2026-2030.txt", number="120/KH-UBND", form="ke_hoach", issuer="UBND tỉnh Lâm Bình",
            admin_unit=PROVINCE, admin_unit_type="tinh", level="province", date="2026-03-02",
            date_text="ngày 02 tháng 3 năm 2026", period="2026-2030",
            title="Kế hoạch cải cách hành chính giai đoạn 2026-2030", signer="Nguyễn Văn A",
        ),
        citations=list(NATIONAL),
        targets=_targets(1.0, period="2026-2030"),
        tasks=_tasks(prov_units, "Tỉnh"),
        units=[UnitRecord(key=ntriples_key(u), label=u, variants=(u, u.upper())) for u in prov_units],
        text_style="clean",
    )
    annual = ExtractionResult(
        document=DocumentRecord(
            source="lam-binh-2026.md", number="15/KH-UBND", form="ke_hoach", issuer="UBND tỉnh Lâm Bình",
            admin_unit=PROVINCE, admin_unit_type="tinh", level="province", date="2026-01",
            period="2026", title="Kế hoạch cải cách hành chính năm 2026",
        ),
        citations=list(NATIONAL[:2]),
        targets=_targets(1.02, period="2026"),
        tasks=_tasks(prov_units[:2], "Năm"),
        text_style="markdown",
    )
    communes = []
    for k, (name, kind, scale, style) in enumerate(
        [("xã Đồi Mai", "xa", 1.05, "ocr"), ("phường Bến Sông", "phuong", 0.95, "markdown")]
    ):
        units = [f"Văn phòng HĐND và UBND {name}", "Phòng Văn hóa - Xã hội", f"Công an {name}"]
        cite_province = CitationRecord(
            line=11, quote="Kế hoạch số 120/KH-UBND ngày 02/3/2026 của UBND tỉnh", number="120/KH-UBND",
            type="ke_hoach", issuer="UBND tỉnh Lâm Bình", issuer_source="stated", issuer_admin_unit=PROVINCE,
            date="2026-03-02", role="legal_basis", clause="thuc_hien",
        )
        mention = CitationRecord(line=80, quote="Kế hoạch số 120/KH-UBND", number="120/KH-UBND", type="ke_hoach",
                                 issuer_admin_unit=PROVINCE, role="mentioned")
        communes.append(ExtractionResult(
            document=DocumentRecord(
                source=f"commune-{k}.txt", number=None if k else f"{30 + k}/KH-UBND", form="ke_hoach",
                issuer=f"UBND {name}", admin_unit=name, admin_unit_type=kind, parent_admin_unit=PROVINCE,
                level="commune", date="2026-05", period="2026-2030",
                title=f"Kế hoạch cải cách hành chính {name} giai đoạn 2026-2030",
            ),
            citations=[*NATIONAL, cite_province, mention],
            targets=_targets(scale, period="2026-2030"),
            tasks=_tasks(units, name),
            units=[UnitRecord(key=ntriples_key(u), label=u, collective=u.startswith("Phòng")) for u in units],
            text_style=style,
        ))
    return [province, annual, *communes]


def ntriples_key(label: str) -> str:
    from cchc_kg.graph.rdf import unit_key

    return unit_key(label)


def graphs() -> dict[str, str]:
    """Named graph IRI -> N-Triples text of each fixture document (fixed run stamp)."""
    out = {}
    for r in results():
        g = result_graph(r, run_stamp="20260601T000000Z")
        out[str(iri.named_graph(r.document.source))] = ntriples.triples(g)
    return out
