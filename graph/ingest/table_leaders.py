"""Complete a task table's leader cells from the values the same table prints in full.

Convention encoded: the leader column of a ward or commune task table (lãnh đạo UBND phụ
trách) holds one of two or three values, repeated row after row ("Chủ tịch UBND phường",
"Phó Chủ tịch UBND phường phụ trách theo lĩnh vực"). OCR scatters the tall cell over the
row's lines, and in some rows only part of it survives the interleaving ("trách theo lĩnh",
"Phó Chủ tịch"). A value the table prints in full in at least two rows is one of its leader
values; a partial reading whose words are, in order, words of such a value is that value
(the shortest one that contains them, so "Chủ tịch UBND" stays the chairman), written as the
table most often prints it; a value that is only the start of a value more rows print is
that value cut short. A reading that fits no full value is left as read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from cchc_kg.graph.ingest.records import TaskRecord
from cchc_kg.graph.ingest.table_values import _words, same_word, templates

_MIN_ROWS = 2  # rows that must print a value in full for it to be one of the table's values
_MIN_SHARE = 0.7  # share of a partial reading's words that must be words of the value


def complete_leaders(tasks: list[TaskRecord], *, levels: tuple[str, ...] | None = None) -> list[TaskRecord]:
    """The tasks with partial leader readings replaced by the table's full value they belong to."""
    full = {t.words for t in templates((), leader=True, levels=levels) if t.kind == "leader"}
    printed: dict[tuple[str, ...], Counter[str]] = {}
    for task in tasks:
        words = _words(task.lead_official or "")
        value = next((f for f in full if _same(words, f)), None)
        if value is not None:
            printed.setdefault(value, Counter())[task.lead_official or ""] += 1
    values = {v: c for v, c in printed.items() if sum(c.values()) >= _MIN_ROWS}
    if not values:
        return tasks
    longer = _truncations(values)
    out: list[TaskRecord] = []
    for task in tasks:
        words = _words(task.lead_official or "")
        own = next((v for v in values if _same(words, v)), None)
        if own is not None and own in longer:
            out.append(replace(task, lead_official=values[longer[own]].most_common(1)[0][0]))
            continue
        if not words or own is not None or any(_same(words, f) for f in full):
            out.append(task)  # a value as printed, or a whole leader phrase of its own
            continue
        hosts = [v for v in values if _inside(words, v)]
        if not hosts:
            out.append(task)
            continue
        host = min(hosts, key=len)
        if sum(len(h) == len(host) for h in hosts) > 1:
            out.append(task)  # two values of the same length fit: no guess
            continue
        host = longer.get(host, host)
        out.append(replace(task, lead_official=values[host].most_common(1)[0][0]))
    return out


def _truncations(values: dict[tuple[str, ...], Counter[str]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Values that are the start of a value more rows print ("Phó Chủ tịch UBND phường phụ
    trách" where most rows go on "theo lĩnh vực"): the cell's end wrapped onto lines OCR
    gave another column. A value that is not the start of another one ("Chủ tịch UBND
    phường" inside "Phó Chủ tịch ...") is a value of its own."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for short, seen in values.items():
        fits = [v for v, c in values.items() if len(v) > len(short) and _same(v[: len(short)], short)
                and sum(c.values()) > sum(seen.values())]
        if fits:
            out[short] = max(fits, key=lambda v: sum(values[v].values()))
    return out


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b))


def _inside(part: tuple[str, ...], value: tuple[str, ...]) -> bool:
    """Most of ``part``'s words (at least two) are words of ``value`` in the same order;
    words that are not (specks, a neighbouring cell's word) are skipped."""
    k = 0
    hit = 0
    for w in part:
        j = next((i for i in range(k, len(value)) if same_word(w, value[i])), None)
        if j is not None:
            hit += 1
            k = j + 1
    return hit >= 2 and hit >= _MIN_SHARE * len(part)
