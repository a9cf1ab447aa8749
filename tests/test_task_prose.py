"""Prose task lists: lettered items and entries under each reform area of the task section."""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import Heading, Outline
from cchc_kg.graph.ingest.task_prose import classify_heading, extract_prose_tasks, find_deadline
from cchc_kg.graph.ingest.text import SourceText

from ._manual import manual, score

DOC = DocumentRecord(source="plan.txt", period="2026-2030")

CLEAN = """KẾ HOẠCH

I. MỤC TIÊU, CHỈ TIÊU
1. Mục tiêu chung
- Chỉ số SIPAS đạt tối thiểu 88%.

II. NHIỆM VỤ, GIẢI PHÁP

1. Cải cách thủ tục hành chính
a) Rà soát, cắt giảm tối thiểu 20% thời gian giải quyết thủ tục hành chính nội bộ.
Cơ quan chủ trì: Văn phòng UBND tỉnh; cơ quan phối hợp: các Sở, ban, ngành.
b) Đẩy mạnh rà soát, cắt giảm, đơn giản hóa TTHC gắn với sắp xếp bộ máy.
- Rà soát, kiến nghị loại bỏ các thủ tục rườm rà, chồng chéo.
- Tích hợp, cắt giảm mạnh các mẫu đơn, tờ khai; hoàn thành trước ngày 30/6/2027.

2. Xây dựng chính quyền số
a) Hoàn thiện thể chế
- Xây dựng Chiến lược dữ liệu của tỉnh.
- Cập nhật danh mục các nền tảng số dùng chung; thực hiện thường xuyên.

III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ: theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch.
"""

MARKDOWN = """### **II. CÁC NHÓM NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM**

Các nhóm nhiệm vụ được xây dựng nhằm cụ thể hóa các mục tiêu, chỉ tiêu nêu tại Phần 1.

### **1. Công tác chỉ đạo điều hành**

a) Ban hành các văn bản chỉ đạo, điều hành về công tác CCHC của xã.

b) Thường xuyên tổ chức truyền thông, tuyên truyền về CCHC.

## **6. Cải cách tài chính công**

f) Siết chặt kỷ luật, kỷ cương tài chính, tăng cường giám sát ngân sách.

Rà soát, lập danh mục các kết luận, kiến nghị thanh tra chưa thực hiện.

### **III. CHẾ ĐỘ BÁO CÁO**

Thực hiện theo chế độ báo cáo định kỳ.
"""

# OCR: no diacritics, wrapped lines, a page number and a page break inside a paragraph,
# sub-sections for targets, tasks and responsible bodies.
OCR = """II. CHI TIEU KET QUA CAN PAT PUQC VA NHOM NHIEM VU,
GIAI PHAP TRONG TAM

2. Cii cach thé ché

2.1. Chi tiéu két qua cin dat duoc

- Phan dau 100% vian ban quy pham phap luét thudc tham quyén cia
phuong dugce ra soat kip thoi.

2.2. Nhom nhiém vu, gidi phap trong tam

- Thuong xuyén ra soat cac VBQPPL ¢6 lién quan tryc tlep dén nhi¢ém vu
cua UBND phuong; kip thoi phat hién bat cap, kho khan, vuéng mac dé tong hop,

6

béo cdo va kién nghi cip c6 thAm quyén xem xét, sira d6i, bd sung.

- Ra soat, don gian hoa thu tuc hanh chinh:

+ Ra soat, danh gia thu tuc hanh chinh trong qua trinh thyc hién.

+ Ra soat, théng ké va don gian hoéa cac thu tuc hanh chinh ndi b.

2.3. Co quan thue hién

- Chu tri: Van phong HDND va UBND phuong.

- Phéi hop: Cac phong, ban, don vi thudc phuong.

I1I. CHE PQ BAO CAO
"""


def _tasks(text: str, *, outline: Outline | None = None):
    src = SourceText.from_text(text, source="plan.txt")
    return extract_prose_tasks(src, document=DOC, outline=outline)


def test_clean_lettered_items_entries_and_assignment_lines() -> None:
    tasks = _tasks(CLEAN)
    got = [(t.n, t.lead, t.coordinating) for t in tasks]
    assert got == [
        ("1.a", "Văn phòng UBND tỉnh", ("các Sở, ban, ngành",)),
        ("1.b", None, ()),
        ("1.b.1", None, ()),
        ("1.b.2", None, ()),
        ("2.a.1", None, ()),
        ("2.a.2", None, ()),
    ]
    assert all(t.kind == "prose" for t in tasks)
    assert tasks[0].line == 10 and tasks[0].title.startswith("Rà soát, cắt giảm tối thiểu 20%")
    assert tasks[3].deadline_text == "hoàn thành trước ngày 30/6/2027"
    assert tasks[5].deadline_text == "thực hiện thường xuyên"
    assert tasks[4].group == "Hoàn thiện thể chế"  # a short lettered line is a sub-heading, not a task
    # The implementation section's duties are not prose tasks.
    assert not any("Sở Nội vụ" in t.title for t in tasks)


