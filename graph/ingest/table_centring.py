"""Vertical centring of tall cells in OCR-read task tables (split out of ``table_rows``).

Convention encoded: the cells of a task-table row are centred vertically, so a tall cell
(the leader in charge, the deadline) starts above the row's first line of task wording and
OCR, reading line by line, puts its opening lines at the end of the row before. The
vocabulary's ``cell_openers`` say which words open such a cell; ``hand_down`` moves the
opening back to the row it belongs to; ``absorb_unnumbered`` gives a 'row' that the
numbering leaves no number for (between printed n and n + 1) to the neighbour whose lines
are unbalanced around its number. Also here: ``title_part``, the task-column part of a
line (the part before the first column rule or non-title cue), which both modules need.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.table_groups import Group
from cchc_kg.graph.ingest.text import SourceText

if TYPE_CHECKING:
    from cchc_kg.graph.ingest.table_rows import RawRow


def tv_fold(text: str) -> str:
    return fold(text)


def title_part(clean: str) -> str:
    """The line's text before its first column rule or non-title cue (the task column)."""
    part = clean.split("|", 1)[0]
    folded = tv_fold(part)
    cut = len(part)
    adverb = tv.adverb_opening(folded)  # "- Thường xuyên, kịp thời ...": the wording's own word
    opening = len(folded) - len(re.sub(r"^[\W_]*", "", folded))
    for kind in tv.CELL_TYPES:
        for s, _ in tv.cue_spans(folded, kind):
            if s > 0 and not (adverb and kind == "deadline" and s == opening):
                cut = min(cut, s)
    return part[:cut].strip()


# A line that opens with a bulleted unit name ("- Đài Phát thanh ...", "- Sở Nội vụ;"): a
# province table lists several lead (or coordinating) units as "- A; - B", and the list,
# centred in its cell, opens above the row's first line of wording. The task wording
# itself never opens with a unit after a dash (its sub-items open with a verb).
_BULLETED_UNIT = re.compile(
    r"^\s*[-–]\s*(?:s[oởơ&0]\s+[a-z]|v[aă]n\s*ph[oò]ng|ubnd|c[oô]ng\s*an|d[aà]i\s*ph|b[aá]o\s+(?!c[aá]o)[a-z]"
    r"|tr[uư][oờ]ng\s*ch|kho\s*b[aạ]c|c[uụ]c\s|b[aả]o\s*hi[eể]m|thanh\s*tra|trung\s*t[aâ]m|ph[oò]ng\s)")


def opening_kinds(folded: str, previous: str = "") -> set[str]:
    """Tall columns whose cell opens the line ("Phó Chủ tịch ...", "Ngày sau ...": the
    vocabulary's ``cell_openers``), allowing one short speck before the opener; when the
    line opens a cell, the other cells it opens further right count too. A bulleted unit
    name opens a unit list (``_BULLETED_UNIT``), counted as the lead column's, unless the
    line before (``previous``) ends a list item with ";": the list then goes on."""
    if _BULLETED_UNIT.match(folded):
        return set() if ";" in previous else {"lead"}
    head = re.sub(r"^[\W_]*", "", folded)
    first = re.match(r"\S{1,4}\s+", head)
    limit = first.end() if first else 0
    openers = tv.vocabulary().openers
    at_start = {
        k for k, patterns in openers.items()
        if any(p.match(head) or (limit and p.match(head, limit)) for p in patterns)
    }
    if not at_start:
        return set()
    # a line that opens a cell may open further cells of the same row to its right
    return at_start | {k for k, patterns in openers.items() if any(p.search(head) for p in patterns)}


def has_wording(src: SourceText, line: int) -> bool:
    """Does the line hold task wording (two words before its first cell cue)?"""
    if opening_kinds(src.folded[line - 1].strip()):
        return False
    title = title_part(src.clean[line - 1].strip())
    return len(re.findall(r"[a-z]{2,}", tv_fold(title))) >= 2


def hand_down(src: SourceText, items: list[RawRow | Group]) -> list[RawRow | Group]:
    """Cells are centred vertically, so a tall cell of a row (its leader, its deadline) starts
    above the row's first line of wording, and OCR reads its opening lines at the end of the
    row before. A row's trailing lines without task wording whose first line opens a cell of
    a column that row has already filled are that opening: they move to the next row of
    the same table, unless a group row comes between (a group row has no such cells)."""
    for k in range(len(items) - 1):
        row, nxt = items[k], items[k + 1]
        if isinstance(row, Group) or isinstance(nxt, Group) or len(row.lines) < 2:
            continue
        tail: list[int] = []
        for ln in reversed(row.lines[1:]):
            if has_wording(src, ln) or (row.anchor is not None and ln <= row.anchor) or len(tail) >= 3:
                break
            tail.insert(0, ln)
        for cut in range(len(tail)):
            head = tail[cut]
            kinds = opening_kinds(src.folded[head - 1].strip(), src.folded[head - 2])
            before = " ".join(src.folded[ln - 1] for ln in row.lines if ln < head)
            if kinds and any(tv.has_cue(before, kind) for kind in kinds):
                moved = tail[cut:]
                row.lines = [ln for ln in row.lines if ln < head]
                nxt.lines[:0] = moved
                break
    return recentre(src, items)


