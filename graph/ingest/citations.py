"""Legal citations: every numbered document a plan cites, and laws cited by name and year.

Conventions encoded (what a citation looks like in these documents):

- ``[TYPE WORD] [số] NUMBER [, ngày DATE] [của ISSUER] [về ...]`` anywhere in the text —
  preamble, body and appendix tables — e.g. "Quyết định số 282/QĐ-TTg ngày 12/02/2026 của
  Thủ tướng Chính phủ". The number grammar is graph/ingest/numbers.py; the date grammar
  graph/ingest/dates.py. A citation may wrap: the type word on one line and the number
  on the next, or the date on the next line; ``line`` is where the citation starts.
- Laws are cited by name: "Luật Tổ chức chính quyền địa phương năm 2025"; the name grammar,
  OCR snapping to the curated list and year sharing are graph/ingest/laws.py.
- Role: ``legal_basis`` when the occurrence sits in a "Căn cứ", "Thực hiện" or "Theo đề
  nghị" clause of a preamble (the part before the first roman-numbered section or "Điều 1",
  restarted by the title of an attached plan); otherwise ``mentioned``.
- Issuer: as stated after the number ("của Chính phủ", "của UBND Thành phố") or before it
  in a "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình ..." clause; else derived from
  the number's issuer code (issuers.ttl). Local issuers get the administrative unit that
  the text or the document's context gives.

- Subject: the cited document's abstract stated after it ("về ban hành Chương trình tổng
  thể ..."), see graph/ingest/citation_subjects.py.

The document's own number (header, "kèm theo Kế hoạch số ...") is not a citation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from cchc_kg.graph.ingest import adminunits, doctypes, laws
from cchc_kg.graph.ingest.citation_subjects import subject_after
from cchc_kg.graph.ingest.dates import date_at
from cchc_kg.graph.ingest.normalise import repair_ocr
from cchc_kg.graph.ingest.numbers import DocNumber, find_numbers
from cchc_kg.graph.ingest.records import CitationRecord, DocumentRecord
from cchc_kg.graph.ingest.text import SourceText

_CUA = r"c[a-z]{0,2}a"
_OF = re.compile(rf"[ \t,]*(?:\n[ \t]*)?{_CUA}[ \t]+(?:\n[ \t]*)?")
_GAP = r"[ \t]*(?:\n[ \t]*){0,2}"
_LOCAL_BODY = re.compile(
    rf"(?P<body>ubnd|uy{_GAP}ban{_GAP}nhan{_GAP}dan|hdnd|hoi{_GAP}dong{_GAP}nhan{_GAP}dan|thuong truc hdnd"
    rf"|dang uy|thanh uy|tinh uy)"
    rf"(?P<unit>[ \t]+(?:\n[ \t]*){{0,2}}(?:thanh{_GAP}ph[a-z0-9]|tinh|xa|phuong|dac khu|quan|huyen|thi xa)\b"
    r"(?:\s{1,3}[a-z0-9]+){0,3})?"
)
_BODY_CODES = {
    "ubnd": "UBND", "uy ban nhan dan": "UBND", "hdnd": "HĐND", "hoi dong nhan dan": "HĐND",
    "thuong truc hdnd": "Thường trực HĐND", "dang uy": "Đảng ủy", "thanh uy": "Thành ủy", "tinh uy": "Tỉnh ủy",
}
_UNIT_TYPE = re.compile(r"(?:thanh\s+ph[a-z0-9]|tinh|xa|phuong|dac khu|quan|huyen|thi xa)\b")
_OPENER = re.compile(
    r"^[\s\-~*+•.]*(?P<op>c[a-z]n\s+c[a-z]{1,2}|th[a-z]{1,2}c\s+hi[a-z]n|theo\s+d[a-z]\s+nghi)\b"
)
_CLAUSES = {"c": "can_cu", "t": "thuc_hien"}
_BODY_START = re.compile(r"^\s*(?:[ivxl]{1,4}\s*[.)]\s+\S|dieu\s+1\b|phan\s+(?:i|thu nhat)\b|chuong\s+i\b|quyet dinh\s*:)")
_TITLE_LINE = re.compile(r"^\s*(?:ke hoach|chuong trinh|quyet dinh|nghi quyet|de an|chi thi)\s*$")
_BEFORE_TYPE = (
    r"(?P<phrase>{})(?:\s+hanh dong|\s+lien tich)?[ \t]*(?:\n[ \t]*)?(?:\bso\b|\bs[a-z0-9]{{1,2}}\b|\b50\b)?[ \t]*[:.]?[ \t]*(?:\n[ \t]*)?$"
)
_PROPOSER = re.compile(r"de nghi\s+cua\s+(?P<who>[^;.]{3,120}?)\s+tai\s*$")
# Title of the person who proposes -> the body it heads ("Trưởng phòng X" -> "Phòng X").
_TITLES = (
    ("chanh van phong", "Văn phòng"),
    ("truong phong", "Phòng"),
    ("truong ban", "Ban"),
    ("chanh thanh tra", "Thanh tra"),
    ("truong cong an", "Công an"),
    ("giam doc", ""),
    ("thu truong", ""),
    ("chu tich", ""),
)
_SENTENCE_END = re.compile(r"[;:]|\.(?=\s)|\n\s*\n|\n\s*[-+•*]\s")


@dataclass(slots=True)
class _Doc:
    """The document as one folded string and one clean string with the same offsets."""

    src: SourceText
    folded: str
    clean: str
    repaired: str
    starts: list[int]
    preamble: list[bool]

    @classmethod
    def of(cls, src: SourceText) -> _Doc:
        repaired_lines = [repair_ocr(c) for c in src.clean] if src.style == "ocr" else list(src.clean)
        starts, pos = [], 0
        for line in src.folded:
            starts.append(pos)
            pos += len(line) + 1
        return cls(
            src,
            "\n".join(src.folded),
            "\n".join(src.clean),
            "\n".join(repaired_lines),
            starts,
            _preamble_flags(src.folded),
        )

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def span(self, start: int, end: int) -> str:
        return re.sub(r"\s+", " ", self.clean[start:end]).strip()


def _preamble_flags(folded: tuple[str, ...]) -> list[bool]:
    """True for lines in a preamble: before the body of the document or of an attached plan."""
    flags = []
    inside = True
    for line in folded:
        if _TITLE_LINE.match(line):
            inside = True
        elif _BODY_START.match(line):
            inside = False
        flags.append(inside)
    return flags


def _clause(doc: _Doc, start: int) -> str | None:
    """The basis clause (can_cu, thuc_hien, theo_de_nghi) a citation at ``start`` belongs to."""
    line = doc.line_of(start)
    if not doc.preamble[line - 1]:
        return None
    window_start = max(0, start - 1500)
    window = doc.folded[window_start:start]
    ends = list(_SENTENCE_END.finditer(window))
    sentence = window[ends[-1].end() :] if ends else window
    m = _OPENER.match(sentence)
    if not m:
        return None
    op = m.group("op")
    if op.startswith("theo"):
        return "theo_de_nghi"
    return _CLAUSES[op[0]]


def _type_before(doc: _Doc, start: int) -> tuple[int, str | None]:
    """Start offset and doc-type key of a type word just before a number ("Quyết định số")."""
    head = doc.folded[max(0, start - 60) : start]
    m = _before_type_re().search(head)
    if not m:
        return start, None
    dtype = doctypes.type_by_phrase(re.sub(r"\s+", " ", m.group("phrase")))
    return start - len(head) + m.start(), dtype.key if dtype else None


@lru_cache(maxsize=1)
def _before_type_re() -> re.Pattern[str]:
    phrases = "|".join(
        re.escape(p).replace("\\ ", r"\s+")
        for p in sorted({p for d in doctypes.doc_types() for p in d.phrases}, key=len, reverse=True)
    )
    return re.compile(_BEFORE_TYPE.format(r"\b(?:" + phrases + r")"))


@dataclass(frozen=True, slots=True)
class _Issuer:
    label: str
    source: str
    admin_unit: str | None


def _province_context(document: DocumentRecord) -> str | None:
    """The province-level unit a document's local references point to."""
    if document.level == "province":
        return document.admin_unit
    return document.parent_admin_unit


