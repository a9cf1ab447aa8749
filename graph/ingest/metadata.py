"""A document's own metadata: number, form, issuer, admin unit and level, date, period, title, signer.

Conventions encoded (the header of an administrative document, Nghị định 30/2020/NĐ-CP):

- top left: the issuing body ("ỦY BAN NHÂN DÂN" over "THÀNH PHỐ HÀ NỘI"), then "Số: 89/KH-UBND"
  (blank in drafts: "Số: /QĐ-UBND" -> number None, the form still read from the code);
- top right: the motto, then "<Place>, ngày 15 tháng 7 năm 2026" (blank day/month in drafts);
- the form in capitals on its own line (QUYẾT ĐỊNH, KẾ HOẠCH), then the title ("Về việc ...");
- a Quyết định may issue an attached plan: a second title line (KẾ HOẠCH + title + "(Ban hành
  kèm theo Quyết định số ...)") whose title becomes ``attached_plan_title``;
- the signature block: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" then the signer's name;
- appendices repeat the reference: "(Kèm theo Kế hoạch số 89/KH-UBND ngày ... của UBND phường
  ...)", which stands in for a header that OCR lost.

OCR text (header columns merged on one line, "S6:" for "Số:", "80:" too) is read through the
repaired, folded view (SourceText.folded).
"""

from __future__ import annotations

import re

from cchc_kg.graph.ingest import adminunits, doctypes
from cchc_kg.graph.ingest.dates import find_dates
from cchc_kg.graph.ingest.normalise import fold, repair_ocr
from cchc_kg.graph.ingest.numbers import find_numbers
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.text import SourceText

HEADER_LINES = 40
_NUMBER_LINE = re.compile(r"^\s*(?:so|s[o0-9]{1,2}|8o|80)\s*[:.]\s*")
_BLANK_NUMBER = re.compile(r"^[ .…_]*/\s*(?P<type>[a-z]+)\s*[-–]\s*(?P<issuer>[a-z]+)")
_BODY = re.compile(r"\b(?P<body>uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\b")
_OPENER = re.compile(r"^[\s\-~*+•]*(?:c[a-z]n\s+c[a-z]{1,2}|th[a-z]{1,2}\s+hi[a-z]n|theo\s+d[a-z]\s+nghi)\b")
_TITLE_STOP = re.compile(r"^\s*(?:\(?\s*(?:ban hanh\s+)?kem theo|uy ban nhan dan|ubnd|hoi dong nhan dan|[ivx]+\s*\.\s)")
_SELF_REF = re.compile(r"\(?\s*(?:ban hanh\s+)?k[a-z]m\s+theo\s+(?P<type>{})\b")
_PERIOD_RANGE = re.compile(r"giai\s+d[a-z]{2,3}n\s*(\d{4})\s*[-–]\s*(\d{4})")
_PERIOD_SPAN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")
_PERIOD_YEAR = re.compile(r"\bn[a-z]{1,2}m\s+((?:19|20)\d{2})\b")
_SIGN_BLOCK = re.compile(r"(?:^|\s)(?:tm|kt|q|t/m)\s*\.\s*(?:uy ban|ubnd|hoi dong|hdnd|chu tich|ban|dang)")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]{0,6}$")
_NOT_NAME = frozenset(["uy", "ban", "nhan", "dan", "tich", "noi", "cac", "luu", "hoi", "dong", "ubnd", "hdnd", "tm", "kt", "lanh", "dao", "nhan:"])
_BODY_LABELS = {"uy ban nhan dan": "UBND", "ubnd": "UBND", "hoi dong nhan dan": "HĐND", "hdnd": "HĐND"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" *_")


def _repaired(src: SourceText, index: int) -> str:
    line = src.clean[index]
    return repair_ocr(line) if src.style == "ocr" else line


def _type_title_lines(src: SourceText) -> list[tuple[int, str]]:
    """(index, doc-type key) of lines that are just a form name in capitals (KẾ HOẠCH)."""
    out = []
    for i, (clean, folded) in enumerate(zip(src.clean, src.folded)):
        text = folded.strip(" *#:|")
        if not text or len(text) > 22 or clean.rstrip().endswith(":"):
            continue
        dtype = doctypes.type_by_phrase(text)
        letters = [c for c in clean if c.isalpha()]
        if dtype and fold(dtype.label) == text and letters and sum(c.isupper() for c in letters) >= len(letters) - 1:
            out.append((i, dtype.key))
    return out


