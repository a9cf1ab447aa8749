"""Align a candidate cell value with the scattered fragments of a task-table row.

Convention encoded: OCR reads a table line by line, so a narrow cell's value ("Phó Chủ tịch
UBND phường phụ trách theo lĩnh vực", "UBND cấp huyện") reaches us as contiguous runs of its
words on consecutive lines of the row, in order, interleaved with other cells' fragments.
``align`` finds the best such in-order alignment (OCR slips inside words tolerated through
the tokens' ``hits``, words glued by OCR counted twice); ``table_snap`` chooses among the
aligned values. Split from ``table_snap`` to keep each module to one job.
"""

from __future__ import annotations

from functools import lru_cache

from cchc_kg.graph.ingest.table_values import Match, Template, Token, collective_ends
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

_ALONE = {"leader": frozenset({"leader"}), "unit": frozenset({"lead", "coord"}),
          "collective": frozenset({"lead", "coord"})}
_NARROW = frozenset({"leader", "lead", "coord"})
_MAX_GAP = 2  # lines between two fragments of one cell (a line OCR lost in between)
View = tuple[list[Token], list[Token], frozenset[str]]  # a row's line, its keyed tokens, their hits


def align(template: Template, by_line: list[View], *, listed: bool = False) -> Match | None:
    """Best in-order alignment of a template's words with contiguous runs on nearby lines.

    A run matches template words j, j+1, ... against consecutive tokens of one line (specks
    in between are skipped); template words may be lost (unmatched) but not reordered. A
    cell's fragments sit on consecutive lines, so two runs are at most ``_MAX_GAP`` lines
    apart; the value's first word opens a run of at least two words, and a one-word run
    counts only where the line labelling already saw a narrow column, or, for the value's
    last word, where it closes a list the line above broke after a comma (the labelling
    takes such a lone word for task wording). ``listed``: the value is an item of a head
    word's list ("Các Sở: Nội vụ, ..., Kế hoạch và Đầu tư, ..."), whose items end with a
    comma or semicolon; its last word may then stand alone among task words when it carries
    that mark ("... Tháng tư, Thông tin ..." holds "Đầu tư," wrapped from the line above).
    Of two alignments matching as many words, the one in fewer runs is taken, then the one
    whose runs stand further right on their lines: the task wording is the table's first
    column, so a run of the value's words inside it ("... của các cơ quan chuyên môn ...")
    comes before the cell's own run on that line ("... | Các cơ").
    """
    words = template.words
    n = len(words)
    alone = _ALONE[template.kind]
    keyset = word_index(words)[2]
    # best[j] = (matched count, matched tokens, last line) having consumed template words < j
    best: list[tuple[int, tuple[Token, ...], int] | None] = [None] * (n + 1)
    best[0] = (0, (), -1)
    for line, keys, present in by_line:
        if present.isdisjoint(keyset):
            continue  # no word of the value on this line
        runs = [
            (j, run) for j, run in _runs(words, keys)
            if len(run) >= 2 or (j > 0 or n == 1 or _wraps(run[0], line, alone) or _after_item(run[0], line))
            and (_may_stand_alone(run[0], keys, alone) or (j == n - 1 and n >= 3)
                 or (j == 0 and n >= 3 and _after_collective(run[0], line)))
        ]
        # a value's last word wedged among task words counts only as the end of a list the
        # line above broke after a comma ("Các sở, ban," over "... 12/2025 ngành ...")
        # (spelt as the value spells it: a fuzzy reading of a short word is too weak here)
        closing = {(j, run) for j, run in runs if len(run) == 1 and j == n - 1 and n >= 3
                   and not _may_stand_alone(run[0], keys, alone)}
        runs = [(j, run) for j, run in runs if (j, run) not in closing or run[0].key == words[j]]
        listed_end = False
        if listed and n >= 2:
            ends = next((r for j, r in runs if j == n - 1), None) \
                or next((r for j, r in _runs(words, keys) if j == n - 1), None)
            if ends is not None and len(ends) == 1 and ends[0].key == words[n - 1] \
                    and ends[0].text.rstrip("|").endswith((",", ";")):
                runs = [(j, r) for j, r in runs if j != n - 1] + [(n - 1, ends)]
                closing.discard((n - 1, ends))
                listed_end = True
        if not runs:
            continue
        here = line[0].line
        new = list(best)
        for j in range(n + 1):
            state = best[j]
            if state is None:
                continue
            count, taken, last = state
            if taken and here - last > _MAX_GAP:
                continue
            for j2, run in runs:
                if j2 < j or (not taken and j2 > 0 and len(run) < 2):
                    continue
                if (j2, run) in closing and (j2 != j or here - last != 1 or not taken[-1].text.rstrip("|").endswith(",")):
                    continue
                if listed_end and j2 == n - 1 and (j2 != j or here - last != 1):
                    continue  # the item's last word, on the line after the rest of it
                end = j2 + len(run)
                cand = (count + len(run), taken + run, here)
                old = new[end]
                if old is None or cand[0] > old[0] or (cand[0] == old[0] and _shape(cand[1]) > _shape(old[1])):
                    new[end] = cand
        best = new
    top = max((b for b in best if b is not None), key=lambda b: (b[0], _shape(b[1])))
    if top[0] == 0:
        return None
    return Match(template, top[1], top[0] / n)


def line_views(lines: list[list[Token]]) -> list[View]:
    """Each line of a row with its keyed tokens and the union of their hits, built once per
    row: ``best_matches`` aligns some twenty templates with the same lines, and a line
    without any word of a template is then skipped with one set test."""
    views: list[View] = []
    for line in lines:
        keys = [t for t in line if t.key]
        views.append((line, keys, frozenset().union(*(t.hits for t in keys))))
    return views


