"""OCR repairs of task-table deadline cells (table_deadlines), contract.md conventions."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.table_deadlines import repair_deadline, ruled_period, wrapped_recurring
from cchc_kg.graph.ingest.table_snap import snap_row


@pytest.mark.parametrize(
    ("value", "cell", "lines", "expected"),
    [
        # a damaged period word the wording parser does not read
        (None, "Hang ndm Bao cao ket qua", [], "periodic"),
        (None, "Hing nim", [], "periodic"),
        (None, "Hàng quý", [], "periodic"),
        # "Theo Kế hoạch" with "Kế" read as "K&"
        (None, "Theo K& hoach cua Thanh ohé", [], "conditional"),
        # a part that follows the higher level outranks the report's "định kỳ"
        ("periodic", "dinh ky) - Theo chi dao ciia Trung vong, Thanh - B4o cao ket qua", [], "conditional"),
        ("periodic", "- Theo Ke hoach cua tinh; - Bao cao (long ghep trong ky bao cao CCHC)", [], "conditional"),
        # the report part alone stays periodic
        ("periodic", "Bao cao ket qua thuc hien (long ghep trong ky Bao cao CCHC)", [], "periodic"),
        # a span the task wording names ("giai đoạn 2026 - 2030 của Trung ương") is no deadline
        ("2026/2030", "Bao cao (Iong ghep trong ky Bao cao CCHC) doan 2026 - 2030 cua Trung", [], "periodic"),
        ("2026/2030", "2026 - 2030", [], "2026/2030"),
        # a period word between two column rules, which the task column took
        (None, "", ["[VnelD co gia tri phap ly . | Hang ndm | _, =~ | £"], "periodic"),
        (None, "", ["Cap nhat du lieu dan cu | Thuong xuyen | Cong an xa |"], "recurring"),
        # "(theo chỉ đạo ...)" inside a product's parentheses is not the deadline
        ("conditional", "Bao cao (theo chi dao, huong dan cua",
         ["thu tuc hanh chinh | Hang nam | Van phong"], "periodic"),
        ("conditional", "Theo chi dao cua UBND tinh", ["| Hang nam |"], "conditional"),
        # dates are left alone
        ("2027-03", "Thang 3/2027", ["| Hang nam |"], "2027-03"),
        (None, "", ["Ra soat thu tuc hanh chinh hang nam cua xa"], None),
    ],
)
def test_repair_deadline(value, cell, lines, expected) -> None:
    assert repair_deadline(value, cell=cell, lines=lines) == expected


def test_ruled_period_needs_rules_on_both_sides() -> None:
    assert ruled_period(["Kiem tra cong tac cai cach hanh chinh hang nam"]) is None
    assert ruled_period(["Kiem tra | hang nam"]) is None
    assert ruled_period(["Kiem tra |Hang nam| Phong Noi vu"]) == "periodic"


def test_fixture_rows_in_invented_wording() -> None:
    """The joint-leads fixture (invented province) holds one row per new deadline rule."""
    from pathlib import Path

    from cchc_kg.graph.ingest.records import DocumentRecord
    from cchc_kg.graph.ingest.sections import Outline
    from cchc_kg.graph.ingest.task_tables import extract_table_tasks
    from cchc_kg.graph.ingest.text import SourceText

    name = "joint_leads_ocr.txt"
    path = Path(__file__).parent / "data" / "task_tables" / name
    src = SourceText.from_text(path.read_text(encoding="utf-8"), source=name)
    tasks = extract_table_tasks(src, document=DocumentRecord(source=name, period="2027"), outline=Outline())
    # row 3: "|Hang ndm|" between rules; row 4: "- Theo chỉ đạo" outranks "(... định kỳ)";
    # row 5: "Tháng" over "9/2027" with the wording's "giai đoạn" apart; row 6: the span
    # "2026-2030" of "giai đoạn" in the deadline cell yields to the row's "Tháng 11/2027"
    assert [t.deadline for t in tasks] == ["2027-03", "2027-05", "periodic", "conditional", "2027-09", "2027-11"]


def _line(text: str, labels: str) -> list[tuple[str, str]]:
    kinds = {"t": "title", "l": "lead", "c": "coord", "d": "deadline", "p": "product"}
    return [(kinds[k], w) for w, k in zip(text.split(), labels.split(), strict=True)]


@pytest.mark.parametrize(
    ("lines", "deadline", "product"),
    [
        # "Theo chỉ đạo" / "của UBND huyện": the words after the lead's run on the next line
        # pass the snapped coordinating cell and go on the conditional deadline
        (
            [_line("Lap danh sach Phong Kinh te; Cac thon, ban Theo chi dao Ke hoach", "t t t l l l c c c d d d p p"),
             _line("ho ngheo Trung tam Phuc vu hanh chinh cong xa cua UBND huyen",
                   "t t l l l l l l l l l l l")],
            "Theo chi dao cua UBND huyen",
            "Ke hoach",
        ),
        # a dated deadline is complete: such words are the product's
        (
            [_line("Lap danh sach Phong Kinh te; Cac thon, ban Thang 6/2027 Danh sach", "t t t l l l c c c d d p p"),
             _line("ho ngheo Trung tam Phuc vu hanh chinh cong xa ho ngheo",
                   "t t l l l l l l l l l l")],
            "Thang 6/2027",
            "Danh sach ho ngheo",
        ),
    ],
)
def test_words_after_a_unit_go_on_a_conditional_deadline_awaiting_its_authority(lines, deadline, product) -> None:
    cells = snap_row(lines, ("title", "lead", "coord", "deadline", "product"))
    assert cells.text("deadline") == deadline
    assert cells.text("product") == product


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # "Thường" / "xuyên" wrapped in a narrow deadline column, each half among other cells
        (["Cap nhat co so du lieu can bo Thuong Phong Noi vu Cac phong, ban Du lieu",
          "cong chuc cua phuong xuyén duoc cap nhat"], True),
        (["Kiem tra viec niem yet TTHC Thuong | Phong Kinh te |", "tai bo phan mot cua xuyen |"], True),
        # the two words together are wording ("chi thường xuyên"), a lone "Thương mại" is no deadline
        (["Tu chu chi thuong xuyen cua don vi su nghiep", "cong lap nam 2027"], False),
        (["Phat trien thuong mai dien tu Phong Kinh te", "tren dia ban phuong"], False),
    ],
)
def test_wrapped_recurring(lines: list[str], expected: bool) -> None:
    assert wrapped_recurring(lines) is expected
    assert repair_deadline(None, cell="", lines=lines) == ("recurring" if expected else None)


@pytest.mark.parametrize(
    ("lines", "last", "expected"),
    [
        # the period word ends a line of a table whose last column is the deadline
        (["Tiep nhan phan anh cua nguoi dan | Van phong", "ve thu tuc hanh chinh Bao cao PCT UBND hanh chinh cong H4ng qu¥"],
         True, "periodic"),
        (["Cap nhat du lieu | Bao cao Chu tich Cong an phuong Hang thang"], True, "periodic"),
        # not the last column: the words ending a line may be another cell's
        (["Tiep nhan phan anh ve thu tuc Bao cao PCT UBND hanh chinh cong H4ng qu¥"], False, None),
        # "hằng năm" inside the wording, not at a line's end
        (["To chuc hoi nghi hang nam ve cong tac CCHC | Van phong"], True, None),
    ],
)
def test_period_word_ending_a_line_of_a_last_deadline_column(lines, last, expected) -> None:
    assert repair_deadline(None, cell="", lines=lines, last=last) == expected
