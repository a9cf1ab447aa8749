"""Candidate values of a task table's narrow cells, and the row's words to match them with.

Convention encoded: the leader, lead and coordinating columns of a CCHC task table repeat a
handful of values (leader phrases such as "Phó Chủ tịch UBND xã phụ trách theo lĩnh vực",
collectives such as "Các phòng, ban, đơn vị liên quan", and unit names); they come from
``task_table_vocab.json``, ``ontology/schemes/unit-kinds.ttl`` and the unit names the
document gives elsewhere. Words are compared as skeletons: accent-folded, letters and digits
only, with the OCR confusions 1/l/i, 0/6/9/o, 3/4/&/a, y/u merged, and the letter groups no
Vietnamese word has read back ("cl" opening a word is "d", "ii" ending one "u", "rn" is
"m"), so that "S6 N6i vy" and "Sở Nội vụ", "Trung tarn" and "Trung tâm" share their words;
``same_word`` keeps the vocabulary's ``distinct_words`` apart ("phòng"/"phường") and tolerates one slip in a short word and a fuzzy
match in a longer one. Used by ``table_snap``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.table_cells import is_noise
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

# OCR confusions folded into one letter on both sides of a comparison (1/l/i, 0/6/9/o, 3/4/a).
_SKELETON = str.maketrans({"1": "i", "l": "i", "|": "i", "!": "i", "0": "o", "6": "o", "9": "o", "@": "o",
                           "3": "a", "4": "a", "&": "a", "y": "u", "¢": "e", "€": "e"})
_MIN_COVER = {"leader": 0.6, "unit": 0.75, "collective": 0.6}


@dataclass(frozen=True, slots=True)
class Template:
    """A value a narrow column may hold: ``kind`` leader, unit or collective."""

    kind: str
    name: str  # display spelling (the document's own for its units)
    words: tuple[str, ...]  # skeleton words
    own: bool = False  # a unit the document itself names elsewhere


@dataclass(frozen=True, slots=True)
class Token:
    line: int  # index of the line within the row
    pos: int  # index of the token within the line
    text: str  # as printed
    label: str  # column type from the per-line labelling
    key: str  # skeleton of the word ("" for marks and specks)
    hits: frozenset[str] = frozenset()  # template words it may be (see ``same_word``)


@dataclass(frozen=True, slots=True)
class Match:
    template: Template
    tokens: tuple[Token, ...]  # matched tokens in reading order
    cover: float

    @property
    def score(self) -> float:
        """Words matched, discounted by the share of the value's words missing (squared: two
        whole values beat one longer value that has lost words, "Các sở, ban, ngành" +
        "UBND cấp huyện" over "Các sở, ban, ngành, UBND các quận, huyện")."""
        return len(self.tokens) * self.cover * self.cover


def skeleton(word: str) -> str:
    """A word's comparison form: folded, letters and digits only, OCR confusions merged."""
    core = re.sub(r"[^a-z0-9&@¢€|!]", "", fold(word))
    if not re.search(r"[a-z]", core):
        return core if core.isdigit() else ""
    # no Vietnamese word opens with "cl": it is OCR's reading of "d" ("clan phố", "clon vị")
    core = re.sub(r"^cl(?=[aeiouy0-9])", "d", core)
    # no Vietnamese word has "ii": at a word's end or before "a" it is OCR's "ủ"/"ư" ("Chii
    # tich", "thii tuc", "ciia"); before another vowel it is "i" + a wrong letter ("viien")
    core = re.sub(r"(?<=[a-z])ii(?=a?$)", "u", core)
    core = core.replace("rn", "m")  # no Vietnamese word has "rn": OCR's "m" ("Trung tarn", "narn")
    return re.sub(r"[^a-z0-9]", "", core.translate(_SKELETON))


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Two skeleton words are the same word up to an OCR slip: one changed, lost or
    added letter in a three-letter word ("vue" for "vuc", "Vian" for "Văn"), a fuzzy match in a longer one; short words must be
    equal (except the usual OCR readings of a two-letter word, ``short_word_slips``), and
    the first letter must agree."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or frozenset((a, b)) in _distinct():
        return False
    short = min(len(a), len(b))
    if short <= 2:
        return b in _slips().get(a, ()) or a in _slips().get(b, ())
    if short == 3:
        return Levenshtein.distance(a, b) == 1
    return fuzz.ratio(a, b) >= 75


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(k for k in (skeleton(w) for w in phrase.replace(",", " ").replace("-", " ").split()) if k)


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(tv._VOCAB_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _distinct() -> frozenset[frozenset[str]]:
    """Word pairs a fuzzy match must keep apart ("phong"/"phuong"): ``distinct_words``."""
    return frozenset(frozenset(p) for p in _raw().get("distinct_words", {}).get("pairs", ()))


@lru_cache(maxsize=1)
def _slips() -> dict[str, frozenset[str]]:
    """Two-letter words and their usual OCR readings ("so" read as "sa" from "S&")."""
    words = _raw().get("short_word_slips", {}).get("words", {})
    return {k: frozenset(v) for k, v in words.items()}


@lru_cache(maxsize=1)
def _vocab_templates() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    raw = _raw()
    blocs = tuple(raw["leader_templates"].get("blocs", ()))
    leader = tuple(
        t.replace("{bloc}", b) for t in raw["leader_templates"]["templates"] for b in (blocs if "{bloc}" in t else ("",))
    )
    levels = tuple(raw["leader_templates"]["levels"])
    collectives = tuple(
        p.replace("{level}", level) for p in raw["collectives"]["phrases"]
        for level in (_COLLECTIVE_LEVELS if "{level}" in p else ("",))
    )
    return leader, levels, collectives


# The level words a collective names its parent by ("Các phòng chuyên môn thuộc UBND xã").
_COLLECTIVE_LEVELS = ("xa", "phuong", "dac khu", "tinh", "thanh pho")


@lru_cache(maxsize=1)
def collective_ends() -> frozenset[str]:
    """The last words of the collective cells ("... ngành", "... liên quan"): a comma after
    one of them closes an item of a unit list rather than a clause of the task wording."""
    return frozenset(_words(p)[-1] for p in _vocab_templates()[2] if _words(p))


@lru_cache(maxsize=1)
def _links() -> frozenset[str]:
    return frozenset(skeleton(w) for w in _raw()["wording_links"]["words"])


@lru_cache(maxsize=64)
def templates(
    known_units: tuple[str, ...] = (), *, leader: bool = True, levels: tuple[str, ...] | None = None
) -> tuple[Template, ...]:
    """Every candidate value: leader phrases (with the document's level word(s) ``levels``,
    every level word when None, or none), collectives, the standard unit names and the
    document's own unit names (these first: their spelling wins)."""
    from cchc_kg.graph.ingest.units import is_collective, kind_of, unit_kinds

    leaders, all_levels, collectives = _vocab_templates()
    levels = all_levels if levels is None else levels
    out: dict[tuple[str, tuple[str, ...]], Template] = {}

    def add(kind: str, name: str, *, own: bool = False) -> None:
        words = _words(name)
        if own and kind == "unit":
            words = _without_locality(words)  # "Công an xã" is found as "Công an" too
        if words and (kind, words) not in out:
            out[(kind, words)] = Template(kind, name, words, own)

    for name in known_units:
        if kind_of(name) == "lanh_dao":
            continue  # an office holder ("Chủ tịch UBND xã"): the leader column's business
        add("collective" if is_collective(name) else "unit", name.strip(" .,;:-"), own=True)
    if leader:
        for phrase in leaders:
            for level in ("", *levels):
                add("leader", re.sub(r"\s+", " ", phrase.replace("{level}", level)).strip())
    for phrase in collectives:
        add("collective", phrase)
    for kind in unit_kinds():
        if kind.notation in {"tap_the", "lanh_dao"}:
            continue
        for name in kind.examples:
            if len(_words(name)) >= 2:
                add("unit", name)
                for short in abbreviated(name, kind.codes):
                    add("unit", short)
    return tuple(out.values())


def abbreviated(name: str, codes: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """A standard unit name as plans also print it, with a long phrase of it written as its
    usual abbreviation ("Ủy ban MTTQ Việt Nam" for "Ủy ban Mặt trận Tổ quốc Việt Nam"):
    codes whose expansion has three words or more and whose abbreviation three letters or
    more (shorter ones, "VP", "CA", are read through the word slips of the cells)."""
    folded = " ".join(fold(name).split())
    out = []
    for abbr, full in codes:
        if len(full.split()) >= 3 and len(abbr) >= 3 and abbr.isalpha() and f" {full} " in f" {folded} ":
            out.append(f" {folded} ".replace(f" {full} ", f" {abbr.upper()} ").strip())
    return tuple(out)


def _without_locality(words: tuple[str, ...]) -> tuple[str, ...]:
    for loc in _LOCALITY:
        n = len(loc)
        if len(words) > n + 1 and words[-n:] == loc:
            return words[:-n]
    return words


# A short word whose accented vowel OCR printed as a currency sign: letters around € or ¢.
_VOWEL_STAND_IN = re.compile(r"[^\W\d_]+[€¢][^\W\d_]*")


def row_tokens(lines: list[list[tuple[str, str]]], vocab: frozenset[str] = frozenset()) -> list[Token]:
    """The labelled tokens of a row's lines (from ``table_cells.label_line``), each with the
    words of ``vocab`` it may be."""
    out = []
    for i, labelled in enumerate(lines):
        for j, (label, text) in enumerate(labelled):
            bare = text.strip("|[]")
            key = "" if not bare else skeleton(bare)
            if key and is_noise(bare) and not _is_slip(key) and not _VOWEL_STAND_IN.fullmatch(bare.strip(".,;:()")):
                key = ""  # a speck, unless it is the usual misreading of a short word ("S¢")
                # or a word whose accented vowel OCR printed as a sign ("Kinh t€", "t¢")
            hits = _hits(key, vocab) if key else frozenset()
            if key and bare[:1] == "P" and len(key) > 2:
                # a capital Đ OCR read as P ("Pầu tư"), whatever P-word it also resembles
                hits = hits | _hits("d" + key[1:], vocab)
            if key:  # a slip that changes the first letter ("Iiy" for "Ủy")
                hits = hits | {w for w, seen in _slips().items() if key in seen and w in vocab}
            out.append(Token(i, j, text, label, key, hits))
    return out


def _is_slip(key: str) -> bool:
    return any(key in v for v in _slips().values())


@lru_cache(maxsize=32768)
def _hits(key: str, vocab: frozenset[str]) -> frozenset[str]:
    """The vocabulary words a token may be (``same_word``)."""
    return frozenset(w for w in _by_initial(vocab).get(key[0], ()) if same_word(key, w))


@lru_cache(maxsize=64)
def _by_initial(vocab: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Words by first letter (``same_word`` requires the first letters to agree)."""
    out: dict[str, list[str]] = {}
    for w in vocab:
        out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=64)
def vocabulary_of(cands: tuple[Template, ...]) -> frozenset[str]:
    """Every template word, and every two adjacent words glued (OCR drops spaces: "Noivu")."""
    words = {w for t in cands for w in t.words}
    glued = {a + b for t in cands for a, b in zip(t.words, t.words[1:])}
    return frozenset(words | glued)


# Words that name the locality when they follow a unit's name ("Công an xã", "Văn phòng
# UBND Thành phố"), as skeletons.
_LOCALITY = (("thanh", "pho"), ("thi", "xa"), ("dac", "khu"), ("xa",), ("phuong",), ("tinh",), ("huyen",), ("quan",))
