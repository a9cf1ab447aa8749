"""Vietnamese dates to partial ISO 8601: clean, drafts with blanks, OCR spellings."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.dates import date_at, find_dates, parse_date, to_iso
from cchc_kg.graph.ingest.normalise import fold


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("ngày 15/7/2021", "2021-07-15"),
        ("ngày 02/7/2025", "2025-07-02"),
        ("ngày 16/06/2025", "2025-06-16"),
        ("ngày 15-7-2021", "2021-07-15"),
        ("ngày 15.7.2021", "2021-07-15"),
        ("ngày 12 /6/2026", "2026-06-12"),
        ("Hà Nội, ngày 15 tháng 7 năm 2021", "2021-07-15"),
        ("Lâm Sơn, ngày 18 tháng 3 năm 2026", "2026-03-18"),
        ("Ô Diên, ngày tháng 6 năm 2026", "2026-06"),  # draft: day left blank
        ("Hà Nội, ngày tháng năm 2026", "2026"),  # draft: day and month blank
        ("ngày ... tháng ... năm 2026", "2026"),
        ("Ngoc Ha, ngay /3 thang 02 nam 2026", "2026-02"),  # OCR: day unreadable
        ("Ha N6i, ngay 30 thang 5 nim 2024", "2024-05-30"),  # OCR: năm read as nim
        ("ngiy 07/10/2020 ciia Chinh phit", "2020-10-07"),  # OCR: ngày read as ngiy
        ("ngdy 1 théng 9 ndm 2025", "2025-09-01"),
        ("ngày / /2024 của UBND", "2024"),
        ("ngay 110/2025 ciia UBND", "2025-10"),  # OCR merged the day's slash: month certain
        ("ngày 31/02/2025", "2025-02"),  # impossible day: keep what is certain
        ("tháng 02/2026", "2026-02"),
        ("Tháng 3 năm 2026", "2026-03"),
        ("năm 2026", "2026"),
        ("ngày 20 /5/ 2026", "2026-05-20"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["xếp thứ 3/63 tỉnh", "đạt 91.43 điểm", "15/63", "Quý II/2024 và 5/ 02%", "tăng 3.41%", ""],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text, year_only=False) is None


def test_year_only_is_opt_in() -> None:
    assert find_dates("Luật Thủ đô năm 2026") == []
    assert [d.iso for d in find_dates("Luật Thủ đô năm 2026", year_only=True)] == ["2026"]


def test_offsets_are_valid_in_the_original() -> None:
    text = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"
    (d,) = find_dates(text)
    assert text[d.start : d.end] == "ngày 15/7/2021" == d.text
    assert d.precision == "day"


def test_date_at_after_a_number() -> None:
    text = fold("06/QĐ-TTg, ngày 06/01/2022 của Thủ tướng")
    d = date_at(text, len("06/qd-ttg"))
    assert d is not None and d.iso == "2022-01-06"
    assert date_at(fold("76/NQ-CP về ban hành ngày 15/7/2021"), 8) is None


def test_to_iso_rejects_impossible_years() -> None:
    assert to_iso(1200, 1, 1) is None
    assert to_iso(2026, 13) == "2026"
