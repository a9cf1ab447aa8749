"""Deadline normalisation (contract.md 'deadline').

Vietnamese plans write deadlines ("thời gian hoàn thành", "tiến độ") in a small set of
conventions, which this module encodes:

- a calendar point: ``ngày 15/3/2026`` -> ``2026-03-15``; ``Tháng 02/2026`` -> ``2026-02``;
  ``Quý I/2026``, ``quý 1/2026`` -> ``2026-Q1``; ``Năm 2026``, ``Trong năm 2026`` -> ``2026``;
- an interval: ``2026-2030``, ``giai đoạn 2026 - 2030`` -> ``2026/2030``, also when a table
  cell wrapped after the dash (``2026- <other cells' words> 2030``);
  ``Từ tháng 3/2026 đến tháng 12/2026`` -> ``2026-03/2026-12``; ``2026 - 02/2027`` ->
  ``2026/2027-02``; ``Tháng 9 - 10/2027`` -> ``2027-09/2027-10``; ``Quý II - Quý III/2027``
  -> ``2027-Q2/2027-Q3``;
- ``recurring``: thường xuyên, liên tục;
- ``periodic``: hằng năm/hàng năm, hằng quý, hằng tháng, định kỳ, and results "lồng ghép
  trong kỳ báo cáo" (reported within each periodic report);
- ``conditional``: theo kế hoạch/chỉ đạo/quy định/hướng dẫn của ..., sau khi ..., khi ...,
  ngay sau ..., trước kỳ bầu cử ...

When a wording mixes a condition with an explicit expected date ("Theo Kế hoạch của Thành
phố (dự kiến quý 1/2026)") the explicit date wins: it is the more useful fact and the
condition is kept in the original wording. Wordings without a year ("Tháng 3", "Quý II",
"Trong năm") take ``plan_year``.

Matching runs on accent-folded text and tolerates the OCR damage seen in the seeds: ``Théng``
/``Thing`` for Tháng, ``Quy 11/2024`` for Quý II, ``16ng ghép`` for lồng ghép, ``Pinh ky``
for Định kỳ, run-together words (``Hangnam``, ``Nam2024``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cchc_kg.graph.ingest.normalise import fold, squash_spaces

_YEAR = r"((?:19|20)\d\d)"
_NOT_NUM_BEFORE = r"(?<![\d/.,-])"
_NOT_NUM_AFTER = r"(?![\d/])"
_MONTH_WORD = r"(?:th[aeiy]ng|thg)"
_QUARTER_WORD = r"(?:qu[yi])"
_ROMAN_Q = r"(iv|i{1,3}|[1l|i]{1,3}|[1-4]|[1l|i]v)"

# A document number just before a date ("số 57/KH-UBND ngày 08/02/2024") makes the date a
# citation's date, not a deadline.
_CITATION_BEFORE = re.compile(r"\d+[a-z]?\s*/\s*[a-z0-9đ&.-]+[-/][a-z0-9đ&.-]*\s*(ngay\s*)?$")

_FULL_DATE = re.compile(
    _NOT_NUM_BEFORE + r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _YEAR + _NOT_NUM_AFTER
)
_FULL_DATE_WORDS = re.compile(
    r"\bngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*" + _YEAR + _NOT_NUM_AFTER
)
_MONTH_YEAR = re.compile(
    r"(?:\b" + _MONTH_WORD + r"\s*)?" + _NOT_NUM_BEFORE
    + r"(\d{1,2})\s*(?:/|-|\s+nam\s*)\s*" + _YEAR + _NOT_NUM_AFTER
)
_QUARTER = re.compile(
    r"\b" + _QUARTER_WORD + r"\s*" + _ROMAN_Q + r"(?![a-z0-9])(?:\s*(?:/|-|nam)\s*" + _YEAR + r")?"
)
_YEAR_RANGE = re.compile(
    _NOT_NUM_BEFORE + _YEAR + r"\s*[-–—]\s*(?:(\d{1,2})\s*/\s*)?" + _YEAR + _NOT_NUM_AFTER
)
# A year ending its fragment with a dash ("2026-"): the range's end comes after other words,
# where a table cell wrapped onto a later line ("2026- | ... | 2030", "2026- ... 02/2027").
_YEAR_DASH = re.compile(_NOT_NUM_BEFORE + _YEAR + r"\s*[-–—](?!\s*\d)")
_LATER_END = re.compile(_NOT_NUM_BEFORE + r"(?:(\d{1,2})\s*/\s*)?" + _YEAR + _NOT_NUM_AFTER)
_YEAR_ALONE = re.compile(_NOT_NUM_BEFORE + r"(?:(?<=nam)|\b)" + _YEAR + _NOT_NUM_AFTER)
_MONTH_NO_YEAR = re.compile(r"\b" + _MONTH_WORD + r"\s*(\d{1,2})(?!\s*[/\d])")
_DAY_MONTH_NO_YEAR = re.compile(r"\bngay\s*(\d{1,2})\s*/\s*(\d{1,2})(?!\s*[/\d])")
# "Trong năm" without a year of its own ("Trong năm 2026" is read by its year); a number that
# is no year after it is another cell's speck ("Trong nim 36 Nội vụ": "Sở" read as "36").
_IN_YEAR = re.compile(r"\btrong\s*n[aiă]m\b(?!\s*(?:19|20)\d\d)")
_FROM_TO = re.compile(r"\btu\b.*\bden\b")
# A span of months or quarters joined by a dash, the year printed once at its end ("Tháng 9 -
# 10/2027", "Quý II - Quý III/2027") or at both ends ("Tháng 11/2026 - tháng 02/2027").
_MONTH_SPAN = re.compile(
    r"\b" + _MONTH_WORD + r"\s*(\d{1,2})(?:\s*/\s*" + _YEAR + r")?\s*[-–—]\s*(?:" + _MONTH_WORD + r"\s*)?"
    r"(\d{1,2})\s*/\s*" + _YEAR + _NOT_NUM_AFTER
)
_QUARTER_SPAN = re.compile(
    r"\b" + _QUARTER_WORD + r"\s*" + _ROMAN_Q + r"(?:\s*/\s*" + _YEAR + r")?\s*[-–—]\s*(?:" + _QUARTER_WORD
    + r"\s*)?" + _ROMAN_Q + r"\s*/\s*" + _YEAR + _NOT_NUM_AFTER
)
# "6 tháng đầu năm 2026" / "6 tháng cuối năm": the first or second half of that year
_HALF_YEAR = re.compile(r"\b0?6\s*th[aei]ng\s*(dau|cuoi)\s*n[aiă]m\b(?:\s*" + _YEAR + r")?")
# A wording that opens with the event it waits for: the years inside name the event, not a
# date ("Sau khi Bộ Nội vụ công bố kết quả các chỉ số năm 2026"); unless it also gives an
# expected date ("dự kiến quý 1/2026", "chậm nhất ...").
_EVENT_FIRST = re.compile(r"^\W*(?:ngay\s*)?(?:sau\s*khi|khi)\b")
_EXPECTED = re.compile(r"\b(?:du\s*kien|cham\s*nhat|truoc\s*ngay|hoan\s*thanh\s*trong)\b")

_RECURRING = re.compile(r"\bth\w{0,5}\s*x{1,2}uy[eê]n\b|\bx{1,2}uyen\b|\blien tuc\b")
_PERIODIC = re.compile(
    r"\bh[aiă]ng\s*(?:n[aiă]m|qu[yi]|th[aei]ng|tuan)\b|\b[dpb]inh\s*k[yi]\b|\bmoi\s*(?:nam|quy)\b"
    r"|\b[l1][o0-9]ng\s*gh?[eé]p\b"
)
_CONDITIONAL = re.compile(
    r"\btheo\s*(?:ke\s*hoach|chi\s*dao|quy\s*dinh|van\s*ban|huong\s*dan|yeu\s*cau|lo\s*trinh"
    r"|tien\s*do|thong\s*bao)\b|\bsau\s*khi\b|\bngay\s*sau\b|\bkhi\b|\btruoc\s*(?:khi|bau|ky)\b"
    r"|\btuy\s*theo\b|\bsau\s*(?:cong\s*bo|bau)\b"
)


@dataclass(frozen=True, slots=True)
class _Point:
    start: int
    end: int
    value: str


def parse_deadline(text: str | None, *, plan_year: int | None = None) -> str | None:
    """Normalise a deadline wording to YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, START/END,
    recurring, periodic or conditional; None when nothing can be read.

    ``plan_year`` resolves wordings without a year ("Tháng 3", "Quý II", "Trong năm").
    """
    if not text or not text.strip():
        return None
    folded = squash_spaces(fold(text))
    if _EVENT_FIRST.match(folded) and not _EXPECTED.search(folded):
        return "conditional"  # "Sau khi Bộ Nội vụ công bố kết quả các chỉ số năm 2026"
    interval = _interval(folded, plan_year=plan_year)
    if interval:
        return interval
    if _PERIODIC.search(folded) and not _points(folded, plan_year=None):
        return "periodic"  # "Tháng 12 hằng năm", "Quý I hằng năm": every year, not the plan's year
    points = _points(folded, plan_year=plan_year)
    if points:
        return points[0].value
    return _category(folded)


def _category(folded: str) -> str | None:
    """The first of the recurring / periodic / conditional cues, by position."""
    found: list[tuple[int, str]] = []
    for pattern, name in (
        (_RECURRING, "recurring"),
        (_PERIODIC, "periodic"),
        (_CONDITIONAL, "conditional"),
    ):
        m = pattern.search(folded)
        if m:
            found.append((m.start(), name))
    return min(found)[1] if found else None


def _interval(folded: str, *, plan_year: int | None) -> str | None:
    m = _YEAR_RANGE.search(folded)
    if m and not _is_citation(folded, m.start()):
        start, month, end = int(m.group(1)), m.group(2), int(m.group(3))
        if start <= end and end - start <= 30:
            if month and 1 <= int(month) <= 12:
                return f"{start}/{end}-{int(month):02d}"
            return f"{start}/{end}"
    m = _YEAR_DASH.search(folded)
    if m and not _is_citation(folded, m.start()):
        end = _LATER_END.search(folded, m.end())
        if end:
            start, month, stop = int(m.group(1)), end.group(1), int(end.group(2))
            if start < stop and stop - start <= 30:
                if month and 1 <= int(month) <= 12:
                    return f"{start}/{stop}-{int(month):02d}"
                return f"{start}/{stop}"
    span = _span(folded)
    if span:
        return span
    m = _HALF_YEAR.search(folded)
    if m and not _is_citation(folded, m.start()):
        year = m.group(2) or (str(plan_year) if plan_year else None)
        if year:
            return f"{year}-01/{year}-06" if m.group(1) == "dau" else f"{year}-07/{year}-12"
    if _FROM_TO.search(folded):
        # a start without its own year takes the end's ("từ tháng 4 đến tháng 11/2025")
        explicit = _points(folded, plan_year=None)
        year = int(explicit[-1].value[:4]) if explicit else plan_year
        points = _points(folded, plan_year=year)
        if len(points) >= 2 and points[0].value < points[1].value:
            return f"{points[0].value}/{points[1].value}"
    return None


def _span(folded: str) -> str | None:
    """A dash span of months or quarters (``_MONTH_SPAN``, ``_QUARTER_SPAN``) as START/END;
    a start without its own year takes the end's."""
    m = _MONTH_SPAN.search(folded)
    if m and not _is_citation(folded, m.start()):
        first, last, end_year = int(m.group(1)), int(m.group(3)), m.group(4)
        start_year = m.group(2) or end_year
        start, end = f"{start_year}-{first:02d}", f"{end_year}-{last:02d}"
        if 1 <= first <= 12 and 1 <= last <= 12 and start < end:
            return f"{start}/{end}"
    m = _QUARTER_SPAN.search(folded)
    if m and not _is_citation(folded, m.start()):
        first, last, end_year = _quarter(m.group(1)), _quarter(m.group(3)), m.group(4)
        start_year = m.group(2) or end_year
        if first and last and f"{start_year}-Q{first}" < f"{end_year}-Q{last}":
            return f"{start_year}-Q{first}/{end_year}-Q{last}"
    return None