def test_markdown_unmarked_paragraph_is_an_entry_and_intro_is_skipped() -> None:
    tasks = _tasks(MARKDOWN)
    assert [(t.n, t.line) for t in tasks] == [("1.a", 7), ("1.b", 9), ("6.f", 13), ("6.f.1", 15)]
    assert tasks[0].title == "Ban hành các văn bản chỉ đạo, điều hành về công tác CCHC của xã."
    assert tasks[0].clean_title.endswith("của xã")


def test_ocr_subsections_targets_skipped_units_applied_to_the_area() -> None:
    tasks = _tasks(OCR)
    assert [t.n for t in tasks] == ["2.2.1", "2.2.2.1", "2.2.2.2"]
    first = tasks[0]
    assert (first.line, first.end_line) == (13, 18)  # wrapped over a page number and a page break
    assert "béo cdo va kién nghi" in first.title
    assert {t.lead for t in tasks} == {"Van phong HDND va UBND phuong"}
    assert {t.coordinating for t in tasks} == {("Cac phong, ban, don vi thudc phuong",)}
    assert tasks[1].group == "Ra soat, don gian hoa thu tuc hanh chinh"


def test_area_comes_from_the_outline() -> None:
    outline = Outline(headings=[
        Heading(line=7, level=1, number="II", title="NHIỆM VỤ, GIẢI PHÁP"),
        Heading(line=9, level=2, number="1", title="Cải cách thủ tục hành chính", area="procedures"),
        Heading(line=16, level=2, number="2", title="Xây dựng chính quyền số", area="digital_government"),
    ])
    tasks = _tasks(CLEAN, outline=outline)
    assert [t.area for t in tasks] == ["procedures"] * 4 + ["digital_government"] * 2


@pytest.mark.parametrize(("heading", "kind"), [
    ("Chỉ tiêu kết quả cần đạt được", "targets"),
    ("Chi tiéu két qua cin dat dwoc", "targets"),
    ("Mục tiêu", "targets"),
    ("Nhóm nhiệm vụ, giải pháp trọng tâm", "tasks"),
    ("Nhi¢m vy", "tasks"),
    ("Cơ quan thực hiện", "units"),
    ("Co quan thwe hién", "units"),
    ("Cơ quan, người chủ trì thực hiện", "units"),
])
def test_sub_heading_kinds(heading: str, kind: str) -> None:
    from cchc_kg.graph.ingest.prose_blocks import skeleton

    assert classify_heading(skeleton(fold(heading))) == kind


@pytest.mark.parametrize(("text", "wording"), [
    ("Triển khai nền tảng dữ liệu dùng chung của tỉnh; hoàn thành trong năm 2027.", "hoàn thành trong năm 2027"),
    ("Cụ thể hóa Kế hoạch (ban hành trước 30/6/2026; đồng thời gửi 01 bản về Sở Nội vụ)", "ban hành trước 30/6/2026"),
    ("Tổng kết việc thực hiện Kế hoạch này vào năm 2030.", "vào năm 2030"),
    ("Tong két viéc thuc hién Ké hoach ndy vao nam 2030.", "vao nam 2030"),
    ("Thường xuyên tổ chức truyền thông về CCHC.", None),
    ("Rà soát văn bản. Cơ quan chủ trì: Sở Tư pháp. Thời gian hoàn thành: Quý II/2026.", "Quý II/2026"),
    ("Tổng hợp, báo cáo kết quả cải cách hành chính định kỳ hằng quý.",
     "Tổng hợp, báo cáo kết quả cải cách hành chính định kỳ hằng quý"),
    ("Tong hop bao cao ket qua hang quy.", "Tong hop bao cao ket qua hang quy"),
    ("Tổ chức đối thoại với doanh nghiệp theo kế hoạch của UBND tỉnh.", "theo kế hoạch của UBND tỉnh"),
    ("Triển khai theo kế hoạch của UBND tỉnh về chuyển đổi số, bảo đảm chất lượng.", None),
    ("Ban hành quy chế phối hợp (trước tháng 9/2026).", "trước tháng 9/2026"),
    ("Tổng kết, đánh giá vào cuối năm 2026.", "vào cuối năm 2026"),
    ("Triển khai từ tháng 3/2026 đến tháng 12/2026.", "từ tháng 3/2026 đến tháng 12/2026"),
    ("Cập nhật dữ liệu, thực hiện hằng tháng.", "thực hiện hằng tháng"),
    ("Áp dụng chế độ báo cáo định kỳ, bảo đảm rõ người, rõ việc.", None),  # a kind of report, not a due date
    ("Bồi dưỡng công chức trước 05 ngày làm việc.", None),
    # OCR without diacritics: "trước" read as truéc / trudc
    ("Xay dung ké hoach cua don vi, hoan thanh truéc ngay 28/02/2026.", "hoan thanh truéc ngay 28/02/2026"),
    ("Ban hanh quy ché (trudc thang 9/2026).", "trudc thang 9/2026"),
    ("Day manh thanh toan truc tuyén ngay tai Trung tam.", None),
])
def test_deadline_clause(text: str, wording: str | None) -> None:
    assert find_deadline(text, year=2026)[1] == wording


