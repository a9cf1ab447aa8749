"""Single-spaced OCR task tables (Tesseract prints cells with one space between them, so no
column positions survive): the word-based labelling decides. Fixture in invented wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.table_rows import find_task_tables
from cchc_kg.graph.ingest.task_tables import extract_table_tasks
from cchc_kg.graph.ingest.text import SourceText

DATA = Path(__file__).parent / "data" / "task_tables"
NAME = "single_space_titled_ocr.txt"


@pytest.fixture(scope="module")
def src() -> SourceText:
    return SourceText.from_text((DATA / NAME).read_text(encoding="utf-8"), source=NAME)


@pytest.fixture(scope="module")
def tasks(src):
    return extract_table_tasks(src, document=DocumentRecord(source=NAME, period="2027"), outline=Outline())


def test_appendix_title_above_the_header_is_no_header_line(src) -> None:
    # "DANH MUC NHIEM VU ..." names the task column only; the header proper is two lines on
    (span,) = find_task_tables(src)
    assert span.header == 4
    assert span.columns == ("n", "title", "lead", "coord", "deadline", "product")


@pytest.mark.parametrize(
    ("index", "deadline", "product"),
    [
        (0, "2027-10", "Báo cáo"),
        (1, "2027-Q3", "Quyết định"),
    ],
)
def test_header_order_puts_the_product_after_the_deadline(tasks, index: int, deadline: str, product: str) -> None:
    assert tasks[index].deadline == deadline
    assert tasks[index].product == product


def test_unit_right_of_the_lead_on_a_line_is_coordinating_once_that_column_opened(tasks) -> None:
    # "Phong Kinh te;" right of the lead on the row's first line opens the coordinating column:
    # "Trung tam Phuc ..." right of "va UBND phuong;" on the next line is coordinating too, and
    # the unit that opens the third line ("Cong an phuong") is the lead cell going on
    row = tasks[2]
    assert row.lead == "Van phong HDND va UBND phuong"
    assert row.co_leads == ("Cong an phuong",)
    assert row.coordinating == ("Phong Kinh te", "Trung tam Phuc vu hanh chinh cong phuong")


def test_words_after_a_wrapped_unit_at_a_line_end_are_the_product(tasks) -> None:
    # "Trung tam Phuc | vu hanh chinh | cong phuong" wraps in the lead column; "duoc so hoa"
    # right of its second line cannot be task wording (the task column comes first on a line)
    row = tasks[3]
    assert row.lead == "Trung tam Phuc vu hanh chinh cong phuong"
    assert row.product == "Du lieu ho tich duoc so hoa"
    assert row.title == "So hoa so ho tich cac nam truoc de khai thac"


def test_words_an_earlier_column_was_given_after_a_value_are_a_later_cell() -> None:
    # deadline column before the units: "Bao cao tong hop" after the coordinating value
    # on its line cannot be the deadline's (cells on a line follow the column order)
    from cchc_kg.graph.ingest.table_snap import snap_row

    def line(text: str, labels: str) -> list[tuple[str, str]]:
        kinds = {"t": "title", "d": "deadline", "l": "lead", "c": "coord", "p": "product"}
        return [(kinds[k], w) for w, k in zip(text.split(), labels.split(), strict=True)]

    lines = [
        line("Kiem tra cong tac van thu luu tru Thang So Noi vu Cac so, ban, Bao cao tong hop",
             "t t t t t t t t t t t t t t t d d d d"),
        line("tai cac co quan 9/2027 nganh", "t t t t t t"),
    ]
    cells = snap_row(lines, ("title", "deadline", "lead", "coord", "product"))
    assert cells.lead == "So Noi vu"
    assert cells.coordinating == ("Cac so, ban, nganh",)
    assert cells.text("product") == "Bao cao tong hop"
