"""Separate the cells of a task-table row whose columns OCR has run together on each line.

Convention encoded: OCR reads a table line by line, left to right, so every line of a row is
a concatenation of fragments of some of the row's cells *in column order*. Each line is cut
into column fragments by a small dynamic programme over its words: every word scores for
the columns whose vocabulary it belongs to (strong phrase cues such as "Phó Chủ tịch",
"Phòng ...", "Các phòng, ban, đơn vị liên quan", "Tháng 3/2026", "Kế hoạch" at a cell
start; weaker typical words), the column index may only grow along the line, moving to a
later column costs a little unless a column rule ``|`` marks the move. A cell is the
concatenation of its fragments over the row's lines.

The column order is read from the table's own lines (where strong cues of two columns share
a line, which comes first), not assumed, because plans order the columns differently.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold

_TOKEN = re.compile(r"\S+")
# A row number (or a sub-item's label, "2.1" / "a)") opening a line: not a cell's word.
_ANCHOR = re.compile(
    r"^[^\w]{0,3}(?:\d{1,2}\.\d{1,2}\.?(?=\s|$)|[a-eghikđ]\)(?=\s)"
    r"|(?:[a-z]\s+)?\d{1,3}(?=[\s.,|)\]]|$)(?!\s*[/-]\s*\d)[.,|)\]]?)"
)
_STRONG = 3.0
_WEAK = 1.0
_TITLE = 0.7
_MOVE = 1.0
_PHRASE = 1.0
_DATE_TOKEN = re.compile(r"(?:\d{1,2}/)?(?:19|20)\d\d\)?[-.,;]?")
_DEFAULT_ORDER = ("title", "product", "leader", "lead", "coord", "deadline")


@dataclass(slots=True)
class Cells:
    """Cell texts of one row, by column type, each as its fragments in line order."""

    parts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def text(self, kind: str) -> str:
        return " ".join(p for p in self.parts.get(kind, []) if p).strip()


def column_order(
    lines: list[str], *, named: tuple[str, ...] = (), stated: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Column order of a table, from lines where strong cues of several columns co-occur.

    For every pair of column types, the one that comes first on most lines where both have
    a cue wins the pair; types are ordered by pairs won (ties: the usual order). The task column
    always comes first (after the number). ``named``: the column types the table's
    header names, in header order; it breaks ties between types the lines do not order
    (OCR interleaves header cells too, so it does not override the lines), and a leader
    column that a readable header does not name is left out (OCR garbles header words too
    often to drop other columns on that evidence). ``stated``: the order a wrapped header
    states cell by cell (``table_vocab.stacked_header_order``); it decides every pair of
    types it names (the header's cells are read in place, while the lines' cue order can be
    swayed by wrapped cells, a product's "các sở, ngành" reading as a unit cue); the lines
    still place a type it does not name (a leader column headed "UBND xã").
    """
    votes: dict[tuple[str, str], int] = defaultdict(int)
    for line in lines:
        folded = fold(line)
        firsts = {}
        for kind in tv.CELL_TYPES:
            spans = tv.cue_spans(folded, kind)
            if spans:
                firsts[kind] = spans[0][0]
        for a, pa in firsts.items():
            for b, pb in firsts.items():
                if pa < pb:
                    votes[(a, b)] += 1
    for a in stated:
        for b in stated:
            if a in tv.CELL_TYPES and b in tv.CELL_TYPES and a != b:
                votes[(a, b)] = 1 if stated.index(a) < stated.index(b) else 0
    wins: dict[str, int] = defaultdict(int)
    for a in tv.CELL_TYPES:
        for b in tv.CELL_TYPES:
            if a != b and votes[(a, b)] > votes[(b, a)]:
                wins[a] += 1  # a majority of lines put a before b
    header = [k for k in named if k in tv.CELL_TYPES]
    readable = len(header) >= 3
    # a header read out of order (its first words not the number's and the task's: a stacked
    # header whose cells OCR read top line first, "Sản phẩm | Lãnh đạo Cơ quan chủ | Thời
    # hạn" above "TT Nhiệm vụ | ...") says nothing of the order of the pairs the lines leave open
    opening = [k for k in named if k in ("n", "title")]
    ties = header if list(named[: len(opening)]) == opening else []
    default = {k: (ties.index(k) if k in ties else len(ties) + i) for i, k in enumerate(_DEFAULT_ORDER)}
    present = [k for k in tv.CELL_TYPES if k != "leader" or not readable or k in header]
    kinds = sorted(present, key=lambda k: (-wins.get(k, 0), default[k]))
    return ("title", *kinds)