def test_no_task_section_gives_nothing_and_empty_text_is_fine() -> None:
    assert _tasks("") == []
    assert _tasks("I. MỤC TIÊU\n- Chỉ số SIPAS đạt 90%.\n") == []


@pytest.mark.parametrize("name", ["001_56f9d8290ca64f89.txt", "002_db8bd46d2dd6e5b9.txt", "004_bd54f3207198ef7a.txt"])
def test_seed_prose_tasks_against_a_careful_reading(seeds_dir: Path, name: str) -> None:
    gold = manual()[name]["prose"]
    src = SourceText.from_text((seeds_dir / name).read_text(encoding="utf-8"), source=name)
    tasks = extract_prose_tasks(src, document=DocumentRecord(source=name), outline=None)
    precision, recall = score(tasks, gold)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    by_line = {t.line: t for t in tasks}
    for g in gold["tasks"]:
        if g["line"] in by_line:
            assert by_line[g["line"]].title.startswith(g["quote"][:20]) or g["quote"][:20] in by_line[g["line"]].title


@pytest.mark.parametrize(("text", "title", "roles", "wording"), [
    (("Rà soát văn bản quy phạm pháp luật. Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: các sở, ngành. "
      "Thời gian hoàn thành: Quý II/2026."), "Rà soát văn bản quy phạm pháp luật.",
     [("chu tri", "Sở Tư pháp"), ("phoi hop", "các sở, ngành")], "Quý II/2026"),
    (("Ra soat thu tuc hanh chinh. Chu tri: Van phong HDND va UBND xa; Phoi hop: Phong Kinh te. "
      "Hoan thanh truoc thang 6/2026."), "Ra soat thu tuc hanh chinh.",
     [("chu tri", "Van phong HDND va UBND xa"), ("phoi hop", "Phong Kinh te")], None),
    ("Chủ trì, phối hợp với các cơ quan triển khai Kế hoạch.", "Chủ trì, phối hợp với các cơ quan triển khai Kế hoạch.",
     [], None),
])
def test_assignment_after_the_task_sentence(text, title, roles, wording) -> None:
    from cchc_kg.graph.ingest.task_prose import embedded_assignment

    assert embedded_assignment(text) == (title, roles, wording)


def test_plan_numbered_by_parts_has_a_task_section() -> None:
    text = ("KẾ HOẠCH\n\nPHẦN I. MỤC TIÊU\n\nNâng cao chất lượng.\n\nPHẦN II. NHIỆM VỤ, GIẢI PHÁP\n\n"
            "1. Cải cách thể chế\n\na) Rà soát văn bản. Cơ quan chủ trì: Sở Tư pháp. Thời gian hoàn thành: tháng 11/2026.\n\n"
            "PHẦN III. TỔ CHỨC THỰC HIỆN\n\nCác sở căn cứ Kế hoạch này triển khai.\n")
    tasks = _tasks(text)
    assert [(t.n, t.lead, t.deadline, t.clean_title) for t in tasks] == [
        ("1.a", "Sở Tư pháp", "2026-11", "Rà soát văn bản")]


def test_deadline_line_after_an_entry_and_ocr_roman_sections() -> None:
    text = ("KE HOACH\n\nI11. NHIỆM VỤ, GIẢI PHÁP\n1. Cải cách thủ tục hành chính\n"
            "- Rà soát danh mục thủ tục hành chính.\n+ Chủ trì: Văn phòng HĐND và UBND xã.\n+ Thời hạn: Quý I/2026.\n"
            "1V. TỔ CHỨC THỰC HIỆN\n1. Công an xã\n- Thu thập dữ liệu dân cư.\n")
    tasks = _tasks(text)
    assert [(t.n, t.lead, t.deadline) for t in tasks] == [("1.1", "Văn phòng HĐND và UBND xã", "2026-Q1")]


