"""Stated subjects of citations (trích yếu after the number, date and issuer)."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.citations import extract_citations
from cchc_kg.graph.ingest.metadata import extract_document
from cchc_kg.graph.ingest.text import SourceText

HEADER = "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\n\nSố: 31/KH-UBND\n\nKẾ HOẠCH\nCải cách hành chính năm 2026\n\n"
OCR_HEADER = "UY BAN NHAN DAN\nXA BINH MINH\nS6: 17 /KH-UBND\nKE HOACH\nCai cach hanh chinh nam 2026 cua x3 Binh Minh\n\n"


def subjects(body: str, *, header: str = HEADER) -> dict[str, str | None]:
    src = SourceText.from_text(header + body, source="x.txt")
    return {c.number: c.subject for c in extract_citations(src, document=extract_document(src)) if c.number}


@pytest.mark.parametrize(
    ("body", "number", "subject"),
    [
        (("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về ban hành Chương trình tổng thể "
         "cải cách hành chính nhà nước giai đoạn 2021-2030;\n"), "76/NQ-CP",
         "về ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030"),
        (("Căn cứ Quyết định số 2595/QĐ-UBND ngày 20/5/2026 của UBND Thành phố về việc ban hành Kế hoạch "
         "CCHC giai đoạn 2026-2030.\n"), "2595/QĐ-UBND", "về việc ban hành Kế hoạch CCHC giai đoạn 2026-2030"),
        (("- Thực hiện Nghị định số 150/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định tổ chức các cơ quan "
         "chuyên môn thuộc UBND cấp tỉnh;\n"), "150/2025/NĐ-CP",
         "quy định tổ chức các cơ quan chuyên môn thuộc UBND cấp tỉnh"),
        # another document joined by "và" ends the subject
        (("- Thực hiện Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ về công tác CCHC "
         "giai đoạn 2026-2030 và Nghị quyết Đại hội Đảng bộ xã.\n"), "282/QĐ-TTg", "về công tác CCHC giai đoạn 2026-2030"),
        # a new clause with its own subject ends it
        (("Thực hiện Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ ban hành Kế hoạch CCHC "
         "trọng tâm, UBND xã ban hành Kế hoạch như sau:\n"), "282/QĐ-TTg", "ban hành Kế hoạch CCHC trọng tâm"),
        # no subject stated: lists of documents, "và các quy định ..."
        (("- Theo Nghị định số 186/2025/NĐ-CP ngày 01/7/2025, Nghị định số 286/2025/NĐ-CP ngày 03/11/2025 "
         "và các quy định có liên quan.\n"), "286/2025/NĐ-CP", None),
        ("- Theo Nghị định số 186/2025/NĐ-CP ngày 01/7/2025, Nghị định số 286/2025/NĐ-CP.\n", "186/2025/NĐ-CP", None),
    ],
)
def test_clean_subjects(body: str, number: str, subject: str | None) -> None:
    assert subjects(body)[number] == subject


@pytest.mark.parametrize(
    ("body", "number", "subject"),
    [
        # the issuer wraps over a blank line (page break) and "về việc" is OCR'd "vé viéc"
        (("~ Cén cir Quyét dinh s6 600/QD-UBND ngay 09/02/2026 cua UBND thanh\n\npho Ha Noi vé viéc ban hanh "
         "K& hoach Qéi cach hanh chinh nha nudc nam 2026.\n"), "600/QĐ-UBND",
         "vé viéc ban hanh K& hoach Qéi cach hanh chinh nha nudc nam 2026"),
        (("- Thuc hién Nghi dinh s6 118/2025/ND-CP ngay 09/6/2025 ctia Chinh phu vé thuc hién thu tuc hanh "
         "chinh theo co ché mét cira;\n"), "118/2025/NĐ-CP", "vé thuc hién thu tuc hanh chinh theo co ché mét cira"),
        # a scrambled table: the column rule and a heading in capitals end the subject
        (("tai Ké hoach s6 326/KH-UBND ngay 29/12/2023 cua UBND Thanh pho vé cong tac kiém soat thu tuc "
         "hanh chinh nam 2024 | V CAI CACH TO CHUC BO MAY\n"), "326/KH-UBND",
         "vé cong tac kiém soat thu tuc hanh chinh nam 2024"),
    ],
)
def test_ocr_subjects(body: str, number: str, subject: str) -> None:
    assert subjects(body, header=OCR_HEADER)[number] == subject