def _title_after(src: SourceText, index: int) -> tuple[str | None, int]:
    """The title printed under a form line: the next paragraph, cut at "(Ban hành kèm theo"."""
    parts: list[str] = []
    i = index + 1
    while i < len(src.lines) and i < index + 8:
        folded = src.folded[i].strip()
        if not folded:
            if parts:
                break
            i += 1
            continue
        if _TITLE_STOP.match(folded) or _NUMBER_LINE.match(folded):
            break
        if _OPENER.match(folded) and (parts or not _implementing_title(folded)):
            break
        text = _repaired(src, i)
        cut = re.search(r"\(\s*(?:ban hanh\s+)?kem theo", src.folded[i])
        if cut:
            text = text[: cut.start()]
        parts.append(text)
        if cut:
            break
        i += 1
    title = _squash(" ".join(parts)) if parts else None
    return title or None, i


def _implementing_title(folded: str) -> bool:
    """A paragraph right under the form line that opens with "Thực hiện" is the title of an
    implementing plan ("Thực hiện Kế hoạch CCHC giai đoạn 2026-2030 của thành phố ... trên địa
    bàn xã ...") unless it reads as the preamble's clause: it cites a numbered document
    ("Thực hiện Kế hoạch số 112/KH-UBND ...") or ends as a clause does (",", ";")."""
    text = folded.strip(" *_")
    return (re.match(r"th[a-z]{1,2}\s+hi[a-z]n\b", text) is not None
            and not re.search(r"\bs[o0-9]\s*:?\s*\d+\s*/", text) and not text.endswith((",", ";")))


def _number_and_form(src: SourceText) -> tuple[str | None, str | None, int | None]:
    """The "Số:" line: (normalised number or None when blank, form from its code, line index)."""
    for i, folded in enumerate(src.folded[:HEADER_LINES]):
        m = _NUMBER_LINE.match(folded)
        if not m:
            continue
        rest_f, rest_c = folded[m.end() :], src.clean[i][m.end() :]
        blank = _BLANK_NUMBER.match(rest_f)
        if blank:
            dtype = doctypes.type_by_code(blank.group("type"))
            return None, dtype.key if dtype else None, i
        found = find_numbers(rest_f, original=rest_c, ocr=src.style == "ocr")
        if found and found[0].start < 6:
            return found[0].number.number, found[0].number.doc_type, i
    return None, None, None


def _self_reference(src: SourceText) -> tuple[str | None, str | None, str | None, str | None]:
    """"(Kèm theo Kế hoạch số 89/KH-UBND ngày ... của UBND phường X)": form, date, date text, issuer text."""
    folded = "\n".join(src.folded)
    clean = "\n".join(src.clean)
    phrases = "|".join(re.escape(p) for d in doctypes.doc_types() for p in d.phrases)
    m = re.compile(_SELF_REF.pattern.format(phrases)).search(folded)
    if not m:
        return None, None, None, None
    dtype = doctypes.type_by_phrase(m.group("type"))
    window_f = folded[m.end() : m.end() + 160]
    window_c = clean[m.end() : m.end() + 160]
    close = window_f.find(")")
    if close > 0:
        window_f, window_c = window_f[:close], window_c[:close]
    dates = find_dates(window_f)
    date = dates[0] if dates else None
    issuer = None
    of = re.search(r"\bc(?:u|t|i|ti|ii|ui|iu)?a\s+(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\b", window_f)
    if of:
        issuer = _squash(window_c[of.start(1) :])
    return (
        dtype.key if dtype else None,
        date.iso if date else None,
        _squash(window_c[date.start : date.end]) if date else None,
        issuer,
    )


def _date_line(src: SourceText, number_index: int | None) -> tuple[str | None, str | None]:
    """"<Place>, ngày ... tháng ... năm ..." near the top: (partial ISO date, text as printed).

    The place and its comma are required, so a cited document's date ("Quyết định số ...
    ngày 27/8/2025" in a preamble) is never taken for the document's own.
    """
    for i, folded in enumerate(src.folded[:HEADER_LINES]):
        if i > (number_index or 0) + 12 and _OPENER.match(folded):
            break
        for d in find_dates(folded):
            if not re.match(r"ng[a-z]{1,2}y", folded[d.start :]):
                continue
            before = _repaired(src, i)[: d.start].rstrip()
            if not before.endswith(","):
                continue
            tokens = list(re.finditer(r"\S+", before[:-1]))
            place_start = None
            for t in reversed(tokens[-4:]):
                if any(ch.isdigit() for ch in t.group(0)) or "/" in t.group(0) or ":" in t.group(0):
                    break
                place_start = t.start()
            if place_start is None:
                continue
            return d.iso, _squash(src.clean[i][place_start : d.end])
    return None, None


def _header_unit(src: SourceText, stop: int) -> tuple[adminunits.Unit | None, str | None]:
    """The issuing body and its unit from the header block (same line or the next one)."""
    for i in range(min(stop, len(src.lines))):
        folded = src.folded[i]
        m = _BODY.search(folded)
        if not m or m.start() > 4:
            continue
        body = _BODY_LABELS[m.group("body")]
        for j in (i, i + 1, i + 2):
            if j >= len(src.lines):
                break
            start = m.end() if j == i else 0
            clean = _repaired(src, j)
            parsed = adminunits.parse_unit(clean[start:], src.folded[j][start:])
            if parsed and parsed[1] < 3:
                return parsed[0], body
            if j > i and src.folded[j].strip():
                break
    return None, None


