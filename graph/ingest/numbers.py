"""The grammar of Vietnamese document numbers ("số, ký hiệu"), clean and OCR-damaged.

Families (Nghị định 30/2020/NĐ-CP, Phụ lục III; Hướng dẫn 36-HD/VPTW for Party documents):

- administrative  ``NUMBER/TYPE-ISSUER[-UNIT]``        76/NQ-CP, 282/QĐ-TTg, 228/TTr-VHXH
- legal normative ``NUMBER/YEAR/TYPE-ISSUER``          59/2019/NĐ-CP, 41/2025/NQ-HĐND
                  ``NUMBER/YEAR/QHnn`` (laws)          226/2025/QH15
- Party           ``NUMBER-TYPE/ISSUER[-UNIT]``        01-CTr/TU, 68-NQ/TW, 09-NQ/ĐH
- letters         ``NUMBER/ISSUER-UNIT``               4625/BNV-CCHC, 2231/SNV-CCHC&PC

NUMBER may carry a suffix letter (30c) or a decimal part (66.7). Type and issuer codes come
from ontology/schemes/doc-types.ttl and issuers.ttl (graph/ingest/doctypes.py) and are
normalised to their proper spelling (QĐ, NĐ, HĐND, CTr, TTg). OCR variants handled: codes
without Đ (``QD``, ``ND``) or with Đ read as P (``QP``, ``HPND``), spaces inside the number
(``2595 /QĐ-UBND``, year split ``59/20 19/ND-CP``), dashes (``ND—CP``), a missing hyphen
(``NDCP``), a comma inside OCR'd digits (``15,2/2017``), and line breaks after a hyphen
or slash. Matching runs on accent-folded text; the original (same length) supplies letter case
for codes the tables do not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cchc_kg.graph.ingest import doctypes
from cchc_kg.graph.ingest.normalise import fold

Family = Literal["admin", "legal", "party", "letter"]

_SERIAL = r"(?P<serial>\d{1,5}(?:[.,]\d{1,3})?[a-z]?)"
_LEAD = r"(?<![\w/.,\-])"
_CODE = r"[a-z&]+\d{0,2}"
_HY = r"[ \t]*[-–—][ \t]*(?:\n[ \t]*)?"
_CODES = rf"(?P<codes>{_CODE}(?:{_HY}{_CODE})*)"
_SLASH = r"[ \t]*/[ \t]*(?:\n[ \t]*)?"
_END = r"(?![a-z0-9])"

_LEGAL = re.compile(rf"{_LEAD}{_SERIAL}{_SLASH}(?P<year>(?:19|20) ?\d ?\d){_SLASH}{_CODES}{_END}")
_PARTY = re.compile(rf"{_LEAD}{_SERIAL}[ \t]*[-–—][ \t]*(?:\n[ \t]*)?(?P<ptype>[a-z]+){_SLASH}{_CODES}{_END}")
_ADMIN = re.compile(rf"{_LEAD}{_SERIAL}{_SLASH}{_CODES}{_END}")
_CODE_SPLIT = re.compile(_HY)
_DANGLING = re.compile(r"[ \t]*[-–—][ \t]*")
_NEXT_LINE_CODE = re.compile(r"[^\n]*\n[ \t]*([A-Za-zĐđ]{1,6}\d{0,2})(?![\w])")
# "số" (or a type word) right before the number: licenses numbers whose codes are unknown.
_SO_BEFORE = re.compile(r"(?:\bso|\bs[o0-9]{1,2}|:)\s*$")


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A parsed document number with its normalised spelling and its parts."""

    number: str
    serial: str
    family: Family
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    units: tuple[str, ...] = ()
    doc_type: str | None = None  # doc-type key implied by the code (letters: cong_van)

    @property
    def issuer_known(self) -> bool:
        return bool(self.issuer_code and doctypes.is_issuer_code(self.issuer_code))


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    number: DocNumber


def _variants(code: str) -> list[str]:
    """Folded spellings to try for a code: as is, then with OCR's P for Đ undone."""
    out = [code]
    if "p" in code:
        out.append(code.replace("p", "d"))
    return out


def _canonical_type(code: str) -> str | None:
    for v in _variants(code):
        t = doctypes.type_by_code(v)
        if t:
            return t.code
    return None


