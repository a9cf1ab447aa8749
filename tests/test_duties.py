"""Duties of named units in the implementation section ("Tổ chức thực hiện")."""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph.ingest.duties import extract_duties
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.text import SourceText

from ._manual import manual, score

DOC = DocumentRecord(source="plan.txt", period="2026-2030")

# Province plan, clean text: "Unit: duty" on one numbered line.
INLINE = """III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ: theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch; báo cáo UBND tỉnh trước ngày 15/12 hằng năm.
2. Văn phòng UBND tỉnh: chủ trì triển khai cải cách thủ tục hành chính.
3. UBND các xã, phường: xây dựng kế hoạch cải cách hành chính của địa phương, hoàn thành trong tháng 6/2026.

TM. ỦY BAN NHÂN DÂN
"""

# Commune plan, Markdown: a heading per unit, one duty per entry; intro lines end with ':'.
HEADINGS = """### **V. TỔ CHỨC THỰC HIỆN**

#### **1. Trách nhiệm cụ thể của một số cơ quan, đơn vị**

Ngoài việc xây dựng Kế hoạch, người đứng đầu các cơ quan có trách nhiệm triển khai một số nhiệm vụ sau:

### **1.1. Văn phòng HĐND&UBND xã**

- Chủ trì theo dõi, hướng dẫn, kiểm tra việc cải cách thủ tục hành chính.

- Phối hợp với phòng Kinh tế xã tham mưu bố trí kinh phí thực hiện Kế hoạch.

### **1.2. Phòng Văn hóa - Xã hội**

Là cơ quan thường trực cải cách hành chính của xã, có trách nhiệm:

- Tổng hợp, báo cáo Ủy ban nhân dân xã tình hình thực hiện Kế hoạch.

## **2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã, các cơ quan Đảng**

Phối hợp với UBND xã triển khai Kế hoạch này.

Trên đây là Kế hoạch cải cách hành chính của xã.
"""

# Commune plan, OCR: lettered unit headings, a generic heading whose intro names the subject.
OCR = """V. TO CHUC THUC HIEN

1. Trach nhiém chung

Thu trudng cic co quan, don vi ¢ trach nhiém truc tiép chi dao, trién khai
toan dién Chuong trinh, trong d6 tap trung vao cac nhiém vy chi yéu sau:

- Huy dong va bd tri dt can bo, cong chuc c6 nang luc xay dung.

2. Trach nhiém cu thé ciia mdt s6 co quan, don vi

a) Phong Van hoa - Xa hoi

La co quan thudng truc vé cai cach hanh chinh, c6 trach nhiém tham muu
Uy ban nhéan dan xa:

- Tong két viéc thuc hién Ké hoach ndy vao nim 2030.

b) Van phong HPND va UBND

- Chu tri tham muu trién khai nhiém vu d6i méi cong tac xdy dung van ban.

Noi nhn: TM. UY BAN NHAN DAN
- S& N6i vu;
"""

# Short OCR plan: the unit is the subject of the paragraph.
SUBJECT = """III. TO CHUC THUC HIEN
Phong Van hoa - Xa hoi chu tri, theo doi, tong hop, bao cao két qua thuc hién Ké hoach.
"""


def _duties(text: str):
    return extract_duties(SourceText.from_text(text, source="plan.txt"), document=DOC)


def test_inline_unit_and_duty_on_one_line() -> None:
    duties = _duties(INLINE)
    assert [(d.n, d.lead, d.line) for d in duties] == [
        ("1", "Sở Nội vụ", 2), ("2", "Văn phòng UBND tỉnh", 3), ("3", "UBND các xã, phường", 4)]
    assert duties[0].title.startswith("theo dõi, đôn đốc")
    assert duties[0].deadline_text == "trước ngày 15/12 hằng năm"
    assert duties[2].deadline_text == "hoàn thành trong tháng 6/2026"
    assert all(d.kind == "duty" for d in duties)


