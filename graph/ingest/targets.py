"""Quantified targets (chỉ tiêu) in a plan's body: indicator, comparator, value, unit, period.

Grammar encoded (as CCHC plans write targets; see domain.md, "Indices and typical targets"):

* A *quantity* is a percentage (``89%``), a level (``cấp độ 3``), a rank (``nhóm 05 tỉnh
  ... đứng đầu``, ``top 10``), a count of events (``ít nhất 02 cuộc đối thoại``), points
  (``90 điểm``) or a multiple of GDP (``30 lần GDP``). Years, dates, document and section
  numbers are never quantities; a percentage in parentheses (``(tăng 3,41%)``) is a past
  change, not a target.
* The *comparator* is read from the words right before the number (``tối thiểu``, ``ít
  nhất``, ``không dưới`` -> ``>=``; ``trên`` -> ``>``; ``tối đa``, ``không quá`` -> ``<=``;
  ``dưới`` -> ``<``) or after it (``trở lên`` -> ``>=``), including their OCR damage
  (``téi thiéu``, ``it nhét``, ``tré 1én``). Ranks are ``top_n``.
  With no comparator word (rule agreed with dev-gold's ``comparator_explicit: false``): a
  bare ``100%`` is ``=`` (nothing can exceed it); any other bare value, and ``đạt X``, is a
  floor, ``>=``. ``phấn đấu`` (aspiration) keeps the comparator and sets ``aspiration``.
* A sentence with several quantities yields several targets; ``trong đó`` opens a clause
  whose quantity belongs to a component (``SIPAS ≥ 89%, trong đó ... y tế, giáo dục ≥ 87%``).
  A percentage that only says how many units reach a level (``100% các sở đạt cấp độ 4``)
  qualifies the level and is not a target of its own.
* The *indicator* is the concept of ``ontology/schemes/indicators.ttl`` whose signal phrase
  occurs in the quantity's clause (else its sentence, else its item): the longer phrase
  wins, a component beats its broader index. None found: ``other``.
* *Period* comes from the enclosing heading (``Giai đoạn 2026-2027``), else the plan's own
  (filled in by the RDF mapping); *area* from the enclosing heading, else the indicator's
  usual area. ``line`` is the line where the number stands (what a reader quotes).

Only the body is read (first heading to the appendix); index tables in the appendix are
read by ``index_tables``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_kg.graph.ingest.index_tables import extract_index_targets
from cchc_kg.graph.ingest.lexicon import Concept, Hit, looks_damaged, phrase_hits, skeleton
from cchc_kg.graph.ingest.records import Comparator, DocumentRecord, TargetRecord
from cchc_kg.graph.ingest.sections import Outline, outline
from cchc_kg.graph.ingest.text import SourceText


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written with single spaces so that any run of spaces matches: the
    matching key keeps positions, so stray OCR marks blanked out leave runs of spaces."""
    return re.compile(pattern.replace(" ", r"\s+"))


_NUM = r"(?<![\d/.,])(\d{1,3}(?:[.,]\d{1,2})?)"
_PERCENT = re.compile(_NUM + r"\s?%")
_LEVEL = _rx(r"(?<![a-z])c[a-z]{1,2}p\s+d[a-z]{0,2}\s*(\d{1,2})(?![\d/%.,]\d)")
_RANK = _rx(r"(?<![a-z])(?:nhom|top|xep (?:hang )?thu)\s+(?:cac\s+)?(\d{1,2})(?=[\s,.;]|$)")
_RANK_TAIL = _rx(r"dung dau|dan dau|cao nhat|dau ca nuoc|dau toan quoc")
_COUNT = _rx(
    _NUM.replace(r"(?:[.,]\d{1,2})?", "")
    + r"\s+(cu[a-z]{1,2}c|l[a-z]n|hoi nghi|buoi|dot|lop|mo hinh|sang kien|chuyen de)(?![a-z])"
)
_POINTS = _rx(_NUM + r"\s+di[a-z]?m(?![a-z])")
# A rise in a ranking: "tăng ít nhất 3 bậc", "cải thiện 5 hạng" (unit rank, a floor on the rise).
_RANK_STEPS = _rx(r"(?<![a-z])(?:tang|nang|cai thien|vuon len)\s+(?:(?:it nhat|toi thieu|tu)\s+)?"
                  + _NUM.replace(r"(?:[.,]\d{1,2})?", "") + r"\s+(?:bac|hang|vi tri|bac xep hang)(?![a-z])")
