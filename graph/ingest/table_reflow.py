"""Grid tables (``+----+----+`` rules, ``|`` or box-drawing column bars) as one line per row.

Plans converted from Word by pandoc, LibreOffice or a PDF-to-text tool print a table as a
grid whose cells wrap over several physical lines between two horizontal rules. Every
table reader downstream (``table_rows``, ``table_cells``) reads one row per line the way a
Markdown pipe table prints it, so a grid row is rewritten as one pipe row: each column's
fragments joined in reading order, on the row's first line. The row's other lines and the
rules become empty, so line numbers (provenance) stay those of the file.

Only blocks with at least one horizontal rule between bar lines are touched: a bare pipe
table is already one row per line, and OCR text never prints such rules.
"""

from __future__ import annotations

import re
from itertools import pairwise

_BAR = "|│┃║"
_JOINT = "+┼┬┴├┤┌┐└┘╪╤╧╞╡╬╦╩╠╣╔╗╚╝╫╥╨╟╢"
_RULE = re.compile(rf"^\s*[{re.escape(_JOINT)}](?:[-=─━═:~ ]*[{re.escape(_JOINT)}])+\s*$")
_BAR_LINE = re.compile(rf"^\s*[{re.escape(_BAR)}].*[{re.escape(_BAR)}]\s*$")


def reflow_grid_tables(lines: tuple[str, ...]) -> tuple[str, ...]:
    """``lines`` with every grid table's rows each on one line (same number of lines)."""
    if not any(_RULE.match(line) for line in lines):
        return lines  # the common case: no grid table at all
    out = list(lines)
    i = 0
    while i < len(lines):
        if not _RULE.match(lines[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and (_RULE.match(lines[j + 1]) or _BAR_LINE.match(lines[j + 1])):
            j += 1
        _reflow_block(lines, out, i, j)
        i = j + 1
    return tuple(out)


def _reflow_block(lines: tuple[str, ...], out: list[str], start: int, end: int) -> None:
    """Rewrite lines ``start..end`` (a rule, then bar lines and rules) in ``out``."""
    bounds = _joints(lines[start])
    row: list[int] = []
    for k in range(start, end + 2):
        if k <= end and _BAR_LINE.match(lines[k]):
            row.append(k)
            continue
        if row:  # a rule (or the block's end) closes the row
            cells = _row_cells([lines[r] for r in row], bounds)
            out[row[0]] = "| " + " | ".join(cells) + " |"
            for r in row[1:]:
                out[r] = ""
            row = []
        if k <= end:
            out[k] = ""
            bounds = _joints(lines[k]) or bounds


def _joints(rule: str) -> list[int]:
    return [p for p, ch in enumerate(rule) if ch in _JOINT]


def _row_cells(row: list[str], bounds: list[int]) -> list[str]:
    """Each column's text, its fragments on the row's lines joined with spaces."""
    split = [_split(line, bounds) for line in row]
    width = max(len(cells) for cells in split)
    columns = [[cells[c] for cells in split if c < len(cells) and cells[c]] for c in range(width)]
    return [" ".join(parts) for parts in columns]


def _split(line: str, bounds: list[int]) -> list[str]:
    """A bar line's cells: by the rule's joints when its bars stand there, else by its bars."""
    bars = [p for p, ch in enumerate(line) if ch in _BAR]
    if len(bounds) >= 2 and bars == bounds:
        return [line[a + 1: b].strip() for a, b in pairwise(bounds)]
    inner = line.strip()[1:-1]
    return [c.strip() for c in re.split(rf"[{re.escape(_BAR)}]", inner)]
