"""Deadline cells of OCR task tables that the wording parser alone misreads.

Convention encoded (contract.md: ``periodic``, ``recurring``, ``conditional``): besides a
date, a deadline cell of a CCHC task table says when the task recurs ("Hằng năm",
"Thường xuyên"), that it follows a higher level ("Theo chỉ đạo của Thành phố", "Theo Kế
hoạch của ..."), or both in two parts ("- Theo chỉ đạo của Trung ương; - Báo cáo kết quả
(lồng ghép trong kỳ Báo cáo CCHC định kỳ)"). OCR of such tables adds three ways to misread
the cell, each repaired here without knowing any plan:

- the period word is damaged ("Hang ndm", "Hing nim", "Hang n4m"): still ``periodic``; the
  same for "Theo Kế hoạch" read "Theo K& hoach" (``conditional``);
- the cell's words were given to the task column because no space separated them, but
  column rules bound them ("... thong tin | Hang ndm | Van phong"): a segment between two
  rules that is only a period word is the deadline cell;
- a part that follows a higher level outranks the report part's "định kỳ"/"lồng ghép"
  (the task is done when the higher level directs; the report only rides along), and a
  "(theo chỉ đạo ...)" in parentheses is the product's wording, not the deadline;
- the cell's words were given to the task column with no rule to bound them, but the
  deadline is the table's last column and a period word ends a row line ("... công Hằng
  quý"): when nothing else reads as the deadline, that word is the cell;
- a span of years that the task wording names ("giai đoạn 2026 - 2030 của Trung ương")
  is no deadline when the cell also says when to report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from cchc_kg.graph.ingest.deadlines import parse_deadline
from cchc_kg.graph.ingest.normalise import fold, squash_spaces
from cchc_kg.graph.ingest.table_cells import _CLOSING_DATE
from cchc_kg.graph.ingest.table_values import Token

# "hằng/hàng năm|quý|tháng" with OCR damage to the vowel of "năm" ("ndm", "nim", "n4m").
# OCR's "4" for "ằ" ("H4ng") and "¥" for "ý" ("qu¥") too.
_PERIOD_WORD = re.compile(r"\bh[aiăe4]ng\s*(?:n[a-z0-9]m|qu[yi¥]|th[aei]ng)(?![a-z])")
_RECURRING_WORD = re.compile(r"\bth[a-z0-9]{2,4}\s*x{1,2}uy[ea]n\b")
# A part of the cell that follows a higher level: at the cell's start or after a dash or
# semicolon, never inside parentheses (folded).
_FOLLOWS_PART = re.compile(
    r"(?:^|[-;–]\s*)theo\s+(?:k[a-z0-9&]?\s*ho[a-z]{1,3}ch|ch[il]\s*d[a-z]o|v[a-z]n\s*b[a-z]n|h[a-z]{2,3}ng\s*d[a-z]n|quy\s*d[il]nh(?!\s*tai))"
)
_REPORT_RIDES = re.compile(r"\b[l1i][o0-9]ng\s*gh?[eé]p\b|\b[dpb][il]nh\s*k[yi]\b")
# A span of years the task wording names: "giai đoạn 2026 - 2030 của ...", "lộ trình ... của".
_WORDING_SPAN = re.compile(r"(?:doan|trinh)\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\s+c[a-z]{1,3}\b")
_OF = re.compile(r"\bc[uưủ][a-z]?\b")
_SPAN_VALUE = re.compile(r"(?:19|20)\d\d(?:-\d\d)?(?:/(?:19|20)\d\d(?:-\d\d)?)?")


def repair_deadline(value: str | None, *, cell: str, lines: Sequence[str], last: bool = False) -> str | None:
    """The row's deadline after the OCR repairs of the module docstring; ``value`` is what
    the wording parser read from ``cell`` (the deadline cell's words), ``lines`` the row's
    lines as printed; ``last``: the deadline is the table's last column."""
    folded = squash_spaces(fold(cell))
    if value == "periodic" and _FOLLOWS_PART.search(folded):
        return "conditional"  # "- Theo chỉ đạo ...; - Báo cáo (lồng ghép ... định kỳ)"
    if value is not None and _SPAN_VALUE.fullmatch(value) and _WORDING_SPAN.search(folded) \
            and _REPORT_RIDES.search(folded):
        return "conditional" if _FOLLOWS_PART.search(folded) else "periodic"
    if value is None and _PERIOD_WORD.search(folded):
        return "periodic"
    if value is None and _FOLLOWS_PART.search(folded):
        return "conditional"  # "Theo K& hoach cua Thanh pho": OCR damage the parser missed
    if value is None or (value == "conditional" and not _FOLLOWS_PART.search(folded)):
        ruled = ruled_period(lines)
        if ruled is not None:
            return ruled
    if value is None and wrapped_recurring(lines):
        return "recurring"
    if value is None and last and any(_LINE_END_PERIOD.search(fold(line)) for line in lines):
        return "periodic"
    return value


# A period word ending a row line ("... hanh chinh c6ng H4ng qu¥"), folded.
_LINE_END_PERIOD = re.compile(_PERIOD_WORD.pattern + r"[\s.,;|)]*$")


# "Thường" and "xuyên" as folded words, OCR slips in the vowels tolerated.
_THUONG = re.compile(r"th[uư][oơ0]ng")
_XUYEN = re.compile(r"x{1,2}uy[eê]n")


def wrapped_recurring(lines: Sequence[str]) -> bool:
    """A deadline cell "Thường xuyên" that a narrow column wrapped: "Thường" on one line of
    the row with no "xuyên" after it, and "xuyên" on a later line with no "Thường" before it
    (each half standing alone among the other cells' words). Inside the task wording the
    two words stay together ("chi thường xuyên")."""
    words = [[w.strip(".,;:|()[]") for w in fold(line).split()] for line in lines]
    first = next((k for k, line in enumerate(words)
                  for j, w in enumerate(line) if _THUONG.fullmatch(w) and not (
                      j + 1 < len(line) and _XUYEN.fullmatch(line[j + 1]))), None)
    if first is None:
        return False
    return any(_XUYEN.fullmatch(w) and not (j and _THUONG.fullmatch(line[j - 1]))
               for line in words[first + 1:] for j, w in enumerate(line))


def ruled_period(lines: Sequence[str]) -> str | None:
    """A period word standing alone between two column rules on a row line ("| Hằng năm |",
    "|Thuong xuyen|"): ``periodic`` or ``recurring``; None when no line has one."""
    for line in lines:
        if line.count("|") < 2:
            continue
        for segment in fold(line).split("|")[1:-1]:
            seg = squash_spaces(segment.strip(" .,;:-_=~"))
            if _PERIOD_WORD.fullmatch(seg):
                return "periodic"
            if _RECURRING_WORD.fullmatch(seg):
                return "recurring"
    return None


def deadline_closed(tokens: Sequence[Token], line: int, seen: dict[int, bool]) -> bool:
    """The deadline cell is complete on the lines above ``line``: a date closes it, or its
    words there already read as a deadline ("Thường xuyên", "Quý II/2027"). ``seen``: the
    answers so far for the row, by line."""
    if line not in seen:
        above = [u.text.strip("|[]") for u in tokens if u.line < line and u.label == "deadline"]
        text = " ".join(w for w in above if w)
        parsed = _parsed_deadline(text) if text else None
        seen[line] = any(_CLOSING_DATE.fullmatch(w) for w in above) or (
            parsed is not None and not _awaits_authority(parsed, text, tokens, line))
    return seen[line]


def _awaits_authority(parsed: str, text: str, tokens: Sequence[Token], line: int) -> bool:
    """A conditional cell read so far without the level it follows ("Theo hướng dẫn", "Theo
    kế hoạch") goes on where a cell's word on ``line`` is "của" ("của UBND tỉnh"): that
    word opens no cell of its own, it names whose guidance the deadline follows."""
    if parsed != "conditional" or _OF.search(fold(text)):
        return False
    return any(u.line == line and u.label != "title" and u.key == "cua" for u in tokens)


@lru_cache(maxsize=4096)
def _parsed_deadline(text: str) -> str | None:
    return parse_deadline(text)