def recentre(src: SourceText, items: list[RawRow | Group], *, most: int = 4) -> list[RawRow | Group]:
    """A cell opened below a row's number is the next row's: cells are centred on the row's
    middle line, where the number is printed, so a cell of that row opens at or above it.

    Convention encoded: in a row whose number sits on line ``a`` and whose first line is
    ``f``, the row's centred cells span about ``f .. a + (a - f)``. A line of the row that
    lies beyond that span, opens a cell (the vocabulary's ``cell_openers``: "Các Sở: ...",
    "Sau khi ...") of a column the row has already filled or the next row lacks, and is followed to the row's end
    by at most ``most`` lines, opens a tall cell of the next row that OCR read before the
    next row's number (a lead cell listing five units over eight lines, a deadline worded
    over six). Those lines move to the next row of the same group. Unlike ``hand_down``,
    the moved lines may carry words (a unit list reads like wording), so the span test is
    what keeps the row's own wording."""
    for k in range(len(items) - 1):
        row, nxt = items[k], items[k + 1]
        if isinstance(row, Group) or isinstance(nxt, Group) or row.anchor is None or nxt.anchor is None:
            continue
        anchor = row.anchor
        reach = anchor + 1
        for ln in row.lines:
            if ln <= reach or len([x for x in row.lines if x >= ln]) > most:
                continue
            kinds = opening_kinds(src.folded[ln - 1].strip(), src.folded[ln - 2])
            before = " ".join(src.folded[x - 1] for x in row.lines if x < ln)
            theirs = " ".join(src.folded[x - 1] for x in nxt.lines)
            if kinds and any(tv.has_cue(before, kind) or not tv.has_cue(theirs, kind) for kind in kinds):
                moved = [x for x in row.lines if x >= ln]
                row.lines = [x for x in row.lines if x < ln]
                nxt.lines[:0] = moved
                break
    return items


def absorb_unnumbered(items: list[RawRow | Group], src: SourceText | None = None) -> list[RawRow | Group]:
    """A 'row' OCR read without a number between two rows whose printed numbers follow on
    (``n`` then ``n + 1``, or a group row then ``1`` / the number after the last one) has no
    number of its own: it is part of one of them, cut off by a false start (a verb opening
    a wrapped line of wording, "... tuyên truyền Luật | Tổ chức chính quyền ..."; a tall
    cell's opening above a row's number).

    Convention encoded: cells are centred on the row's middle line, where the number is
    printed. The lines go to the neighbour whose lines are unbalanced around its number
    towards them: the row before when it has more lines above its number than below (its
    lower half is missing), the row after when it has more below than above (its upper
    half is missing), the row before on a tie or when its number is on its first line (a
    table whose cells start at the row's top). A group row between decides: the lines
    stay on its side. Sub-items ("- ...", numbered parent.k) are rows of their own and
    never absorbed, and so is a 'row' whose lines hold cells of their own, a unit and a
    deadline (``src`` given): a row whose number OCR lost, not a fragment of another (a
    fragment cut above a centred number lacks the deadline printed beside it)."""
    out: list[RawRow | Group] = []
    last_printed = 0
    for k, item in enumerate(items):
        if isinstance(item, Group) or item.anchor is not None or item.sub or not item.lines:
            if not isinstance(item, Group) and item.printed is not None:
                last_printed = item.printed
            out.append(item)
            continue
        if src is not None and _has_own_cells(src, item):
            out.append(item)
            continue
        prev = out[-1] if out else None
        after = items[k + 1:]
        nxt = next((x for x in after if not isinstance(x, Group)), None)
        grouped = bool(after) and isinstance(after[0], Group)  # a group row follows
        if nxt is None or nxt.printed is None or nxt.sub:
            out.append(item)
            continue
        if prev is None or isinstance(prev, Group):
            if not grouped and nxt.printed in (1, last_printed + 1):
                nxt.lines[:0] = item.lines  # the top of a group's first row
                continue
        elif prev.printed is not None and prev.anchor is not None and nxt.printed in (
                prev.printed + 1, 1 if grouped else -1):
            if grouped or prev.anchor == prev.lines[0] or _lower_half_missing(prev) >= _upper_half_missing(nxt):
                prev.lines.extend(item.lines)
            else:
                nxt.lines[:0] = item.lines
            continue
        out.append(item)
    return out


def _lower_half_missing(row: RawRow) -> int:
    assert row.anchor is not None
    return sum(ln < row.anchor for ln in row.lines) - sum(ln > row.anchor for ln in row.lines)


def _upper_half_missing(row: RawRow) -> int:
    assert row.anchor is not None
    return sum(ln > row.anchor for ln in row.lines) - sum(ln < row.anchor for ln in row.lines)


def _has_own_cells(src: SourceText, row: RawRow) -> bool:
    text = " ".join(src.folded[ln - 1] for ln in row.lines)
    return tv.has_cue(text, "lead") and tv.has_cue(text, "deadline")