def _canonical_issuer(code: str, printed: str) -> str | None:
    for v in _variants(code):
        cands = doctypes.issuer_candidates(v)
        if cands and cands[0].code:
            digits = re.sub(r"\D", "", v)
            base = cands[0].code
            return base + digits if digits and not base[-1].isdigit() else base
    return None


def _printed_code(printed: str) -> str:
    """A code the tables do not know, as printed; OCR'd lower case is raised."""
    code = printed.replace("—", "-").replace("–", "-").strip()
    return code.upper() if code == code.lower() else code


def _looks_like_code(printed: str) -> bool:
    """Unknown codes must look like codes in the original: mostly capitals (VHXH, CCHC&PC)."""
    letters = [c for c in printed if c.isalpha()]
    if not letters or len(letters) > 10:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= max(1, len(letters) - 1)


def _split_fused(code: str) -> tuple[str, str] | None:
    """``ndcp`` -> (``nd``, ``cp``): OCR dropped the hyphen between type and issuer."""
    for i in range(1, len(code)):
        head, tail = code[:i], code[i:]
        if _canonical_type(head) and _canonical_issuer(tail, tail):
            return head, tail
    return None


def _serial(raw: str, *, ocr: bool) -> str:
    raw = raw.replace(" ", "")
    if "," in raw:
        # Vietnamese writes decimals with a comma (66,7); OCR inserts commas into digits.
        raw = raw.replace(",", "") if ocr else raw.replace(",", ".")
    return raw


def _code_parts(folded: str, printed: str) -> list[tuple[str, str]]:
    """Split a code chain into (folded, printed) codes on hyphens, keeping offsets aligned."""
    parts = []
    pos = 0
    for m in _CODE_SPLIT.finditer(folded):
        parts.append((folded[pos : m.start()], printed[pos : m.start()]))
        pos = m.end()
    parts.append((folded[pos:], printed[pos:]))
    return parts


def _units(parts: list[tuple[str, str]]) -> tuple[str, ...]:
    """Trailing unit codes (CCHC, VHXH, CCHC&PC); stop at the first that is not code-like."""
    out = []
    for f, p in parts:
        known = _canonical_issuer(f, p)
        if known:
            out.append(known)
        elif _looks_like_code(p):
            out.append(_printed_code(p))
        else:
            break
    return tuple(out)


def _build(
    m: re.Match[str], family: Family, folded: str, printed: str, *, ocr: bool, licensed: bool
) -> tuple[DocNumber, int] | None:
    """Validate the codes of a raw match and build the normalised number (and its end)."""
    serial = _serial(m.group("serial"), ocr=ocr)
    cstart, cend = m.span("codes")
    parts = _code_parts(folded[cstart:cend], printed[cstart:cend])
    year = int(m.group("year").replace(" ", "")) if family == "legal" else None
    if year is not None and not 1945 <= year <= 2100:
        return None

    def end_after(n: int) -> int:
        """Offset where the first ``n`` codes end (drop trailing non-codes)."""
        chain = folded[cstart:cend]
        pieces = list(_CODE_SPLIT.finditer(chain))
        return cstart + (pieces[n - 1].start() if n - 1 < len(pieces) else len(chain))

    if family == "party":
        ptype = _canonical_type(m.group("ptype"))
        if not ptype:
            return None
        f0, p0 = parts[0]
        issuer = _canonical_issuer(f0, p0) or (_printed_code(p0) if _looks_like_code(p0) else None)
        if not issuer:
            return None
        units = _units(parts[1:])
        number = f"{serial}-{ptype}/" + "-".join((issuer, *units))
        dtype = doctypes.type_by_code(ptype)
        return DocNumber(number, serial, family, None, ptype, issuer, units, dtype.key if dtype else None), end_after(1 + len(units))

    f0, p0 = parts[0]
    type_code = _canonical_type(f0)
    rest = parts[1:]
    if not type_code and not _canonical_issuer(f0, p0):
        fused = _split_fused(f0)
        if fused:
            type_code = _canonical_type(fused[0])
            rest = [(fused[1], fused[1])] + rest
    if type_code:
        if not rest:
            return None  # type without issuer: incomplete (completed by the caller if it can)
        fi, pi = rest[0]
        issuer = _canonical_issuer(fi, pi) or (_printed_code(pi) if _looks_like_code(pi) else None)
        if not issuer:
            return None
        units = _units(rest[1:])
        head = f"{serial}/{year}/" if year else f"{serial}/"
        number = head + "-".join((type_code, issuer, *units))
        dtype = doctypes.type_by_code(type_code)
        return (
            DocNumber(number, serial, family, year, type_code, issuer, units, dtype.key if dtype else None),
            end_after(len(parts) - len(rest) + 1 + len(units)) if len(parts) > len(rest) else end_after(1 + len(units)),
        )
    # No type code: a letter (4625/BNV-CCHC) or a law-style number (226/2025/QH15).
    issuer = _canonical_issuer(f0, p0)
    if not issuer:
        if not (licensed and _looks_like_code(p0)):
            return None
        issuer = _printed_code(p0)
    units = _units(parts[1:])
    if family == "legal":
        number = f"{serial}/{year}/" + "-".join((issuer, *units))
        return DocNumber(number, serial, "legal", year, None, issuer, units, None), end_after(1 + len(units))
    if not units and not licensed:
        return None
    number = f"{serial}/" + "-".join((issuer, *units))
    return DocNumber(number, serial, "letter", None, None, issuer, units, "cong_van"), end_after(1 + len(units))


