"""Row boundaries of a vertically centred OCR task table: an OCR'd row number ("1l" for
11), a header's wrapped last line ("phu trach chu tr1") under the header and under a
repeated header after a page break, and a 'row' without a number between two rows whose
numbers follow on (a false start inside a row's wording, a cell's opening above a row's
number at a group's top). Invented wording."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.table_groups import ROW_NUMBER, row_number
from cchc_kg.graph.ingest.table_rows import RawRow, find_task_tables, table_rows
from cchc_kg.graph.ingest.text import SourceText

TABLE = """PHU LUC
Lanh dao Co quan, Co quan, don vi | Thoi gian
TT | Nhiem vu | San pham UBND phuong don vi phoi hop hoan thanh
phu trach  chu tr1
1 2 3 4 5 6 7
I | CONG TAC CHI DAO
1 | Ban hanh Ke hoach so 1 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
2 | Ban hanh Ke hoach so 2 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
3 | Ban hanh Ke hoach so 3 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
4 | Ban hanh Ke hoach so 4 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
5 | Ban hanh Ke hoach so 5 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
6 | Ban hanh Ke hoach so 6 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
7 | Ban hanh Ke hoach so 7 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
8 | Ban hanh Ke hoach so 8 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
9 | Ban hanh Ke hoach so 9 nam 2027 | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Quy I/2027
Xay dung va trien khai Ke hoach
pho bien phap luat nam 2027; tuyen
10 truyen Luat | Ke hoach | Chu tich UBND phuong | Van phong HDND va UBND | Hang nam
To chuc chinh quyen dia phuong
va cac van ban huong dan
2
Lanh dao Co quan, Co quan, don vi Thoi gian
TT Nhiem vu San pham UBND phuong | don vi | phoi hop | hoan thanh
phu trach chu tri
1 2 3 4 5 6 7
II | CAI CACH THE CHE
Van phong | Theo ke hoach
1l Ra soat van ban quy pham phap luat | Bao cao | Chu tich UBND phuong HDND va UBND | cua UBND thanh pho
12 Kiem tra van ban | Bao cao | Chu tich UBND phuong | Van phong HDND va UBND | Quy IV/2027
"""


@pytest.fixture(scope="module")
def rows() -> list[RawRow]:
    src = SourceText.from_text(TABLE, source="t.txt")
    (span,) = find_task_tables(src)
    return [r for r in table_rows(src, span) if isinstance(r, RawRow)]


@pytest.mark.parametrize(("line", "value"), [("1l viec lam", 11), ("2I | Ra soat", 21), ("11 | Ra", 11), ("7. Xay", 7)])
def test_row_number_read_through_ocr_l_for_1(line: str, value: int) -> None:
    m = ROW_NUMBER.match(line)
    assert m is not None and row_number(m.group(1)) == value


def test_dates_are_still_no_row_numbers() -> None:
    assert ROW_NUMBER.match("1l/2027 abc") is None
    assert ROW_NUMBER.match("14/9/2020") is None


def test_header_wrapped_line_is_no_row(rows) -> None:
    assert rows[0].lines[0] == 7 and rows[0].printed == 1  # "phu trach  chu tr1" (line 4) is the header's
    assert all(24 not in r.lines for r in rows)  # nor under the repeated header


def test_false_start_inside_wording_stays_with_its_row(rows) -> None:
    # "To chuc chinh quyen ..." opens with a verb, but rows 10 and 11 leave it no number:
    # row 10 has two lines above its number and none below, so they are its lower half
    assert [r.n for r in rows] == [str(k) for k in range(1, 13)]
    assert rows[9].lines == [16, 17, 18, 19, 20]


def test_cell_opening_above_number_at_group_top_joins_the_row(rows) -> None:
    assert rows[10].lines == [27, 28] and rows[10].printed == 11
