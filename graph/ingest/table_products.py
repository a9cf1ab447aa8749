"""The product cell (sản phẩm) of a task-table row, read at the product column's position.

Convention encoded: the product column sits right after the task wording and holds a short
document kind ("Kế hoạch", "Báo cáo", "Quyết định", "Hội nghị" ...), sometimes several
("- Kế hoạch; - Báo cáo"). OCR runs it into the wording, so a product kind is taken only
where the product column is: the last words of the wording on a line when the next
column's cell (or a column rule) follows on the same line. A "Kế hoạch" inside the wording
("Ban hành Kế hoạch kiểm tra ...") is never at that position unless the line ends there
with a rule, and stays in the title. The kinds and their printed forms are the
vocabulary's ``product_terms``; OCR-damaged spellings match by a fuzzy ratio on the letters.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from cchc_kg.graph.ingest.normalise import fold
from rapidfuzz import fuzz

_DIGITS = str.maketrans("6041&@¢", "ooaieae")
_LETTERS = re.compile(r"[^a-z ]")
_RATIO = 70  # an OCR-damaged kind ("Bdo cao", "K& hoach") against its folded form
_WHOLE_RATIO = 65  # a whole product cell of one damaged kind ("Biocio")


@lru_cache(maxsize=1)
def terms() -> dict[str, str]:
    """Folded product kind -> printed form, longest first."""
    from cchc_kg.graph.ingest.table_vocab import _VOCAB_FILE

    raw = json.loads(_VOCAB_FILE.read_text(encoding="utf-8")).get("product_terms", {})
    items = {k: v for k, v in raw.get("terms", {}).items() if not k.startswith("_")}
    return dict(sorted(items.items(), key=lambda kv: -len(kv[0])))


def _letters(token: str) -> str:
    return _LETTERS.sub("", fold(token).translate(_DIGITS))


def kind_at_end(tokens: list[str]) -> tuple[int, str] | None:
    """(number of tokens, printed kind) when the last tokens spell a product kind; every
    word keeps its first letter, and a kind glued into one token ("Kéhoach") counts."""
    words = [_letters(t) for t in tokens]
    for folded, printed in terms().items():
        parts = folded.split()
        size = len(parts)
        if words and len(parts) > 1 and len(words[-1]) >= 5 and words[-1][:1] == folded[:1] and (
            fuzz.ratio(words[-1], folded.replace(" ", "")) >= _RATIO + 10
        ):
            return 1, printed
        if len(words) < size:
            continue
        tail = words[-size:]
        if any(not w or w[:1] != p[:1] or fuzz.ratio(w, p) < 50 for w, p in zip(tail, parts)):
            continue
        if fuzz.ratio(" ".join(tail), folded) >= _RATIO:
            return size, printed
    return None


def _is_bar(tok: str) -> bool:
    return tok.strip() in {"|", "[", "]"} or tok.endswith("|") or tok.startswith("|")


def relabel_products(labelled: list[list[tuple[str, str]]], order: tuple[str, ...]) -> None:
    """Label as product the kind that ends the wording on a line before another column or a
    column rule, or that fills a segment of the wording between column rules."""
    if "product" not in order:
        return
    for line in labelled:
        end = next((t for t, (kind, _) in enumerate(line) if kind not in {"title", "product"}), len(line))
        segments: list[list[int]] = [[]]
        for t in range(end):
            if _is_bar(line[t][1]):
                segments.append([])
            if line[t][1].strip("|[] "):
                segments[-1].append(t)
        closed = end < len(line) or (end and _is_bar(line[end - 1][1]))
        for k, seg in enumerate(segments):
            seg = [t for t in seg if line[t][0] == "title"]
            if not seg:
                continue
            last = k == len(segments) - 1
            if not last or closed:
                found = kind_at_end([line[t][1] for t in seg])
                whole = found is not None and found[0] == len(seg)
                # a segment after a rule that is wholly a kind, or a kind after wording
                if found is not None and ((k > 0 and whole) or found[0] < len(seg)):
                    for t in seg[-found[0]:]:
                        line[t] = ("product", line[t][1])


def canonical_product(text: str) -> str | None:
    """A product cell spelled only with product kinds (and specks) in their printed form,
    each kind once, in order; other cells as read (None when empty). A cell OCR read
    twice over (``once``) is read once."""
    if not text:
        return None
    text = once(text)
    words = [w for w in (_letters(t) for t in re.split(r"[\s,;/]+", text)) if len(w) >= 2]
    found: list[str] = []
    k = 0
    while k < len(words):
        for folded, printed in terms().items():
            size = len(folded.split())
            window = " ".join(words[k: k + size])
            if len(words[k: k + size]) == size and window[:1] == folded[:1] and fuzz.ratio(window, folded) >= _RATIO:
                if printed not in found:
                    found.append(printed)
                k += size
                break
        else:
            if _leftover(words[k]):
                k += 1  # the tail of a kind OCR cut in two ("hoach K& hoach")
                continue
            if len(words) <= 2 and not found:
                joined = "".join(words)
                best = max(terms().items(), key=lambda kv: fuzz.ratio(joined, kv[0].replace(" ", "")))
                if joined[:1] == best[0][:1] and fuzz.ratio(joined, best[0].replace(" ", "")) >= _WHOLE_RATIO:
                    return best[1]
            return text
    return ", ".join(found) if found else text


def _leftover(word: str) -> bool:
    """A word of some product kind, left over from OCR splitting one."""
    return any(fuzz.ratio(word, p) >= 80 for folded in terms() for p in folded.split())


# How alike the two halves of a cell must be (accent-folded letters) to be one text read twice.
_TWICE_RATIO = 80


def once(text: str) -> str:
    """The cell's text once, when OCR gave it twice in a row ("Văn bản rà soát TTHC Vin ban ra
    sodt TTHC": a cell printed on the page and its shadow, or an overlapping scan): the
    split into two runs of words whose folded letters agree best, if they agree closely;
    else the text as read."""
    words = text.split()
    if len(words) < 4:
        return text
    best, cut = 0.0, 0
    for k in range(2, len(words) - 1):
        a, b = _letters(" ".join(words[:k])), _letters(" ".join(words[k:]))
        if min(len(a), len(b)) < 0.7 * max(len(a), len(b)):
            continue
        score = fuzz.ratio(a, b)
        if score > best:
            best, cut = score, k
    return " ".join(words[:cut]) if best >= _TWICE_RATIO else text
