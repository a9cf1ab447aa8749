"""Do two cited documents deal with the same subject? (cchc:sameSubjectAs)

Why: a plan may rest on an act that a newer act of the same kind and issuer has superseded
(an older decree cited where other plans cite its successor). The graph knows what each cited
document is about only from its citations' stated subjects (trích yếu, cchc:statedSubject),
worded differently by each citing plan and damaged by OCR. Two subjects are compared on a
key: the OCR-tolerant skeleton of the extractors' lexicon (accent-folded, digits inside words
mapped back to letters), abbreviations expanded (abbreviations_vi.txt: CCHC, TTHC, UBND ...),
numbers and the opening boilerplate ("về việc", "về", "ban hành", "quy định") dropped —
periods and years differ between successive acts and must not count against them.

Score: the overlap coefficient of the two keys' word bigrams, |A ∩ B| / min(|A|, |B|) (0-1).
Vietnamese concepts are two-syllable words, so bigrams carry the content ("cong chuc" vs
"vien chuc", "kiem tra" inserted into "ke hoach ... cai cach hanh chinh"); a short wording
contained in a longer one of the same act still scores 1. rapidfuzz ``token_set_ratio`` was
the first candidate and is kept in the bench for comparison: it scores one-word-apart titles
(tuyển dụng ... công chức / viên chức) 92 and cannot separate them. THRESHOLD was measured by
bench/eval_subjects.py on tests/data/subject_pairs.json (clean and OCR-damaged variants).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

from cchc_kg.graph.ingest.lexicon import skeleton
from cchc_kg.graph.link.lexical import stopwords
from rapidfuzz.distance import Levenshtein

# Precision first: a false match makes the superseded-basis check raise a false alarm.
THRESHOLD = 0.8
# A subject must name something beyond CCHC itself: at least MIN_CONTENT words that are
# neither function words nor plan boilerplate (graph/link/stopwords_vi.txt) nor the generic
# words of every CCHC document below ("về công tác CCHC" says nothing about which act).
MIN_CONTENT = 2
GENERIC = frozenset(["cai", "cach", "hanh", "chinh", "nha", "nuoc", "cong", "tac"])
_OPENING = re.compile(r"^(?:(?:ve viec|ve|ban hanh|quy dinh|phe duyet|huong dan)\s+)+")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """abbreviation -> expansion, from abbreviations_vi.txt."""
    out = {}
    for line in Path(__file__).with_name("abbreviations_vi.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            abbr, full = (x.strip() for x in line.split("=", 1))
            out[abbr] = full
    return out


def subject_key(text: str) -> str:
    """Comparison key of a stated subject (see the module docstring)."""
    abbr = abbreviations()
    words = [abbr.get(w, w) for w in _WORD.findall(skeleton(text))]
    key = " ".join(w for w in words if len(w) > 0)
    return _OPENING.sub("", key).strip()


def _content(key: str) -> int:
    stop = stopwords()
    return sum(1 for w in key.split() if w not in stop and w not in GENERIC)


def _bigrams(key: str) -> set[str]:
    words = key.split()
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def similarity(a: str, b: str) -> float:
    """Similarity (0-1) of two stated subjects; 0 when either says too little."""
    ka, kb = subject_key(a), subject_key(b)
    if _content(ka) < MIN_CONTENT or _content(kb) < MIN_CONTENT:
        return 0.0
    ba, bb = _bigrams(ka), _bigrams(kb)
    return len(ba & bb) / min(len(ba), len(bb))


def same_subject(a: str, b: str, *, threshold: float = THRESHOLD) -> bool:
    return similarity(a, b) >= threshold


# ---- task contexts (graph/link/citation_context.py) -------------------------------------
# A context is the task a citation stands in, not an abstract: longer, worded by each plan,
# and from OCR'd tables scrambled with the other columns' words. Compared by how many of the
# shorter context's word bigrams the other one contains, a word matching when equal or, for
# words of 2+ letters, one edit apart (OCR: "oien"/"dien", "st"/"su"). Measured on
# tests/data/context_pairs.json by bench/eval_subjects.py --contexts (11 same / 12 different
# tasks): at 0.75 P 100% with R 64% clean, 64% / 57% damaged (0.3 / 0.6); the hardest negative
# (tuyển dụng công chức ... / viên chức ...) scores 0.67, the real OCR'd table row 0.79.
CONTEXT_THRESHOLD = 0.75
# A context must say what the task does: generic ones ("Triển khai thực hiện có hiệu quả")
# would match every task citing an act of the same series.
MIN_CONTEXT_CONTENT = 5


def _near(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2 or abs(len(a) - len(b)) > 1:
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def _fuzzy_overlap(small: list[tuple[str, str]], large: list[tuple[str, str]]) -> int:
    exact = set(large)
    found = 0
    for a, b in set(small):
        if (a, b) in exact or any(_near(a, x) and _near(b, y) for x, y in large):
            found += 1
    return found


def context_key(text: str) -> str:
    """Comparison key of a task context: like subject_key, but the opening verbs are kept
    ("ban hành ..." is what the task does, not citation boilerplate)."""
    abbr = abbreviations()
    return " ".join(abbr.get(w, w) for w in _WORD.findall(skeleton(text)))


def context_similarity(a: str, b: str) -> float:
    """Similarity (0-1) of two task contexts; 0 when either says too little."""
    ka, kb = context_key(a), context_key(b)
    if _content(ka) < MIN_CONTEXT_CONTENT or _content(kb) < MIN_CONTEXT_CONTENT:
        return 0.0
    ba = sorted(set(itertools.pairwise(ka.split())))
    bb = sorted(set(itertools.pairwise(kb.split())))
    small, large = (ba, bb) if len(ba) <= len(bb) else (bb, ba)
    return _fuzzy_overlap(small, large) / len(small) if small else 0.0


def same_context(a: str, b: str, *, threshold: float = CONTEXT_THRESHOLD) -> bool:
    return context_similarity(a, b) >= threshold