def _party_committee_label(document: DocumentRecord, issuer: doctypes.Issuer) -> str:
    """TU is Thành ủy in a centrally-run city, Tỉnh ủy in a province."""
    province = _province_context(document) or ""
    if issuer.alt_labels and province.lower().startswith("thành phố"):
        return issuer.alt_labels[0]
    return issuer.label


def _stated_after(doc: _Doc, pos: int, document: DocumentRecord) -> tuple[_Issuer | None, int]:
    """An issuer stated as "của ..." right after ``pos``; returns it and where it ends."""
    m = _OF.match(doc.folded, pos)
    if not m:
        return None, pos
    p = m.end()
    local = _LOCAL_BODY.match(doc.folded, p)
    if local:
        end = local.end("body")
        unit_text = None
        if local.group("unit"):
            # Keep capitalised name words only ("UBND thành phố Hà Nội", not "... về việc").
            unit_start = local.start("unit")
            unit_clean = doc.clean[unit_start : local.end("unit")]
            toks = list(re.finditer(r"\S+", unit_clean))
            type_m = _UNIT_TYPE.match(doc.folded[unit_start : local.end("unit")].lstrip())
            type_words = len(type_m.group(0).split()) if type_m else 1
            keep = type_words
            for t in toks[type_words:]:
                if not t.group(0)[:1].isupper():
                    break
                keep += 1
            # A bare "thành phố"/"xã" (any case) names the context's unit of that kind.
            unit_text = " ".join(t.group(0) for t in toks[:keep])
            end = unit_start + toks[keep - 1].end()
        body = re.sub(r"\s+", " ", local.group("body"))
        code = _BODY_CODES.get(body) or doc.span(local.start("body"), local.end("body"))
        admin = _resolve_unit(unit_text, document)
        label = f"{code} {_unit_display(unit_text, admin)}" if unit_text else code
        return _Issuer(label, "stated", admin), end
    for phrase, issuer in doctypes.issuer_phrase_table():
        if doc.folded.startswith(phrase, p) and not doc.folded[p + len(phrase) : p + len(phrase) + 1].isalpha():
            label = issuer.label
            if issuer.alt_labels and phrase in {fold_label(a) for a in issuer.alt_labels}:
                label = next(a for a in issuer.alt_labels if fold_label(a) == phrase)
            admin = None if issuer.national else _province_context(document)
            return _Issuer(label, "stated", admin), p + len(phrase)
    code = re.match(r"[A-ZĐ][A-Za-zĐ]{1,5}\b", doc.clean[p : p + 8])
    if code and doctypes.is_issuer_code(code.group(0)):
        issuer = doctypes.issuer_by_code(code.group(0))
        if issuer:
            label = _party_committee_label(document, issuer) if issuer.alt_labels else issuer.label
            admin = None if issuer.national else _province_context(document)
            return _Issuer(label, "stated", admin), p + len(code.group(0))
    return None, pos