_GDP = _rx(_NUM + r"\s+[li]an\s*gdp")
_SYMBOL = re.compile(r"(>=|≥|<=|≤|>|<)\s*(\d{1,3}(?:[.,]\d{1,2})?)(?!\s?%)")
_TIMES = _rx(r"(?<![a-z])gap\s+" + _NUM + r"\s+lan(?![a-z])")
_DAYS = _rx(_NUM + r"\s+(ngay|gio|thang)(?! \d)(?![a-z])")
_MONEY = _rx(_NUM + r"\s+(ty|trieu|nghin|ngan)\s+dong(?![a-z])")
_DURATION_UNITS = {"ngay": "days", "gio": "hours", "thang": "months"}
_MONEY_SCALE = {"ty": 1e9, "trieu": 1e6, "nghin": 1e3, "ngan": 1e3}
# A duration or an amount is a target only after a bound or a change word (``không quá 05 ngày
# làm việc``, ``rút ngắn còn 3 ngày``, ``tiết kiệm ít nhất 2 tỷ đồng``); elsewhere it is a
# deadline, a time limit of a procedure being described, or a budget line.
_BOUND_LEAD = _rx(r"(?:t[a-z]{0,2}i thi[a-z]{0,2}u|it nh[a-z]{1,2}t|t[a-z]{0,2}i da|khong qua|khong vuot qua|"
                  r"duoi|trong vong|xuong con|con|rut ngan|giam|tiet kiem|dat)\s*(?:la\s*)?$")

_GE_BEFORE = _rx(
    r"(?:t[a-z]{0,2}i thi[a-z]{0,2}u|it nh[a-z]{1,2}t|khong duoi|khong thap hon|khong it hon|khong kem hon)"
    r"\s*(?:la\s*)?(?:dat\s*)?$"
)
_GT_BEFORE = _rx(r"(?:(?<![a-z])tren|cao hon|vuot)\s*$")
_LE_BEFORE = _rx(r"(?:t[a-z]{0,2}i da|khong qua|khong vuot qua|trong vong|xuong con|(?<![a-z])con)\s*(?:la\s*)?$")
_LT_BEFORE = _rx(r"(?<![a-z])duoi\s*$")
_GE_AFTER = _rx(r"^\s*(?:tro|tr[a-z]{1,2})\s*l[a-z]{1,2}n(?![a-z])")
_LE_AFTER = _rx(r"^\s*tr[a-z]{1,2}\s*xu[a-z]{1,2}ng")
_COUNT_LEAD = _rx(r"(?:it nh[a-z]{1,2}t|t[a-z]{0,2}i thi[a-z]{0,2}u|to ch[a-z]{1,3}c|khong it hon|khong duoi)\s*$")
# "từ 85% đến 90%": one target, its floor; the range's end is where the plan expects to land.
_RANGE_FROM = _rx(r"(?<![a-z])tu\s*$")
_RANGE_TO = _rx(r"^\s*(?:den|toi|-|–)\s*(?:duoi\s*)?$")
# "95 - 100%", "từ 80 đến 90 điểm": the unit printed once, after the range's end.
_BARE_RANGE_START = re.compile(r"(?<![\d/.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:-|–|den|toi)\s*$")
_ASPIRATION = _rx(r"(?<![a-z])ph[a-z]{1,3}n\s+d(?:[a-z}]{0,2}u|e\}l)(?![a-z])")
_SENTENCE_END = re.compile(r";|\.\s+(?=\S)")
_TRONG_DO = _rx(r",?\s*trong (?:[a-z]{1,3} )?do(?![a-z])\s*,?")
_PAGE_NUMBER = re.compile(r"^\W*\d{1,3}\W*$")
_BULLET = re.compile(r"^[-+•*]\s*")
# OCR specks between words, blanked out of the matching key (same length, so positions hold).
_STRAY = re.compile(r"[~`'‘’\"“”_^|]")
_SYMBOLS: dict[str, Comparator] = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<"}


@dataclass(slots=True)
class _Block:
    """One list item or paragraph, its lines joined; ``key`` is the matching skeleton."""

    lines: list[int]
    offsets: list[int]
    text: str
    key: str

    def line_at(self, pos: int) -> int:
        line = self.lines[0]
        for ln, off in zip(self.lines, self.offsets):
            if off > pos:
                break
            line = ln
        return line


@dataclass(slots=True)
class _Quantity:
    start: int
    end: int
    value: float
    unit: str
    comparator: Comparator | None = None  # fixed by the pattern (rank, symbol)


