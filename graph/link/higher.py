"""The higher-level side of task linking, prepared once and reused by every lower plan.

All communes of a province link against the same few plans (the province's plans and the
national ones), so what only depends on those plans is computed once per set of higher plans:
the BM25 index of their items, their words for restatement, the indicators each item is
about (its own indicator, and the indicators its text names, focal or in passing), and for
each indicator the items that carry it. A commune then costs one index lookup per task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from cchc_kg.graph.ingest.lexicon import skeleton
from cchc_kg.graph.link.indicators import Lexicon
from cchc_kg.graph.link.lexical import Index
from cchc_kg.graph.link.model import Item

_WORD = re.compile(r"[a-z0-9]+")
_CLAUSE_END = re.compile(r";")


def words(text: str) -> list[str]:
    """Words of the OCR-tolerant skeleton (what restatement compares)."""
    return _WORD.findall(skeleton(text))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ``words(text)`` in ``text`` (the skeleton keeps positions)."""
    return [m.span() for m in _WORD.finditer(skeleton(text))]


def grams(ws: list[str], n: int) -> frozenset[tuple[str, ...]]:
    """The runs of ``n`` consecutive words of ``ws`` (two texts sharing a run of ``n`` or more
    words share one of these: a cheap exact test before the longest-match search)."""
    return frozenset(tuple(ws[k:k + n]) for k in range(len(ws) - n + 1)) if n > 0 else frozenset()


def first_clause_end(text: str) -> int:
    """Where a task's main clause ends: the first ';' (the rest elaborates; OCR scatters ':' and '.')."""
    m = _CLAUSE_END.search(text)
    return m.start() if m else len(text)


@dataclass(frozen=True, slots=True)
class Named:
    """Indicators a text names: in its main clause (focal) or further on (in passing)."""

    focal: frozenset[str]
    passing: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.focal | self.passing


def named_indicators(text: str, lexicon: Lexicon) -> Named:
    """Which indicators a task's text names, and whether it names them in its main clause.

    Convention: a task's first clause says what it does ("Triển khai khảo sát sự hài lòng ...");
    an indicator that appears only after a ';' or ':' is usually context ("...; những vấn đề ảnh
    hưởng đến kết quả Chỉ số PAR INDEX, SIPAS"), not what the task acts on.
    """
    end = first_clause_end(text)
    focal, passing = set(), set()
    for m in lexicon.mentions(text):
        (focal if m.start < end else passing).add(m.notation)
    return Named(frozenset(focal), frozenset(passing - focal))


@dataclass(slots=True)
class HigherSide:
    """Everything about a set of higher plans' items that task linking needs."""

    cands: list[Item]
    index: Index
    words: list[list[str]]
    named: list[Named]
    areas: np.ndarray  # reform-area notation per candidate ("" when unknown)
    is_task: np.ndarray  # bool per candidate
    by_indicator: dict[str, list[int]] = field(default_factory=dict)
    _matchers: dict[int, SequenceMatcher] = field(default_factory=dict)
    _grams: dict[tuple[int, int], frozenset[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: list[Item], *, lexicon: Lexicon) -> HigherSide:
        cands = [h for h in items if h.text.strip()]
        named = []
        by_indicator: dict[str, list[int]] = {}
        for i, h in enumerate(cands):
            n = named_indicators(h.text, lexicon)
            if h.kind == "target" and h.indicator:
                n = Named(n.focal | {h.indicator}, n.passing - {h.indicator})
            named.append(n)
            for code in n.all:
                by_indicator.setdefault(code, []).append(i)
        return cls(
            cands=cands, index=Index([h.text for h in cands]), words=[words(h.text) for h in cands],
            named=named, areas=np.array([h.area or "" for h in cands], dtype=object),
            is_task=np.array([h.kind == "task" for h in cands], dtype=bool), by_indicator=by_indicator,
        )

    def grams(self, i: int, n: int) -> frozenset[tuple[str, ...]]:
        """Candidate ``i``'s runs of ``n`` words (built on first use, then kept)."""
        g = self._grams.get((i, n))
        if g is None:
            g = self._grams[(i, n)] = grams(self.words[i], n)
        return g

    def matcher(self, i: int) -> SequenceMatcher:
        """A SequenceMatcher indexing candidate ``i``'s words (built on first use, then kept)."""
        sm = self._matchers.get(i)
        if sm is None:
            sm = SequenceMatcher(None, autojunk=False)
            sm.set_seq2(self.words[i])
            self._matchers[i] = sm
        return sm
