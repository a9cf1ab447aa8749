"""A lead cell that lists several units under one head word, read from scattered OCR tokens.

Convention encoded: a task led jointly by several departments prints its lead cell as a head
word with a colon and the departments' distinctive names ("Các Sở: Nội vụ, Tư pháp, Kế
hoạch và Đầu tư, Tài chính; Văn phòng UBND Thành phố"); the same with "Các Phòng: ...". In
a narrow column the list wraps over many lines and OCR interleaves it with the other cells,
so the names arrive as runs of words on the lines after the head ("Cac So: Noi" | "vu, Tu
phap," | ... | "Pau tu, Tai" | "chinh; Van"). ``table_leads.expand_list`` reads a clean cell;
this module reads the tokens of such a row:

- the head is a "Các" token followed by a head word ("Sở", "Phòng") ending in a colon;
- each item is a standard unit name of that head (``ontology/schemes/unit-kinds.ttl``)
  found without its head word, all of its words in order, after the head (reading order)
  and within a few lines of it, as a cell fragment (``table_snap._in_cells``);
- the list ends at the first item whose last word carries the semicolon that closes it.

The items are spelt with the head word ("Sở Nội vụ"); what follows the semicolon (another
unit of the same cell) is ``table_snap``'s ordinary lead value.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from cchc_kg.graph.ingest.table_align import align, line_views
from cchc_kg.graph.ingest.table_values import Match, Template, Token, same_word

_HEADS = {"so": "Sở", "phong": "Phòng"}
_REACH = 8  # lines after the head an item may start on (a list of five names over ~9 lines)


def list_head(tokens: list[Token]) -> tuple[Token, Token] | None:
    """The "Các" and head-word tokens of a "Các Sở:" / "Các Phòng:" list head, if the row has one."""
    for a, b in pairwise(tokens):
        if a.line != b.line or not a.key or not same_word(a.key, "cac"):
            continue
        if b.text.rstrip("|").endswith(":") and head_word(b.key):
            return a, b
    return None


def head_word(key: str) -> str | None:
    """The list head word a token's skeleton reads as ("so" for "Sở", "S0", "Sé"), or None."""
    return next((h for h in _HEADS if same_word(key, h)), None)


def listed_units(
    tokens: list[Token],
    cands: tuple[Template, ...],
    head: tuple[Token, Token],
    *,
    in_cells: Callable[[Match, list[list[Token]]], bool],
) -> list[tuple[str, Match]]:
    """The list's units in printed order as (name with its head word, match of its words);
    ``in_cells`` tells a cell fragment from task wording (``table_snap._in_cells``)."""
    word = head_word(head[1].key) or head[1].key
    label = _HEADS[word]
    start = (head[1].line, head[1].pos)
    after = [t for t in tokens if (t.line, t.pos) > start and t.line - start[0] <= _REACH]
    # the head word itself may be the first item's first token ("So: Noi" | "vu,")
    pool = [head[1], *after]
    by_line: dict[int, list[Token]] = {}
    for t in pool:
        by_line.setdefault(t.line, []).append(t)
    lines = [by_line[i] for i in sorted(by_line)]
    views = line_views(lines)
    found: list[tuple[str, Match]] = []
    for tpl in cands:
        if tpl.kind != "unit" or len(tpl.words) < 2 or tpl.words[0] != word:
            continue
        rest = Template("unit", tpl.name, tpl.words[1:], tpl.own)
        m = align(rest, views, listed=True)
        if m is None or m.cover < 1 or not in_cells(m, lines):
            continue
        found.append((f"{label} {tpl.name.split(' ', 1)[1]}", m))
    found.sort(key=lambda f: (f[1].tokens[0].line, f[1].tokens[0].pos, -len(f[1].tokens)))
    out: list[tuple[str, Match]] = []
    used: set[tuple[int, int]] = set()
    for name, m in found:
        ids = {(t.line, t.pos) for t in m.tokens}
        if ids & used:
            continue  # "Tài chính" inside "Tài nguyên ..." taken already, or a longer name's words
        out.append((name, m))
        used |= ids
        if m.tokens[-1].text.rstrip("|").endswith(";"):
            break  # the semicolon closes the list
    return out
