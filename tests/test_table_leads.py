"""Several lead units in one task-table cell (table_leads, table_lead_lists, table_snap).

Real-world shapes of a jointly led task's lead cell, clean and OCR-damaged; the fixture
``tests/data/task_tables/joint_leads_ocr.txt`` is invented wording (another province, other
departments) in the seeds' OCR style.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.table_leads import expand_list, split_leads
from cchc_kg.graph.ingest.task_tables import extract_table_tasks
from cchc_kg.graph.ingest.text import SourceText

DATA = Path(__file__).parent / "data" / "task_tables"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Sở Nội vụ", ("Sở Nội vụ",)),
        ("Văn phòng UBND Thành phố; Sở Nội vụ", ("Văn phòng UBND Thành phố", "Sở Nội vụ")),
        ("Các Sở: Nội vụ, Tư pháp, Tài chính; Văn phòng UBND Thành phố",
         ("Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Văn phòng UBND Thành phố")),
        ("Các Sở: Thông tin và Truyền thông, Kế hoạch và Đầu tư",
         ("Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư")),
        ("Các Phòng: Kinh tế, Văn hóa - Xã hội", ("Phòng Kinh tế", "Phòng Văn hóa - Xã hội")),
        # OCR: no diacritics, "Sở" read as "So"/"S0", spacing before the colon
        ("Cac So : Noi vu, Tu phap; Van phong UBND tinh", ("Sở Noi vu", "Sở Tu phap", "Van phong UBND tinh")),
        ("Céc S0: Y te, Xay dung", ("Sở Y te", "Sở Xay dung")),
        # a collective without a colon stays one unit
        ("Các sở, ban, ngành", ("Các sở, ban, ngành",)),
        ("Sở Nội vụ; Các sở, ban, ngành", ("Sở Nội vụ", "Các sở, ban, ngành")),
        ("Trung tâm Phục vụ hành chính công; Văn phòng HĐND&UBND",
         ("Trung tâm Phục vụ hành chính công", "Văn phòng HĐND&UBND")),
        ("", ()),
    ],
)
def test_split_leads(cell: str, expected: tuple[str, ...]) -> None:
    assert split_leads(cell) == expected


def test_expand_list_keeps_an_item_that_has_its_head() -> None:
    assert expand_list("Các Sở: Nội vụ, Sở Tài chính") == ("Sở Nội vụ", "Sở Tài chính")
    assert expand_list("Văn phòng UBND tỉnh") == ("Văn phòng UBND tỉnh",)


@pytest.fixture(scope="module")
def joint():
    name = "joint_leads_ocr.txt"
    src = SourceText.from_text((DATA / name).read_text(encoding="utf-8"), source=name)
    doc = DocumentRecord(source=name, period="2027", admin_unit_type="tinh")
    return extract_table_tasks(src, document=doc, outline=Outline())


def _units(task) -> list[str]:
    return [fold(u) for u in (task.lead, *task.co_leads) if u]


def test_joint_fixture_rows(joint) -> None:
    assert [t.n for t in joint] == ["1", "2", "3", "4", "5", "6"]


def test_list_head_over_wrapped_ocr_lines(joint) -> None:
    # "Cac Sé: Y té," | "Xay dung; Van" | "phong UBND tinh": the head word goes with each name
    units = _units(joint[0])
    assert units[:2] == ["so y te", "so xay dung"]
    assert not any("cac s" in u for u in units)  # the coordinating collective stays apart
    assert [fold(c) for c in joint[0].coordinating] == ["cac s¢, ban, nganh", "ubnd cap huyen"]


def test_semicolon_leads_on_to_a_second_unit(joint) -> None:
    # "Van phong UBND | tinh; S& Noi vu": one lead cell, two units; neither is coordinating
    assert _units(joint[1]) == ["van phong ubnd tinh", "s& noi vu"]
    assert [fold(c) for c in joint[1].coordinating] == ["cac co quan, don vi lien quan"]


def test_one_unit_has_no_co_leads(joint) -> None:
    assert fold(joint[2].lead or "") == "s& tai chinh" and joint[2].co_leads == ()
    assert fold(joint[3].lead or "") == "phong noi vu" and joint[3].co_leads == ()


def test_unit_after_a_wrapped_month_word_is_the_lead_cell(joint) -> None:
    # "... giai doan Thang S& Y te Cac s¢, ban, ..." with "9/2027" on the next line: the unit
    # after "Tháng" is the lead cell, not task wording naming a unit
    assert fold(joint[4].lead or "") == "s& y te" and joint[4].co_leads == ()


def test_centred_lead_cell_opening_moves_to_its_row() -> None:
    # "Văn phòng / HĐND và / UBND xã" centred on row 2: its first line, "Van phong" alone,
    # is read at the end of row 1 and belongs to row 2 (invented commune, 004's OCR style)
    name = "centred_lead_ocr.txt"
    src = SourceText.from_text((DATA / name).read_text(encoding="utf-8"), source=name)
    doc = DocumentRecord(source=name, period="2026-2030", admin_unit_type="xa")
    tasks = extract_table_tasks(src, document=doc, outline=Outline())
    assert [(t.n, t.line, t.end_line) for t in tasks] == [("1", 7, 8), ("2", 9, 12)]
    assert fold(tasks[0].lead or "") == "phong kinh te"
    assert fold(tasks[1].lead or "") == "van phong hdnd va ubnd xa"


def _labelled(*lines: tuple[tuple[str, str], ...]) -> list[list[tuple[str, str]]]:
    return [[(kind, w) for kind, text in parts for w in text.split()] for parts in lines]


def test_unit_the_wording_names_yields_the_lead_to_the_lead_column() -> None:
    # the task wording opens a line with a unit ("Trung tam Phuc vu hanh chinh / cong ...")
    # while the lead column holds "Van phong / HDND va / UBND": the lead is the latter, and
    # the wording's unit is no coordinating unit either (invented ward row, 000's layout)
    from cchc_kg.graph.ingest.table_snap import snap_row

    order = ("title", "product", "leader", "lead", "coord", "deadline")
    labelled = _labelled(
        (("title", "Trung tam Phuc vu hanh chinh"), ("product", "Bao cao"), ("leader", "Pho Chu tich")),
        (("title", "cong thanh pho tren co so"), ("leader", "UBND"), ("lead", "Van phong"),
         ("coord", "Cac phong, ban, don")),
        (("title", "sap xep cac diem tiep nhan"), ("leader", "phuong phu"), ("lead", "HDND va"),
         ("deadline", "Thang 10/2027")),
        (("title", "ho so"), ("leader", "trach theo"), ("lead", "UBND"), ("coord", "vi lien quan")),
    )
    known = ("Van phong HDND va UBND", "Trung tam Phuc vu hanh chinh cong", "Cac phong, ban, don vi lien quan")
    cells = snap_row(labelled, order, known_units=known, levels=("phuong",))
    assert cells.lead == "Van phong HDND va UBND"
    assert cells.coordinating == ("Cac phong, ban, don vi lien quan",)
