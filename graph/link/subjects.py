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
