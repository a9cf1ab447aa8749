"""Indicator vocabulary for linking: which indicator a text speaks of, and which are related.

Loaded from the SKOS scheme ``ontology/schemes/indicators.ttl`` through the extractors'
lexicon (graph/ingest/lexicon.py): ``cchc:signalPhrase`` gives accent-folded phrasings
("hai long", "sipas", "thanh toan truc tuyen"), ``skos:broader`` groups the components of
one index (health/education satisfaction is part of SIPAS). Nothing is hard-coded here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cchc_kg.graph.ingest.lexicon import Concept, load_scheme, skeleton
from rapidfuzz.distance import Levenshtein

_WORDS = re.compile(r"[a-z0-9]+")
_ACCENTED = re.compile(r"[^\x00-\x7f]")


def damaged(text: str) -> bool:
    """Whether a text lost its diacritics (OCR): Vietnamese prose has a quarter of its letters
    accented; below one in twenty, signal phrases are likely garbled too."""
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 20 and len(_ACCENTED.findall(text)) < 0.05 * letters


def _ordered_match(words: tuple[str, ...], spans: list[tuple[str, int]]) -> int | None:
    """Start offset of a window where ``words`` occur in order (OCR-tolerant), or None."""
    n = len(words)
    allowed_missing = n // 5  # a three- or four-word phrase must be all there
    for k, (w0, _) in enumerate(spans):
        if not _same(words[0], w0) and not _same(words[1], w0):
            continue
        i, j, matched, first = 0, k, 0, None
        limit = min(len(spans), k + 2 * n)
        while i < n and j < limit:
            if _same(words[i], spans[j][0]):
                matched += 1
                first = spans[j][1] if first is None else first
                i += 1
                j += 1
                continue
            # skip a few text words (garbled, or another table column's fragment) ...
            ahead = next((d for d in range(1, 5) if j + d < limit and _same(words[i], spans[j + d][0])), None)
            if ahead is not None:
                j += ahead
            else:  # ... or a phrase word OCR lost
                i += 1
        if matched >= n - allowed_missing and first is not None:
            return first
    return None


def _same(a: str, b: str) -> bool:
    """Equal, or one edit apart for words of three letters or more with the same first letter
    (OCR garbles a word's inside far more often than its first letter: ``dbi``, ``chic``)."""
    return a == b or (len(a) >= 3 and len(b) >= 2 and a[0] == b[0]
                      and Levenshtein.distance(a, b, score_cutoff=1) <= 1)


@dataclass(frozen=True, slots=True)
class Mention:
    notation: str
    phrase: str  # the signal phrase found (skeleton form)
    start: int = 0  # where it occurs in the text (the skeleton keeps the text's positions)


class Lexicon:
    """Indicator concepts with their signal phrases and broader index."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._concepts = {c.notation: c for c in concepts}
        # Same matching as lexicon.find (whole words on the skeleton), compiled once.
        self._patterns = [
            (c.notation, [(p, re.compile(r"(?<![a-z0-9])" + re.escape(p) + r"(?![a-z0-9])")) for p in c.phrases])
            for c in self._concepts.values()
        ]
        self._cache: dict[str, list[Mention]] = {}
        # For OCR-damaged text: each phrase of three words or more as words and word set.
        self._fuzzy = [
            (c.notation, [(p, tuple(_WORDS.findall(p)), frozenset(_WORDS.findall(p)))
                          for p in c.phrases if len(_WORDS.findall(p)) >= 3])
            for c in self._concepts.values()
        ]

    @classmethod
    def load(cls) -> Lexicon:
        """The project's indicator scheme; empty (no indicator evidence) if it is not installed."""
        try:
            return cls(load_scheme("indicators"))
        except FileNotFoundError:
            return cls(())

    def __len__(self) -> int:
        return len(self._concepts)

    def label(self, notation: str) -> str:
        c = self._concepts.get(notation)
        return c.label if c else notation

    def broader(self, notation: str) -> str | None:
        c = self._concepts.get(notation)
        return c.broader if c else None

    def related(self, a: str, b: str) -> bool:
        """Two different indicators of one index (one is broader of the other, or siblings)."""
        if a == b:
            return False
        ba, bb = self.broader(a), self.broader(b)
        return ba == b or bb == a or (ba is not None and ba == bb)

    def relation_text(self, a: str, b: str) -> str:
        if self.broader(a) == b:
            return f"{a} is part of {b}"
        if self.broader(b) == a:
            return f"{b} is part of {a}"
        return f"both part of {self.broader(a)}"

    def mentions(self, text: str) -> list[Mention]:
        """Indicators whose signal phrases occur in ``text`` (longest phrase per indicator)."""
        if text in self._cache:
            return self._cache[text]
        sk = skeleton(text)
        found: list[Mention] = []
        for notation, patterns in self._patterns:
            for phrase, pattern in patterns:  # longest first
                if phrase not in sk:  # cheap substring test before the word-boundary regex
                    continue
                m = pattern.search(sk)
                if m:
                    found.append(Mention(notation, phrase, m.start()))
                    break
        if damaged(text):
            have = {m.notation for m in found}
            found.extend(self._fuzzy_mentions(sk, skip=have))
        if len(self._cache) < 100_000:
            self._cache[text] = found
        return found

    def _fuzzy_mentions(self, sk: str, *, skip: set[str]) -> list[Mention]:
        """Signal phrases spelt with OCR damage: the phrase's words in order within a short
        window, each exact or (three letters or more) one edit away, all but one in five
        present (``ctia nguoi dan, to chic dbi v6i`` for ``cua nguoi dan, to chuc doi voi``);
        shorter phrases must be complete."""
        spans = [(m.group(), m.start()) for m in _WORDS.finditer(sk)]
        text_words = {w for w, _ in spans}
        out: list[Mention] = []
        for notation, phrases in self._fuzzy:
            if notation in skip:
                continue
            for phrase, pw, pset in phrases:
                if len(pset & text_words) < 0.6 * len(pset):
                    continue
                start = _ordered_match(pw, spans)
                if start is not None:
                    out.append(Mention(notation, phrase, start))
                    break
        return out

    def family(self, notation: str) -> set[str]:
        """The indicator, its broader index and the index's other components."""
        root = self.broader(notation) or notation
        return {notation, root} | {n for n, c in self._concepts.items() if c.broader == root}