def split_line(line: str, order: tuple[str, ...]) -> list[tuple[str, str]]:
    """Cut one line into (column type, fragment) pairs in column order."""
    return join_fragments(label_line(line, order))


def join_fragments(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(column type, token) pairs -> (column type, fragment) pairs; column rules dropped."""
    pieces: list[tuple[str, str]] = []
    for kind, tok in tokens:
        text = tok.strip("|[]")
        if not text:
            continue
        if pieces and pieces[-1][0] == kind:
            pieces[-1] = (kind, f"{pieces[-1][1]} {text}")
        else:
            pieces.append((kind, text))
    return pieces


def label_line(line: str, order: tuple[str, ...], *, title_width: int | None = None) -> list[tuple[str, str]]:
    """Label every token of one line with its column type (the monotone DP below).

    ``title_width``: the task column's width in characters (``title_width``); a task
    fragment running past it pays for every character over, because the task column is
    a fixed width on the page and OCR wraps its wording there, so what runs on is the
    next cells' words."""
    plain = _label_line(line, order)
    if title_width is None or not _title_overflows(line, plain, title_width):
        # the labelling without the width's cost keeps the wording within the column, so it
        # is also the best labelling with it (the cost only lowers other labellings)
        return list(plain)
    return list(_label_line(line, order, title_width))


def _title_overflows(line: str, labelled: tuple[tuple[str, str], ...], width: int) -> bool:
    """Whether a line's task fragment, as labelled, runs past ``width`` characters."""
    size = 0
    while size < len(labelled) and labelled[size][0] == "title":
        size += 1
    if not size:
        return False
    spans = [m.span() for m in _TOKEN.finditer(_ANCHOR.sub("", line, count=1))]
    return spans[size - 1][1] - spans[0][0] > width


# How far past the table's typical task-line length a line's task fragment may run
# (letters differ in width on the page: "iii" against "mmm") before it pays per character.
_WIDTH_SLACK = 1.15
_OVERFLOW = 0.25


def title_width(lengths: list[int]) -> int | None:
    """The task column's width from the task-fragment lengths of the table's lines that
    carry other cells too (there the wording fills its column up to the wrap): their
    median, with slack for letter widths. None with too few lines to tell."""
    if len(lengths) < 8:
        return None
    ordered = sorted(lengths)
    return round(ordered[len(ordered) // 2] * _WIDTH_SLACK) + 2


def title_lengths(labelled: list[tuple[str, str]]) -> int | None:
    """The task fragment's length on a labelled line that carries other cells too, else None."""
    kinds = [k for k, _ in labelled]
    if not kinds or kinds[0] != "title" or all(k == "title" for k in kinds):
        return None
    cut = kinds.index(next(k for k in kinds if k != "title"))
    words = [t for _, t in labelled[:cut] if t.strip("|[]")]
    return len(" ".join(words)) if words else None


_NOT_WORD = re.compile(r"[^a-z0-9]")
_NOT_WORD_AMP = re.compile(r"[^a-z0-9&]")


@lru_cache(maxsize=1)
def _phrase_starts() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The vocabulary's word pairs (``phrases``) by first word, words stripped of marks."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for kind in tv.CELL_TYPES:
        for phrase in tv.vocabulary().phrases[kind]:
            clean = tuple(_NOT_WORD_AMP.sub("", w) for w in phrase)
            out.setdefault(clean[0], []).append((kind, clean))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=8192)
def _label_line(line: str, order: tuple[str, ...], width: int | None = None) -> tuple[tuple[str, str], ...]:
    numbered = bool(_ANCHOR.match(line))
    line = _ANCHOR.sub("", line, count=1)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
    if not tokens:
        return ()
    folded = fold(line)
    spans = {k: tv.cue_spans(folded, k) for k in tv.CELL_TYPES}
    if tv.adverb_opening(folded):  # "- Thường xuyên, kịp thời cập nhật ...": wording, no deadline cell
        opening = len(folded) - len(re.sub(r"^[\W_]*", "", folded))
        spans["deadline"] = [(a, b) for a, b in spans["deadline"] if a != opening]
    vocab = tv.vocabulary()
    words = vocab.words
    spans["product"] = spans["product"] + _product_before_cell(folded, spans)
    ncol = len(order)
    # fold() keeps string positions, so a token's folded form is a slice of the folded line
    ftoks = [_NOT_WORD_AMP.sub("", folded[a:b]) for a, b, _ in tokens]
    phrase_hits: dict[str, set[int]] = {k: set() for k in tv.CELL_TYPES}
    starts = _phrase_starts()
    for t, first in enumerate(ftoks):
        for kind, phrase in starts.get(first, ()):
            size = len(phrase)
            if tuple(ftoks[t: t + size]) == phrase:
                phrase_hits[kind].update(range(t, t + size))
    emit: list[list[float]] = []
    bars: list[bool] = []
    for t, (start, end, tok) in enumerate(tokens):
        ftok = _NOT_WORD.sub("", folded[start:end])
        row = [0.0] * ncol
        bars.append(tok.strip() in {"|", "[", "]"} or tok.startswith("|") or tok.endswith("|"))
        if len(ftok) >= 2 or ftok.isdigit():
            row[0] = _TITLE
        for c, kind in enumerate(order[1:], start=1):
            if any(s < end and start < e for s, e in spans[kind]):
                row[c] += _STRONG
            if ftok and ftok in words[kind]:
                row[c] += _WEAK
            if t in phrase_hits[kind]:
                row[c] += _PHRASE
            if kind == "deadline" and _DATE_TOKEN.fullmatch(ftok_raw(tok)):
                row[c] += _WEAK * 1.5
        emit.append(row)
    # Viterbi over a monotone column sequence
    neg = float("-inf")
    score = [[neg] * ncol for _ in tokens]
    back = [[0] * ncol for _ in tokens]

    def over(t: int) -> float:  # the cost of a task fragment ending with token t
        if width is None:
            return 0.0
        return _OVERFLOW * max(0, tokens[t][1] - tokens[0][0] - width)

    for c in range(ncol):
        score[0][c] = emit[0][c] - ((2.0 if numbered else 0.3) if c else 0.0)
    for t in range(1, len(tokens)):
        move = 0.0 if bars[t - 1] or bars[t] else _MOVE
        best_prev, best_c = neg, 0
        for c in range(ncol):
            prev = score[t - 1][c] - (over(t - 1) if c == 0 else 0.0)
            if prev > best_prev:
                best_prev, best_c = prev, c
            stay = score[t - 1][c]
            jump = best_prev - move if best_c < c else neg
            if stay >= jump:
                score[t][c], back[t][c] = stay + emit[t][c], c
            else:
                score[t][c], back[t][c] = jump + emit[t][c], best_c
    score[-1][0] -= over(len(tokens) - 1)
    c = max(range(ncol), key=lambda k: (score[-1][k], -k))
    labels = [0] * len(tokens)
    for t in range(len(tokens) - 1, -1, -1):
        labels[t] = c
        c = back[t][c]
    _second_unit_to_coord(labels, bars, spans, tokens, order)
    _date_closes_deadline(labels, tokens, order)
    return tuple((order[label], tok) for (_, _, tok), label in zip(tokens, labels))


def _second_unit_to_coord(
    labels: list[int],
    bars: list[bool],
    spans: dict[str, list[tuple[int, int]]],
    tokens: list[tuple[int, int, str]],
    order: tuple[str, ...],
) -> None:
    """Two unit names in the lead column separated by a column rule: the second one is the
    coordinating cell (unit cues look the same in both columns)."""
    if "lead" not in order or "coord" not in order:
        return
    lead, coord = order.index("lead"), order.index("coord")
    if coord != lead + 1:
        return
    seen_lead = False
    for t, (start, end, tok) in enumerate(tokens):
        if not tok.strip("|[]"):
            continue  # a column rule belongs to no cell
        if labels[t] != lead:
            if seen_lead and labels[t] > lead:
                return
            continue
        starts_unit = any(s == start for s, _ in spans["lead"]) or any(
            s == start for s, _ in spans["coord"]
        )
        if not seen_lead and not starts_unit:
            return  # the lead run does not open with a unit name: leave it alone
        if seen_lead and starts_unit and (bars[t - 1] or bars[t]):
            for u in range(t, len(labels)):
                if labels[u] == lead:
                    labels[u] = coord
            return
        seen_lead = True


_CLOSING_DATE = re.compile(r"(?:(?:\d{1,2}|[IVX]{1,4}|I[1l]{1,2}|[1l]V)/)?(?:19|20)\d\d[-–]?[.,;)]?")
_DATE_PART = re.compile(r"[\d/().,;–-]+")


def _date_closes_deadline(
    labels: list[int], tokens: list[tuple[int, int, str]], order: tuple[str, ...]
) -> None:
    """A deadline cell is short and its date closes it on the line ("2026-", "6/2024"):
    words the labelling ran on into the deadline column after such a date, before any other
    column's run, are the next column's cell (the product or unit words right of the date:
    "2026- Báo cáo (theo hướng dẫn ...)", whose "theo hướng dẫn" reads like a deadline)."""
    if "deadline" not in order or order[-1] == "deadline":
        return
    dl = order.index("deadline")
    for t, (_, _, tok) in enumerate(tokens):
        if labels[t] != dl or not (_CLOSING_DATE.fullmatch(tok.strip("|[]")) or _closing_period(labels, tokens, t, dl)):
            continue
        rest = t + 1
        while rest < len(tokens) and labels[rest] == dl and _DATE_PART.fullmatch(tokens[rest][2].strip("|[]") or "-"):
            rest += 1
        run = range(rest, len(tokens))
        moved = [u for u in run if labels[u] == dl]
        if not moved or any(labels[u] != dl for u in range(rest, moved[-1] + 1)):
            return
        for u in moved:
            labels[u] = dl + 1
        return


# A whole deadline cell that says how often ("Thường xuyên", "Hằng tháng/quý/năm"), folded,
# OCR slips in the vowels tolerated.
_PERIOD_CELL = re.compile(r"th[a-z0-9]{2,4}\s+x{1,2}uy[ea]n|h[aiăe]ng\s+(?:n[a-z0-9]m|qu[yi]|th[aei]ng)")


def _closing_period(labels: list[int], tokens: list[tuple[int, int, str]], t: int, dl: int) -> bool:
    """Whether token ``t`` ends a period phrase that opens the line's deadline run and the words
    after it in that run name no further deadline ("Thường xuyên | Tin bài": the product
    follows; "Hằng năm (trước 15/12)" stays whole)."""
    if t == 0 or labels[t - 1] != dl or (t >= 2 and labels[t - 2] == dl):
        return False
    if not _PERIOD_CELL.fullmatch(fold(f"{tokens[t - 1][2]} {tokens[t][2]}").strip("|[] ")):
        return False
    rest = " ".join(tok for u, (_, _, tok) in enumerate(tokens) if u > t and labels[u] == dl)
    return bool(rest) and not tv.cue_spans(fold(rest), "deadline") and not re.search(r"\d", rest)


def ftok_raw(token: str) -> str:
    return token.strip("|[]()")


def _product_before_cell(folded: str, spans: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Product names ("Kế hoạch", "Báo cáo") count as a product cell when a column rule or
    another column's cue follows them at once, or another column's cue ends right before
    them: inside the task wording they are just words."""
    others = sorted(s for k, v in spans.items() if k != "product" for s, _ in v)
    ends = {e for k, v in spans.items() if k != "product" for _, e in v}
    found: list[tuple[int, int]] = []
    for m in tv.vocabulary().product_phrase.finditer(folded):
        rest = folded[m.end():]
        gap = len(rest) - len(rest.lstrip(" .,;:"))
        nxt = m.end() + gap
        before = folded[: m.start()].rstrip(" .,;:")
        if nxt >= len(folded) or folded[nxt] == "|" or nxt in others or len(before) in ends:
            found.append((m.start(), m.end()))
    return found


def row_cells(lines: list[str], order: tuple[str, ...]) -> Cells:
    """The cells of one row from its lines."""
    cells = Cells()
    for line in lines:
        for kind, text in split_line(line, order):
            cells.parts[kind].append(text)
    return cells


_NOISE_CHARS = set("{}[]<>%~\\*^_=+#@$`\"'‘’“”«»¢€£¥§|?!")


def is_noise(token: str) -> bool:
    """An OCR speck rather than a word: no letter or digit, a lone letter, or mostly marks."""
    core = token.strip(".,;:()-–")
    if not any(ch.isalnum() for ch in core):
        return token.strip() not in {"-", "–"}
    if len(core) == 1 and core.isalpha() and core.lower() not in {"y", "ý", "ở", "và"}:
        return True
    marks = sum(1 for ch in core if ch in _NOISE_CHARS)
    return marks >= 2 or (marks >= 1 and len(core) <= 3)
