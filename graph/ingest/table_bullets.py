"""Which unit column a bulleted unit belongs to, from the row's own bullet style.

Convention encoded: in a province task table both unit columns (cơ quan chủ trì, cơ quan
phối hợp) often list several units, and each cell is written in one style: a bulleted list
("- Sở Nội vụ; - Văn phòng UBND tỉnh") or plain names ("Sở Nội vụ", "Thanh tra tỉnh, Công
an tỉnh"). The two cells of a row often differ in style, and where both stand on one line
(the lead cell left of the coordinating one, in column order) the line shows which is
which: "Sở Nội vụ - Các sở, ban," says the lead is plain and the coordinating cell
bulleted. OCR reads the cells line by line, so a bulleted item alone on a line (the
coordinating list, centred, opening above the lead's line) is otherwise taken for the
lead. Once a line of the row has shown the style, each bulleted item the line labelling
gave the other unit column moves to the bulleted column, and (for a bulleted lead) a plain
unit that follows a closed lead item ("- Sở Nội vụ; Công an tỉnh,") moves to the plain one.
A row whose lines show no style, or contradictory styles, is left as labelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold

Labelled = list[tuple[str, str]]
_UNIT = ("lead", "coord")
_BULLETS = {"-", "–", "•"}


@dataclass(frozen=True, slots=True)
class _Item:
    line: int
    start: int  # token index of the bullet or first word
    end: int  # exclusive
    bulleted: bool
    headed: bool  # opens with a unit or collective name
    closed_before: bool  # the item before it on the line ended with ";"


def _items(k: int, line: Labelled) -> list[_Item]:
    """The unit-column items of one line: runs of lead/coord-labelled tokens cut at a bullet
    and after a ";"."""
    out: list[_Item] = []
    t = 0
    n = len(line)
    while t < n:
        if line[t][0] not in _UNIT or not line[t][1].strip("|[]"):
            t += 1  # another column's word, or a column rule (no item opens with one)
            continue
        start = t
        bulleted = line[t][1] in _BULLETS
        t += 1
        while t < n and line[t][0] in _UNIT and line[t][1] not in _BULLETS and not line[t - 1][1].rstrip("|").endswith(";"):
            t += 1
        words = [w.strip("|[]") for _, w in line[start + (1 if bulleted else 0): t]]
        text = fold(" ".join(words))
        text = text.strip()
        headed = any(s == 0 for kind in _UNIT for s, _ in tv.cue_spans(text, kind))
        closed = bool(out) and out[-1].end == start and line[start - 1][1].rstrip("|").endswith(";")
        out.append(_Item(k, start, t, bulleted, headed, closed))
    return out


def bullet_style(labelled: list[Labelled]) -> str | None:
    """The unit column written as a bulleted list ("lead" or "coord"), from the lines where a
    unit of each style stands; None when no line shows it or lines disagree."""
    seen: set[str] = set()
    for k, line in enumerate(labelled):
        headed = [i for i in _items(k, line) if i.headed]
        if len(headed) < 2:
            continue
        first = headed[0]
        if any(i.bulleted != first.bulleted for i in headed[1:]):
            seen.add("lead" if first.bulleted else "coord")
    return seen.pop() if len(seen) == 1 else None


def bullet_columns(labelled: list[Labelled]) -> list[Labelled]:
    """The row's lines with bulleted and plain unit items in the columns the row's bullet
    style gives them (module docstring); the lines as they were when it shows none."""
    style = bullet_style(labelled)
    if style is None:
        return labelled
    plain = "coord" if style == "lead" else "lead"
    out = [list(line) for line in labelled]
    for k, line in enumerate(out):
        for item in _items(k, line):
            if item.bulleted and item.headed:
                target = style
            elif style == "lead" and item.headed and item.closed_before:
                target = plain
            else:
                continue
            for t in range(item.start, item.end):
                line[t] = (target, line[t][1])
    return out