def test_markdown_unit_headings_skip_intros_and_stop_at_the_closing() -> None:
    duties = _duties(HEADINGS)
    assert [(d.n, d.lead) for d in duties] == [
        ("1.1.1", "Văn phòng HĐND&UBND xã"),
        ("1.1.2", "Văn phòng HĐND&UBND xã"),
        ("1.2.1", "Phòng Văn hóa - Xã hội"),
        ("2.1", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ]
    # the heading's second unit, then the unit the duty names after "phối hợp với"
    assert duties[3].coordinating == ("các cơ quan Đảng", "UBND xã")
    assert duties[1].coordinating == ("Phòng Kinh tế xã",)
    assert duties[0].group == "Văn phòng HĐND&UBND xã"


def test_ocr_lettered_units_and_subject_of_generic_heading() -> None:
    duties = _duties(OCR)
    assert [(d.n, d.lead) for d in duties] == [
        ("1.1", "Thu trudng cic co quan, don vi"),
        ("2.a.1", "Phong Van hoa - Xa hoi"),
        ("2.b.1", "Van phong HPND va UBND"),
    ]
    assert duties[1].deadline_text == "vao nim 2030"
    assert not any("N6i vu" in (d.lead or "") for d in duties)  # recipients list is not a duty


# OCR without diacritics: a numbered unit heading, then its duty paragraph on the next line
# (OCR keeps no blank line between them).
OCR_NUMBERED = """III. TO CHUC THUC HIEN
1. Phong Van hoa - Xa hoi
Chu tri tham muu UBND phuong theo doi, kiém tra viéc thuc hién Ké hoach; tong
hop bao cao dinh ky hang quy.
2. Cong an phuong
Phéi hop voi Trung tam Phuc vu hanh chinh cong phuong lam sach dir liéu dan cu.
3. Cac don vi thuoc UBND phuong
Can cu Ké hoach nay xay dung ké hoach cua don vi, hoan thanh truéc ngay
28/02/2026.
"""


def test_ocr_numbered_unit_heading_then_its_duty_on_the_next_line() -> None:
    duties = _duties(OCR_NUMBERED)
    assert [(d.n, d.lead, d.line) for d in duties] == [
        ("1.1", "Phong Van hoa - Xa hoi", 3), ("2.1", "Cong an phuong", 6),
        ("3.1", "Cac don vi thuoc UBND phuong", 8)]
    assert duties[0].title.startswith("Chu tri tham muu")  # the heading is not part of the duty
    assert duties[1].coordinating == ("Trung tam Phuc vu hanh chinh cong phuong",)
    assert duties[2].deadline == "2026-02-28"


def test_unit_as_subject_of_the_paragraph() -> None:
    duties = _duties(SUBJECT)
    assert [(d.lead, d.line) for d in duties] == [("Phong Van hoa - Xa hoi", 2)]


def test_no_implementation_section() -> None:
    assert _duties("I. MỤC TIÊU\n- Sở Nội vụ: theo dõi.\n") == []
    assert _duties("") == []


@pytest.mark.parametrize("name", ["002_db8bd46d2dd6e5b9.txt", "004_bd54f3207198ef7a.txt"])
def test_seed_duties_against_a_careful_reading(seeds_dir: Path, name: str) -> None:
    gold = manual()[name]["duties"]
    src = SourceText.from_text((seeds_dir / name).read_text(encoding="utf-8"), source=name)
    duties = extract_duties(src, document=DocumentRecord(source=name))
    precision, recall = score(duties, gold, check_lead=True)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


@pytest.mark.parametrize(("text", "names"), [
    ("Chủ trì, phối hợp với Trung tâm Phục vụ hành chính công phường rà soát thủ tục.",
     ["Trung tâm Phục vụ hành chính công phường"]),
    ("Phối hợp với Phòng KT, HT và ĐT bảo đảm an ninh hệ thống thông tin của phường.", ["Phòng KT, HT và ĐT"]),
    ("Tiếp nhận hồ sơ; phối hợp với Công an phường thu thập dữ liệu dân cư.", ["Công an phường"]),
    ("Chủ trì, phối hợp với các cơ quan liên quan đẩy mạnh tuyên truyền.", ["các cơ quan liên quan"]),
    ("Phối hợp với UBND xã và các tổ chức có liên quan triển khai Kế hoạch.", ["UBND xã", "các tổ chức có liên quan"]),
    ("Phoi hop voi phong Kinh te xa tham muu bo tri kinh phi.", ["Phong Kinh te xa"]),
    ("Tăng cường phối hợp trong thực hiện nhiệm vụ.", []),
])
def test_partners_named_after_phoi_hop_voi(text: str, names: list[str]) -> None:
    from cchc_kg.graph.ingest.duties import partners

    assert partners(text) == names


def test_numbered_sentence_with_units_as_subject() -> None:
    text = ("III. TỔ CHỨC THỰC HIỆN\n"
            "1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh nâng cấp Cổng dịch vụ công.\n"
            "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tham gia giám sát "
            "việc thực hiện Kế hoạch.\n")
    assert [(d.n, d.lead, d.coordinating) for d in _duties(text)] == [
        ("1", "Sở Khoa học và Công nghệ", ("Văn phòng UBND tỉnh",)),
        ("2", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ("các tổ chức chính trị - xã hội tỉnh",))]


# Markdown commune plan: "#### **n. Unit**" headings, a feedback paragraph closing the section.
MD_CLOSING = """### **IV. TỔ CHỨC THỰC HIỆN**

#### **1. Phòng Văn hóa - Xã hội**

- Chủ trì công tác tuyên truyền; phối hợp với Ủy ban MTTQ Việt Nam xã tổ chức lấy ý kiến người dân.

#### **2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã**

Phối hợp với UBND xã vận động Nhân dân tham gia giám sát.

Trong quá trình triển khai, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về UBND xã để xem xét, giải quyết./.
"""


def test_feedback_paragraph_closes_the_section_and_mttq_is_a_unit() -> None:
    duties = _duties(MD_CLOSING)
    assert [(d.n, d.lead) for d in duties] == [
        ("1.1", "Phòng Văn hóa - Xã hội"), ("2.1", "Ủy ban Mặt trận Tổ quốc Việt Nam xã")]
    assert duties[0].coordinating == ("Ủy ban MTTQ Việt Nam xã",)  # "tổ chức" in lower case is the verb


@pytest.mark.parametrize(("text", "expected"), [
    ("Phối hợp với Sở Nội vụ xây dựng chuyên trang, chuyên mục.", ["Sở Nội vụ"]),
    ("phối hợp với Sở Nội vụ tổ chức đo lường sự hài lòng.", ["Sở Nội vụ"]),
    ("phối hợp với Sở Xây dựng, Sở Nội vụ triển khai.", ["Sở Xây dựng", "Sở Nội vụ"]),
    ("phối hợp với các tổ chức chính trị - xã hội thực hiện.", ["các tổ chức chính trị - xã hội"]),
])
def test_partner_stops_at_a_lower_case_verb_that_can_begin_unit_names(text: str, expected: list[str]) -> None:
    from cchc_kg.graph.ingest.duties import partners

    assert partners(text) == expected


def test_numbered_subject_with_tang_cuong() -> None:
    duties = _duties("IV. TỔ CHỨC THỰC HIỆN\n10. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh "
                     "tăng cường giám sát việc thực hiện nhiệm vụ CCHC.\n")
    assert [(d.lead, d.coordinating) for d in duties] == [
        ("Ủy ban MTTQ Việt Nam tỉnh", ("các tổ chức chính trị - xã hội tỉnh",))]
