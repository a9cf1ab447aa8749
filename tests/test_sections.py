"""Document outline: heading numbering, levels, areas, periods and the appendix start."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.sections import outline
from cchc_kg.graph.ingest.text import SourceText


def _outline(text: str):
    return outline(SourceText.from_text(text, source="t.txt"))


# (line as printed, expected (level, number) of the single heading, or None)
HEADING_CASES = [
    ("I. MỤC TIÊU, CHỈ TIÊU, YÊU CẦU", (1, "I")),
    ("II. NHIỆM VỤ, GIẢI PHÁP", (1, "II")),
    ("### **IV. KINH PHÍ THỰC HIỆN**", (1, "IV")),
    ("I1. MUC TIEU VA NHIEM VU CU THE", (1, "II")),  # OCR: 1 for I
    ("I11. GIAI PHAP THUC HIEN", (1, "III")),
    ("1. Mục tiêu", (2, "1")),
    ("## **2. Các chỉ tiêu chung**", (2, "2")),
    ("2.1. Giai đoạn 2026-2027", (3, "2.1")),
    ("2.S6¢ Noi vu", (2, "2")),  # OCR: space after the dot lost
    ("3.1.2. Cơ quan thực hiện", (4, "3.1.2")),
    ("- 100% TTHC được công khai.", None),
    ("2026 của Thành phố, bảo đảm", None),  # a wrapped year is not a heading
    ("15/7/2021 của Chính phủ", None),
    ("90% tré 1én.", None),
    ("12", None),  # page number
]


@pytest.mark.parametrize("line,expected", HEADING_CASES)
def test_heading_numbering(line, expected):
    o = _outline(f"KẾ HOẠCH\n\n{line}\n\nNội dung.")
    got = [(h.level, h.number) for h in o.headings]
    assert got == ([expected] if expected else [])


PLAN = """KẾ HOẠCH
Cải cách hành chính giai đoạn 2026-2030

I. MỤC TIÊU, CHỈ TIÊU

1. Chỉ tiêu

1.1. Giai đoạn 2026-2027
- Chỉ số SIPAS đạt tối thiểu 85%.

1.2. Năm 2028
- Chỉ số SIPAS đạt tối thiểu 90%.

II. NHIỆM VỤ

1. Cải cách thủ tục hành chính
a) Rà soát, đơn giản hóa TTHC.
- Số hóa 100% hồ sơ.

2. Cải cách tổ chức bộ máy hành chính nhà nước
a) Sắp xếp bộ máy.

3. Xây dựng chính quyền điện tử, chính quyền số

III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
2. Trung tâm Phục vụ hành chính công

PHỤ LỤC
DANH MỤC NHIỆM VỤ
STT Nhiệm vụ
1. Ban hành kế hoạch
"""


def test_outline_levels_sections_area_period():
    o = _outline(PLAN)
    by_title = {h.title: h for h in o.headings}
    assert by_title["Giai đoạn 2026-2027"].period == "2026-2027"
    assert by_title["Năm 2028"].period == "2028"
    assert by_title["Cải cách thủ tục hành chính"].area == "procedures"
    assert by_title["Cải cách tổ chức bộ máy hành chính nhà nước"].area == "organization"
    assert by_title["Xây dựng chính quyền điện tử, chính quyền số"].area == "digital_government"
    assert by_title["Sở Tài chính"].area is None  # 'tài chính' alone is not the area
    assert by_title["Trung tâm Phục vụ hành chính công"].area is None
    sipas_line = PLAN.split("\n").index("- Chỉ số SIPAS đạt tối thiểu 85%.") + 1
    assert o.section_at(sipas_line) == "I.1.1"
    assert o.period_at(sipas_line) == "2026-2027"
    digit_line = PLAN.split("\n").index("- Số hóa 100% hồ sơ.") + 1
    assert o.section_at(digit_line) == "II.1.a"
    assert o.area_at(digit_line) == "procedures"
    assert o.appendix_start == PLAN.split("\n").index("PHỤ LỤC") + 1
    # numbered rows of the appendix table are not headings
    assert all(h.line < o.appendix_start for h in o.headings)


def test_wrapped_and_split_headings():
    text = "KE HOACH\n\nII. CHI TIEU KET QUA CAN DAT DUOC VA NHOM NHIEM VU,\nGIAI PHAP TRONG TAM\n\n" \
           "1.\nCong tac chi dao, dieu hanh CCHC\n- Noi dung.\n"
    o = _outline(text)
    assert [(h.level, h.number) for h in o.headings] == [(1, "II"), (2, "1")]
    assert o.headings[0].title.endswith("GIAI PHAP TRONG TAM")
    assert o.headings[0].end_line == 4
    assert o.headings[1].area == "direction"


@pytest.mark.parametrize("title,area", [
    ("Cai cach to chirc bd may", "organization"),
    ("Cai cach ché @9 cong vu", "civil_service"),
    ("Ci cich thé ché", "institutional"),
    ("Cai cach tai chinh cong", "public_finance"),
    ("X4y dung va phat trién Chinh phi dién tir, Chinh phii s6", "digital_government"),
    ("Trach nhiém cu thé ciia mdt s6 co quan, don vi", None),
    ("B tri dii ngudn tai chinh va nhan luc", None),
])
def test_ocr_heading_areas(title, area):
    text = "UY BAN NHAN DAN XA\nKE HOACH cai cach hanh chinh nam 2026\n\nII. NHIEM VU\n\n" \
           f"1. {title}\n- Noi dung cong viec trong nam.\n"
    src = SourceText.from_text(text, source="t.txt")
    assert src.style == "ocr"
    assert outline(src).headings[1].area == area


def test_ocr_appendix_title_and_no_reference_false_positive():
    text = "I. MUC DICH\n(Danh muc nhiem vu kem theo).\n- Noi dung.\n\nPhuy luc 1\nTT Nhiem vu\n"
    o = _outline(text)
    assert o.appendix_start == 5


def test_empty_document():
    o = _outline("")
    assert o.headings == [] and o.appendix_start is None and o.section_at(1) is None


def test_seed_outlines(seeds_dir):
    clean = outline(SourceText.from_text((seeds_dir / "001_56f9d8290ca64f89.txt").read_text(), source="001"))
    articles = [h for h in clean.headings if h.number.startswith("Điều")]
    assert [(h.number, h.level) for h in articles] == [("Điều 1", 1), ("Điều 2", 1), ("Điều 3", 1)]
    periods = {h.period for h in clean.headings if h.period and h not in articles}
    assert periods == {"2026-2027", "2028-2030"}
    assert not any(h.retrospective for h in clean.headings)
    areas = [h.area for h in clean.headings if h.area and h.level == 2]
    assert areas[:7] == ["direction", "institutional", "procedures", "organization",
                         "civil_service", "public_finance", "digital_government"]
    ocr = outline(SourceText.from_text((seeds_dir / "004_bd54f3207198ef7a.txt").read_text(), source="004"))
    romans = [h.number for h in ocr.headings if h.level == 1 and h.line < ocr.appendix_start]
    assert romans == ["I", "II", "III", "IV", "V"]
    assert ocr.appendix_start is not None


LETTERED_PERIODS = """KẾ HOẠCH
Cải cách hành chính phường giai đoạn 2026 - 2030

