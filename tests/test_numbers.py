"""The document-number grammar on real-world spellings, clean and OCR-damaged."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.numbers import find_numbers, normalise_number, parse_number

# (text as printed, OCR?, normalised number, family, doc-type key)
CASES = [
    # administrative NUMBER/TYPE-ISSUER
    ("Nghị quyết số 76/NQ-CP ngày 15/7/2021", False, "76/NQ-CP", "admin", "nghi_quyet"),
    ("Quyết định số 282/QĐ-TTg ngày 12/02/2026", False, "282/QĐ-TTg", "admin", "quyet_dinh"),
    ("Quyết định số 2595 /QĐ-UBND ngày 20/5/2026", False, "2595/QĐ-UBND", "admin", "quyet_dinh"),
    ("Tờ trình số 228 /TTr-VHXH ngày 12 /6/2026", False, "228/TTr-VHXH", "admin", "to_trinh"),
    ("Kế hoạch số 412/KH-UBND ngày 18/3/2026", False, "412/KH-UBND", "admin", "ke_hoach"),
    ("Nghị quyết 30c/NQ-CP ngày 08/11/2011", False, "30c/NQ-CP", "admin", "nghi_quyet"),
    ("Thông báo số 115/TB-VPCP", False, "115/TB-VPCP", "admin", "thong_bao"),
    ("Hướng dẫn số 25/HD-SNV ngày 3/4/2026", False, "25/HD-SNV", "admin", "huong_dan"),
    ("Báo cáo số 58/BC-UBND", False, "58/BC-UBND", "admin", "bao_cao"),
    ("Chỉ thị số 23/CT-TTg", False, "23/CT-TTg", "admin", "chi_thi"),
    # legal normative NUMBER/YEAR/TYPE-ISSUER, decimals, laws of the National Assembly
    ("Nghị định số 59/2019/NĐ-CP", False, "59/2019/NĐ-CP", "legal", "nghi_dinh"),
    ("Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025", False, "66.7/2025/NQ-CP", "legal", "nghi_quyet"),
    ("Nghị quyết số 41/2025/NQ-HĐND", False, "41/2025/NQ-HĐND", "legal", "nghi_quyet"),
    ("Thông tư số 01/2023/TT-BNV", False, "01/2023/TT-BNV", "legal", "thong_tu"),
    ("Quyết định số 15/2025/QĐ-TTg ngày 14/06/2025", False, "15/2025/QĐ-TTg", "legal", "quyet_dinh"),
    ("Nghị quyết số 226/2025/QH15", False, "226/2025/QH15", "legal", None),
    # Party NUMBER-TYPE/ISSUER
    ("Chương trình số 01-CTr/TU ngày 29/11/2025", False, "01-CTr/TU", "party", "chuong_trinh"),
    ("Nghị quyết số 68-NQ/TW ngày 04/5/2025", False, "68-NQ/TW", "party", "nghi_quyet"),
    ("Kết luận số 205-KL/TW", False, "205-KL/TW", "party", "ket_luan"),
    ("Kế hoạch số 360-KH/TU ngày 28/8/2025", False, "360-KH/TU", "party", "ke_hoach"),
    ("Nghị quyết số 12-NQ/ĐU của Đảng ủy xã", False, "12-NQ/ĐU", "party", "nghi_quyet"),
    # letters NUMBER/ISSUER-UNIT
    ("Công văn số 4625/BNV-CCHC ngày 02/7/2025", False, "4625/BNV-CCHC", "letter", "cong_van"),
    ("Văn bản số 2231/SNV-CCHC&PC", False, "2231/SNV-CCHC&PC", "letter", "cong_van"),
    ("Công văn số 1532/UBND-KSTTHC", False, "1532/UBND-KSTTHC", "letter", "cong_van"),
    # OCR damage: QD/ND/HPND/QP, split digits, 'số' read as 50, dashes, fused codes, commas
    ("Quyét dinh s6 600/QD-UBND ngay 09/02/2026", True, "600/QĐ-UBND", "admin", "quyet_dinh"),
    ("Nghi dinh so 59/20 19/ND-CP ngay 01/7/2019", True, "59/2019/NĐ-CP", "legal", "nghi_dinh"),
    ("Nghi quyét 50 76/NQ-CP, Nghi quyét so", True, "76/NQ-CP", "admin", "nghi_quyet"),
    ("Nghi quyét 20/NQ-HPND ngay 06/7/2023", True, "20/NQ-HĐND", "admin", "nghi_quyet"),
    ("Nghi quyét 41/2025/NQ-HPND vé quy", True, "41/2025/NQ-HĐND", "legal", "nghi_quyet"),
    ("theo Nghi dinh s0 111/2025/NDCP ctia Chinh pha", True, "111/2025/NĐ-CP", "legal", "nghi_dinh"),
    ("dinh, sO 15,2/2017/ND—CP; linh vire", True, "152/2017/NĐ-CP", "legal", "nghi_dinh"),
    ("Nghi quyét sé6 09-NQ/PH ngay 20/8/2025", True, "09-NQ/ĐH", "party", "nghi_quyet"),
    ("Quyet dinh so 1234/QP-UBND ngay 3/3/2026", True, "1234/QĐ-UBND", "admin", "quyet_dinh"),
    ("Nghi dinh so 107 / 2020 / ND - CP", True, "107/2020/NĐ-CP", "legal", "nghi_dinh"),
    ("Thong tu so 02/2O21/TT-BNV", True, None, None, None),  # letter O in the year: not a number
    ("ctr so 05-CTR/TU", True, "05-CTr/TU", "party", "chuong_trinh"),
]


@pytest.mark.parametrize(("text", "ocr", "number", "family", "doc_type"), CASES)
def test_number_grammar(text: str, ocr: bool, number: str | None, family: str | None, doc_type: str | None) -> None:
    parsed = parse_number(text, ocr=ocr)
    if number is None:
        assert parsed is None
        return
    assert parsed is not None, text
    assert parsed.number == number
    assert parsed.family == family
    assert parsed.doc_type == doc_type


@pytest.mark.parametrize(
    "text",
    [
        "xếp thứ 3/63 tỉnh, thành phố; năm 2022 xếp thứ 30/63",
        "ngày 15/7/2021",
        "giai đoạn 2021-2030",
        "Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
        "Số: /QĐ-UBND",
        "Điện thoại: 024.3825.3536 - Fax 024/38253537",
        "Chỉ số PAR INDEX đạt 91.43/100 điểm",
        "Quý II/2024; tháng 5/ 02%",
        "(Ban hành kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2026)",
        "Nghị quyết 68 về phát triển kinh tế tư nhân",
        "1001/QD-| 62024 |",
        "COVID-19; 5G; Đề án 06",
    ],
)
def test_not_numbers(text: str) -> None:
    assert find_numbers(fold(text), original=text, ocr=True) == []


def test_number_wrapped_after_hyphen() -> None:
    text = "Nghi quyét s6 45-\nNQ/TW ngay 24/01/2019"
    found = find_numbers(fold(text), original=text, ocr=True)
    assert [m.number.number for m in found] == ["45-NQ/TW"]


def test_issuer_code_completed_from_next_table_line() -> None:
    text = "Quyét dinh sb 50/2017/QP- - ctia Thanh phd (d6i\nTTg v6i linh vuce khéc)"
    found = find_numbers(fold(text), original=text, ocr=True)
    assert [m.number.number for m in found] == ["50/2017/QĐ-TTg"]


def test_comma_is_a_decimal_in_clean_text() -> None:
    assert normalise_number("Nghị quyết số 66,7/2025/NQ-CP") == "66.7/2025/NQ-CP"


def test_match_offsets_point_at_the_number() -> None:
    text = "Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026"
    (m,) = find_numbers(fold(text), original=text)
    assert text[m.start : m.end] == "282/QĐ-TTg"


def test_several_numbers_in_one_sentence() -> None:
    text = "theo Nghị định số 107/2020/NĐ-CP ngày 14/9/2020, số 108/2020/NĐ-CP ngày 14/9/2020 và 120/2020/NĐ-CP"
    found = find_numbers(fold(text), original=text)
    assert [m.number.number for m in found] == ["107/2020/NĐ-CP", "108/2020/NĐ-CP", "120/2020/NĐ-CP"]