def _complete_from_next_line(
    m: re.Match[str], folded: str, printed: str, *, ocr: bool
) -> tuple[DocNumber, int] | None:
    """``50/2017/QP-`` at a line's end with ``TTg`` opening the next: a wrapped table cell."""
    dangling = _DANGLING.match(folded, m.end())
    if not dangling:
        return None
    nxt = _NEXT_LINE_CODE.match(printed, dangling.end())
    if not nxt:
        return None
    code = nxt.group(1)
    if not doctypes.is_issuer_code(code) or code == code.lower():
        return None
    type_code = _canonical_type(m.group("codes"))
    if not type_code or not re.fullmatch(_CODE, m.group("codes")):
        return None
    issuer = _canonical_issuer(fold(code), code)
    serial = _serial(m.group("serial"), ocr=ocr)
    year = int(m.group("year").replace(" ", "")) if "year" in m.groupdict() and m.group("year") else None
    head = f"{serial}/{year}/" if year else f"{serial}/"
    dtype = doctypes.type_by_code(type_code)
    family: Family = "legal" if year else "admin"
    return DocNumber(head + f"{type_code}-{issuer}", serial, family, year, type_code, issuer, (), dtype.key if dtype else None), nxt.end(1)


def find_numbers(folded: str, *, original: str | None = None, ocr: bool = False) -> list[NumberMatch]:
    """Every document number in folded text (may span lines), left to right, no overlaps.

    ``original`` is the same text before folding (same length); it tells codes from words
    by their capitals. ``ocr`` turns on OCR-only readings (a comma inside digits is noise).
    """
    printed = original if original is not None and len(original) == len(folded) else folded.upper()
    candidates: list[NumberMatch] = []
    for family, pattern in (("legal", _LEGAL), ("party", _PARTY), ("admin", _ADMIN)):
        for m in pattern.finditer(folded):
            before = folded[max(0, m.start() - 12) : m.start()]
            licensed = bool(_SO_BEFORE.search(before))
            built = _build(m, family, folded, printed, ocr=ocr, licensed=licensed)  # type: ignore[arg-type]
            if built is None and family in ("legal", "admin"):
                built = _complete_from_next_line(m, folded, printed, ocr=ocr)
            if built is None:
                continue
            number, end = built
            candidates.append(NumberMatch(m.start(), max(end, m.start() + 1), number))
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[NumberMatch] = []
    last_end = -1
    for c in candidates:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out


def parse_number(text: str, *, ocr: bool = False) -> DocNumber | None:
    """Parse the first document number in ``text`` (original spelling, any damage above)."""
    found = find_numbers(fold(text), original=text, ocr=ocr)
    return found[0].number if found else None


def normalise_number(text: str, *, ocr: bool = False) -> str | None:
    """``59/20 19/ND-CP`` -> ``59/2019/NĐ-CP``; None when ``text`` holds no number."""
    parsed = parse_number(text, ocr=ocr)
    return parsed.number if parsed else None
