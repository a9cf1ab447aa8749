"""A deadline cell's date that a narrow column wrapped away from its cell (row-level reading).

Convention encoded: in a province task table whose deadline column is narrow ("Tiến độ
hoàn thành" between the wording and the units), the cell "Quý III/2025", "Trước
15/11/2025", "Tháng 5/2025" or "Trong năm 2025" wraps: its head word on one line, its date
a line further down, and OCR, which reads across the columns, hands either part to a
neighbouring cell. OCR also confuses letters and digits inside the date ("Quý IlI/2025",
"Quy 1V/2025", "15/1l/2025", "5/2O25"). When the deadline cell read as nothing or as a
bare year, the row is searched for the one date that only a deadline cell prints:

- exactly one quarter with its year ("Quý <I-IV>/YYYY") in the row: that quarter (also
  over a "theo kế hoạch ..." read as conditional: a cell that names its quarter is dated,
  and the words were the task wording's, "... theo Kế hoạch kiểm tra CCHC năm 2025");
- else a "Trước"/"Chậm nhất" word and exactly one full day/month/year date: that day;
- else a "Tháng" word and exactly one month/year whose digits OCR printed as letters
  ("5/2O25"; a clean one ``task_tables.row_month`` has already read): that month;
- else a "Trong năm" and exactly one lone year: that year;
- a month read from "Từ tháng M" (the cell "Từ tháng 4 đến tháng 11/2025" wrapped after
  "đến tháng") widens to the span up to the one later month/year of the row when the row
  prints "đến tháng".

A bare year read from the cell must agree with the date found. Task wording seldom prints
a quarter or a full date of the plan's own year; a date of another year (a cited text's)
is no deadline, so dates are kept only near the plan's year when it is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cchc_kg.graph.ingest.normalise import fold

_YEAR = re.compile(r"(?:19|20)\d\d")
# "Quý" then a Roman (OCR reads I as l, 1 or |) or Arabic quarter, then "/YYYY".
_QUARTER = re.compile(r"(?<![a-z])qu[yi]\s*([il1|v]{1,4}|[1-4])\s*/\s*((?:19|20|2o|2O)[0-9oOl]{2})(?![\w/])", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_BEFORE = re.compile(r"(?<![a-z])(?:tr[uư][oóơ0]c|ch[aậ]m\s*nh[aấ]t)(?![a-z])")
_DAY = re.compile(r"(?<![\w/])([0-3]?[0-9lo])\s*/\s*([01]?[0-9lo])\s*/\s*((?:19|20)[0-9lo]{2})(?![\w/])")
_MONTH_WORD = re.compile(r"(?<![a-z])th(?:a|e|ea|g)ng(?![a-z])")
_MONTH = re.compile(r"(?<![\w/.-])([01]?[0-9lo])\s*/\s*((?:19|20|2o)[0-9lo]{2})(?![\w/-])")
_MONTH_VALUE = re.compile(r"((?:19|20)\d\d)-(\d\d)")
_FROM_MONTH = re.compile(r"(?<![a-z])t[uư]\s*th(?:a|e|ea|g)ng\s*(\d{1,2})(?![\d/])")
_TO_MONTH = re.compile(r"(?<![a-z])d[eê]n\s*th(?:a|e|ea|g)ng(?![a-z])")
_IN_YEAR = re.compile(r"(?<![a-z])trong\s*n[aă]m(?![a-z])")
_LONE_YEAR = re.compile(r"(?<![\w/.-])((?:19|20)\d\d)(?![\w/-])")


def _digits(text: str) -> int:
    """A number OCR may have printed with letters for digits (l for 1, O for 0)."""
    return int(text.translate(str.maketrans("lOoI", "1001")))


def _quarter(roman: str) -> int | None:
    if roman.isdigit():
        return int(roman)
    return _ROMAN.get(re.sub(r"[l1|]", "i", roman.lower()))


def row_date(value: str | None, *, lines: Sequence[str], plan_year: int | None = None) -> str | None:
    """The row's deadline from a wrapped date (module docstring); ``value`` as read."""
    folded = [fold(line) for line in lines]
    if value is not None and _MONTH_VALUE.fullmatch(value):
        return _month_span(value, folded)
    if value is not None and not _YEAR.fullmatch(value) and value != "conditional":
        return value

    def near(year: int) -> bool:
        return (plan_year is None or plan_year - 1 <= year <= plan_year + 10) and (
            value is None or not _YEAR.fullmatch(value) or year == int(value))

    quarters = set()
    for line in folded:
        for m in _QUARTER.finditer(line):
            q, year = _quarter(m.group(1)), _digits(m.group(2))
            if q is not None and 1 <= q <= 4 and near(year):
                quarters.add((year, q))
    if len(quarters) == 1:
        year, q = quarters.pop()
        return f"{year}-Q{q}"
    if value == "conditional":
        return value
    if any(_BEFORE.search(line) for line in folded):
        days = set()
        for line in folded:
            for m in _DAY.finditer(line):
                d, mo, year = _digits(m.group(1)), _digits(m.group(2)), _digits(m.group(3))
                if 1 <= d <= 31 and 1 <= mo <= 12 and near(year):
                    days.add((year, mo, d))
        if len(days) == 1:
            year, mo, d = days.pop()
            return f"{year}-{mo:02d}-{d:02d}"
    if value is None and any(_MONTH_WORD.search(line) for line in folded):
        months = set()
        for line in folded:
            for m in _MONTH.finditer(line):
                mo, year = _digits(m.group(1)), _digits(m.group(2))
                if 1 <= mo <= 12 and near(year):
                    months.add((year, mo))
        if len(months) == 1:
            year, mo = months.pop()
            return f"{year}-{mo:02d}"
    if value is None and any(_IN_YEAR.search(line) for line in folded):
        years = {int(m.group(1)) for line in folded for m in _LONE_YEAR.finditer(line)}
        years = {y for y in years if near(y)}
        if len(years) == 1:
            return str(years.pop())
    return value


def _month_span(value: str, folded: list[str]) -> str:
    """``value`` (YYYY-MM) widened to "YYYY-MM/YYYY-MM" when the row prints "từ tháng M" of
    that month, "đến tháng", and exactly one later month/year of the same year."""
    m = _MONTH_VALUE.fullmatch(value)
    assert m is not None
    year, month = int(m.group(1)), int(m.group(2))
    text = " ".join(folded)
    start = _FROM_MONTH.search(text)
    if start is None or int(start.group(1)) != month or not _TO_MONTH.search(text, start.end()):
        return value
    ends = {(_digits(e.group(2)), _digits(e.group(1))) for e in _MONTH.finditer(text)}
    ends = {e for e in ends if e[0] == year and month < e[1] <= 12}
    if len(ends) != 1:
        return value
    _, last = ends.pop()
    return f"{year}-{month:02d}/{year}-{last:02d}"