def extract_targets(
    src: SourceText, *, document: DocumentRecord, structure: Outline | None = None
) -> list[TargetRecord]:
    """Every quantified target of the plan's body, then those of its index tables.

    ``structure`` is the document's outline when the caller already has it (the pipeline
    computes it once for every extractor).
    """
    out = structure or outline(src)
    # no numbered heading at all (a short plan of bullet points): the whole body is read
    start = out.headings[0].line if out.headings else 1
    end = out.appendix_start or len(src.lines) + 1
    heading_lines = {ln for h in out.headings if h.level <= 3 and not _is_letter(h) and not _is_statement(h)
                     for ln in range(h.line, (h.end_line or h.line) + 1)}
    heading_lines |= {ln for ln in range(start, end) if out.retrospective_at(ln)}
    targets: list[TargetRecord] = []
    seen: set[tuple[int, float, str, str]] = set()
    ocr = looks_damaged(src)
    first = _first_year(document)
    for block in _blocks(src, start=start, end=end, skip=heading_lines):
        for t in _block_targets(block, outline=out, ocr=ocr, first_year=first):
            key = (t.line, t.value, t.unit, t.indicator)
            if key not in seen:
                seen.add(key)
                targets.append(t)
    targets.extend(extract_index_targets(src, outline=out, document=document))
    return targets


def _is_letter(h) -> bool:
    return len(h.number) == 1 and h.number.isalpha()


_STATEMENT_END = re.compile(r"[.;]\s*$")


def _is_statement(h) -> bool:
    """A numbered list entry the outline took for a heading: a full sentence (``1. Phấn đấu
    Chỉ số SIPAS của phường đạt trên 92%.``) under a section such as ``II. CHỈ TIÊU``.
    Headings name a topic in a few words and carry no closing punctuation."""
    return h.level >= 2 and len(h.title.split()) >= 8 and bool(_STATEMENT_END.search(h.title))


def _blocks(src: SourceText, *, start: int, end: int, skip: set[int]) -> list[_Block]:
    """List items and paragraphs between two lines; OCR page breaks do not split a sentence."""
    blocks: list[_Block] = []
    cur: _Block | None = None
    for line in range(start, min(end, len(src.clean) + 1)):
        clean = src.clean[line - 1]
        if line in skip:
            cur = None
            continue
        if not clean or _PAGE_NUMBER.match(clean):
            if cur is not None and cur.text.rstrip().endswith((".", ";", ":")):
                cur = None
            continue
        starts_item = bool(_BULLET.match(clean)) or re.match(r"^[a-zđ]\)", clean) is not None
        lower_start = clean[:1].islower() and not starts_item
        if cur is None or starts_item or (not lower_start and cur.text.rstrip().endswith((".", ";", ":"))):
            cur = _Block(lines=[], offsets=[], text="", key="")
            blocks.append(cur)
        if cur.text:
            cur.text += " "
            cur.key += " "
        cur.lines.append(line)
        cur.offsets.append(len(cur.text))
        cur.text += clean
        cur.key += _STRAY.sub(" ", skeleton(clean))
    return blocks


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Split ``text`` at every match of ``regex`` into (start, end) spans."""
    spans, pos = [], 0
    for m in regex.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in spans if s[1] > s[0]]


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _quantities(key: str) -> list[_Quantity]:
    found: list[_Quantity] = []
    for m in _PERCENT.finditer(key):
        if _in_parentheses(key, m.start()):
            continue
        found.append(_Quantity(m.start(1), m.end(), _number(m.group(1)), "%"))
    for m in _LEVEL.finditer(key):
        found.append(_Quantity(m.start(1), m.end(), float(m.group(1)), "level"))
    for m in _RANK.finditer(key):
        tail = key[m.end():m.end() + 60]
        if "top" in m.group(0) or "xep" in m.group(0) or _RANK_TAIL.search(tail):
            found.append(_Quantity(m.start(1), m.end(), float(m.group(1)), "rank", "top_n"))
    for m in _GDP.finditer(key):
        found.append(_Quantity(m.start(1), m.end(), _number(m.group(1)), "times_gdp"))
    for m in _TIMES.finditer(key):
        found.append(_Quantity(m.start(1), m.end(), _number(m.group(1)), "times"))
    for m in _DAYS.finditer(key):
        if _BOUND_LEAD.search(key[max(0, m.start() - 25):m.start()]):
            found.append(_Quantity(m.start(1), m.end(), _number(m.group(1)), _DURATION_UNITS[m.group(2)]))
    for m in _MONEY.finditer(key):
        if _BOUND_LEAD.search(key[max(0, m.start() - 25):m.start()]):
            found.append(_Quantity(m.start(1), m.end(), _number(m.group(1)) * _MONEY_SCALE[m.group(2)], "VND"))
    for m in _RANK_STEPS.finditer(key):
        found.append(_Quantity(m.start(1), m.end(), float(m.group(1)), "rank"))
    for m in _POINTS.finditer(key):
        found.append(_Quantity(m.start(1), m.end(), _number(m.group(1)), "points"))
    for m in _SYMBOL.finditer(key):
        found.append(_Quantity(m.start(2), m.end(), _number(m.group(2)), "points", _SYMBOLS[m.group(1)]))
    for m in _COUNT.finditer(key):
        if _COUNT_LEAD.search(key[max(0, m.start() - 25):m.start()]):
            found.append(_Quantity(m.start(1), m.end(), float(m.group(1)), "count"))
    for q in found:
        m = _BARE_RANGE_START.search(key, max(0, q.start - 20), q.start) if q.unit in ("%", "points") else None
        if m is not None and q.comparator is None and _number(m.group(1)) < q.value:
            q.start, q.value, q.comparator = m.start(1), _number(m.group(1)), ">="  # the range's floor
    found.sort(key=lambda q: q.start)
    unique: list[_Quantity] = []
    for q in found:
        if unique and q.start < unique[-1].end:
            continue  # overlapping patterns: keep the first (percent before points)
        unique.append(q)
    return unique


def _in_parentheses(key: str, pos: int) -> bool:
    opened = key.rfind("(", 0, pos)
    return opened != -1 and key.rfind(")", opened, pos) == -1 and pos - opened < 40


def _comparator(q: _Quantity, before: str, after: str) -> Comparator:
    if q.comparator:
        return q.comparator
    if _GE_AFTER.match(after):
        return ">="
    if _LE_AFTER.match(after):
        return "<="
    if _GE_BEFORE.search(before):
        return ">="
    if _LE_BEFORE.search(before):
        return "<="
    if _LT_BEFORE.search(before):
        return "<"
    if _GT_BEFORE.search(before):
        return ">"
    if q.unit == "%" and q.value == 100:
        return "="
    return ">="


def _indicators(key: str, spans: list[tuple[int, int]], pos: int, *, unit: str, ocr: bool) -> list[Concept]:
    """Indicator signalled nearest in scope (clause, then sentence, then item), followed by the
    one its head phrase shares through coordination: "hài lòng khi sử dụng DVC tại UBND phường
    và DVC trực tuyến từ 90%" states one floor for two indicators."""
    for start, end in spans:
        hits = _concepts_in(key[start:end], pos - start, unit=unit, ocr=ocr)
        if hits:
            best = hits[0]
            related = {best.concept.notation, best.concept.broader}
            partner = next((h for h in hits[1:] if h.coordinated and h.concept.notation not in related
                            and h.concept.broader != best.concept.notation
                            and h.start < best.end and best.start < h.end), None)
            return [best.concept] + ([partner.concept] if partner else [])
    return []


