"""Administrative-unit names as printed: "THÀNH PHỐ HÀ NỘI", "xã Ô Diên", OCR "PHUONG NGOC HA".

Conventions encoded: a unit is a unit-type word (tỉnh, thành phố, xã, phường, đặc khu; before
July 2025 also quận, huyện, thị xã) followed by a proper name whose words are capitalised.
Since the 2025 reform a "thành phố" that issues documents is a centrally-run city (province
level); xã, phường and đặc khu are communes. Names printed in capitals are title-cased; when
the text is OCR'd, diacritics are restored only from a spelling with diacritics found
elsewhere in the same document (never guessed).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cchc_kg.graph.ingest.normalise import fold

# folded unit-type words -> (type key, display form, level)
UNIT_TYPES: dict[str, tuple[str, str, str | None]] = {
    "thanh pho": ("thanh_pho", "thành phố", "province"),
    "tinh": ("tinh", "tỉnh", "province"),
    "dac khu": ("dac_khu", "đặc khu", "commune"),
    "phuong": ("phuong", "phường", "commune"),
    "xa": ("xa", "xã", "commune"),
    "thi xa": ("thi_xa", "thị xã", None),
    "quan": ("quan", "quận", None),
    "huyen": ("huyen", "huyện", None),
}
# OCR spellings of the unit-type words (phố read as phé/phd/ph6, phường as phuwong).
_TYPE_RE = re.compile(r"\b(?P<t>thanh\s+ph[a-z0-9]|tinh|dac\s+khu|phu[a-z]{0,2}ng|thi\s+xa|xa|quan|huyen)\b")
# Words that end a name: the motto printed beside the unit in the header, and tails.
_NAME_END = re.compile(r"\b(?:cong hoa|d[a-z]c\s+lap|doc lap|giai doan|nam\s+\d{4}|ve\b|va\b|tai\b)")


@dataclass(frozen=True, slots=True)
class Unit:
    type: str  # key: xa, phuong, dac_khu, tinh, thanh_pho, quan, huyen, thi_xa
    name: str  # proper name as displayed ("Hà Nội", "Ngoc Ha")
    level: str | None

    @property
    def label(self) -> str:
        return f"{type_display(self.type)} {self.name}"

    @property
    def key(self) -> str:
        return fold(self.label)


def type_display(key: str) -> str:
    for _, (k, display, _) in UNIT_TYPES.items():
        if k == key:
            return display
    return key


def _type_key(folded_type: str) -> str | None:
    t = re.sub(r"\s+", " ", folded_type)
    if t.startswith("thanh ph"):
        return "thanh pho"
    if t.startswith("phu") and t.endswith("ng"):
        return "phuong"
    return t if t in UNIT_TYPES else None


def _title(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word.isupper() and len(word) > 1 else word


def parse_unit(clean: str, folded: str, *, require_name: bool = True) -> tuple[Unit, int, int] | None:
    """The first "TYPE Name" in a line (clean and folded views, same length) and its span."""
    for m in _TYPE_RE.finditer(folded):
        key = _type_key(m.group("t"))
        if key is None:
            continue
        rest_f = folded[m.end() :]
        stop = _NAME_END.search(rest_f)
        limit = m.end() + (stop.start() if stop else len(rest_f))
        words = []
        pos = m.end()
        prev_end = 0
        for w in re.finditer(r"[^\s,;:.()|*\-–]+", clean[m.end() : limit]):
            token = w.group(0)
            if clean[m.end() + prev_end : m.end() + w.start()].strip():
                break  # punctuation between words ends the name
            if not token[:1].isupper() or any(ch.isdigit() for ch in token):
                break
            prev_end = w.end()
            words.append(token)
            pos = m.end() + w.end()
            if len(words) == 4:
                break
        if not words and require_name:
            continue
        type_key, _, level = UNIT_TYPES[key]
        name = " ".join(_title(w) for w in words)
        return Unit(type_key, name, level), m.start(), pos
    return None


def restore_diacritics(name: str, corpus: str) -> str:
    """A spelling of ``name`` with diacritics from ``corpus`` when one folds to the same text."""
    if not name.isascii():
        return name
    target = fold(name)
    pattern = re.compile(r"\b" + r"\s+".join(r"\w{%d}" % len(w) for w in name.split()) + r"\b")
    best: Counter[str] = Counter()
    for m in pattern.finditer(corpus):
        cand = m.group(0)
        if not cand.isascii() and fold(cand) == target and cand[:1].isupper():
            best[re.sub(r"\s+", " ", cand)] += 1
    return best.most_common(1)[0][0] if best else name


def province_mentions(clean_lines: tuple[str, ...], folded_lines: tuple[str, ...]) -> Counter[str]:
    """How often each province-level unit ("thành phố Hà Nội", "tỉnh Lâm Sơn") is named."""
    counts: Counter[str] = Counter()
    for clean, folded in zip(clean_lines, folded_lines):
        for m in re.finditer(r"\b(?:thanh\s+ph[a-z0-9]|tinh)\b", folded):
            parsed = parse_unit(clean[m.start() :], folded[m.start() :])
            if parsed and parsed[0].level == "province" and parsed[1] == 0:
                counts[parsed[0].label] += 1
    return counts
