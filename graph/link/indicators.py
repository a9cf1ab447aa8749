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


@dataclass(frozen=True, slots=True)
class Mention:
    notation: str
    phrase: str  # the signal phrase found (skeleton form)


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

    @classmethod
    def load(cls) -> "Lexicon":
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
                if pattern.search(sk):
                    found.append(Mention(notation, phrase))
                    break
        if len(self._cache) < 100_000:
            self._cache[text] = found
        return found

    def family(self, notation: str) -> set[str]:
        """The indicator, its broader index and the index's other components."""
        root = self.broader(notation) or notation
        return {notation, root} | {n for n, c in self._concepts.items() if c.broader == root}
