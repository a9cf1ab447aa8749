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

Speed: the index is built once per set of higher plans (a province's plans are shared by all
its communes) as posting lists of precomputed per-item BM25 weights, so scoring a query is a
few numpy additions (Okapi BM25, k1 = 1.5, b = 0.75, the same numbers as rank-bm25's
``BM25Okapi`` with Lucene's idf); shared phrases are only spelt out for the pairs kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from cchc_kg.graph.ingest.lexicon import skeleton

_WORD = re.compile(r"[a-z0-9]+")
K1 = 1.5
B = 0.75


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


@dataclass(frozen=True, slots=True)
class Match:
    score: float  # normalised 0..1
    phrases: tuple[str, ...]  # shared key phrases, most specific first


class Index:
    """A BM25 index over the higher-level items' texts (built once, queried many times)."""

    def __init__(self, texts: list[str]) -> None:
        self.docs = [terms(t) for t in texts]
        self._sets = [set(d) for d in self.docs]
        self.size = len(self.docs)
        self._idf: dict[str, float] = {}
        self._post: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.average_idf = 0.0
        if not self.size:
            return
        lengths = np.array([max(1, len(d)) if d else 1 for d in self.docs], dtype=float)
        avgdl = float(lengths.mean())
        norm = K1 * (1 - B + B * lengths / avgdl)
        postings: dict[str, list[tuple[int, int]]] = {}
        for i, d in enumerate(self.docs):
            for term, tf in Counter(d).items():
                postings.setdefault(term, []).append((i, tf))
        n = self.size
        for term, plist in postings.items():
            df = len(plist)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            self._idf[term] = idf
            idx = np.fromiter((i for i, _ in plist), dtype=np.intp, count=df)
            tf = np.fromiter((t for _, t in plist), dtype=float, count=df)
            self._post[term] = (idx, idf * tf * (K1 + 1) / (tf + norm[idx]))
        self.average_idf = sum(self._idf.values()) / len(self._idf) if self._idf else 0.0

    def idf(self, term: str) -> float | None:
        return self._idf.get(term)

    def vector(self, text: str) -> tuple[np.ndarray, list[str]]:
        """Normalised scores (0..1) of ``text`` against every item, and the query's terms."""
        query = list(dict.fromkeys(terms(text)))
        out = np.zeros(self.size)
        if not query or not self.size:
            return out, query
        denom = 0.0
        for t in query:
            post = self._post.get(t)
            if post is not None:
                out[post[0]] += post[1]
                denom += self._idf[t]
            elif "_" not in t:
                denom += 0.5 * self.average_idf
        if denom <= 0:
            return np.zeros(self.size), query
        np.minimum(out / denom, 1.0, out=out)
        return out, query

    def phrases(self, query: list[str], i: int) -> tuple[str, ...]:
        """Key phrases a query shares with item ``i``, most specific first: runs of shared
        bigrams that follow each other in the query are joined ("thanh toan", "toan truc",
        "truc tuyen" -> "thanh toan truc tuyen"), then single words no phrase covers."""
        have = self._sets[i]
        runs: list[list[str]] = []
        last: str | None = None
        for t in query:  # query terms are in text order: w1, w2, w1_w2, w3, w2_w3 ...
            if "_" not in t or t not in have:
                continue
            a, b = t.split("_", 1)
            if runs and last is not None and last.split("_", 1)[1] == a:
                runs[-1].append(b)
            else:
                runs.append([a, b])
            last = t
        score = {" ".join(r): sum(self._idf.get(f"{x}_{y}", 0.0) for x, y in pairwise(r)) for r in runs}
        covered = {w for r in runs for w in r}
        unigrams = [t for t in query if "_" not in t and t in have and t not in covered]
        ranked = sorted(score, key=lambda p: -score[p]) + sorted(unigrams, key=lambda t: -(self._idf.get(t) or 0))
        return tuple(dict.fromkeys(ranked))

    def scores(self, text: str) -> list[Match]:
        """Normalised score and shared phrases of ``text`` against every indexed item."""
        vec, query = self.vector(text)
        return [Match(float(s), self.phrases(query, i) if s > 0 else ()) for i, s in enumerate(vec)]