def _unit_from_text(text: str) -> adminunits.Unit | None:
    parsed = adminunits.parse_unit(text, fold(text))
    return parsed[0] if parsed else None


def _signer(src: SourceText) -> str | None:
    """The first person's name after a signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")."""
    for i, folded in enumerate(src.folded):
        if not _SIGN_BLOCK.search(folded):
            continue
        for j in range(i, min(i + 14, len(src.lines))):
            segments = re.split(r";|\|| {3,}|\.\s", src.clean[j])
            for seg in (segments if j > i else segments[1:]) or []:
                name = _person_name(seg)
                if name:
                    return name
        return None
    return None


def _person_name(segment: str) -> str | None:
    words = segment.strip(" -*_.,").split()
    if not 2 <= len(words) <= 5:
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    folded = [fold(w) for w in words]
    if any(f in _NOT_NAME for f in folded) or "thanh pho" in " ".join(folded):
        return None
    return " ".join(words)


def _period(*texts: str | None) -> str | None:
    for text in texts:
        if not text:
            continue
        f = fold(text)
        m = _PERIOD_RANGE.search(f) or _PERIOD_SPAN.search(f)
        if m:
            return f"{m.group(1)}-{m.group(2)}"
        y = _PERIOD_YEAR.search(f)
        if y:
            return y.group(1)
    return None


def _first_paragraph_title(src: SourceText) -> str | None:
    """A document whose header OCR lost may open with its title paragraph."""
    parts = []
    for i, folded in enumerate(src.folded[:12]):
        if not folded.strip():
            if parts:
                break
            continue
        if find_numbers(folded) or folded.rstrip().endswith((";", ":")):
            return None
        parts.append(_repaired(src, i))
    return _squash(" ".join(parts)) if 0 < len(parts) <= 3 else None


def extract_document(src: SourceText) -> DocumentRecord:
    """The metadata of the document in ``src`` (fields the text does not give stay None)."""
    number, form, number_index = _number_and_form(src)
    titles = _type_title_lines(src)
    head_titles = [t for t in titles if t[0] < HEADER_LINES]
    title = attached = None
    if head_titles:
        first_index, first_form = head_titles[0]
        form = form or first_form
        title, after = _title_after(src, first_index)
        if form == "quyet_dinh":
            for index, key in titles:
                if index >= after and key in ("ke_hoach", "chuong_trinh", "de_an", "quy_che"):
                    attached, _ = _title_after(src, index)
                    break
    ref_form, ref_date, ref_date_text, ref_issuer = _self_reference(src)
    if title is None and not head_titles:
        title = _first_paragraph_title(src)
    form = form or ref_form
    date, date_text = _date_line(src, number_index)
    if date is None and ref_date:
        date, date_text = ref_date, ref_date_text

    stop = head_titles[0][0] + 12 if head_titles else HEADER_LINES
    unit, body = _header_unit(src, stop)
    if unit is None and ref_issuer:
        unit = _unit_from_text(ref_issuer)
        body = "HĐND" if fold(ref_issuer).startswith(("hdnd", "hoi dong")) else "UBND"
    if unit is None and title:
        unit = _unit_from_text(title)
        body = body or "UBND"
    corpus = "\n".join(src.clean)
    admin_unit = parent = None
    if unit is not None:
        name = adminunits.restore_diacritics(unit.name, corpus) if src.style == "ocr" else unit.name
        unit = adminunits.Unit(unit.type, name, unit.level)
        admin_unit = unit.label
        if unit.level == "commune":
            mentions = adminunits.province_mentions(
                tuple(repair_ocr(c) if src.style == "ocr" else c for c in src.clean), src.folded
            )
            if mentions:
                best = mentions.most_common(1)[0][0]
                p_unit = _unit_from_text(best)
                if p_unit:
                    parent = adminunits.Unit(p_unit.type, adminunits.restore_diacritics(p_unit.name, corpus), p_unit.level).label
    first_line = next((i + 1 for i, line in enumerate(src.lines) if line.strip()), 1)
    return DocumentRecord(
        source=src.source,
        number=number,
        form=form,
        issuer=f"{body or 'UBND'} {admin_unit}" if admin_unit else None,
        admin_unit=admin_unit,
        admin_unit_type=unit.type if unit else None,
        parent_admin_unit=parent,
        level=unit.level if unit else None,  # type: ignore[arg-type]
        date=date,
        date_text=date_text,
        period=_period(title, attached),
        title=title,
        attached_plan_title=attached,
        signer=_signer(src),
        line=(number_index + 1) if number_index is not None else first_line,
    )
