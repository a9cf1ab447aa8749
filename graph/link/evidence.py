"""Evidence of a link in words a person checks against the two texts, in Vietnamese and English.

The matching runs on accent-folded skeletons ("thanh toan truc tuyen"); a reader should see
the words as the lower plan prints them ("thanh toán trực tuyến", or the OCR's "thanh todn
tryc tuyén"). The skeleton keeps one character per character of the text, so a phrase found
in the skeleton is cut out of the original text at the same place. Labels of indicators and
reform areas come from the SKOS schemes (ontology/schemes/*.ttl), never from code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cchc_kg.graph.ingest.lexicon import load_scheme, skeleton


@lru_cache(maxsize=1)
def _area_labels() -> dict[str, str]:
    try:
        return {c.notation: c.label for c in load_scheme("areas")}
    except FileNotFoundError:
        return {}


def area_label(notation: str) -> str:
    """Vietnamese label of a reform area ("Cải cách thủ tục hành chính")."""
    return _area_labels().get(notation, notation)


def original_phrase(text: str, phrase: str, *, sk: str | None = None) -> str:
    """The span of ``text`` whose skeleton is ``phrase`` (words apart by any non-letters);
    the phrase itself when it cannot be found. ``sk``: the text's skeleton, if known."""
    sk = sk if sk is not None else skeleton(text)
    words = phrase.split()
    start = 0
    while True:  # find the first word, then check the others follow (no regex per phrase)
        i = sk.find(words[0], start)
        if i < 0:
            return phrase
        start = i + 1
        if i > 0 and sk[i - 1].isalnum():
            continue
        j = i + len(words[0])
        ok = True
        for w in words[1:]:
            k = j
            while k < len(sk) and not sk[k].isalnum():
                k += 1
            if k == j or not sk.startswith(w, k):
                ok = False
                break
            j = k + len(w)
        if ok and (j >= len(sk) or not sk[j].isalnum()):
            return re.sub(r"\s+", " ", text[i:j])


def original_phrases(text: str, phrases: tuple[str, ...], *, limit: int = 5) -> list[str]:
    out: list[str] = []
    sk = skeleton(text)
    for p in phrases:
        o = original_phrase(text, p, sk=sk)
        if o not in out:
            out.append(o)
        if len(out) >= limit:
            break
    return out


def quote(text: str, *, width: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return "\u201c" + (text if len(text) <= width else text[: width - 1].rstrip() + "\u2026") + "\u201d"