def fold_label(label: str) -> str:
    from cchc_kg.graph.ingest.normalise import fold

    return fold(label)


def _unit_display(unit_text: str, admin: str | None) -> str:
    """How a stated unit is shown: "Thành phố"/"Tỉnh" when bare (OCR "Thanh phd" too), else its label."""
    folded = fold_label(unit_text)
    if re.fullmatch(r"thanh\s+ph\S*", folded):
        return "Thành phố"
    if folded == "tinh":
        return "Tỉnh"
    if re.fullmatch(r"(?:xa|phuong|dac\s+khu)", folded):
        return unit_text
    return admin or unit_text


def _resolve_unit(unit_text: str | None, document: DocumentRecord) -> str | None:
    """Admin unit of a stated local issuer: a named unit, or "Thành phố"/"Tỉnh" = the province."""
    province = _province_context(document)
    if unit_text is None:
        return province if document.level != "province" else document.admin_unit
    folded = fold_label(unit_text)
    if re.fullmatch(r"(?:thanh\s+ph\S*|tinh)", folded):  # bare "Thành phố": the province
        return province
    if re.fullmatch(r"(?:xa|phuong|dac\s+khu)", folded):
        return document.admin_unit
    parsed = adminunits.parse_unit(unit_text, folded)
    if parsed is None:
        return unit_text
    label = parsed[0].label
    for known in (province, document.admin_unit):
        if known and fold_label(known) == fold_label(label):
            return known
    return label


def _stated_before(doc: _Doc, start: int, document: DocumentRecord) -> _Issuer | None:
    """"Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số ...": the proposing body."""
    head_start = max(0, start - 160)
    m = _PROPOSER.search(doc.folded[head_start:start])
    if not m:
        return None
    s, e = head_start + m.start("who"), head_start + m.end("who")
    who_f, who = doc.folded[s:e], doc.span(s, e)
    for title, body in _TITLES:
        if who_f.startswith(title + " "):
            rest = who[len(title) + 1 :].strip()
            label = f"{body} {rest}".strip() if body else rest
            return _Issuer(label[:1].upper() + label[1:], "stated", document.admin_unit)
    return _Issuer(who, "stated", document.admin_unit)


