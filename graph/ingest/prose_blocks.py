"""Split the body of a plan into marked items: headings, lettered items, bullets, paragraphs.

Convention encoded (Vietnamese administrative drafting, Nghị định 30/2020/NĐ-CP layout):
sections are numbered ``I.`` (roman), ``1.``/``1.1.`` (arabic), then ``a)``/``b)``/``đ)``
(letters in Vietnamese alphabetical order); list entries start with ``-`` and sub-entries
with ``+``. A paragraph is one line in clean and Markdown text, but wraps over several
physical lines in OCR text, where blank lines also appear inside paragraphs at page
breaks. So an item runs until the next marker or blank line, and a paragraph continues
across blank lines when it has not ended (no closing punctuation) and the next line starts
in lower case.

Task, duty and unit extractors work on these items; positions are 1-based line numbers into
the original file, and the original text is kept next to the clean and folded views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from cchc_kg.graph.ingest.text import SourceText

if TYPE_CHECKING:
    from cchc_kg.graph.ingest.sections import Outline

Marker = Literal["roman", "number", "letter", "bullet", "plus", "para"]

# Roman numerals as OCR renders them: I1 / I1I / Il for II / III, 1V for IV (a leading I read as
# the digit 1, the token still holding a roman letter), leading spaces removed.
_ROMAN = re.compile(r"^(?P<n>(?:[IVX][IVXl1]{0,3}|[1l][IVXl1]{0,2}[IVX][IVXl1]{0,1}))\s*[.|]\s*(?P<t>\S.*)$")
_NUMBER = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})[.)]\s*(?P<t>\S.*)$")
_LETTER = re.compile(r"^(?P<n>[a-zđ¢])\s?\)\s*(?P<t>\S.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[~.,]\s*)?(?P<m>[-–—•*]|\+)\s*(?P<t>\S.*)$")
_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")
_END = re.compile(r"[.;:!?…)\]\"”]\s*$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# Digits and symbols OCR puts in place of letters inside a word (one character for one).
_IN_WORD = str.maketrans({"0": "o", "6": "o", "9": "o", "1": "l", "3": "a", "4": "a", "@": "o", "&": "a",
                          "¢": "e", "€": "e"})


def skeleton(folded: str) -> str:
    """Undo in-word OCR substitutions in folded text (``t6 chirc`` -> ``to chirc``, ``x3`` ->
    ``xa``, ``nhi¢m`` -> ``niem``); numbers standing alone are kept. Length-preserving."""
    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        return word if not re.search(r"[a-z]", word) else word.translate(_IN_WORD)

    return re.sub(r"[a-z0-9@&¢€]+", fix, folded)


@dataclass(frozen=True, slots=True)
class Item:
    """One marked item of the body text."""

    line: int  # 1-based first line
    end_line: int  # 1-based last line
    marker: Marker
    number: str | None  # "II", "2.1", "a", None for bullets and paragraphs
    text: str  # clean text without its marker, lines joined by spaces
    folded: str  # accent-folded view of ``text`` (same length)
    original: str  # original lines joined by spaces, marker kept

    @property
    def is_heading_like(self) -> bool:
        """Short and without closing punctuation: a heading rather than a statement."""
        words = self.text.split()
        return bool(words) and len(words) <= 20 and not re.search(r"[.;!?]\s*$", self.text)

    @property
    def ends_with_colon(self) -> bool:
        return self.text.rstrip().endswith(":")


_CLOSING = re.compile(
    r"^\W*(?:tren day la|noi\s?nh[a-z]{0,2}\s*:|noi nhan|tm\.?\s*(?:uy ban|ubnd)|kt\.?\s*chu tich"
    # the standard last paragraph: "Trong quá trình (tổ chức) thực hiện/triển khai, nếu có khó
    # khăn, vướng mắc, ... phản ánh/báo cáo về ..." asks for feedback; it assigns no duty
    r"|trong qua trinh (?:to chuc )?(?:thuc hien|trien khai)[^.;]{0,60}?neu co (?:kho khan|vuong mac|phat sinh))")
_APPENDIX = re.compile(r"^\W*(?:phu luc|danh muc)\b")


def is_closing(item: Item) -> bool:
    """The closing formula, recipients list or signature block that ends the body."""
    return bool(_CLOSING.match(item.folded))


def appendix_start(src: SourceText) -> int | None:
    """First line of the appendix: ``PHỤ LỤC`` or ``DANH MỤC`` in capitals on a line of its own."""
    for ln, (clean, folded) in enumerate(zip(src.clean, src.folded), start=1):
        if len(clean) < 80 and _APPENDIX.match(folded) and _mostly_upper(clean):
            return ln
    return None


def roman_value(token: str) -> int | None:
    """Value of a (possibly OCR-damaged) roman numeral: ``I1I`` -> 3, ``IV`` -> 4, ``1V`` -> 4."""
    token = token.replace("1", "I").replace("l", "I")
    if not token or any(ch not in _ROMAN_VALUES for ch in token):
        return None
    total = 0
    for i, ch in enumerate(token):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[token[i + 1]] if i + 1 < len(token) else 0
        total += -value if value < nxt else value
    return total if 0 < total < 40 else None


def _classify(clean: str) -> tuple[Marker, str | None, str]:
    m = _ROMAN.match(clean)
    if m and roman_value(m.group("n")) and _mostly_upper(m.group("t")):
        return "roman", str(roman_value(m.group("n"))), m.group("t")
    m = _NUMBER.match(clean)
    if m and not re.match(r"^\d", m.group("t")) and not re.match(r"^[%/]", m.group("t")):
        return "number", m.group("n"), m.group("t")
    m = _LETTER.match(clean)
    if m:
        letter = m.group("n").lower().replace("¢", "c")
        return "letter", letter, m.group("t")
    m = _BULLET.match(clean)
    if m:
        return ("plus" if m.group("m") == "+" else "bullet"), None, m.group("t")
    return "para", None, clean


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)


def _starts_lower(text: str) -> bool:
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and first.islower()


def _starts_upper(text: str) -> bool:
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and first.isupper()


def _is_short_heading(text: str) -> bool:
    """Too short to be a wrapped line of running text (the outline's rule for a heading that
    does not continue: under 45 characters, not ending on a comma or closing punctuation)."""
    return len(text) < 45 and not re.search(r"[,;:.!?]\s*$", text)


def body_items(src: SourceText, outline: Outline | None = None) -> list[Item]:
    """The body's items, up to the appendix (from the outline when there is one).

    Prose tasks and duties are read from the body only: the appendix holds the task table,
    which has its own reader.
    """
    end = outline.appendix_start - 1 if outline is not None and outline.appendix_start else None
    if end is None:
        start = appendix_start(src)
        end = start - 1 if start else None
    return scan(src, end=end)


def scan(src: SourceText, *, start: int = 1, end: int | None = None) -> list[Item]:
    """Items of lines ``start``..``end`` (1-based, inclusive)."""
    last = len(src.lines) if end is None else min(end, len(src.lines))
    ocr = src.style == "ocr"
    items: list[Item] = []
    cur: dict | None = None
    blank_since = False

    def close() -> None:
        nonlocal cur
        if cur is not None:
            text = " ".join(cur["texts"]).strip()
            folded = " ".join(cur["folded"]).strip()
            items.append(Item(cur["line"], cur["end"], cur["marker"], cur["number"], text,
                              folded, " ".join(cur["orig"]).strip()))
            cur = None

    for ln in range(max(1, start), last + 1):
        clean = src.clean[ln - 1]
        if not clean or _PAGE_NUMBER.match(clean):
            blank_since = blank_since or not clean
            continue
        marker, number, body = _classify(clean)
        offset = len(clean) - len(body)
        folded = src.folded[ln - 1][offset:] if len(src.folded[ln - 1]) == len(clean) else body.lower()
        if ocr:
            folded = skeleton(folded)
        if cur is not None and marker == "para":
            prev_text = cur["texts"][-1]
            prev_head = cur["marker"] in ("roman", "number") and _mostly_upper(" ".join(cur["texts"]))
            joins = False
            if not blank_since:
                # Clean text: one paragraph per line unless the line plainly continues it.
                # OCR text wraps anywhere, except after a short numbered heading such as
                # "1. Phong Van hoa - Xa hoi" when the next line opens a new sentence.
                short_head = (cur["marker"] == "number" and len(cur["texts"]) == 1
                              and _is_short_heading(prev_text) and _starts_upper(body))
                # A list entry whose line stops mid-phrase (no closing punctuation) goes on even
                # when the next line opens with a capital: a wrapped name ("... xã Thuận" / "An;
                # thời gian ...", "... do" / "UBND xã ban hành").
                wrapped_entry = (cur["marker"] in ("bullet", "plus") and len(prev_text) >= 45
                                 and not re.search(r"[.;:!?…)\]\"”,]\s*$", prev_text))
                joins = (ocr and not (prev_head and not _mostly_upper(body)) and not short_head) \
                    or _starts_lower(body) or wrapped_entry
            elif not _END.search(prev_text) and _starts_lower(body):
                joins = True  # page break or stray blank line inside a sentence
            if joins:
                cur["texts"].append(body)
                cur["folded"].append(folded)
                cur["orig"].append(src.lines[ln - 1].strip())
                cur["end"] = ln
                blank_since = False
                continue
        close()
        cur = {"line": ln, "end": ln, "marker": marker, "number": number, "texts": [body],
               "folded": [folded], "orig": [src.lines[ln - 1].strip()]}
        blank_since = False
    close()
    return _parts_as_sections(items)


def _parts_as_sections(items: list[Item]) -> list[Item]:
    """A plan numbered by parts (``PHẦN II. NHIỆM VỤ, GIẢI PHÁP``, ``Mục 3. NHIỆM VỤ``) rather
    than roman numerals: its parts are its top sections, so they get the ``roman`` marker the
    task and duty readers open sections with. Where roman sections exist, parts group them
    and stay paragraphs (a roman section below decides)."""
    if any(it.marker == "roman" for it in items):
        return items
    from cchc_kg.graph.ingest.sections import parse_part

    out: list[Item] = []
    for it in items:
        part = parse_part(it.text) if it.marker == "para" and it.line == it.end_line else None
        if part is not None and part[0] == "part" and " " in part[1]:
            at = max(0, it.text.find(part[2]))
            folded = it.folded[at:at + len(part[2])] if len(it.folded) == len(it.text) else it.folded
            it = Item(it.line, it.end_line, "roman", part[1].split(" ", 1)[1], part[2], folded, it.original)
        out.append(it)
    return out