def _points(folded: str, *, plan_year: int | None) -> list[_Point]:
    """Every explicit calendar point, most specific reading first at each position."""
    found: list[_Point] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None) -> None:
        if value is None or any(s < end and start < e for s, e in taken):
            return
        if _is_citation(folded, start):
            return
        taken.append((start, end))
        found.append(_Point(start, end, value))

    for m in _FULL_DATE_WORDS.finditer(folded):
        add(m.start(), m.end(), _date(m.group(3), m.group(2), m.group(1)))
    for m in _FULL_DATE.finditer(folded):
        add(m.start(), m.end(), _date(m.group(3), m.group(2), m.group(1)))
    for m in _QUARTER.finditer(folded):
        q = _quarter(m.group(1))
        year = m.group(2) or (str(plan_year) if plan_year else None)
        add(m.start(), m.end(), f"{year}-Q{q}" if q and year else None)
    for m in _MONTH_YEAR.finditer(folded):
        month = int(m.group(1))
        add(m.start(), m.end(), f"{m.group(2)}-{month:02d}" if 1 <= month <= 12 else None)
    if plan_year:
        for m in _DAY_MONTH_NO_YEAR.finditer(folded):
            add(m.start(), m.end(), _date(str(plan_year), m.group(2), m.group(1)))
        for m in _MONTH_NO_YEAR.finditer(folded):
            month = int(m.group(1))
            add(m.start(), m.end(), f"{plan_year}-{month:02d}" if 1 <= month <= 12 else None)
    for m in _YEAR_ALONE.finditer(folded):
        add(m.start(), m.end(), m.group(1))
    if plan_year:
        for m in _IN_YEAR.finditer(folded):
            add(m.start(), m.end(), str(plan_year))
    found.sort(key=lambda p: p.start)
    return found


