"""Document outline: headings, their numbering, reform area and period; the appendix start.

Convention encoded (Nghị định 30/2020/NĐ-CP on administrative documents, as CCHC plans use
it): parts are numbered with roman numerals (``I.``, ``II.``), sections with arabic numbers
(``1.``), sub-sections with dotted numbers (``1.1.``, ``2.1.``) and items with letters
(``a)``, ``đ)``). Level 1 = roman, 2 = arabic, 3 = ``1.1.``, 4 = ``1.1.1.``; a lettered item
is one level below the numbered heading it follows. The Markdown plans mark headings with
``###`` or ``**bold**`` inconsistently (``## 2.`` under ``### I.``), so the level comes from
the numbering, never from the marks. OCR damages numerals (``I1.`` for ``II.``, ``I11.`` for
``III.``, ``2.S6`` with the space lost), breaks headings across lines and may leave the number
alone on its line; all of these are handled here.

Above the roman parts some plans have *parts*: ``Phần thứ nhất`` / ``PHẦN II`` (level -1) and,
inside those, ``Mục 2.`` / ``A. MỤC TIÊU`` / ``B. NHIỆM VỤ`` (level 0). The roman numbering
restarts under each part, and the section path leaves parts out (it numbers within the part). A decision's articles (``Điều 1.``)
are level 1, so the attached plan's ``I.`` closes them. A part or heading about the past
(``KẾT QUẢ THỰC HIỆN NĂM 2025``, ``Đánh giá tình hình``) is *retrospective*: its figures are
results, not targets.

A heading's reform area comes from the signal phrases of ``ontology/schemes/areas.ttl``; its
period from ``Giai đoạn 2026-2027`` / ``năm 2026`` in a short heading. The appendix
(``PHỤ LỤC`` / ``DANH MỤC``) starts at ``appendix_start``; inside it numbered rows are table
rows, so only roman group headings (``I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH``) are kept there.

Reform-area notations (ontology/schemes/areas.ttl): direction, institutional, procedures,
organization, civil_service, public_finance, digital_government.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_kg.graph.ingest.lexicon import best_concept, looks_damaged, skeleton
from cchc_kg.graph.ingest.text import SourceText


@dataclass(frozen=True, slots=True)
class Heading:
    line: int  # 1-based line of the heading
    level: int  # -1 = Phần, 0 = Mục / A., 1 = roman numeral (I.) or Điều, 2 = arabic (1.), 3 = 1.1. or a), 4 = deeper
    number: str  # as printed, normalised: "II", "1", "1.1", "a"
    title: str  # clean text of the heading (no number)
    area: str | None = None  # reform-area notation when the heading names one
    period: str | None = None  # "2026-2027" when the heading names a period
    end_line: int | None = None  # last line of the heading text when OCR wrapped it
    retrospective: bool = False  # reports past results (Kết quả thực hiện năm 2025)


@dataclass(slots=True)
class Outline:
    headings: list[Heading] = field(default_factory=list)
    appendix_start: int | None = None  # first line of the appendix (PHỤ LỤC / DANH MỤC), if any
    appendix_lines: list[int] = field(default_factory=list)  # every PHỤ LỤC / DANH MỤC title line

    def chain(self, line: int) -> list[Heading]:
        """Enclosing headings of a line, outermost first."""
        chain: list[Heading] = []
        for h in self.headings:
            if h.line > line:
                break
            while chain and chain[-1].level >= h.level:
                chain.pop()
            chain.append(h)
        return chain

    def area_at(self, line: int) -> str | None:
        for h in reversed(self.chain(line)):
            if h.area:
                return h.area
        return None

    def period_at(self, line: int) -> str | None:
        for h in reversed(self.chain(line)):
            if h.period:
                return h.period
        return None

    def retrospective_at(self, line: int) -> bool:
        """Whether a line sits under a heading that reports past results."""
        return any(h.retrospective for h in self.chain(line))

    def section_at(self, line: int) -> str | None:
        """Dotted path of the enclosing headings: ``I.2.1`` for 2.1. under 2. under I.

        A dotted number that extends its parent's (``2.1`` under ``2``) contributes only its
        last part, so the path does not repeat the parent.
        """
        full = self.chain(line)
        chain = [h for h in full if h.level > 0]  # parts are not numbered in the path
        if not chain:
            return full[-1].number if full else None  # a plan numbered by parts only (Mục 2)
        parts: list[str] = []
        prev = ""
        for h in chain:
            if prev and h.number.startswith(prev + "."):
                parts.append(h.number[len(prev) + 1:])
            else:
                parts.append(h.number)
            prev = h.number
        return ".".join(parts)

    def in_appendix(self, line: int) -> bool:
        return self.appendix_start is not None and line >= self.appendix_start


# --- numbering patterns (applied to the Markdown-stripped ``clean`` view) ---------------

_ROMAN_TOKEN = r"[IVXl1|]{1,5}"
_ROMAN = re.compile(rf"^(?P<num>{_ROMAN_TOKEN})(?P<sep>\s*[.:)]\s*|\s*\|\s*|\s+)(?P<title>\S.*)$")
_ROMAN_VALID = re.compile(r"^(X{0,2})(IX|IV|V?I{0,3})$")
_ARABIC = re.compile(
    r"^(?P<num>\d{1,2}(?:\s?\.\s?\d{1,2}){0,3})(?P<end>\s?[.)])?(?P<sep>\s*)(?P<title>\S.*)$"
)
_LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s*(?P<title>\S.*)$")
# A number alone on its line (OCR split it from its title); the dot is required because
# page numbers also stand alone ("2").
_NUMBER_ONLY = re.compile(rf"^(?P<num>{_ROMAN_TOKEN}|\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})\s*\.$")
_APPENDIX = re.compile(r"^[^\w(]{0,3}(?:ph\w{0,2}\s?[l1]\w{0,2}c|danh m\w{0,2}c)(?![a-z])")
_PERIOD_RANGE = re.compile(r"(?:giai doan|thoi ky|tu nam)\s+((?:19|20)\d{2})\s*[-–—]+\s*(?:nam\s+)?((?:19|20)\d{2})")
_PERIOD_YEAR = re.compile(r"(?<![a-z])n\wm\s+((?:19|20)\d{2})(?!\s*[-–/]\s*\d)")
_UPPER_RATIO = 0.7
# Parts and articles, matched on the skeleton: "phan thu hai", "phan ii:", "muc 2.", "dieu 1.".
_PART = re.compile(
    r"^(?P<kind>ph[a-z]{1,2}n|m[a-z]{1,2}c|ch[a-z]{1,2}ng|di[a-z]{1,2}u)\s+(?:th[a-z]{1,2}\s+)?"
    r"(?P<num>[ivxl1]{1,4}|\d{1,2}|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)"
    r"(?P<sep>\s*[.:]\s*|\s*$|\s+(?=\S))(?P<title>.*)$"
)
_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
             "tam": 8, "chin": 9, "muoi": 10}
_PART_WORD = {"ph": "Phần", "m": "Mục", "ch": "Chương", "di": "Điều"}
_LETTER_PART = re.compile(r"^(?P<num>[A-HĐ])\s?[.:]\s+(?P<title>\S.*)$")
_RETROSPECTIVE = re.compile(
    r"ket qua (?:thuc hien|dat duoc|cong tac)|danh gia (?:ket qua|tinh hinh|thuc trang)|"
    r"tinh hinh thuc hien|thuc trang|kiem diem"
)
# OCR specks before a heading number (", 2.1.", "' II."); bullets (- + • *) are not specks.
_LEAD_STRAY = re.compile(r"^[\s,.'‘’`~_;:\"“”]+")


def _roman_value(token: str) -> str | None:
    """Normalise an OCR-damaged roman numeral (``I1`` -> ``II``); None if not one."""
    if not any(ch in "IVX" for ch in token):
        return None
    roman = token.replace("1", "I").replace("l", "I").replace("|", "I")
    if not roman or not _ROMAN_VALID.match(roman):
        return None
    return roman


def _upper_ratio(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch.isupper()) / len(letters)


def _starts_upper(title: str) -> bool:
    first = next((ch for ch in title if ch.isalnum()), "")
    return first.isalpha() and (first.isupper() or first in "đ")


def _roman_int(token: str) -> int | None:
    roman = _roman_value(token.upper())
    if roman is None:
        return None
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(roman):
        v = values[ch]
        total += -v if i + 1 < len(roman) and values[roman[i + 1]] > v else v
    return total


def _parse_part(text: str) -> tuple[str, str, str] | None:
    """(kind, number, title) of a part (Phần/Mục/Chương/A.) or an article (Điều), or None."""
    key = skeleton(text)
    m = _PART.match(key)
    if m:
        token, title = m.group("num"), text[m.start("title"):].strip(" .:-")
        sep = m.group("sep").strip()
        number = _ORDINALS.get(token) or (int(token) if token.isdigit() else _roman_int(token))
        word = next(v for k, v in _PART_WORD.items() if m.group("kind").startswith(k))
        article = word == "Điều"
        # "Mục 2." needs its dot (a sentence may begin "Mục 2 của ..."); "Phần thứ hai" may
        # stand alone with its title on the next line.
        if number and (sep or (not title and word in ("Phần", "Chương"))
                       or (title and _upper_ratio(title) >= _UPPER_RATIO and not article)):
            if not title or _starts_upper(title):
                return ("article" if article else "part"), f"{word} {number}", title
    m = _LETTER_PART.match(text)
    if m and _upper_ratio(m.group("title")) >= _UPPER_RATIO and len(m.group("title").split()) >= 2:
        return "part", m.group("num"), m.group("title")
    return None


def parse_part(text: str) -> tuple[str, str, str] | None:
    """(kind, number, title) of a part (``Phần II``, ``Mục 3.``, ``B.``) or an article
    (``Điều 1.``) heading line, or None; the number is normalised (``Phần 2``)."""
    return _parse_part(text)


def _parse_heading(clean: str, *, in_appendix: bool) -> tuple[str, str, str] | None:
    """(kind, number, title) of a heading line, or None.

    kind: part | article | roman | arabic | letter."""
    text = _LEAD_STRAY.sub("", clean).strip()
    if not text or text[0] in "-+•*(":
        return None
    if not in_appendix:
        part = _parse_part(text)
        if part is not None:
            return part
    m = _ROMAN.match(text)
    if m:
        roman = _roman_value(m.group("num"))
        title = m.group("title").strip(" |")
        sep = m.group("sep").strip()
        if roman and title and _starts_upper(title):
            upper = _upper_ratio(title) >= _UPPER_RATIO
            if (sep in (".", ":") and (upper or not in_appendix)) or (upper and len(title.split()) >= 2):
                return "roman", roman, title
    if in_appendix:
        return None
    m = _ARABIC.match(text)
    if m:
        number = re.sub(r"\s", "", m.group("num"))
        parts = number.split(".")
        dotted = len(parts) > 1
        title = m.group("title")
        ok_end = m.group("end") is not None or (dotted and m.group("sep"))
        if (
            ok_end
            and all(p and int(p) <= 30 for p in parts)
            and int(parts[0]) >= 1
            and _starts_upper(title)
            and not re.match(r"^\d", title)
            and (m.group("sep") or dotted or m.group("end"))
        ):
            return "arabic", number, title
    m = _LETTER.match(text)
    if m and _starts_upper(m.group("title")):
        return "letter", m.group("num"), m.group("title")
    return None


def _continues(title: str, nxt: str, *, kind: str) -> bool:
    """Whether the next line continues a heading that OCR or layout wrapped."""
    if not nxt or nxt[0] in "-+•*(" or kind in ("letter", "article"):
        return False
    if kind == "part":  # "Phần thứ hai" / "KẾ HOẠCH NĂM 2026" on the next line
        return not title.strip() and _upper_ratio(nxt) >= _UPPER_RATIO
    if title.rstrip().endswith((".", ":", ";", "!", "?")):
        return False
    if kind == "roman":
        return _upper_ratio(nxt) >= _UPPER_RATIO and _upper_ratio(title) >= _UPPER_RATIO
    # arabic: a wrapped heading line is long, or ends on a comma / connective
    return len(title) >= 45 and not _starts_upper(nxt) or title.rstrip().endswith(",")


def _area(title: str, *, ocr: bool) -> str | None:
    if len(title) > 180:
        return None
    hit = best_concept(skeleton(title), "areas", fuzzy_cutoff=75 if ocr else 0)
    return hit[0].notation if hit else None


# "a) Về cải cách thể chế" under "2. Chỉ tiêu cụ thể": a lettered heading that sorts targets
# (or tasks) by reform area: "Về" + a short title without closing punctuation.
_AREA_LETTER = re.compile(r"^ve\s+\S")
# ... or the area's own name: "b) Cải cách thể chế", "g) Xây dựng, phát triển chính quyền số"
_AREA_NAME = re.compile(
    r"^(?:cai cach|xay dung|phat trien|hien dai hoa|chuyen doi so|chinh quyen (?:so|dien tu)"
    r"|(?:cong tac )?chi dao)\b")


def _is_area_letter(title: str) -> bool:
    """A lettered heading that names a reform area (``a) Về cải cách thể chế``). It scopes
    the area only where the enclosing heading names none, so a ``a) Về hoàn thiện thể chế
    số`` under ``7. Xây dựng chính quyền số`` stays digital government."""
    text = title.strip(" *_")
    if re.search(r"[.;!?]\s*$", text):
        return False
    key = skeleton(text)
    return (_AREA_LETTER.match(key) is not None and len(text.split()) <= 15) or (
        _AREA_NAME.match(key) is not None and len(text.split()) <= 10)


def _period(title: str) -> str | None:
    if len(title) > 120:
        return None
    # stray OCR punctuation between words ("Giai. doan 2028-2030") must not hide the period
    title = re.sub(r"[^\w\s\-–—|]|\|(?=\s|$)|(?<=\s)\|", " ", title)
    key = re.sub(r"\s+", " ", skeleton(title))
    if "luat" in key:
        return None
    m = _PERIOD_RANGE.search(key)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    # a baseline ("tăng 10% so với năm 2025") is not the period the heading covers
    m = next((m for m in _PERIOD_YEAR.finditer(key) if not _BASELINE_BEFORE.search(key[:m.start()])), None)
    return m.group(1) if m else None


_PERIOD_ONLY = re.compile(r"\W*(?:giai doan|thoi ky|nam)\s+(?:19|20)\d{2}(?:\s*[-–—]+\s*(?:nam\s+)?(?:19|20)\d{2})?\W*$")
_BASELINE_BEFORE = re.compile(r"(?:so voi|cung ky)\s*(?:cung ky\s*)?$")


def _find_appendix(src: SourceText, first_heading: int) -> list[int]:
    found: list[int] = []
    for i, clean in enumerate(src.clean):
        line = i + 1
        if line <= first_heading or not clean:
            continue
        key = skeleton(clean)
        m = _APPENDIX.match(key)
        if not m:
            continue
        rest = clean[m.end():].strip()
        upper = _upper_ratio(clean) >= _UPPER_RATIO
        numbered = re.match(r"^[\s.:]*([IVX\d]{1,4})\b\s*[.:]?\s*$", rest) is not None or not rest
        if upper or numbered or (rest[:1] in ":" and len(clean) < 200):
            found.append(line)
    return found


def outline(src: SourceText) -> Outline:
    """Find the headings of a document and where its appendix starts."""
    first = next((i + 1 for i, c in enumerate(src.clean) if _parse_heading(c, in_appendix=False)), 0)
    appendix = _find_appendix(src, first)
    start = appendix[0] if appendix else None
    headings: list[Heading] = []
    n = len(src.clean)
    last_numbered_level = 2
    damaged = looks_damaged(src)
    i = 0
    while i < n:
        line = i + 1
        clean = src.clean[i]
        in_app = start is not None and line >= start
        parsed = _parse_heading(clean, in_appendix=in_app)
        end = i
        if parsed is None:
            m = _NUMBER_ONLY.match(clean.strip())
            j = _next_nonempty(src, i)
            if m and j is not None:
                parsed = _parse_heading(f"{m.group('num')}. {src.clean[j]}", in_appendix=in_app)
                end = j
        if parsed is None:
            i += 1
            continue
        kind, number, title = parsed
        # heading text wrapped over the next line(s)
        for _ in range(2):
            j = end + 1
            if j < n and src.clean[j] and _parse_heading(src.clean[j], in_appendix=in_app) is None \
                    and _continues(title, src.clean[j], kind=kind):
                title = f"{title} {src.clean[j]}"
                end = j
            else:
                break
        if kind == "part":
            level = -1 if number.startswith(("Phần", "Chương")) else 0  # A./Mục sit inside a Phần
        elif kind in ("roman", "article"):
            level = 1
        elif kind == "arabic":
            level = 2 + number.count(".")
        else:
            level = last_numbered_level + 1
        if kind != "letter":
            last_numbered_level = level
        area = _area(title, ocr=damaged) if kind != "letter" else None
        if kind == "letter" and _is_area_letter(title) \
                and not any(h.area for h in Outline(headings=headings).chain(line) if h.level < level):
            area = _area(title, ocr=damaged)
        # a lettered item is usually a task, whose years are not a scope; a lettered heading
        # that is nothing but a period ("a) Giai đoạn 2026 - 2027") does scope the targets below
        period = _period(title) if kind != "letter" or _PERIOD_ONLY.match(skeleton(title)) else None
        headings.append(Heading(line=line, level=level, number=number, title=title.strip(),
                                area=area, period=period,
                                end_line=end + 1 if end > i else None,
                                retrospective=_RETROSPECTIVE.search(skeleton(title)) is not None))
        i = end + 1
    return Outline(headings=headings, appendix_start=start, appendix_lines=appendix)


def _next_nonempty(src: SourceText, i: int) -> int | None:
    for j in range(i + 1, min(i + 3, len(src.clean))):
        if src.clean[j].strip():
            return j
    return None
