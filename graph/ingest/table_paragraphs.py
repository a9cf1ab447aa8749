"""Task-table rows whose cells OCR printed one after another, each a paragraph of its own.

Convention encoded: when a table's columns stand far apart, OCR may read a row cell by cell
instead of line by line: the task wording first, then each further cell as a short block
of one to three lines, the blocks separated by blank lines, in column order ("Phòng Văn
hóa -" / "Xã hội", blank, "Các cơ quan," / "đơn vị", blank, "2026-" / "2030", blank, "Báo
cáo"). Read line by line, such a block's words look like task wording (a block has no
neighbour cell on its line to set it apart), so the row is read by its blocks here: each
block is one cell, the blocks take the columns in order, and a column a row leaves empty
is skipped where the blocks' words say so (a deadline block in the third place after a
lead and no coordinating block). Nothing here knows a document's words; the cues are the
table vocabulary's (``table_vocab``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold

Labelled = list[tuple[str, str]]

# A cell block is short: a narrow column's few wrapped lines.
_MAX_BLOCK_LINES = 3
_MAX_LINE = 40
_WORD = re.compile(r"[a-z0-9]+")
_DATE = re.compile(r"(?:19|20)\d\d")
_CUE = 3.0  # the score of one strong cue (``_score``)


def paragraph_cells(numbers: Sequence[int], texts: Sequence[str], order: tuple[str, ...]) -> list[Labelled] | None:
    """The labelled lines of a row printed cell by cell, or None when it is not so printed.

    ``numbers``: the row's line numbers (a gap is a blank line); ``texts``: their text.
    The row's first block is the task wording (with the row number); at least three more
    blocks must follow, each of at most three short lines without a column rule, and no
    more blocks than the table has further columns."""
    blocks: list[list[int]] = [[0]]
    for k in range(1, len(numbers)):
        if numbers[k] - numbers[k - 1] > 1:
            blocks.append([])
        blocks[-1].append(k)
    cells = blocks[1:]
    columns = order[1:]
    if len(cells) < 3 or len(cells) > len(columns):
        return None
    for block in cells:
        if len(block) > _MAX_BLOCK_LINES or any(len(texts[k].strip()) > _MAX_LINE or "|" in texts[k] for k in block):
            return None
    scores = [[_score(" ".join(texts[k] for k in block), kind) for kind in columns] for block in cells]
    kinds = _assign(scores, columns)
    if sum(scores[b][columns.index(kind)] >= _CUE for b, kind in enumerate(kinds)) < 2:
        return None  # blocks no cell cue names: the wording's own lines, parted by a page break
    out: list[Labelled] = [[("title", tok) for tok in texts[k].split()] for k in blocks[0]]
    for block, kind in zip(cells, kinds):
        out.extend([(kind, tok) for tok in texts[k].split()] for k in block)
    return out


def _score(text: str, kind: str) -> float:
    """How much a block reads as a cell of the column type: its strong cues and typical words."""
    folded = fold(text)
    cues = len(tv.cue_spans(folded, kind))
    if kind == "product" and tv.vocabulary().product_phrase.match(folded.lstrip(" -")):
        cues += 1  # a product block opens with its kind ("Báo cáo", "Kế hoạch")
    words = _WORD.findall(folded)
    typical = sum(1 for w in words if w in tv.vocabulary().words[kind])
    if kind == "deadline" and _DATE.search(folded):
        cues += 1
    return _CUE * cues + typical / max(1, len(words))


def _assign(scores: list[list[float]], columns: tuple[str, ...]) -> list[str]:
    """The columns the blocks take, in order, best total score (a monotone alignment)."""
    n, m = len(scores), len(columns)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    for c in range(m + 1):
        best[0][c] = 0.0
    for b in range(1, n + 1):
        for c in range(b, m + 1):  # block b takes column c (1-based), earlier blocks earlier columns
            prev = max(range(b - 1, c), key=lambda p: best[b - 1][p])
            if best[b - 1][prev] == neg:
                continue
            # an earlier column wins ties: a row leaves its last columns empty more often
            best[b][c] = best[b - 1][prev] + scores[b - 1][c - 1] - 0.01 * c
            back[b][c] = prev
    c = max(range(n, m + 1), key=lambda k: best[n][k])
    picked = []
    for b in range(n, 0, -1):
        picked.append(columns[c - 1])
        c = back[b][c]
    return picked[::-1]