def _concepts_in(text: str, pos: int, *, unit: str, ocr: bool) -> list[Hit]:
    """Concepts signalled in ``text``, best first: a component beats its broader index, then
    the longer phrase (weighted by match quality in OCR text) with a bonus for a concept whose
    usual unit is the quantity's (``thời gian giải quyết`` + days is a time limit, + % a
    reduction), then the nearer one."""
    hits = phrase_hits(text, "indicators", fuzzy_cutoff=86 if ocr else 0, both_ends=False,
                       ocr_words=ocr, coordination=True)
    if not hits:
        return []
    broader = {h.concept.broader for h in hits if h.concept.broader}
    hits = [h for h in hits if h.concept.notation not in broader]

    def rank(h: Hit) -> tuple[float, int]:
        distance = min(abs(h.start - pos), abs(h.end - pos))
        exact_bonus = 6.0 if h.score == 100.0 else 0.0  # an exact phrase is far more reliable
        # the quantity's unit agrees with the concept's usual unit: decisive for a rare unit
        # (days, level, rank), only a tie-break for the common % and count
        unit_bonus = (8.0 if unit not in ("%", "count") else 0.5) if h.concept.unit == unit else 0.0
        return h.length * h.score / 100.0 + exact_bonus + unit_bonus, -distance

    return sorted(hits, key=rank, reverse=True)


def _first_year(document: DocumentRecord) -> int | None:
    """The first year the plan covers (its period, else its date's year)."""
    for text in (document.period, document.date):
        m = re.search(r"(?:19|20)\d\d", text or "")
        if m:
            return int(m.group())
    return None


