"""Vietnamese dates as printed in administrative documents, to partial ISO 8601.

Conventions encoded (Nghị định 30/2020/NĐ-CP writes dates as "ngày 15 tháng 7 năm 2021";
citations usually abbreviate them as "ngày 15/7/2021"):

- numeric ``15/7/2021``, ``15/07/2021``, ``15-7-2021``, ``15.7.2021``, with stray spaces
  (``12 /6/2026``), optionally after ``ngày``;
- verbal ``ngày 15 tháng 7 năm 2021``;
- partial: a draft leaves the day or month blank (``ngày tháng 6 năm 2026`` -> ``2026-06``,
  ``ngày tháng năm 2026`` -> ``2026``, ``ngày / /2024`` -> ``2024``), and OCR garbles them
  (``ngay /3 thang 02 nam 2026``: the day is unreadable -> ``2026-02``);
- month-year ``tháng 02/2026`` / ``tháng 3 năm 2026`` -> ``2026-03``;
- OCR spellings of the words: ``ngay``/``ngiy``/``ngdy``, ``thang``/``théng``/``thdng``,
  ``nam``/``nim``/``ndm``.

Matching runs on accent-folded text (``normalise.fold`` is length-preserving, so a match's
offsets are valid in the original string). A value that cannot be a date (month 13, day 32)
degrades to the precision that is still certain instead of inventing one.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from cchc_kg.graph.ingest.normalise import fold

_YEAR = r"(?P<y>(?:19|20)\d\s?\d)"
_NGAY = r"ng[a-z]{1,2}y"
_THANG = r"th[a-z]{1,3}ng"
_NAM = r"n[a-z]{1,2}m"
_SEP = r"\s*[/.\-]\s*"
# A day/month slot: digits, or blank/unreadable (nothing, dots, "/3", "2/", "O3"): at most 4 marks.
_SLOT = r"(?P<{name}>\S{{0,4}}?)"

_VERBAL = re.compile(
    rf"\b{_NGAY}\s*{_SLOT.format(name='d')}\s*{_THANG}\s*{_SLOT.format(name='m')}\s*{_NAM}\s*{_YEAR}\b"
)
_NUMERIC = re.compile(rf"(?<![\d/.])(?:{_NGAY}\s*)?(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}{_YEAR}(?![\d/])")
# "ngày / /2024", "ngày /6/2024": a blank day (and maybe month) in numeric form; needs "ngày".
_NUMERIC_BLANK = re.compile(rf"\b{_NGAY}\s*[._…]*\s*/\s*(?P<m>\d{{1,2}})?\s*/\s*{_YEAR}(?![\d/])")
# "ngày 110/2025": OCR merged the day's slash; only the month and year are certain.
_DAY_MONTH_MERGED = re.compile(rf"\b{_NGAY}\s*(?P<m>\d{{1,3}})\s*/\s*{_YEAR}(?![\d/])")
_MONTH_YEAR = re.compile(rf"\b{_THANG}\s*(?P<m>\d{{1,2}})\s*(?:/|{_NAM})\s*{_YEAR}(?![\d/])")
_YEAR_ONLY = re.compile(rf"\b{_NAM}\s*{_YEAR}(?!\d)")

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: offsets into the text, partial ISO value, and precision."""

    start: int
    end: int
    iso: str  # YYYY, YYYY-MM or YYYY-MM-DD
    text: str  # the matched text as printed

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.iso)]


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else None


def to_iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Partial ISO date, keeping only the precision that is valid."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        _dt.date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year(m: re.Match[str]) -> int:
    return int(m.group("y").replace(" ", ""))


def _from_match(kind: str, m: re.Match[str]) -> str | None:
    year = _year(m)
    if kind in ("verbal", "numeric"):
        return to_iso(year, _int(m.group("m")), _int(m.group("d")))
    if kind == "blank":
        return to_iso(year, _int(m.group("m")))
    if kind == "merged":
        digits = m.group("m")
        month = int(digits)
        if not 1 <= month <= 12 and len(digits) == 3:
            month = int(digits[1:])
        return to_iso(year, month)
    if kind == "month":
        return to_iso(year, _int(m.group("m")))
    return to_iso(year)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("verbal", _VERBAL),
    ("numeric", _NUMERIC),
    ("blank", _NUMERIC_BLANK),
    ("merged", _DAY_MONTH_MERGED),
    ("month", _MONTH_YEAR),
)


def find_dates(text: str, *, year_only: bool = False) -> list[DateMatch]:
    """Every date in ``text`` (original or folded), left to right, without overlaps.

    ``year_only`` also accepts a bare ``năm 2026`` (useful for a document's own date line,
    not for citations, where "năm 2025" usually belongs to a law's name).
    """
    folded = fold(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    patterns = _PATTERNS + ((("year", _YEAR_ONLY),) if year_only else ())
    for kind, pattern in patterns:
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            iso = _from_match(kind, m)
            if iso is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMatch(m.start(), m.end(), iso, text[m.start() : m.end()]))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str, *, year_only: bool = True) -> str | None:
    """Partial ISO value of the first date in ``text``, or None.

    >>> parse_date("ngày 15/7/2021")
    '2021-07-15'
    >>> parse_date("Hà Nội, ngày tháng 6 năm 2026")
    '2026-06'
    """
    found = find_dates(text, year_only=year_only)
    return found[0].iso if found else None


def date_at(folded: str, pos: int, *, max_gap: int = 3) -> DateMatch | None:
    """A date starting at ``pos`` (after at most ``max_gap`` spaces/commas) in folded text.

    Used after a document number: "76/NQ-CP ngày 15/7/2021", "06/QĐ-TTg, ngày 06/01/2022".
    """
    head = folded[pos : pos + max_gap + 40]
    lead = len(head) - len(head.lstrip(" ,\n"))
    if lead > max_gap:
        return None
    start = pos + lead
    window = folded[start : start + 40]
    if not re.match(_NGAY, window):
        return None
    for kind, pattern in _PATTERNS:
        m = pattern.match(window)
        if m:
            iso = _from_match(kind, m)
            if iso:
                return DateMatch(start, start + m.end(), iso, window[: m.end()])
    return None
