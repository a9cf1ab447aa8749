"""Final columns of a task row's tokens once its narrow cells are snapped (``table_snap``).

Convention encoded: OCR reads a table line by line, so the cells on a line follow the column
order. Words the line labelling gave a snapped column but no value took, right of that
value's run, are the next column's; words a value left behind in the task column at a
line's end are a repeat of that value; and task-labelled words right of a unit that wrapped
onto the line are a later cell's (the task column comes first on a line).
"""

from __future__ import annotations

from cchc_kg.graph.ingest.table_deadlines import deadline_closed
from cchc_kg.graph.ingest.table_values import Token


def relabel(
    tokens: list[Token],
    assigned: dict[tuple[int, int], str],
    snapped: frozenset[str],
    order: tuple[str, ...],
    value_words: dict[str, set[str]],
    placed: frozenset[int] = frozenset(),
    whole: frozenset[tuple[int, int]] = frozenset(),
) -> dict[tuple[int, int], str | None]:
    """Final column of every token. A token the line labelling gave to a snapped column but no
    value took: after that column's run on its line it belongs to the next column (cells on
    a line follow the column order); before the run, on a line without such a run, or when
    it is one of the value's own words again, it is a stray fragment (dropped: most are
    specks or the ends of a neighbouring value, and a wrong cell is worse than none)."""
    out: dict[tuple[int, int], str | None] = {}
    closed: dict[int, bool] = {}
    for t in tokens:
        key = (t.line, t.pos)
        if key in assigned:
            out[key] = assigned[key]
            continue
        after = _after_value(t, tokens, assigned, value_words, whole, order) if t.line not in placed else None
        if after is not None and (nxt := _next_column(after, t.line, tokens, snapped, order, closed)) == "product":
            out[key] = nxt  # the task column comes first on a line: not after a cell's value
            continue
        if t.label not in snapped:
            out[key] = t.label
            continue
        if t.hits & value_words.get(t.label, set()):
            out[key] = None  # a repeated word of the column's value (a duplicate fragment)
            continue
        run = [u.pos for u in tokens if u.line == t.line and assigned.get((u.line, u.pos)) == t.label]
        idx = order.index(t.label)
        if t.line in placed:
            out[key] = None  # the layout put it in that column: no other cell's word
        elif run and t.pos > max(run) and idx + 1 < len(order):
            out[key] = _next_column(t.label, t.line, tokens, snapped, order, closed)
        else:
            out[key] = None
    return out


def _next_column(
    label: str, line: int, tokens: list[Token], snapped: frozenset[str], order: tuple[str, ...],
    closed: dict[int, bool],
) -> str:
    """The column after ``label`` that words right of its value's run on ``line`` belong to:
    a column whose value is snapped (these words are not its value's), or a deadline cell
    complete on the lines above, is passed for the column after it."""
    nxt = order.index(label) + 1
    if nxt >= len(order):
        return label  # the last column: nothing comes after it
    while nxt + 1 < len(order) and (order[nxt] in snapped or (
            order[nxt] == "deadline" and deadline_closed(tokens, line, closed))):
        nxt += 1
    return order[nxt]


def _after_value(
    t: Token, tokens: list[Token], assigned: dict[tuple[int, int], str], value_words: dict[str, set[str]],
    whole: frozenset[tuple[int, int]], order: tuple[str, ...],
) -> str | None:
    """The snapped column whose value's run ends left of a word its line labelled with an
    earlier column (cells on a line follow the column order, so the word is a later cell's:
    "... | Trung tâm Phục vụ ... | Dữ liệu", "Sở Tư pháp | Các sở, ban, | Báo cáo kết quả"
    where the deadline column comes first); None when no value precedes it, when it is a
    word of the row's values again (a repeated fragment), or when the value lost words."""
    if t.label not in order:
        return None
    before = [u for u in tokens if u.line == t.line and u.pos < t.pos and (u.line, u.pos) in assigned]
    if not before or not t.key or (t.label == "title" and t.hits & set().union(*value_words.values())):
        return None
    if (before[-1].line, before[-1].pos) not in whole:
        return None  # a value that lost words may have taken the wording's own
    col = assigned[(before[-1].line, before[-1].pos)]
    if order.index(t.label) >= order.index(col):
        return None
    # task wording only where that value wrapped onto this line from the line above (a
    # narrow cell's continuation line: "vụ hành chính | làm sạch"),
    wrapped = t.label != "title" or any(assigned.get((u.line, u.pos)) == col for u in tokens if u.line == t.line - 1)
    # and only the line's last words: what a later column's cue follows is left as labelled
    last = all(u.label == t.label and (u.line, u.pos) not in assigned for u in tokens if u.line == t.line and u.pos > t.pos)
    return col if wrapped and last else None


def drop_value_tails(
    tokens: list[Token], labels: dict[tuple[int, int], str | None], words: set[str], ends: set[str],
    placed: frozenset[int] = frozenset(),
) -> None:
    """Leftover fragments of the row's snapped values that the line labelling gave the task
    column: on each line, the task column comes first, so the last task-labelled tokens of a
    line that are all words of the row's leader, lead or coordinating value (or specks)
    are a repeat of those cells ("... năm 2026 phường", a line "Phòng Văn hóa Các phòng,")
    and leave the task wording. One such word after task words must end a value (``ends``):
    a value's first word ending a line may be the wording's own ("... hành chính công").
    Lines in ``placed`` are left alone: column rules or positions put their words in their
    cells, so a title ending in a value's word ("... Cổng dịch vụ công") keeps it."""
    if not words:
        return
    by_line: dict[int, list[Token]] = {}
    for t in tokens:
        if labels.get((t.line, t.pos)) == "title" and t.line not in placed:
            by_line.setdefault(t.line, []).append(t)
    for run in by_line.values():
        tail: list[Token] = []
        for t in reversed(run):
            if t.key and not ((len(t.key) >= 3 and t.key in words) or (len(t.key) >= 5 and t.hits & words)):
                break  # a short word must be spelt as the value spells it ("cao" is no "các"; "và")
            tail.append(t)
        keyed = [t for t in tail if t.key]
        whole = len(keyed) == len([t for t in run if t.key])
        if len(keyed) >= 2 or (keyed and (whole or keyed[0].key in ends)):
            for t in tail:
                labels[(t.line, t.pos)] = None
