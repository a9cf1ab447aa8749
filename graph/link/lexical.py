"""Lexical similarity of accent-folded text: BM25 over word unigrams and bigrams.

Vietnamese writes one syllable per word, and most concepts are two syllables ("hài lòng",
"trực tuyến", "dữ liệu"), so both single syllables and adjacent pairs are terms; a function
word or plan boilerplate (stopwords_vi.txt) breaks a pair. Text is matched on the OCR-tolerant
skeleton of the extractors' lexicon (accent-folded, digits inside words mapped back to letters).

Scores are normalised to 0..1 so thresholds mean the same for every query: the BM25 score of
the query against an item divided by the score a one-occurrence match of every query term
would get in an average-length item (the sum of the query terms' idf), with words unknown to
the higher plans counted at half the average idf (an OCR-garbled word should cost a little,
not everything). The idf is Lucene's non-negative form, so tiny corpora behave.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rank_bm25 import BM25Okapi

from cchc_kg.graph.ingest.lexicon import skeleton

_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    path = Path(__file__).with_name("stopwords_vi.txt")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


def terms(text: str) -> list[str]:
    """Unigram and bigram terms of a text (bigrams joined by '_'), stopwords removed."""
    stop = stopwords()
    out: list[str] = []
    prev: str | None = None
    for w in _WORD.findall(skeleton(text)):
        if w in stop or len(w) < 2 or w.isdigit():
            prev = None
            continue
        out.append(w)
        if prev is not None:
            out.append(f"{prev}_{w}")
        prev = w
    return out


class _LuceneBM25(BM25Okapi):
    """rank-bm25's Okapi scorer with Lucene's idf, log(1 + (N - n + 0.5) / (n + 0.5)) >= 0."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        for word, freq in nd.items():
            self.idf[word] = math.log(1 + (self.corpus_size - freq + 0.5) / (freq + 0.5))
        self.average_idf = sum(self.idf.values()) / len(self.idf) if self.idf else 0.0


@dataclass(frozen=True, slots=True)
class Match:
    score: float  # normalised 0..1
    phrases: tuple[str, ...]  # shared key phrases, most specific first


class Index:
    """A BM25 index over the higher-level items' texts."""

    def __init__(self, texts: list[str]) -> None:
        self.docs = [terms(t) for t in texts]
        self._sets = [set(d) for d in self.docs]
        usable = [d if d else ["_empty_"] for d in self.docs]
        self._bm25 = _LuceneBM25(usable) if usable else None

    def idf(self, term: str) -> float | None:
        return self._bm25.idf.get(term) if self._bm25 else None

    def scores(self, text: str) -> list[Match]:
        """Normalised score and shared phrases of ``text`` against every indexed item."""
        if self._bm25 is None:
            return []
        query = list(dict.fromkeys(terms(text)))
        if not query:
            return [Match(0.0, ()) for _ in self.docs]
        raw = self._bm25.get_scores(query)
        avg = self._bm25.average_idf
        denom = sum(self._bm25.idf[t] for t in query if t in self._bm25.idf)
        denom += 0.5 * avg * sum(1 for t in query if t not in self._bm25.idf and "_" not in t)
        out = []
        for i, s in enumerate(raw):
            if s <= 0 or denom <= 0:
                out.append(Match(0.0, ()))
                continue
            shared = [t for t in query if t in self._sets[i]]
            out.append(Match(min(1.0, float(s) / denom), self._phrases(shared)))
        return out

    def _phrases(self, shared: list[str]) -> tuple[str, ...]:
        bigrams = [t for t in shared if "_" in t]
        covered = {w for b in bigrams for w in b.split("_")}
        unigrams = [t for t in shared if "_" not in t and t not in covered]
        ranked = sorted(bigrams, key=lambda t: -(self.idf(t) or 0)) + \
            sorted(unigrams, key=lambda t: -(self.idf(t) or 0))
        return tuple(t.replace("_", " ") for t in ranked)