# "Năm 2025, Chỉ số CCHC đạt 86,45 điểm", "Chỉ số CCHC năm 2025 của phường (đạt 84,17 điểm)":
# a year the plan does not cover, named before the number in its sentence, makes the number
# a result already reached (a baseline), not a target. "so với năm 2025" names a reference.
_PAST_YEAR = re.compile(r"(?<![a-z])n[a-z]{1,2}m\s+((?:19|20)\d\d)(?!\d)")
_REFERENCE_BEFORE = re.compile(r"(?:so\s+v[a-z]{1,2}i|tu|den|vao|truoc|sau|cuoi|dau)\s*$")


def _baseline(key: str, s_start: int, q_start: int, first_year: int | None) -> bool:
    """The quantity at ``q_start`` is a result of a year before the plan: that year is named
    before it in its sentence, or opens the whole item ("Năm 2025, ...; Chỉ số SIPAS đạt
    84,6%.")."""
    if first_year is None:
        return False
    opening = _PAST_YEAR.match(key, len(key) - len(key.lstrip(" -+*•.")))
    if opening and int(opening.group(1)) < first_year:
        return True
    for m in _PAST_YEAR.finditer(key, s_start, q_start):
        if int(m.group(1)) < first_year and not _REFERENCE_BEFORE.search(key[max(s_start, m.start() - 12):m.start()]):
            return True
    return False


def _block_targets(block: _Block, *, outline: Outline, ocr: bool, first_year: int | None = None) -> list[TargetRecord]:
    quantities = _quantities(block.key)
    if not quantities:
        return []
    sentences = _spans(_SENTENCE_END, block.key)
    records: list[TargetRecord] = []
    for s_start, s_end in sentences:
        in_sentence = [q for q in quantities if s_start <= q.start < s_end]
        if not in_sentence:
            continue
        sentence_key = block.key[s_start:s_end]
        clauses = [(s_start + a, s_start + b) for a, b in _spans(_TRONG_DO, sentence_key)]
        kept = _drop_qualifiers(in_sentence, clauses, key=block.key)
        prev_end = s_start
        for q in in_sentence:
            c_start, c_end = next(((a, b) for a, b in clauses if a <= q.start < b), (s_start, s_end))
            if q not in kept or _baseline(block.key, s_start, q.start, first_year):
                prev_end = q.end
                continue
            before = block.key[max(c_start, prev_end, q.start - 40):q.start]
            after = block.key[q.end:min(c_end, q.end + 25)]
            prev_end = q.end
            comparator = _comparator(q, before, after)
            concepts = _indicators(block.key, [(c_start, c_end), (s_start, s_end), (0, len(block.key))],
                                   q.start, unit=q.unit, ocr=ocr)
            line = block.line_at(q.start)
            for concept in concepts or [None]:
                records.append(_record(block, q, concept, comparator=comparator, line=line,
                                       sentence=(s_start, s_end), outline=outline))
    return records


def _record(block: _Block, q: _Quantity, concept: Concept | None, *, comparator: Comparator, line: int,
            sentence: tuple[int, int], outline: Outline) -> TargetRecord:
    s_start, s_end = sentence
    area = outline.area_at(line) or (concept.area if concept else None)
    return TargetRecord(
        line=line,
        text=_BULLET.sub("", block.text[s_start:s_end].strip(" .;,")),
        indicator=concept.notation if concept else "other",
        comparator=comparator,
        value=q.value,
        unit=q.unit,
        period=outline.period_at(line),
        area=area,
        section=outline.section_at(line),
        aspiration=bool(_ASPIRATION.search(block.key[:q.start])),
    )


def _drop_qualifiers(quantities: list[_Quantity], clauses: list[tuple[int, int]], *, key: str) -> list[_Quantity]:
    """Drop percentages that only count the units reaching a level or rank in their clause,
    counts that only qualify a preceding percentage (``100% ... ít nhất 01 lần``), and the
    end of a range (``từ 85% đến 90%``: the target is the floor)."""
    kept: list[_Quantity] = []
    for i, q in enumerate(quantities):
        prev = quantities[i - 1] if i else None
        if prev is not None and prev.unit == q.unit and _RANGE_TO.match(key[prev.end:q.start]) \
                and _RANGE_FROM.search(key[max(0, prev.start - 12):prev.start]):
            continue
        clause = next(((a, b) for a, b in clauses if a <= q.start < b), None)
        same = [o for o in quantities if clause and clause[0] <= o.start < clause[1] and o is not q]
        if q.unit == "%" and any(o.unit in ("level", "rank") and o.start > q.start for o in same):
            continue
        if q.unit in ("count", "days", "hours", "months") and any(o.unit == "%" and o.start < q.start for o in same):
            continue  # "100% phản ánh ... xử lý trong vòng 05 ngày": the bound qualifies the share
        kept.append(q)
    return kept