# Clean text (diacritics kept) whose lines wrap inside a unit's name: the next line opens with
# a capital ("Thuận" / "UBND"), yet it continues the entry.
WRAPPED_ENTRIES = """II. NHIỆM VỤ, GIẢI PHÁP
1. Cải cách tổ chức bộ máy
- Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn. Cơ quan chủ trì: Văn
phòng HĐND và UBND xã Hòa An; phối hợp: Phòng Văn hóa - Xã hội, Công an xã Hòa
An; thời gian hoàn thành: Quý I/2026.
- Rà soát văn bản quy phạm pháp luật do HĐND, UBND xã ban hành, báo cáo kết quả cho
UBND xã; thời gian hoàn thành: Quý III/2026.
- Công khai thủ tục hành chính.
Thường xuyên cập nhật trên Cổng thông tin điện tử của xã.
"""


def test_a_list_entry_wrapped_before_a_capital_stays_one_task() -> None:
    tasks = _tasks(WRAPPED_ENTRIES)
    assert [(t.line, t.end_line, t.deadline) for t in tasks[:2]] == [(3, 5, "2026-Q1"), (6, 7, "2026-Q3")]
    assert tasks[0].lead.startswith("Văn") and "Hòa An" in tasks[0].coordinating[-1]
    # an entry that ends with its full stop does not swallow the next sentence
    assert tasks[2].end_line == 8


# Province plan: "Cơ quan chủ trì: ...; Cơ quan phối hợp: ...; Thời gian hoàn thành: ..." under
# the item; assignees in the task's own sentence.
ASSIGNED = """III. NHIỆM VỤ, GIẢI PHÁP
1. Cải cách thể chế
a) Rà soát văn bản quy phạm pháp luật còn hiệu lực.
Cơ quan chủ trì: Sở Tư pháp; Cơ quan phối hợp: các sở, ban, ngành; UBND các xã, phường; Thời gian hoàn thành: Tháng 02/2027.
b) Sở Tài chính chủ trì, phối hợp với Thuế tỉnh Quảng Trị đẩy mạnh quản lý thu ngân sách.
c) Theo dõi thi hành pháp luật.
Cơ quan chủ trì: Sở Tư pháp; Cơ quan phối hợp: Sở Nông nghiệp và Môi trường, Sở Xây dựng; Thời gian hoàn thành: Thường xuyên.
d) Bồi dưỡng công chức mới tuyển dụng, phối hợp với Trường Chính trị tỉnh tổ chức lớp học.
- Phối hợp với Trường Chính trị tỉnh bồi dưỡng kiến thức quản lý nhà nước.
"""

# Commune plan, Markdown: the assignment in italic brackets at the end of the item.
BRACKETED = """### **III. NHIỆM VỤ, GIẢI PHÁP**

#### **1. Công tác chỉ đạo, điều hành**

- Ban hành kế hoạch CCHC của xã. *(Chủ trì: Phòng Văn hóa - Xã hội; phối hợp: Văn phòng HĐND và UBND xã; thời gian: tháng 12 hằng năm)*
- Rà soát trụ sở dôi dư. *(Chủ trì: phòng Kinh tế xã; thời gian: trước ngày 31/12/2026)*
"""


def test_assignment_line_with_its_deadline_and_assignees_in_the_sentence() -> None:
    tasks = _tasks(ASSIGNED)
    got = [(t.n, t.lead, t.coordinating, t.deadline) for t in tasks]
    assert got == [
        ("1.a", "Sở Tư pháp", ("các sở, ban, ngành", "UBND các xã, phường"), "2027-02"),
        ("1.b", "Sở Tài chính", ("Thuế tỉnh Quảng Trị",), None),
        ("1.c", "Sở Tư pháp", ("Sở Nông nghiệp và Môi trường", "Sở Xây dựng"), "recurring"),
        ("1.d", None, (), None),  # "phối hợp với" mid-sentence, no subject: not read
        ("1.d.1", None, ("Trường Chính trị tỉnh",), None),
    ]


def test_bracketed_italic_assignment_at_the_end_of_the_item() -> None:
    tasks = _tasks(BRACKETED)
    assert [(t.lead, t.coordinating, t.deadline) for t in tasks] == [
        ("Phòng Văn hóa - Xã hội", ("Văn phòng HĐND và UBND xã",), "periodic"),
        ("phòng Kinh tế xã", (), "2026-12-31"),
    ]
    assert tasks[0].title == "Ban hành kế hoạch CCHC của xã."
