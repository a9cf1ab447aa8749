"""Deadline normalisation: real wordings from CCHC plans, clean and OCR-damaged."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.deadlines import parse_deadline, row_interval

CASES = [
    # calendar points
    ("Tháng 02/2026", None, "2026-02"),
    ("Thang 02/2026", None, "2026-02"),
    ("Théng 12/2026", None, "2026-12"),
    ("Chậm nhất tháng 9/2026", None, "2026-09"),
    ("Cham nhat thang\n9/2026", None, "2026-09"),
    ("tháng 3 năm 2026", None, "2026-03"),
    ("Trước ngày 15/3/2026", None, "2026-03-15"),
    ("ngày 30 tháng 6 năm 2026", None, "2026-06-30"),
    ("Quý I/2026", None, "2026-Q1"),
    ("Quy 11/2024", None, "2024-Q2"),
    ("Quý IV/2024", None, "2024-Q4"),
    ("Quy IV/2024", None, "2024-Q4"),
    ("quý 1/2026", None, "2026-Q1"),
    ("Quý III năm 2026", None, "2026-Q3"),
    ("Năm 2026", None, "2026"),
    ("Nam2024", None, "2024"),
    ("Trong năm 2024", None, "2024"),
    ("6/2024", None, "2024-06"),
    # yearless wordings take the plan's year
    ("Tháng 3", 2026, "2026-03"),
    ("Quý II", 2026, "2026-Q2"),
    ("Trong nam", 2024, "2024"),
    ("Trước ngày 30/6", 2026, "2026-06-30"),
    ("Tháng 3", None, None),
    # intervals
    ("2026-2030", None, "2026/2030"),
    ("2026- 2030", None, "2026/2030"),
    ("Giai đoạn 2026 - 2030", None, "2026/2030"),
    ("2026- 02/2027", None, "2026/2027-02"),
    # a range whose cell wrapped after the dash, other cells' words in between (OCR tables)
    ("2026- % . hang nam, theo nganh 2030", None, "2026/2030"),
    ("2027– ./ o E\n03/2028 | o T", None, "2027/2028-03"),
    ("2026 - 1990", None, "2026"),  # an end before the start is no range
    ("Từ tháng 3/2026 đến tháng 12/2026", None, "2026-03/2026-12"),
    # dash spans of months or quarters, the year printed at the end or at both ends
    ("Tháng 9 - 10/2027", None, "2027-09/2027-10"),
    ("Thang 6 - thang 8/2027", None, "2027-06/2027-08"),
    ("Tháng 11/2026 - tháng 02/2027", None, "2026-11/2027-02"),
    ("Quý II - Quý III/2027", None, "2027-Q2/2027-Q3"),
    ("Quy I1 - 1V/2026", None, "2026-Q2/2026-Q4"),
    ("Tu thang 3/2026 dén thang 12/2026", None, "2026-03/2026-12"),
    ("trước ngày 15/12 hằng năm", 2026, "periodic"),
    # the event a task waits for, with a year of its own
    ("Sau khi Bộ Nội vụ công bố kết quả các chỉ số năm 2026", None, "conditional"),
    ("Sau khi có hướng dẫn (dự kiến quý 1/2026)", None, "2026-Q1"),
    # an explicit expected date inside a condition wins
    ("Theo Kế hoạch của Thành phố (dự kiến quý 1/2026)", None, "2026-Q1"),
    ("Theo Ké hoach cua Thanh pho (du kién thang 2/2026)", None, "2026-02"),
    ("Theo K& hoach cua Thanh phé (Dy kién thang 12/2026)", None, "2026-12"),
    ("Theo chỉ đạo của Thành phố điều chỉnh, bổ sung Kế hoạch CCHC; Tháng 02/2026", None, "2026-02"),
    # "Trong năm" with another cell's speck after it ("Sở" read as "36") is the plan's year
    ("Trong nim 36 N6i vu", 2024, "2024"),
    ("Trong năm 2025", 2024, "2025"),
    # categories
    ("Thường xuyên", None, "recurring"),
    ("Thudng xuyén", None, "recurring"),
    ("Thuromg xuyén", None, "recurring"),
    ("Hằng năm", None, "periodic"),
    ("Hàng năm", None, "periodic"),
    ("Hang nim", None, "periodic"),
    ("Hangnam", None, "periodic"),
    ("Hằng quý", None, "periodic"),
    ("Định kỳ tháng cuối quý", None, "periodic"),
    ("Dinh ky thang cuol quy", None, "periodic"),
    ("Báo cáo kết quả thực hiện (lồng ghép trong kỳ Báo cáo CCHC)", None, "periodic"),
    ("Bao cao két qua thuc hién (16ng ghép trong ky B4o cao CCHC)", None, "periodic"),
    ("Theo Kế hoạch của Thành phố", None, "conditional"),
    ("Theo Ké hoach cua Thanh pho", None, "conditional"),
    ("Theo quy định của ngành", None, "conditional"),
    ("Ngay sau công bố kết quả Chỉ số PAR INDEX, SIPAS của thành phố Hà Nội", None, "conditional"),
    ("Sau khi Luật được Quốc hội thông qua", None, "conditional"),
    ("Khi có văn bản dự thảo", None, "conditional"),
    ("Theo văn bản chỉ đạo của cấp trên", None, "conditional"),
    # a citation's date is not a deadline
    ("Theo Kế hoạch số 57/KH-UBND ngày 08/02/2024 của UBND Thành phố", None, "conditional"),
    # a month or quarter of every year is periodic, not the plan's year
    ("Tháng 12 hằng năm", 2026, "periodic"),
    ("Quý I hằng năm", 2026, "periodic"),
    # halves of a year
    ("6 tháng đầu năm 2026", None, "2026-01/2026-06"),
    ("6 thang cuoi nam", 2027, "2027-07/2027-12"),
    # an interval's start without a year takes the end's year, not the plan's
    ("Từ tháng 4 đến tháng 11/2025", 2026, "2025-04/2025-11"),
    ("Tu thang 3 den thang 10/2027", 2026, "2027-03/2027-10"),
    ("từ tháng 7/2026 đến tháng 6/2027", 2026, "2026-07/2027-06"),
    # nothing to read
    ("", None, None),
    ("   ", None, None),
    (None, None, None),
    ("Kế hoạch", None, None),
    ("00 050006", None, None),
]


@pytest.mark.parametrize(("text", "plan_year", "expected"), CASES)
def test_parse_deadline(text: str | None, plan_year: int | None, expected: str | None) -> None:
    assert parse_deadline(text, plan_year=plan_year) == expected


def test_plan_year_does_not_override_an_explicit_year() -> None:
    assert parse_deadline("Tháng 6/2025", plan_year=2026) == "2025-06"


def test_deterministic() -> None:
    text = "Theo Kế hoạch của Thành phố (dự kiến tháng 6/2026)"
    assert {parse_deadline(text, plan_year=2026) for _ in range(5)} == {"2026-06"}


ROW_CASES = [
    # (value read from the cell, cell text, row lines, expected)
    # the cell wrapped after the dash; its end landed under the lead column's label
    ("2027", "2027- Bao céo (theo hudng dan", [
        "Kiém tra viéc thuc hién quy ché | Van phong |Cac phong,| 2027- Bao céo (theo hudng dan",
        "phdi hop trong xir 1y ho so HDND va ban 2031 cua S& Ndi vu)",
    ], "2027/2031"),
    # OCR lost the dash: both years sit in the cell
    ("2025", "o 2025 Ké hoach 2029", [
        "Rà soát quy trình nội bộ | Phong Tu phap | o 2025 Ké hoach", "UBND x& 2029",
    ], "2025/2029"),
    # the title's own year range on the line after is not the cell's end
    ("2026", "2026-", [
        "Xay dung phuong an | Phong Noi vu | 2026- | Bao cao", "giai doan 2026-2030 va nam 2030",
    ], "2026"),
    # a later lone year too far on is not a range's end
    ("2026", "2026-", ["Trién khai | 2026- |", "Ngan sach 2045 bo tri"], "2026"),
    # anything other than a bare year is left alone
    ("2026-06", "Thang 6/2026", ["Thang 6/2026 2030"], "2026-06"),
    (None, "", ["2026- 2030"], None),
    # a cited act's year ("số 12/2026-...") is no range
    ("2026", "2026", ["Quyết định số 15/2026- QĐ 2028"], "2026"),
]


@pytest.mark.parametrize(("value", "cell", "lines", "expected"), ROW_CASES)
def test_row_interval(value: str | None, cell: str, lines: list[str], expected: str | None) -> None:
    assert row_interval(value, cell=cell, lines=lines) == expected