def _issuer_from_code(number: DocNumber, doc_type: str | None, document: DocumentRecord) -> _Issuer | None:
    if not number.issuer_code:
        return None
    issuer = doctypes.issuer_by_code(number.issuer_code, doc_type=doc_type)
    if issuer is None:
        return None
    if issuer.national:
        return _Issuer(issuer.label, "code", None)
    if issuer.alt_labels:
        label = _party_committee_label(document, issuer)
    else:  # UBND, HĐND are named by their code; other local bodies by their label
        label = issuer.code if issuer.code in ("UBND", "HĐND") else issuer.label
    if issuer.level == "province":
        return _Issuer(label, "code", _province_context(document))
    return _Issuer(label, "code", None)


def _numbered(doc: _Doc, document: DocumentRecord) -> list[CitationRecord]:
    out: list[CitationRecord] = []
    own = document.number
    ocr = doc.src.style == "ocr"
    found = list(find_numbers(doc.folded, original=doc.clean, ocr=ocr))
    for k, nm in enumerate(found):
        number = nm.number
        if own and number.number == own:
            continue
        start, phrase_type = _type_before(doc, nm.start)
        doc_type = number.doc_type
        if phrase_type and (number.family in ("letter", "legal") and number.type_code is None or doc_type is None):
            doc_type = phrase_type
        if doc_type is None and number.issuer_code and number.issuer_code.startswith("QH"):
            doc_type = "luat"
        date = date_at(doc.folded, nm.end)
        after = date.end if date else nm.end
        issuer, end = _stated_after(doc, after, document)
        if issuer is None and date is None:
            # "76/NQ-CP của Chính phủ ngày ..." is rare; the issuer may still follow the number.
            issuer, end = _stated_after(doc, nm.end, document)
        if issuer is None:
            issuer = _stated_before(doc, start, document)
            end = max(end, after)
        if issuer is None:
            issuer = _issuer_from_code(number, doc_type, document)
        clause = _clause(doc, start)
        line = doc.line_of(start)
        stop = _type_before(doc, found[k + 1].start)[0] if k + 1 < len(found) else None
        subject = subject_after(doc.clean, doc.folded, max(end, after), stop=stop, ocr=ocr)
        out.append(
            CitationRecord(
                line=line,
                quote=doc.span(start, max(end, after)),
                number=number.number,
                type=doc_type,
                issuer=issuer.label if issuer else None,
                issuer_source=issuer.source if issuer else None,  # type: ignore[arg-type]
                issuer_admin_unit=issuer.admin_unit if issuer else None,
                date=date.iso if date else None,
                role="legal_basis" if clause else "mentioned",
                clause=clause,
                subject=subject,
            )
        )
    return _share_issuers(out)


def _share_issuers(cits: list[CitationRecord]) -> list[CitationRecord]:
    """Occurrences of one number share what another occurrence in the document states.

    Within one document a number names one document, so an occurrence without an issuer
    takes the stated one (issuer_source "context") and one without a date takes the first
    stated date: the cited document's identity (number + issuer unit + year) then agrees
    across its occurrences.
    """
    stated: dict[str, CitationRecord] = {}
    dated: dict[str, str] = {}
    for c in cits:
        if c.number and c.issuer_source == "stated" and c.number not in stated:
            stated[c.number] = c
        if c.number and c.date and c.number not in dated:
            dated[c.number] = c.date
    out = []
    for c in cits:
        s = stated.get(c.number or "")
        if s is not None and c.issuer_source != "stated":
            c = replace(c, issuer=s.issuer, issuer_source="context", issuer_admin_unit=s.issuer_admin_unit)
        if c.date is None and c.number in dated:
            c = replace(c, date=dated[c.number])
        out.append(c)
    return out


def _laws(doc: _Doc) -> list[CitationRecord]:
    """Laws cited by name (graph/ingest/laws.py) as citations with their basis clause."""
    out = []
    for m in laws.find_laws(doc.clean, doc.folded, doc.repaired, ocr=doc.src.style == "ocr"):
        clause = _clause(doc, m.start)
        out.append(
            CitationRecord(
                line=doc.line_of(m.start),
                quote=doc.span(m.start, m.end),
                number=None,
                type="luat",
                issuer="Quốc hội",
                issuer_source="code",
                year=m.year,
                name=m.name,
                role="legal_basis" if clause else "mentioned",
                clause=clause,
            )
        )
    return out


def extract_citations(src: SourceText, *, document: DocumentRecord) -> list[CitationRecord]:
    """Every citation occurrence in a document, in reading order."""
    doc = _Doc.of(src)
    cits = _numbered(doc, document) + _laws(doc)
    return sorted(cits, key=lambda c: c.line)
