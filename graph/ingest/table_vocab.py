"""Column vocabulary of appendix task tables, loaded from ``task_table_vocab.json``.

Task tables in CCHC plans (phụ lục nhiệm vụ, danh mục nhiệm vụ) share their column
vocabulary across provinces and communes: leader phrases ("Phó Chủ tịch UBND ... phụ trách
theo lĩnh vực"), unit names opened by Phòng/Văn phòng/Sở/UBND/Trung tâm/Công an, deadline
phrases with Tháng/Quý/năm/Thường xuyên, products such as Kế hoạch/Báo cáo/Quyết định, and
tasks that open with a verb (Ban hành, Xây dựng, Tổ chức ...). The words live in the data
file; this module compiles them once and answers "which column could this text be?".
Everything matches on accent-folded text (``normalise.fold``), which keeps string positions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

CELL_TYPES = ("leader", "lead", "coord", "deadline", "product")
COLUMN_TYPES = ("title", *CELL_TYPES)

_VOCAB_FILE = Path(__file__).with_name("task_table_vocab.json")
# Where a product cell may start: the line start, a column rule, a dash, a double space.
_CELL_START = re.compile(r"(?:^|\|\s*|\s-\s*|\s{2,})")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    header: dict[str, tuple[str, ...]]
    strong: dict[str, tuple[re.Pattern[str], ...]]
    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    product_phrase: re.Pattern[str]
    verbs: tuple[str, ...]
    unit_heads: tuple[str, ...]
    openers: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The compiled vocabulary (read once; the file is part of the package)."""
    try:
        raw = json.loads(_VOCAB_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # pragma: no cover - broken install
        raise RuntimeError(f"cannot read task-table vocabulary {_VOCAB_FILE}: {exc}") from exc
    header = {k: tuple(v) for k, v in raw["header"].items() if not k.startswith("_")}
    strong: dict[str, tuple[re.Pattern[str], ...]] = {}
    words: dict[str, frozenset[str]] = {}
    for kind in CELL_TYPES:
        entry = raw["cues"][kind]
        strong[kind] = tuple(re.compile(p) for p in entry["strong"])
        words[kind] = frozenset(entry["words"])
    phrases = {
        kind: tuple(tuple(p.split()) for p in raw["phrases"].get(kind, [])) for kind in CELL_TYPES
    }
    product_phrase = re.compile(raw["cues"]["product"]["strong"][0].lstrip("^"))
    verbs = tuple(sorted(raw["title_verbs"]["verbs"], key=len, reverse=True))
    heads = tuple(sorted(raw["unit_heads"]["words"], key=len, reverse=True))
    return Vocabulary(
        header=header,
        strong=strong,
        words=words,
        phrases=phrases,
        product_phrase=product_phrase,
        verbs=verbs,
        unit_heads=heads,
        openers={
            k: tuple(re.compile(p) for p in v)
            for k, v in raw.get("cell_openers", {}).items()
            if not k.startswith("_")
        },
    )


def cue_spans(folded: str, kind: str) -> list[tuple[int, int]]:
    return list(_cue_spans(folded, kind))


@lru_cache(maxsize=65536)
def _cue_spans(folded: str, kind: str) -> tuple[tuple[int, int], ...]:
    """Character spans of ``folded`` matched by the strong cues of one column type.

    Product cues name a cell by its first words, so they count only at the start of the
    text or after a column rule (``|``), a dash or a double space.
    """
    spans: list[tuple[int, int]] = []
    for pattern in vocabulary().strong[kind]:
        if pattern.pattern.startswith("^"):
            for m in _CELL_START.finditer(folded):
                sub = pattern.match(folded[m.end():])
                if sub and sub.end() > 0:
                    spans.append((m.end(), m.end() + sub.end()))
        else:
            spans.extend((m.start(), m.end()) for m in pattern.finditer(folded) if m.end() > m.start())
    return tuple(sorted(set(spans)))


def adverb_opening(folded: str) -> bool:
    """Whether a line opens with a deadline cue that is the wording's adverb ("- Thường
    xuyên, kịp thời cập nhật, công khai thủ tục ..."): a deadline cell is a few words, never
    a clause of eight words or more after a comma."""
    head = re.sub(r"^[\W_]*", "", folded)
    return any(s == 0 for s, _ in cue_spans(head, "deadline")) and bool(
        re.match(r"^[^,;|]{0,20},", head)) and len(re.findall(r"[a-z]{2,}", head)) >= 8


def has_cue(folded: str, kind: str) -> bool:
    return bool(cue_spans(folded, kind))


def header_hits(folded: str) -> set[str]:
    """Column types whose header cue appears in a (folded) line."""
    hits: set[str] = set()
    for kind, phrases in vocabulary().header.items():
        for phrase in phrases:
            if re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", folded):
                hits.add(kind)
                break
    return hits


def header_order(folded: str) -> tuple[str, ...]:
    """Column types named in header text, ordered by where their first cue appears.

    A type no cue names exactly is looked for once more with one OCR slip allowed per word
    ("phéi hop" for "phối hợp"): a header is short and names few columns, so a misread
    column name would otherwise drop the column and shift every cell right of it."""
    first: dict[str, int] = {}
    for kind, phrases in vocabulary().header.items():
        for phrase in phrases:
            m = re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", folded)
            if m and (kind not in first or m.start() < first[kind]):
                first[kind] = m.start()
    words = [(m.start(), m.group()) for m in re.finditer(r"[a-z0-9]+", folded)]
    for kind, phrases in vocabulary().header.items():
        if kind in first:
            continue
        for phrase in phrases:
            at = _slipped_phrase(words, phrase.split())
            if at is not None and (kind not in first or at < first[kind]):
                first[kind] = at
    return tuple(sorted(first, key=lambda k: (first[k], k)))


def _slipped_phrase(words: list[tuple[int, str]], phrase: list[str]) -> int | None:
    """Where ``phrase`` stands among ``words`` with at most one slip in each word of three
    letters or more (same first letter, shorter words exact), or None."""
    from rapidfuzz.distance import Levenshtein

    size = len(phrase)
    for i in range(len(words) - size + 1):
        window = [w for _, w in words[i: i + size]]
        if all(
            w == p or (len(p) >= 3 and w[:1] == p[:1] and Levenshtein.distance(w, p) <= 1)
            for w, p in zip(window, phrase)
        ) and window != phrase:
            return words[i][0]
    return None


# A header cell that only says "Cơ quan" / "Đơn vị" names a unit column without saying
# which: the word under it on the header's next line ("chủ trì", "phối hợp") does.
# OCR may garble it ("Co;fluan"), so a mark and a stray letter inside are let through.
_UNIT_PLACEHOLDER = re.compile(
    r"(?<![a-z])(?:c[o0]\W{0,2}\s*[a-z]{0,2}uan|don\s*v[iy]\S?)(?:\s*,\s*(?:c[o0]\s*quan|don\s*v[iy]\S?))?(?![a-z])")
_QUALIFIED = ("lead", "coord")


def stacked_header_order(folded_lines: list[str]) -> tuple[str, ...] | None:
    """The column order a header states when its unit cells wrap ("Cơ quan | Cơ quan" on
    the first line, "chủ trì | phối hợp" under them on the next), or None when it does not
    state one whole.

    Convention encoded: a narrow header cell "Cơ quan chủ trì" breaks after "Cơ quan", so
    the first header line names every column in order, with bare "Cơ quan" (or "Đơn vị")
    placeholders where the unit columns stand, and the next line(s) carry the qualifiers
    in the same left-to-right order, interleaved with the other cells' second words
    ("hoàn thành" under "Tiến độ"). Reading the lines joined puts "chủ trì / phối hợp"
    after every cell of the first line, which is wrong whenever a column (the product)
    follows the unit columns. The order is stated only when every placeholder takes one
    qualifier in turn and the later lines name no column the first line had not placed."""
    lines = [f for f in folded_lines if f.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    cells: list[tuple[int, str]] = []
    qualified_spans: list[tuple[int, int]] = []
    for kind, phrases in vocabulary().header.items():
        for phrase in phrases:
            for m in re.finditer(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", first):
                if kind in _QUALIFIED:
                    qualified_spans.append((m.start(), m.end()))
                if not any(k == kind for _, k in cells):
                    cells.append((m.start(), kind))
    slots = [m.start() for m in _UNIT_PLACEHOLDER.finditer(first)
             if not any(s <= m.end() + 1 and m.end() - 1 <= e for s, e in qualified_spans)]
    if not slots:
        return None
    placed = {k for _, k in cells}
    qualifiers: list[str] = []
    for line in lines[1:]:
        hits: list[tuple[int, str]] = []
        for kind, phrases in vocabulary().header.items():
            for phrase in phrases:
                hits += [(m.start(), kind) for m in re.finditer(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", line)]
        for _, kind in sorted(hits):
            if kind in _QUALIFIED and kind not in placed and kind not in qualifiers:
                qualifiers.append(kind)
            elif kind not in placed and kind not in _QUALIFIED:
                return None  # a column the first line did not name: no whole statement
    if len(qualifiers) != len(slots):
        return None
    cells += list(zip(slots, qualifiers))
    order = tuple(k for _, k in sorted(cells))
    return order if len([k for k in order if k in CELL_TYPES]) >= 4 else None


def starts_with_verb(words: list[str]) -> bool:
    """Do the first words open a task with an action verb?

    Tolerates OCR slips inside words ("T6 chtrc" for Tổ chức, once digits are mapped back
    to letters by the caller) but not lost words: every word must keep its first letter
    and at least two characters.
    """
    if not words:
        return False
    for verb in vocabulary().verbs:
        parts = verb.split()
        head = words[: len(parts)]
        if len(head) < len(parts):
            continue
        if head == parts:
            return True
        if len(parts) < 2 or any(len(h) < 2 or h[0] != p[0] for h, p in zip(head, parts)):
            continue
        if all(fuzz.ratio(h, p) >= 55 for h, p in zip(head, parts)) and fuzz.ratio(
            " ".join(head), verb
        ) >= 70:
            return True
    return False
