"""Column labels from the page layout, where OCR kept it.

Convention encoded: a task table is a grid. Two layout facts survive OCR often enough to
be worth reading before any word is:

- **Positions kept.** Some OCR engines (and text exports of scanned PDFs) keep each line's
  horizontal layout, padding cells with runs of spaces. Then every non-task column starts
  at (nearly) the same character position on every line of the table, and a unit name
  continued on the next line(s) of its cell sits at that position again, even when the
  line holds nothing else ("                         tỉnh"). The table's column starts
  are found as clusters of the positions where a fragment starts after a run of spaces;
  when there are exactly as many clusters as non-task columns, the clusters are those
  columns in the table's column order, and each token of a position-kept line belongs to
  the column whose start it has reached (the task wording to the left of the first).
- **Fully ruled lines.** A line whose column rules ``|`` cut it into exactly as many
  cells as the table has columns is that row's cells in column order (the first line of a
  row usually is), whatever its words look like ("| Báo X; |" is a lead cell even though
  "Báo" is no usual unit head word), when a ruled header line states that order (the
  order read from the cells' words can be wrong, and a ruled line would then put every
  cell in the wrong column).

Everything else (single-spaced lines, partial rules) keeps the word-based labels of
``table_cells.label_line``. Nothing here knows a document's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold

Labelled = list[tuple[str, str]]

_RAW_TOKEN = re.compile(r"\||[^\s|]+")
# A row number opening a line ("7", "10 |", "3."), or a sub-item's label ("2.1", "a)"),
# masked before positions are read.
_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,2}\.\d{1,2}\.?(?=\s|$)|[a-eghikđ]\)(?=\s)|\d{1,3}(?=[\s.,)|\]]|$))")
_CLOSING_DATE = re.compile(r"(?:\d{1,2}/)?(?:19|20)\d\d[-–]?[.,;)]?")
_GAP = 2  # spaces that separate two cells on a position-kept line
_JOIN = 3  # fragment starts this close belong to one column (OCR jitter of a character or two)
_SLACK = 2  # a token may start this far left of its column's leftmost start
_MIN_VOTES = 2  # a column start must be seen on at least two lines


@dataclass(frozen=True, slots=True)
class Grid:
    """Leftmost start position of each non-task column, left to right, with its type."""

    starts: tuple[int, ...]
    kinds: tuple[str, ...]
    typical: tuple[int, ...] = ()  # the median start of each column
    named: bool = False  # the header's positions named the columns (``with_header``)

    def typical_at(self, x: int) -> str | None:
        """The column whose typical start ``x`` has reached; None left of the first."""
        kind = None
        for start, k in zip(self.typical, self.kinds):
            if x >= start:
                kind = k
        return kind

    def kind_at(self, x: int) -> str | None:
        """The column a fragment starting at ``x`` belongs to (it may start a little left of
        its column's leftmost start); None left of the first column."""
        kind = None
        for start, k in zip(self.starts, self.kinds):
            if x >= start - _SLACK:
                kind = k
        return kind


def _positions(raw: str) -> list[tuple[int, str]]:
    """(start, text) of each token of a raw line, column rules as tokens of their own; the
    row number opening the line left out."""
    m = _ROW_NUMBER.match(raw)
    masked = " " * m.end() + raw[m.end():] if m else raw
    return [(t.start(), t.group()) for t in _RAW_TOKEN.finditer(masked)]


def _kept(raw: str, tokens: list[tuple[int, str]]) -> bool:
    """A position-kept line: no column rule after its first word, and a run of spaces that
    pads a cell (between two tokens, or before the first of an indented line)."""
    words = [(x, t) for x, t in tokens if t != "|"]
    if not words:
        return False
    if any(t == "|" and x > words[0][0] for x, t in tokens):
        return False
    indent = len(raw) - len(raw.lstrip(" "))
    gaps = any(b[0] - (a[0] + len(a[1])) >= _GAP for a, b in pairwise(words))
    return gaps or indent >= _GAP


def position_kept(raw: str) -> bool:
    """Whether the line kept its layout (cells padded with runs of spaces)."""
    return _kept(raw, _positions(raw))


def _cell_starts(raw: str) -> list[int]:
    """Positions where a fragment starts after a run of spaces on a position-kept line; the
    first fragment counts only when the line is indented (else it is the task wording)."""
    tokens = _positions(raw)
    if not _kept(raw, tokens):
        return []
    words = [(x, t) for x, t in tokens if t != "|"]
    out: list[int] = []
    indent = len(raw) - len(raw.lstrip(" "))
    numbered = bool(_ROW_NUMBER.match(raw))
    if indent >= _GAP and not numbered:
        out.append(words[0][0])
    out += [b[0] for a, b in pairwise(words) if b[0] - (a[0] + len(a[1])) >= _GAP]
    return out


def table_grid(raw_lines: Sequence[str], order: tuple[str, ...]) -> Grid | None:
    """The table's column starts when its lines kept their positions and the starts fall
    into exactly one cluster per non-task column (each seen on two lines or more); None
    otherwise (the word-based labels stand)."""
    starts = sorted(x for raw in raw_lines for x in _cell_starts(raw))
    clusters: list[list[int]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= _JOIN:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    clusters = [c for c in clusters if len(c) >= _MIN_VOTES]
    kinds = order[1:]
    if kinds and len(clusters) == len(kinds) + 1 and _wording_column(raw_lines, clusters[0]):
        clusters = clusters[1:]  # the task wording's own column, indented under the row number
    if not kinds or len(clusters) != len(kinds):
        return None
    return Grid(starts=tuple(c[0] for c in clusters), kinds=kinds,
                typical=tuple(c[(len(c) - 1) // 2] for c in clusters))


def _wording_column(raw_lines: Sequence[str], cluster: list[int]) -> bool:
    """The leftmost start cluster is where the task wording starts: on the lines that open
    with a row number, the wording after the number starts there (a layout that indents a
    row's wrapped wording under its first line, as a text export of a Word table does)."""
    lo, hi = cluster[0] - _JOIN, cluster[-1] + _JOIN
    hits = 0
    for raw in raw_lines:
        m = _ROW_NUMBER.match(raw)
        if m is None:
            continue
        rest = raw[m.end():]
        x = m.end() + len(rest) - len(rest.lstrip(" .)|"))
        if x < len(raw):
            hits += lo <= x <= hi
    return hits >= _MIN_VOTES


def with_header(grid: Grid | None, header_lines: Sequence[str], order: tuple[str, ...]) -> Grid | None:
    """The grid with its columns named by the table's header when the header kept its
    positions too: each header fragment names the column whose start it has reached
    (a centred header cell starts inside its column), at most one column may go unnamed
    (OCR garbles header words) and takes the one type left; else the grid as it was (the
    column order read from the words stands). Plans order their columns differently, and
    the header says it more surely than the words of the cells."""
    if grid is None:
        return None
    named: list[set[str]] = [set() for _ in grid.starts]
    for raw in header_lines:
        if not _kept(raw, _positions(raw)):
            continue
        for start, text in _fragments(raw):
            kind = grid.kind_at(start)
            if kind is not None:
                named[grid.kinds.index(kind)] |= tv.header_hits(fold(text)) & set(order[1:])
    kinds: list[str | None] = [next(iter(n)) if len(n) == 1 else None for n in named]
    left = [k for k in order[1:] if k not in kinds]
    if kinds.count(None) == 1 and len(left) == 1:
        kinds[kinds.index(None)] = left[0]
    if None in kinds or len(set(kinds)) != len(kinds) or set(kinds) != set(order[1:]):
        return grid
    return replace(grid, kinds=tuple(k for k in kinds if k is not None), named=True)


def _fragments(raw: str) -> list[tuple[int, str]]:
    """(start, text) of the runs of a line separated by runs of spaces or column rules."""
    out: list[tuple[int, str]] = []
    for x, t in _positions(raw):
        if t == "|":
            out.append((-1, ""))
            continue
        if out and out[-1][0] >= 0 and x - (out[-1][0] + len(out[-1][1])) < _GAP:
            out[-1] = (out[-1][0], raw[out[-1][0]: x + len(t)])
        else:
            out.append((x, t))
    return [(x, t) for x, t in out if x >= 0]


def _aligned(labelled: Labelled, tokens: list[tuple[int, str]]) -> list[int] | None:
    """Start positions of the labelled tokens: they are the raw line's last tokens (the row
    number was cut from the front) when the texts agree; None when they do not."""
    if len(tokens) < len(labelled):
        return None
    tail = tokens[len(tokens) - len(labelled):]
    if any(t != text for (_, t), (_, text) in zip(tail, labelled)):
        return None
    return [x for x, _ in tail]


def ruled_header(header_lines: Sequence[str], order: tuple[str, ...]) -> tuple[str, ...] | None:
    """The column order a ruled header line states ("TT | Nhiệm vụ | Sản phẩm | Cơ quan chủ
    trì | ..."): each cell names one column type (the number column left out), at most one
    garbled cell takes the one type left, and the types are those of ``order``; None when
    no header line says so (a fully ruled body line is then not trusted to be in order:
    the order read from the words may be wrong)."""
    wanted = set(order)
    for raw in header_lines:
        cells = [c.strip() for c in raw.split("|")]
        while cells and not cells[0]:
            cells = cells[1:]
        while cells and not cells[-1]:
            cells = cells[:-1]
        if len(cells) < 3:
            continue
        named: list[str | None] = []
        for cell in cells:
            hits = tv.header_hits(fold(cell)) & (wanted | {"n"})
            named.append(next(iter(hits)) if len(hits) == 1 else None)
        if named[0] == "n" or (named[0] is None and named[1:2] == ["title"]):
            named = named[1:]
        left = [k for k in order if k not in named]
        if named.count(None) == 1 and len(left) == 1:
            named[named.index(None)] = left[0]
        if None not in named and len(named) == len(order) and set(named) == wanted and named[0] == order[0]:
            return tuple(k for k in named if k is not None)
    return None


def layout_labels(
    labelled: Labelled, raw: str, *, order: tuple[str, ...], grid: Grid | None, ruled: tuple[str, ...] | None = None
) -> Labelled:
    """One line's labels with the layout's word: a fully ruled line in the column order its
    ruled header states (``ruled``), a position-kept line by the grid; any other line as
    labelled."""
    return layout_line(labelled, raw, order=order, grid=grid, ruled=ruled)[0]


def layout_line(
    labelled: Labelled,
    raw: str,
    *,
    order: tuple[str, ...],
    grid: Grid | None,
    ruled: tuple[str, ...] | None = None,
    first: bool = True,
) -> tuple[Labelled, bool]:
    """``layout_labels`` and whether the layout placed the line (else the word labels stand).
    ``first``: the line opens its row (only there does a fully ruled line hold every cell in
    order: a row's later lines are wrapped cell text, where OCR doubles rules)."""
    cells = _ruled(labelled, ruled) if ruled is not None and first else None
    if cells is not None:
        return cells, True
    if grid is None:
        return labelled, False
    tokens = _positions(raw)
    if not _kept(raw, tokens):
        words = [(x, t) for x, t in tokens if t != "|"]
        if words and words[-1][0] + len(words[-1][1]) < grid.starts[0] - _SLACK and _aligned(labelled, tokens):
            return [(order[0], t) for _, t in labelled], True  # task wording alone on its line
        return labelled, False
    xs = _aligned(labelled, tokens)
    if xs is None:
        return labelled, False
    return _by_grid(labelled, xs, grid, order), True


def _by_grid(labelled: Labelled, xs: list[int], grid: Grid, order: tuple[str, ...]) -> Labelled:
    """Each token's column from its position: a token opening a fragment by where it
    starts; a token inside a single-spaced run keeps its run's column until it reaches the
    typical start of a later column (OCR jitter moves a cell's words by a character or two)."""
    ends = [x + len(t) for x, (_, t) in zip(xs, labelled)]
    out: Labelled = []
    current = order[0]
    for k, (x, (_, text)) in enumerate(zip(xs, labelled)):
        if k == 0 or x - ends[k - 1] >= _GAP:
            current = grid.kind_at(x) or order[0]
        else:
            later = grid.typical_at(x)
            if later is None or order.index(later) <= order.index(current):
                # between a later column's leftmost and typical start: a date closes a
                # deadline cell, so the word after it is the next column's
                edge = grid.kind_at(x)
                if edge is not None and current == "deadline" and _CLOSING_DATE.fullmatch(labelled[k - 1][1]):
                    later = edge
            if later is not None and order.index(later) > order.index(current):
                current = later
        out.append((current, text))
    return out


def _ruled(labelled: Labelled, order: tuple[str, ...]) -> Labelled | None:
    """A line the rules cut into exactly one cell per column: its cells in column order
    (rules at either end ignored; an empty cell between two rules counts)."""
    texts = [t for _, t in labelled]
    while texts and texts[0] == "|":
        texts = texts[1:]
    lead = len(labelled) - len(texts)
    while texts and texts[-1] == "|":
        texts = texts[:-1]
    if texts.count("|") != len(order) - 1 or any(t != "|" and "|" in t for t in texts):
        return None
    out = [(order[0], t) for _, t in labelled[:lead]]
    cell = 0
    for t in texts:
        if t == "|":
            out.append((order[cell], t))
            cell += 1
        else:
            out.append((order[cell], t))
    out += [(order[-1], t) for _, t in labelled[len(out):]]
    return out
