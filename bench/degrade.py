"""Deterministic OCR-damage simulator: clean plan text in, damaged text and a line map out.

Why: the extractors are scored on held-out plans whose OCR damage differs from the seeds'.
Degrading the clean seeds (001, 002) the way scanned plans are damaged, at several levels
and random seeds, measures how fast precision and recall fall as damage grows, with the
clean dev-gold still usable: every original line is mapped to the degraded line(s) it
became, so a gold quote's line can be found in the damaged text.

Damage modelled (domain.md, "OCR damage seen in the seeds", and what seeds 000/003/004
show), each applied to a random share of its occurrences that grows with ``level``:

* characters: diacritics dropped from whole words; accented letters read as look-alike
  letters, digits or symbols (``ế``->``é``/``€``, ``ố``->``6``, ``Đ``->``P``, ``ơ``->``o``,
  ``ư``->``u``/``w``/``ir``, ``ạ``->``a``, ``ã``->``3``, ``ụ``->``y``); a word-initial ``l``
  read as ``1`` or ``I``. Each document draws its own *subset* of these confusions (one
  OCR engine on one scan has its own habits), never all at once;
* layout: lines wrapped mid-phrase, page numbers alone on a line (also mid-sentence), stray
  punctuation between words, doubled spaces, roman heading numerals damaged (``II`` ->
  ``I1``, ``III`` -> ``Il1``) and the space after an arabic heading number lost (``2.Sở``);
* ``markdown=True``: headings become ``### **I. ...**`` / ``**1. ...**`` as in Markdown plans.

The same (text, level, seed, markdown) always gives the same output.

Usage: python3 bench/degrade.py FILE --level 0.5 --seed 1 [--markdown] [-o OUT]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Confusions seen in the OCR seeds: accented letter (lower case) -> what OCR printed.
# Upper-case letters use the upper-cased replacement when it is a letter.
CONFUSIONS: dict[str, tuple[str, ...]] = {
    "ế": ("é", "€", "e"), "ề": ("è", "é", "e"), "ể": ("é", "e"), "ễ": ("é", "e"), "ệ": ("é", "¢", "e"),
    "ê": ("é", "e", "€"),
    "ố": ("6", "é", "o"), "ồ": ("6", "o"), "ổ": ("6", "o"), "ỗ": ("6", "o"), "ộ": ("6", "o", "d"),
    "ô": ("6", "o", "0"),
    "ơ": ("o", "0"), "ớ": ("o", "é"), "ờ": ("o",), "ở": ("o", "&"), "ỡ": ("o",), "ợ": ("o", "g"),
    "ư": ("u", "w", "ir"), "ứ": ("u", "ir", "ti"), "ừ": ("u", "ir"), "ử": ("u", "tr"), "ữ": ("u", "it"),
    "ự": ("u", "y"),
    "ạ": ("a",), "ả": ("a", "4"), "ã": ("a", "3", "&"), "á": ("a", "4"), "à": ("a",),
    "ă": ("a",), "ắ": ("a", "4"), "ằ": ("a",), "ẳ": ("a",), "ẵ": ("a",), "ặ": ("a", "&"),
    "â": ("a", "é"), "ấ": ("a", "é"), "ầ": ("a",), "ẩ": ("a",), "ẫ": ("a",), "ậ": ("a", "é"),
    "ụ": ("u", "y"), "ủ": ("u", "ti"), "ú": ("u",), "ù": ("u",), "ũ": ("u",),
    "ị": ("i", "1"), "ì": ("i",), "í": ("i",), "ỉ": ("i",), "ĩ": ("i",),
    "ọ": ("o", "0"), "ó": ("o", "6"), "ò": ("o",), "ỏ": ("o",), "õ": ("o", "0"),
    "ỳ": ("y",), "ý": ("y",), "ỷ": ("y",), "ỹ": ("y",), "ỵ": ("y",),
    "é": ("e",), "è": ("e",), "ẹ": ("e",), "ẻ": ("e",), "ẽ": ("e",),
    "đ": ("d",), "Đ": ("P", "D"),
}
STRAY = ("'", ".", ",", "|", "~", "‘", "`", "”", ";", "_")
_ROMAN_HEAD = re.compile(r"^(\s*(?:#+\s*)?(?:\*\*)?)(I{2,3}|IV|VI{1,3}|IX)(\s*[.:])")
_ARABIC_HEAD = re.compile(r"^(\s*(?:#+\s*)?(?:\*\*)?\d{1,2}(?:\.\d{1,2}){0,2}\.) (?=[A-ZĐÀ-Ỹ])")
_HEADING = re.compile(r"^\s*(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2}){0,2}\.|[a-zđ]\))\s+\S")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Degraded:
    """Degraded text and, for each 1-based original line, the degraded lines it became."""

    text: str
    line_map: tuple[tuple[int, ...], ...]  # index 0 = original line 1
    level: float
    seed: int
    markdown: bool

    def lines_of(self, original_line: int) -> tuple[int, ...]:
        """Degraded 1-based lines holding the text of an original 1-based line."""
        if not 1 <= original_line <= len(self.line_map):
            raise ValueError(f"line {original_line} is outside the original text (1-{len(self.line_map)})")
        return self.line_map[original_line - 1]


def degrade(text: str, *, level: float, seed: int, markdown: bool = False) -> Degraded:
    """Damage ``text`` at ``level`` (0 = untouched, 1 = heavy) reproducibly from ``seed``."""
    if not 0.0 <= level <= 1.0:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    rng = random.Random(f"{seed}:{level}:{markdown}")
    # This document's OCR habits: a subset of the confusions, one favourite output each.
    habits = {ch: rng.choice(outs) for ch, outs in CONFUSIONS.items() if rng.random() < 0.35 + 0.5 * level}
    l_to_digit = rng.random() < level
    lines = unicodedata.normalize("NFC", text).split("\n")
    out: list[str] = []
    line_map: list[tuple[int, ...]] = []
    next_page = rng.randint(30, 50)
    page = 2
    for line in lines:
        if markdown:
            line = _markdownify(line, rng)
        line = _damage_heading(line, rng, level)
        line = _damage_words(line, rng, level, habits=habits, l_to_digit=l_to_digit)
        pieces = _wrap(line, rng, level)
        mapped: list[int] = []
        for k, piece in enumerate(pieces):
            if len(out) >= next_page:
                next_page = len(out) + rng.randint(30, 50)
                if rng.random() < level:
                    out.extend(["", f"{page}" if rng.random() < 0.7 else f"- {page} -", ""])
                page += 1
            out.append(piece)
            mapped.append(len(out))
        line_map.append(tuple(mapped))
    return Degraded("\n".join(out), tuple(line_map), level, seed, markdown)


def _markdownify(line: str, rng: random.Random) -> str:
    """Headings marked as Markdown plans mark them (inconsistently: ``###`` or bold only)."""
    if not _HEADING.match(line) or len(line) > 160:
        return line
    body = line.strip()
    if re.match(r"^[IVX]{1,4}\.", body):
        return f"### **{body}**" if rng.random() < 0.7 else f"**{body}**"
    if rng.random() < 0.5:
        return f"**{body}**"
    return f"## {body}" if rng.random() < 0.3 else body


def _damage_heading(line: str, rng: random.Random, level: float) -> str:
    m = _ROMAN_HEAD.match(line)
    if m and rng.random() < level * 0.6:
        numeral = m.group(2)
        damaged = numeral[0] + "".join(rng.choice("1l|") if c == "I" and rng.random() < 0.6 else c
                                       for c in numeral[1:])
        return m.group(1) + damaged + m.group(3) + line[m.end():]
    m = _ARABIC_HEAD.match(line)
    if m and rng.random() < level * 0.3:
        return m.group(1) + line[m.end():]
    return line


def _damage_words(line: str, rng: random.Random, level: float, *, habits: dict[str, str],
                  l_to_digit: bool) -> str:
    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if any(ch.isdigit() for ch in w) or "/" in w:
            return w  # numbers, dates and document numbers keep their digits (OCR reads them well)
        r = rng.random()
        if r < level * 0.6:
            w = _strip(w)
        elif r < level * 0.95:
            w = "".join(_confuse(ch, rng, habits) if rng.random() < 0.5 + 0.5 * level else ch for ch in w)
        if l_to_digit and w[:1] == "l" and len(w) > 1 and rng.random() < level * 0.5:
            w = rng.choice("1I") + w[1:]
        if rng.random() < level * 0.03:
            w += rng.choice(STRAY)
        return w

    damaged = _WORD.sub(word, line)
    if level and " " in damaged:
        damaged = re.sub(" ", lambda _: "  " if rng.random() < level * 0.08 else " ", damaged)
    return damaged


def _confuse(ch: str, rng: random.Random, habits: dict[str, str]) -> str:
    if ch in habits:
        return habits[ch]
    low = ch.lower()
    if low in habits:
        rep = habits[low]
        return rep.upper() if rep.isalpha() else rep
    return ch


def _strip(word: str) -> str:
    out = []
    for ch in word:
        if ch in "đĐ":
            out.append("d" if ch == "đ" else "D")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        out.append(base or ch)
    return "".join(out)


def _wrap(line: str, rng: random.Random, level: float) -> list[str]:
    """Split a long line at spaces mid-phrase, as OCR keeps the printed line breaks (a
    printed line holds some 70-95 characters)."""
    if len(line) < 60 or rng.random() >= level * 0.7:
        return [line]
    pieces: list[str] = []
    rest = line
    while len(rest) > 95:
        width = rng.randint(60, 95)
        cut = rest.rfind(" ", 30, width)
        if cut <= 0:
            break
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut + 1:].lstrip()
    if not pieces:  # a line of 60-95 characters: break it once, mid-phrase
        spaces = [i for i, ch in enumerate(rest) if ch == " " and 0.3 * len(rest) < i < 0.75 * len(rest)]
        if not spaces:
            return [line]
        cut = rng.choice(spaces)
        return [rest[:cut].rstrip(), rest[cut + 1:].lstrip()]
    return [*pieces, rest]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--level", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    try:
        text = args.file.read_text(encoding="utf-8")
        d = degrade(text, level=args.level, seed=args.seed, markdown=args.markdown)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(d.text, encoding="utf-8")
    else:
        sys.stdout.write(d.text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