I. MỤC TIÊU
2. Chi tieu cu the
a) Giai doan 2026 - 2027
- SIPAS dat tren 85%.
b) Giai đoạn 2028-2030:
- SIPAS đạt tối thiểu 90%.
c) Năm 2030
- 100% hồ sơ được số hóa.
d) Rà soát văn bản giai đoạn 2026-2030 của phường.
- Thực hiện rà soát.
"""


@pytest.mark.parametrize(("line_text", "period"), [
    ("- SIPAS dat tren 85%.", "2026-2027"),  # OCR without diacritics, spaced hyphen
    ("- SIPAS đạt tối thiểu 90%.", "2028-2030"),  # trailing colon
    ("- 100% hồ sơ được số hóa.", "2030"),
    ("- Thực hiện rà soát.", None),  # a lettered task naming years is not a period heading
])
def test_lettered_heading_that_is_only_a_period_scopes_the_lines_below(line_text, period):
    o = _outline(LETTERED_PERIODS)
    line = LETTERED_PERIODS.split("\n").index(line_text) + 1
    assert o.period_at(line) == period


AREA_LETTERS = """II. MỤC TIÊU, CHỈ TIÊU
2. Chỉ tiêu cụ thể năm 2027
a) Về công tác chỉ đạo, điều hành
- 100% nhiệm vụ được hoàn thành đúng tiến độ.
b) Về cải cách thể chế
- 100% dự thảo văn bản được lấy ý kiến.
c) Về thủ tục hành chính, 100% hồ sơ được số hóa.
III. NHIỆM VỤ, GIẢI PHÁP
7. Xây dựng, phát triển chính quyền số
a) Về hoàn thiện thể chế số:
- Ban hành Quy chế quản lý dữ liệu dùng chung.
b) Về cải cách thể chế, tiếp tục rà soát văn bản quy phạm pháp luật.
"""


def test_lettered_ve_heading_names_the_area_where_the_parent_names_none():
    o = _outline(AREA_LETTERS)
    assert [o.area_at(n) for n in (4, 6)] == ["direction", "institutional"]
    # under an area heading, "a) Về hoàn thiện thể chế số" does not override it
    assert o.area_at(11) == "digital_government"
    # a lettered statement (closing punctuation) is not an area heading
    assert o.area_at(7) is None


AREA_NAMES = """### **II. MỤC TIÊU, CHỈ TIÊU**
#### **2. Giai đoạn 2026-2027**
**a) Công tác chỉ đạo, điều hành**
- 100% nhiệm vụ được hoàn thành đúng tiến độ.
**b) Cải cách thể chế**
- 100% văn bản được ban hành đúng thẩm quyền.
**c) Xây dựng, phát triển chính quyền số**
- Tỷ lệ thanh toán trực tuyến đạt tối thiểu 80%.
d) Rà soát, cắt giảm thủ tục hành chính nội bộ.
"""


def test_lettered_heading_that_is_an_areas_name_scopes_it():
    o = _outline(AREA_NAMES)
    assert [o.area_at(n) for n in (4, 6, 8)] == ["direction", "institutional", "digital_government"]
    assert o.area_at(9) != "procedures"  # a lettered task statement names no area