def _wraps(token: Token, line: list[Token], alone: frozenset[str]) -> bool:
    """A value's first word may stand alone where its cell wraps: the word ends its line or
    the line's cell (a column rule follows) and the labelling saw the value's column there
    ("... ngành, UBND|" over "cấp huyện")."""
    if token.label not in alone:
        return False
    after = [u for u in line if u.pos > token.pos and u.text.strip()]
    return not after or after[0].text.startswith("|") or token.text.endswith("|")


def _after_item(token: Token, line: list[Token]) -> bool:
    """A value's first word may stand alone after another value's last word closed by a
    comma or semicolon: a cell listing several units wraps inside the list ("Các sở, ban,"
    over "ngành, UBND" over "cấp huyện"), so the next unit's first word ends the line's part
    of that cell whatever column the labelling gave it; where the labelling saw task
    wording, the word before the comma must end a collective ("ngành,"): a comma of the
    task wording ("kinh tế, Các") opens no unit."""
    before = [u for u in line if u.pos < token.pos and u.text.strip()]
    if not before or not before[-1].key or not before[-1].text.rstrip("|").endswith((",", ";")):
        return False
    return before[-1].label != "title" or before[-1].key in collective_ends()


def _after_collective(token: Token, line: list[Token]) -> bool:
    """A value's first word right after a collective's last word closed by a comma or
    semicolon ("Các sở, ban, ngành, UBND" over "cấp huyện"; "ngành; UBND" over "các xã,
    phường"): the unit list goes on, so the word opens the next
    item even where the labelling took both for task wording."""
    before = [u for u in line if u.pos < token.pos and u.text.strip()]
    return bool(before) and before[-1].key in collective_ends() and before[-1].text.rstrip("|").endswith((",", ";"))


def _may_stand_alone(token: Token, line: list[Token], alone: frozenset[str]) -> bool:
    """A one-word fragment ("UBND", "vực") counts where the line labelling saw the value's
    column, or where it is not wedged between words of the task column."""
    if token.label in alone:
        return True
    before = any(u.label == "title" for u in line if u.pos < token.pos)
    after = any(u.label == "title" for u in line if u.pos > token.pos)
    return not (before and after)


@lru_cache(maxsize=4096)
def word_index(words: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]], frozenset[str]]:
    """A template's glued word pairs, the positions of each word (or pair), and all of them."""
    glued = tuple(words[j] + words[j + 1] for j in range(len(words) - 1))
    index: dict[str, list[int]] = {}
    for j, w in enumerate(words):
        index.setdefault(w, []).append(j)
    for j, g in enumerate(glued):
        index.setdefault(g, []).append(j)
    return glued, {k: tuple(v) for k, v in index.items()}, frozenset(index)


def _glued(key: str, pair: str) -> bool:
    """A token counts as two of the value's words OCR glued ("Noivu") only when it spells
    them up to one slip or closely ("phuwomgphu"): the loose likeness of a single word is
    too weak for a token that counts twice ("soat" of "rà soát" is no "Sở Tư")."""
    return Levenshtein.distance(key, pair) <= 1 or fuzz.ratio(key, pair) >= 80


def _shape(tokens: tuple[Token, ...]) -> tuple[int, int]:
    """Tie-break between alignments matching as many words (see ``align``): fewer runs
    first (a cell's words stay together on a line), then further right on their lines."""
    runs = sum(1 for a, b in zip((None, *tokens), tokens)
               if a is None or (a.line, a.pos) != (b.line, b.pos) and (a.line != b.line or b.pos != a.pos + 1))
    return -runs, sum(t.pos for t in tokens)


def _runs(words: tuple[str, ...], line: list[Token]) -> list[tuple[int, tuple[Token, ...]]]:
    """(j, run) for each template start j: the run of consecutive line tokens matching the
    most of words[j:], as the tokens matched, and any further run from j elsewhere on the
    line of two words or more, or of one word spelt as the value spells it where the
    labelling saw a narrow column or right after a comma or semicolon (a value's words may
    stand twice on a line, in the task wording and in the cell: "... giai UBND tỉnh ngành;
    UBND" holds the wording's "UBND" and the one that opens the cell's next unit). A token may be two template words OCR glued together
    ("Noivu"); it then stands twice in the run, so that the run's length counts words."""
    out: dict[int, list[tuple[Token, ...]]] = {}
    items: set[int] = set()  # positions of tokens that open a list item ("ngành; UBND")
    n = len(words)
    glued, index, keyset = word_index(words)
    for a, first in enumerate(line):
        if not first.hits & keyset:
            continue
        starts = {j for h in first.hits for j in index.get(h, ())}
        for j in starts:
            run: list[Token] = []
            w, t = j, a
            while w < n and t < len(line):
                hits = line[t].hits
                if words[w] in hits:
                    run.append(line[t])
                    w += 1
                elif w + 1 < n and glued[w] in hits and _glued(line[t].key, glued[w]):
                    run += [line[t], line[t]]
                    w += 2
                else:
                    break
                t += 1
            if run:
                out.setdefault(j, []).append(tuple(run))
                if a > 0 and line[a - 1].text.rstrip("|").endswith((",", ";")):
                    items.add(first.pos)
    pairs: list[tuple[int, tuple[Token, ...]]] = []
    for j, found in out.items():
        longest = max(found, key=len)  # the first of the longest
        pairs.append((j, longest))
        pairs += [(j, r) for r in found if r is not longest and r[0] not in longest
                  and (len(r) >= 2 or (len(longest) == 1 and r[0].key == words[j]
                                       and (r[0].label in _NARROW or r[0].pos in items)))]
    return pairs