def _date(year: str, month: str, day: str) -> str | None:
    y, mo, d = int(year), int(month), int(day)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _quarter(token: str) -> int | None:
    """Quarter number from ``1``-``4`` or a Roman numeral, with OCR's 1/l/| for I."""
    if token.isdigit() and len(token) == 1:
        q = int(token)
        return q if 1 <= q <= 4 else None
    roman = re.sub(r"[1l|]", "i", token)
    return {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(roman)


def _is_citation(folded: str, start: int) -> bool:
    return bool(_CITATION_BEFORE.search(folded[max(0, start - 40):start]))


# A year standing for itself in an OCR'd table row: not part of a date, a range or a phrase
# that makes it the task wording's own year ("năm 2030", "đến 2030", "giai đoạn 2026-2030").
_LONE_YEAR = re.compile(r"(?<![\d/.,-])(?<!nam )(?<!den )(?<!doan )" + _YEAR + r"(?![\d/])(?!\s*[-–—]\s*\d)")


def row_interval(value: str | None, *, cell: str, lines: Sequence[str]) -> str | None:
    """Widen a bare-year deadline to the interval a wrapped table cell printed.

    Convention encoded: a deadline cell "2026-2030" in a narrow column wraps after the
    dash, and OCR reads "2026-" on one line and "2030" one or two lines further down,
    often under another column's label (or it loses the dash: "2026" over "2030"). So when
    the cell reads as one year Y and either the cell itself holds a later lone year, or a
    row line ends a fragment with "Y-" and one of the next two lines holds a lone later year
    (at most ten years on), the deadline is Y/that year. Anything else is returned as is.
    """
    if value is None or not re.fullmatch(r"(?:19|20)\d\d", value):
        return value
    start = int(value)
    for m in _LONE_YEAR.finditer(squash_spaces(fold(cell))):
        if start < int(m.group(1)) <= start + 10:
            return f"{start}/{m.group(1)}"
    folded = [fold(line) for line in lines]
    for k, line in enumerate(folded):
        dash = re.search(r"(?<![\d/.,-])" + value + r"\s*[-–—](?!\s*\d)", line)
        if dash is None or _is_citation(line, dash.start()):
            continue
        later = [line[dash.end():], *folded[k + 1: k + 3]]
        for text in later:
            for m in _LONE_YEAR.finditer(text):
                if start < int(m.group(1)) <= start + 10:
                    return f"{start}/{m.group(1)}"
        return value
    return value
