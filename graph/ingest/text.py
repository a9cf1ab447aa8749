"""A source document as three aligned views of its lines: original, clean and folded.

Extractors match on ``folded`` (accent-folded, OCR-repaired, Markdown-stripped, lower case)
and report positions as 1-based line numbers into ``lines``, which keeps the text as it
stands in the file for display and provenance. One exception: a grid table's row, wrapped
over several lines between ``+---+`` rules, is rewritten as one pipe row on its first line
(``table_reflow``); line numbers stay the file's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from cchc_kg.graph.ingest import normalise
from cchc_kg.graph.ingest.table_reflow import reflow_grid_tables

Style = Literal["clean", "markdown", "ocr"]
T = TypeVar("T")

_MARKDOWN = re.compile(r"^\s{0,3}(#{1,6}\s|\*\*|[-*]\s+\*\*)|\*\*\s*$")


@dataclass(frozen=True, slots=True)
class SourceText:
    source: str
    lines: tuple[str, ...]
    clean: tuple[str, ...]
    folded: tuple[str, ...]
    style: Style
    # facts several extractors derive from the whole text (lexicon.looks_damaged), computed
    # once per document; not part of the value (equality, hash, repr)
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_text(cls, text: str, *, source: str) -> SourceText:
        lines = reflow_grid_tables(tuple(normalise.nfc(text).split("\n")))
        style = detect_style(lines)
        clean = tuple(normalise.squash_spaces(normalise.strip_markdown(line)) for line in lines)
        # Repair applies to every style: it only rewrites unambiguous OCR damage (a no-op on
        # clean text), and OCR that kept some diacritics is not classified "ocr" yet damaged.
        repaired = tuple(normalise.repair_ocr(c) for c in clean)
        folded = tuple(normalise.fold(c) for c in repaired)
        return cls(source=source, lines=lines, clean=clean, folded=folded, style=style)

    def derived(self, key: str, compute: Callable[[SourceText], T]) -> T:
        """``compute(self)``, computed on the first call for ``key`` and kept with the text."""
        try:
            return self.memo[key]  # type: ignore[return-value]
        except KeyError:
            value = self.memo[key] = compute(self)
            return value

    def line(self, number: int) -> str:
        """Original text of a 1-based line."""
        return self.lines[number - 1]


def detect_style(lines: tuple[str, ...]) -> Style:
    """OCR text has few Vietnamese diacritics; Markdown has heading or bold marks."""
    sample = "\n".join(lines[:400])
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "clean"
    vietnamese = sum(1 for ch in letters if not ch.isascii())
    if vietnamese / len(letters) < 0.06:
        return "ocr"
    markdown = sum(1 for line in lines[:400] if _MARKDOWN.search(line))
    return "markdown" if markdown >= 3 else "clean"
