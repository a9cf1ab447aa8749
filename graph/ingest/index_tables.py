"""Index criteria tables: the PAR INDEX / SIPAS / PAPI appendices of a plan.

Convention encoded (the appendices "Các chỉ tiêu cần cải thiện, nâng cao tại Chỉ số ..."
that city plans attach, following the Bộ Nội vụ scoring sheets): one row per criterion,
``STT | Lĩnh vực / tiêu chí | Điểm tối đa | Kết quả năm trước | Mục tiêu năm nay | Đơn vị
chủ trì``. Criterion codes are dotted (``3.2``, ``5.1.4``); a top-level row (``3 | CẢI CÁCH
THỦ TỤC HÀNH CHÍNH``) is a reform area; a ``Tổng cộng`` / ``... CHUNG`` row is the index as
a whole (``100 91.43 >92.00``: max 100, last year 91.43, target > 92).

OCR scrambles these tables: cells wrap over lines, dots vanish from codes (``241`` for
``2.4.1``) and numbers (``15`` for ``1.5``), ``1`` reads as ``]`` or ``I``. What is
reconstructed here: codes whose dots were lost (when the digits extend the current area's
code), numbers that exceed their area's maximum (a lost decimal point), ``]``/``I`` for 1,
a criterion name wrapped onto the line before its numbers. Rows whose three numbers cannot
be read are reported in ``IndexTables.unreadable`` instead of guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_kg.graph.ingest.lexicon import best_concept, skeleton
from cchc_kg.graph.ingest.records import Comparator, DocumentRecord, TargetRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.text import SourceText
from rapidfuzz.distance import Levenshtein

INDEX_NOTATIONS = ("par_index", "sipas", "papi", "pci", "dti", "ddci")
_HEADER = re.compile(r"(?:toi da|t[a-z]{1,2}i da)")
_HEADER_TARGET = re.compile(r"m[a-z]{1,2}c\s?ti[a-z]{1,2}u")
_TOTAL = re.compile(r"^\s*(?:tong cong|tong so|chi so [a-z ]*chung)\b")
_CODE = re.compile(r"^[^\w>]{0,3}(?P<code>\d{1,3}(?:\s?[.:]\s?\d{1,2}){0,3})\s*\.?\s*[|;:,]?\s+")
_NUMBER_TOKEN = re.compile(r"^(?:>=?|≥)?(?:\d{1,3}(?:[.,]\d{1,4})?[\]Il]?|[\]Il!])$")
_YEAR = re.compile(r"n[a-z]m\s+((?:19|20)\d{2})")


@dataclass(slots=True)
class IndexTables:
    """Targets read from the index tables and the rows that could not be read."""

    targets: list[TargetRecord] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def extract_index_targets(src: SourceText, *, outline: Outline, document: DocumentRecord) -> list[TargetRecord]:
    """TargetRecords of index components (with maximum score and last year's result)."""
    return read_index_tables(src, outline=outline, document=document).targets


def read_index_tables(src: SourceText, *, outline: Outline, document: DocumentRecord) -> IndexTables:
    result = IndexTables()
    if outline.appendix_start is None:
        return result
    start = outline.appendix_start
    state: _Table | None = None
    for line in range(start, len(src.clean) + 1):
        clean = src.clean[line - 1]
        key = skeleton(clean)
        if _is_header(src, line):
            index, period = _table_context(src, line, floor=start, fallback=document.period)
            if index is None and state is not None:
                continue  # the header repeated on a new page: same table
            state = _Table(index=index, period=period) if index else None
            continue
        if state is None or not clean.strip():
            continue
        row = _parse_row(clean, key)
        if row is None:
            if _CODE.match(key) and re.search(r"[a-z]{3}", key):
                state.pending_name = clean  # a criterion whose numbers come on a later line
            elif re.search(r"[a-z]{3}", key) and not re.search(r"\d", key):
                state.pending_name = clean
            continue
        code, name, numbers, tail = row
        if len(re.findall(r"[a-z]{2,}", skeleton(name))) < 2 and state.pending_name:
            name = state.pending_name
        state.pending_name = None
        record, problem = state.record(line, code=code, name=name, numbers=numbers, tail=tail,
                                       text=clean, outline=outline)
        if record is not None:
            result.targets.append(record)
        elif problem:
            result.unreadable.append((line, problem))
    return result


def _is_header(src: SourceText, line: int) -> bool:
    """A column header: 'điểm tối đa' (or 'chỉ số ... tối đa') with 'mục tiêu' nearby."""
    window = " ".join(skeleton(c) for c in src.clean[line - 1:line + 2])
    first = skeleton(src.clean[line - 1])
    result = re.search(r"ket\s?qua", window) is not None
    return bool(_HEADER.search(first) or (_HEADER_TARGET.search(first) and result)) \
        and bool(_HEADER_TARGET.search(window)) and result


def _table_context(src: SourceText, line: int, *, floor: int, fallback: str | None) -> tuple[str | None, str | None]:
    """The index a table scores (named in its title above the header) and its target year."""
    index = None
    for back in range(line - 1, max(floor, line - 15) - 1, -1):
        hit = best_concept(skeleton(src.clean[back - 1]), "indicators")
        if hit and hit[0].notation in INDEX_NOTATIONS:
            index = hit[0].notation
            break
    header = " ".join(skeleton(c) for c in src.clean[line - 1:line + 3])
    years = _YEAR.findall(header)
    period = max(years) if years else fallback
    return index, period


@dataclass(slots=True)
class _Table:
    index: str
    period: str | None
    area_code: str | None = None
    area_max: float | None = None
    total_max: float = 100.0
    last_code: str | None = None
    seen: set[str] = field(default_factory=set)
    area: str | None = None
    pending_name: str | None = None

    def record(self, line: int, *, code: str | None, name: str, numbers: list[str], tail: str,
               text: str, outline: Outline) -> tuple[TargetRecord | None, str | None]:
        code = self._sequence(self._repair_code(code) if code and code.isdigit() and len(code) > 1
                              and self.area_code and code.startswith(self.area_code) else code)
        if len(numbers) < 3:
            return None, f"criterion {code or name[:30]!r}: {len(numbers)} of 3 numbers readable"
        comparator: Comparator = ">=" if not numbers[2].startswith(">") else ">"
        values = [_value(n) for n in numbers[-3:]]
        if any(v is None for v in values):
            return None, f"criterion {code or name[:30]!r}: unreadable number"
        maximum, baseline, target = values  # type: ignore[misc]
        top_level = code is None or (code.isdigit() and "." not in code)
        ceiling = self.total_max if top_level else self.area_max
        if code is not None and ceiling is not None:
            maximum, baseline, target = (_fix_scale(v, raw, ceiling)
                                         for v, raw in zip((maximum, baseline, target), numbers[-3:]))
        if code is None:
            self.total_max = maximum
        if top_level:
            self.area_code, self.area_max = code, maximum
            hit = best_concept(skeleton(name), "areas", fuzzy_cutoff=75)
            self.area = hit[0].notation if hit else None
        unit = "%" if self.index == "sipas" else "points"
        responsible = tail.strip(" |") if re.search(r"[A-Za-zÀ-ỹ]{2,}", tail or "") else None
        return TargetRecord(
            line=line,
            text=text.strip(),
            indicator=self.index,
            comparator=comparator,
            value=target,
            unit=unit,
            period=self.period,
            area=self.area if code else None,
            section=outline.section_at(line),
            baseline=baseline,
            max_score=maximum,
            criterion_code=code,
            responsible=responsible,
        ), None

    def _sequence(self, code: str | None) -> str | None:
        """Criterion codes run in sequence; a code that is not a valid next code (OCR damaged
        a digit or lost a dot: ``410`` after ``4.1.1``, ``79`` after ``7.1.4``) is replaced by
        the valid next code whose digits are closest (sibling first on a tie)."""
        if code is None or not re.fullmatch(r"\d+(?:\.\d+)*", code):
            return code
        last = self.last_code
        if last is not None and (code.count(".") or len(code) > 1):
            parts = last.split(".")
            child = last + ".1"
            ups = [".".join(parts[:k] + [str(int(parts[k]) + 1)]) for k in range(len(parts) - 1, -1, -1)]
            valid = [ups[0], child, *ups[1:]]  # preference on ties: sibling, child, then upwards
            if code == last:
                code = child
            elif code not in valid or code in self.seen:
                digits = code.replace(".", "")
                code = min(valid, key=lambda v: (Levenshtein.distance(v.replace(".", ""), digits),
                                                 valid.index(v)))
        self.last_code = code
        self.seen.add(code)
        return code

    def _repair_code(self, code: str | None) -> str | None:
        """``23`` -> ``2.3`` when the digits extend the current area's code (dot lost by OCR)."""
        if code is None:
            return None
        code = code.replace(":", ".").replace(" ", "")
        if "." in code or len(code) == 1:
            return code
        if self.area_code and code.startswith(self.area_code) and len(code) <= 3:
            return ".".join(code)
        return code


def _parse_row(clean: str, key: str) -> tuple[str | None, str, list[str], str] | None:
    """(code, name, number tokens, tail) of a table row, or None."""
    code = None
    body = clean
    m = _CODE.match(key)
    if m:
        code = re.sub(r"\s", "", m.group("code")).replace(":", ".")
        body = clean[m.end():]
    elif not _TOTAL.match(key):
        roman = re.match(r"^\s*([IVX]{1,4})\s*[|.]\s+", clean)
        if not roman:
            return None
        code = roman.group(1)  # group rows of SIPAS tables
        body = clean[roman.end():]
    tokens = [t for t in body.replace("|", " | ").split() if t != "|"]
    # the last run of number-like tokens; what follows it is the responsible unit
    best: tuple[int, int] | None = None
    i = 0
    while i < len(tokens):
        if _NUMBER_TOKEN.match(tokens[i]):
            j = i
            while j < len(tokens) and _NUMBER_TOKEN.match(tokens[j]):
                j += 1
            if j - i >= 2:
                best = (i, j)
            i = j
        else:
            i += 1
    if best is None:
        return None
    name = " ".join(tokens[:best[0]]).strip(" |;")
    numbers = tokens[best[0]:best[1]]
    tail = " ".join(tokens[best[1]:])
    if not re.search(r"[A-Za-zÀ-ỹ]{2,}", name) and code is None and not _TOTAL.match(key):
        return None
    return code, name, numbers, tail


def _value(token: str) -> float | None:
    token = token.lstrip(">=≥")
    token = re.sub(r"[\]Il!]$", "1", token) if re.match(r"^\d", token) else re.sub(r"^[\]Il!]$", "1", token)
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _fix_scale(value: float, raw: str, area_max: float) -> float:
    """A sub-criterion cannot score above its area's maximum: a decimal point was lost."""
    digits = raw.lstrip(">=≥")
    if value > area_max and re.fullmatch(r"\d{2,4}", digits):
        for k in range(1, len(digits)):
            if int(digits) / 10 ** k <= area_max:
                return int(digits) / 10 ** k
    return value
