"""Organisational-unit gazetteer: one resource per unit, however a document spells it.

A plan names the same unit many ways: ``Văn phòng HĐND và UBND xã``, ``Văn phòng
HĐND&UBND xã``, ``VP HĐND-UBND``, ``Van phong HPND va UBND`` (OCR). The gazetteer keys
each name on an accent-folded, OCR-repaired form with abbreviations expanded, the
conjunction ``và`` dropped and the locality suffix (``xã``, ``phường``, the document's own
admin unit) removed, then clusters keys with rapidfuzz so that spellings differing by OCR
damage fall together. Unit kinds, abbreviations and the standard unit names of the
two-tier local government come from ``ontology/schemes/unit-kinds.ttl`` (W3C ORG is the
target model: each unit becomes an ``org:OrganizationalUnit``).

Collective phrases (``Các phòng, ban, đơn vị liên quan``) are kept as resources marked
``collective=True``: tasks point at them, but they are not a unit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from cchc_kg.graph.ingest.normalise import fold, squash_spaces
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord, UnitRecord
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from cchc_kg.resources import data_dir

_CCHC = "https://w3id.org/cchc-kg/ontology#"
_SIGNAL = URIRef(_CCHC + "signalPhrase")
_CODE = URIRef(_CCHC + "officialCode")
COLLECTIVE = "tap_the"

# Words that name a locality when they end a unit's name (``Công an xã``).
_LOCALITY_WORDS = ("thanh pho", "tp", "tinh", "xa", "phuong", "dac khu", "quan", "huyen", "thi xa", "thi tran")
# A locality word after these is part of a phrase (``liên quan``, ``các xã``), not a suffix.
_NOT_BEFORE_LOCALITY = frozenset({"cac", "lien", "co", "tuong", "nhung"})
_OCR_DIGIT = str.maketrans({"0": "o", "6": "o", "9": "o", "1": "l", "3": "a", "4": "a", "@": "o", "¢": "e", "€": "e"})


@dataclass(frozen=True, slots=True)
class UnitKind:
    notation: str
    phrases: tuple[str, ...]  # folded head phrases, longest first
    codes: tuple[tuple[str, str], ...]  # (abbreviation, expansion), folded
    examples: tuple[str, ...]  # standard names with diacritics


@lru_cache(maxsize=1)
def unit_kinds() -> tuple[UnitKind, ...]:
    """The unit-kind scheme, loaded once per process."""
    path = data_dir("ontology") / "schemes" / "unit-kinds.ttl"
    g = Graph()
    g.parse(path, format="turtle")
    kinds = []
    for node in sorted(set(g.subjects(RDF.type, SKOS.Concept)), key=str):
        notation = g.value(node, SKOS.notation)
        if notation is None:
            continue
        phrases = sorted({fold(str(p)).strip() for p in g.objects(node, _SIGNAL)}, key=len, reverse=True)
        codes = tuple(tuple(part.strip() for part in fold(str(c)).split("=", 1))
                      for c in g.objects(node, _CODE) if "=" in str(c))
        examples = tuple(sorted(str(e) for e in g.objects(node, SKOS.example) if isinstance(e, Literal)))
        kinds.append(UnitKind(str(notation), tuple(phrases), tuple(sorted(codes)), examples))  # type: ignore[arg-type]
    return tuple(kinds)


@lru_cache(maxsize=1)
def _expansions() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = {abbr: full for k in unit_kinds() for abbr, full in k.codes}
    ordered = sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True)
    return tuple((re.compile(rf"(?<![a-z0-9]){re.escape(a)}(?![a-z0-9])"), f) for a, f in ordered)


def _repair(name: str) -> str:
    """Fold and undo in-word OCR substitutions: ``x3`` -> ``xa``, ``t6`` -> ``to``, ``S&`` -> ``sa``.

    ``&`` between capitals (``HĐND&UBND``) or between spaces is the conjunction ``và``; glued
    to a lower-case letter or ending a word it is a damaged vowel (``x&`` for ``xã``).
    """
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"(?<=[A-ZĐ]{2})\s*&\s*(?=[A-ZĐ])|\s&\s", " và ", name)
    folded = fold(name).replace("&", "a")

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.isdigit() or not re.search(r"[a-z]", word):
            return word
        return word.translate(_OCR_DIGIT)

    return re.sub(r"[a-z0-9@¢€]+", fix, folded)


def _tokens(name: str) -> list[str]:
    text = _repair(name)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for pattern, full in _expansions():
        text = pattern.sub(full, text)
    toks = text.split()
    if toks and re.fullmatch(r"c[a-z]c", toks[0]):  # "Céc", "Cic": OCR renderings of "Các"
        toks[0] = "cac"
    return toks


def _locality_phrases(document: DocumentRecord | None) -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(w.split()) for w in _LOCALITY_WORDS}
    if document is not None:
        for name in (document.admin_unit, document.parent_admin_unit):
            if name:
                toks = tuple(re.sub(r"[^a-z0-9]+", " ", fold(name)).split())
                phrases.add(toks)
                for lead in _LOCALITY_WORDS:  # "xã Ô Diên" -> also "o dien"
                    lw = tuple(lead.split())
                    if toks[: len(lw)] == lw and len(toks) > len(lw):
                        phrases.add(toks[len(lw):])
    return tuple(sorted(phrases, key=len, reverse=True))


def _phrase_word(word: str) -> bool:
    """A word that makes a following locality word part of a phrase (``liên quan``), also as
    OCR spells it (``lidn quan``, ``lieen quan``): such a "quan" is no district."""
    return word in _NOT_BEFORE_LOCALITY or (
        len(word) >= 4 and any(len(w) >= 4 and Levenshtein.distance(word, w) <= 1 for w in _NOT_BEFORE_LOCALITY))


def name_key(name: str, *, document: DocumentRecord | None = None) -> str:
    """Matching key of a unit name: folded, OCR-repaired, abbreviations expanded, ``và`` and
    the trailing locality removed (``Văn phòng HĐND&UBND xã`` -> ``van phong hdnd ubnd``)."""
    toks = [t for t in _tokens(name) if t != "va"]
    localities = _locality_phrases(document)
    changed = True
    while changed and len(toks) > 2:
        changed = False
        for phrase in localities:
            n = len(phrase)
            before = toks[-n - 1] if len(toks) > n else ""
            if n and len(toks) > n + 1 and tuple(toks[-n:]) == phrase \
                    and not _phrase_word(before) and before not in _LOCALITY_WORDS:
                toks = toks[:-n]
                changed = True
                break
    return " ".join(toks)


def kind_of(name: str) -> str | None:
    """Kind notation of a unit name from its head phrase (longest signal phrase at the start)."""
    toks = _tokens(name)
    if toks and toks[0] == "cac":
        toks = toks[1:]
    text = " ".join(toks)
    best: tuple[int, str] | None = None
    for k in unit_kinds():
        if k.notation == COLLECTIVE:
            continue
        for phrase in k.phrases:
            if text == phrase or text.startswith(phrase + " "):
                if best is None or len(phrase) > best[0]:
                    best = (len(phrase), k.notation)
    if best is None:  # OCR-damaged head phrase ("Mat tran T quoc", "Trung tdm")
        for k in unit_kinds():
            for phrase in k.phrases:
                if k.notation != COLLECTIVE and len(phrase) >= 8 and len(text) >= len(phrase) - 1:
                    score = fuzz.ratio(phrase, text[: len(phrase)])
                    if score >= 85 and (best is None or score > best[0]):
                        best = (score, k.notation)
    return best[1] if best else None


def is_collective(name: str) -> bool:
    """True for open groups: ``Các phòng, ban, đơn vị liên quan``, ``UBND các xã, phường``."""
    text = " ".join(_tokens(name))
    if text.startswith(("cac ", "toan the ", "tat ca ")):
        return True
    phrases = next((k.phrases for k in unit_kinds() if k.notation == COLLECTIVE), ())
    return any(re.search(rf"(?<![a-z]){re.escape(p)}(?![a-z])", text) for p in phrases if p != "cac")


def looks_like_unit(name: str) -> bool:
    """A name that starts with a unit head phrase (or is a collective of units)."""
    return kind_of(name) is not None or (is_collective(name) and len(_tokens(name)) >= 2)


def split_units(text: str) -> list[str]:
    """Split a list of units: ``Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội`` -> two names.

    A comma, semicolon or ``và`` separates two units only when what follows starts a unit
    (``Phòng Kinh tế, Hạ tầng và Đô thị`` stays one name).
    """
    text = squash_spaces(re.sub(r"\s*[.;:]+\s*$", "", text))
    parts = re.split(r"(\s*[,;]\s*|\s+(?:và|va)\s+)", text)
    names: list[str] = []
    buf = parts[0]
    for sep, part in zip(parts[1::2], parts[2::2]):
        joined_pair = sep.strip() in ("và", "va") and " ".join(_tokens(buf)).endswith(("hdnd", "hoi dong nhan dan"))
        if part and not joined_pair and (kind_of(part) is not None or fold(part).startswith("cac ")) and _starts_upper_or_cac(part):
            names.append(buf)
            buf = part
        else:
            buf = buf + sep + part
    names.append(buf)
    return [n.strip(" ,;.-") for n in names if n.strip(" ,;.-")]


def _starts_upper_or_cac(part: str) -> bool:
    part = part.strip()
    return bool(part) and (part[0].isupper() or fold(part).startswith(("cac ", "phong ", "so ", "cong an", "ubnd")))


def _diacritic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(not ch.isascii() for ch in letters) / len(letters) if letters else 0.0


# Marks that only Vietnamese spelling uses (breve, horn, hook above, dot below) and đ;
# OCR damage produces Latin-1 letters (é, ¢, ð) but rarely these.
_VIET_MARKS = frozenset({"\u0306", "\u031b", "\u0309", "\u0323"})


def _has_viet_marks(text: str) -> bool:
    """Written with marks only Vietnamese spelling uses (OCR's stray é or ¢ do not count)."""
    return any(ch in "đĐ" for ch in text) or any(m in _VIET_MARKS for m in unicodedata.normalize("NFD", text))


def _stacked_marks(text: str) -> bool:
    """A letter with two marks (``ế``, ``ồ``, ``ặ``): Vietnamese spelling; Latin-1 OCR noise
    (``é``, ``ò``) has one at most."""
    return any(sum(unicodedata.combining(c) > 0 for c in unicodedata.normalize("NFD", ch)) >= 2 for ch in text)


def is_proper_spelling(text: str) -> bool:
    """Written with Vietnamese diacritics (not an OCR rendering that lost or garbled them)."""
    if any(ch in "đĐ" for ch in text):
        return True
    if any(m in _VIET_MARKS for m in unicodedata.normalize("NFD", text)) or _stacked_marks(text):
        return True
    return _diacritic_share(text) >= 0.2


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    short = min(len(a), len(b))
    score = fuzz.ratio(a, b)
    if score >= (86 if short >= 12 else 92):
        return True
    # Table cells interleaved by OCR reorder words ("UBND Van phong HDND va") or glue them
    # ("Vanphong"): compare the sorted words, and the text without spaces.
    if short >= 12 and (fuzz.token_sort_ratio(a, b) >= 92 or fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= 94):
        return True
    # OCR garbles vowels far more than consonants (``S& N6i vu`` for ``Sở Nội vụ``).
    return (score >= 80 and _consonants(a) == _consonants(b)) or _abbreviates(a, b) or _abbreviates(b, a)


def _abbreviates(short: str, full: str) -> bool:
    """``short`` is ``full`` with some word pairs or triples written as initials, the way plans
    shorten a division's name (``Phòng KT, HT và ĐT`` for ``Phòng Kinh tế, Hạ tầng và Đô
    thị``): every other word equal, in order, the head word equal, at least one abbreviation."""
    a, b = short.split(), full.split()
    if len(a) >= len(b) or not a or a[0] != b[0]:
        return False
    i = j = used = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i, j = i + 1, j + 1
            continue
        n = len(a[i])
        if 2 <= n <= 5 and "".join(w[0] for w in b[j:j + n]) == a[i] and j + n <= len(b):
            i, j, used = i + 1, j + n, used + 1
            continue
        return False
    return used > 0 and i == len(a) and j == len(b)


def _consonants(key: str) -> str:
    return re.sub(r"[aeiouy]+", "", key)


@dataclass(slots=True)
class _Cluster:
    key: str
    kind: str | None
    collective: bool
    variants: Counter = field(default_factory=Counter)
    anchor: str | None = None
    fragments: Counter = field(default_factory=Counter)  # parts of the name (never the label)


@lru_cache(maxsize=1)
def _anchors() -> tuple[tuple[str, str, str], ...]:
    """(key, standard name, kind) of the standard unit names, for labels and stable keys."""
    return tuple((name_key(ex), ex, k.notation) for k in unit_kinds() for ex in k.examples)


def _anchor_for(key: str, kind: str | None) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for akey, name, akind in _anchors():
        if kind is not None and akind != kind:
            continue
        if _similar(key, akey):
            score = fuzz.ratio(key, akey)
            if best is None or score > best[0]:
                best = (score, akey, name)
    return (best[1], best[2]) if best else None


# The level word an OCR spelling ends with, restored ("Cong an phuong" -> "Công an phường").
_LOCALITY = {"xa": "xã", "phuong": "phường", "tinh": "tỉnh", "thanh pho": "thành phố", "huyen": "huyện",
             "quan": "quận", "thi xa": "thị xã", "thi tran": "thị trấn", "dac khu": "đặc khu"}
_LOCALITY_END = re.compile(r"(?<![a-z])(" + "|".join(sorted(_LOCALITY, key=len, reverse=True)) + r")\W*$")


def _with_locality(anchor: str, spelling: str) -> str:
    """The standard name of a unit OCR spelled without diacritics, keeping the level word the
    spelling ends with: the anchor names the kind of unit ("Công an"), the document says whose
    ("Cong an phuong"); a place name after it cannot be restored and is left out."""
    m = _LOCALITY_END.search(fold(clean_name(spelling)).lower())
    if m is None:
        return anchor
    word = _LOCALITY[m.group(1)]
    return anchor if fold(anchor).lower().endswith(m.group(1)) else f"{anchor} {word}"


def _names_level(spelling: str) -> bool:
    """Whether a unit's spelling ends with a level word ("Cong an tinh", "Van phong UBND xa")."""
    return _LOCALITY_END.search(fold(clean_name(spelling)).lower()) is not None


def _kept_abbreviations(label: str, spelling: str) -> str:
    """A standard name restored for an OCR spelling keeps the abbreviation the document
    prints for a long phrase of it ("Ủy ban MTTQ Việt Nam xã", not "Ủy ban Mặt trận Tổ quốc
    Việt Nam xã"): the label says what the plan says, with its diacritics back. Only the
    scheme's abbreviations of three letters or more for phrases of three words or more."""
    printed = set(re.findall(r"[A-ZĐ]{3,}", spelling))
    words = label.split()
    folded = [fold(w).lower() for w in words]
    for k in unit_kinds():
        for abbr, full in k.codes:
            parts = full.split()
            if len(parts) < 3 or len(abbr) < 3 or abbr.upper() not in printed:
                continue
            for i in range(len(folded) - len(parts) + 1):
                if folded[i: i + len(parts)] == parts:
                    words[i: i + len(parts)] = [abbr.upper()]
                    folded[i: i + len(parts)] = [abbr]
                    break
    return " ".join(words)


def clean_name(text: str) -> str:
    """A unit name as a task cell or heading gives it, without list marks or closing punctuation."""
    text = squash_spaces(text.replace("**", ""))
    return text.strip(" \t-–—+•*:;,.|{}[]")


def build_gazetteer(
    tasks: list[TaskRecord], *, document: DocumentRecord, mentions: Iterable[str] = ()
) -> list[UnitRecord]:
    """Resolve every unit name the tasks (and any extra ``mentions``) use into one record per unit.

    Each record lists the exact spellings seen (``variants``) so the RDF mapper can point
    each task's lead and coordinating names at the resolved unit.
    """
    counts: Counter = Counter()
    for t in tasks:
        for name in ((t.lead,) if t.lead else ()) + tuple(t.co_leads) + tuple(t.coordinating):
            if name and name.strip():
                counts[name.strip()] += 1
    for name in mentions:
        if name and name.strip():
            counts[name.strip()] += 1
    order = sorted(counts, key=lambda n: (-counts[n], -_diacritic_share(n), n))
    clusters: list[_Cluster] = []
    for name in order:
        key = name_key(name, document=document)
        if not key:
            continue
        kind = kind_of(name)
        collective = is_collective(name)
        target = next((c for c in clusters if c.collective == collective and _similar(key, c.key)
                       and (c.kind == kind or kind is None or c.kind is None
                            or fuzz.token_sort_ratio(key, c.key) >= 92
                            or _abbreviates(key, c.key) or _abbreviates(c.key, key))), None)
        if target is None:
            anchor = None if collective else _anchor_for(key, kind)
            target = _Cluster(anchor[0] if anchor else key, kind, collective, anchor=anchor[1] if anchor else None)
            clusters.append(target)
        target.variants[name] += counts[name]
    clusters = _merge_fragments(clusters)
    records = []
    for c in clusters:
        # of spellings seen as often, one that names the unit's level ("Cong an tinh" beside
        # "Cong an", a cell that wrapped or lost its last word) says whose unit it is
        best = max(c.variants, key=lambda v: (
            is_proper_spelling(v), c.variants[v], bool(c.anchor) and _names_level(v),
            fuzz.ratio(fold(v), fold(c.anchor)) if c.anchor else -len(v), v))
        label = clean_name(best)
        if not is_proper_spelling(best) and c.anchor:
            label = _kept_abbreviations(_with_locality(c.anchor, best), best)
        records.append(UnitRecord(key=c.key, label=label, variants=tuple(sorted(set(c.variants) | set(c.fragments))),
                                  collective=c.collective, kind=c.kind))
    return records


def _same_word(a: str, b: str) -> bool:
    """One word up to an OCR slip (``hei`` for ``hoi``); short words must be equal."""
    if a == b:
        return True
    if min(len(a), len(b)) <= 2 or a[0] != b[0]:
        return False
    if min(len(a), len(b)) == 3:
        return Levenshtein.distance(a, b) == 1
    return fuzz.ratio(a, b) >= 75


def _inside(part: list[str], whole: list[str]) -> int | None:
    """Where ``part`` is a run of consecutive words of ``whole`` (up to OCR slips inside
    words), or None."""
    n = len(part)
    if not 0 < n < len(whole):
        return None
    for k in range(len(whole) - n + 1):
        if all(_same_word(a, b) for a, b in zip(part, whole[k: k + n])):
            return k
    return None


def _established(c: _Cluster) -> bool:
    """A unit the document names in full: a standard name, a proper spelling, or several times."""
    return c.anchor is not None or any(is_proper_spelling(v) for v in c.variants) or sum(c.variants.values()) >= 2


def _merge_fragments(clusters: list[_Cluster]) -> list[_Cluster]:
    """A name that is only part of another unit's name in the same document (``Xã hội``,
    ``Phòng Văn hóa``, ``HĐND và UBND``: a table cell OCR cut across lines) is that unit,
    not a unit of its own; likewise a fragment of a collective (``vị liên quan``) is that
    collective. A name that is a standard unit name or is written out properly stays a unit
    of its own (``Phòng Kinh tế`` beside ``Phòng Kinh tế, Hạ tầng và Đô thị``), and a name
    more frequent than the longer one is not its fragment. Among several units containing
    the fragment, the most often named wins."""
    by_size = sorted(clusters, key=lambda c: len(c.key.split()))
    merged: set[int] = set()
    for c in by_size:
        if c.anchor is not None or any(_has_viet_marks(v) for v in c.variants):
            continue  # a unit in its own right (a standard name, or written out properly)
        words = c.key.split()
        hosts = []
        for h in clusters:
            if h is c or id(h) in merged or h.collective != c.collective or not _established(h):
                continue
            if sum(h.variants.values()) < sum(c.variants.values()):
                continue  # the longer name is the rarer one: the shorter is not its fragment
            at = _inside(words, h.key.split())
            # a fragment that opens the name has the host's head, so it must agree on the kind
            if at is not None and (at > 0 or c.kind is None or h.kind is None or h.kind == c.kind):
                hosts.append(h)
        if not hosts:
            continue
        host = max(hosts, key=lambda h: (sum(h.variants.values()), -len(h.key)))
        host.fragments.update(c.variants)
        host.fragments.update(c.fragments)
        merged.add(id(c))
    return [c for c in clusters if id(c) not in merged]


def key_map(units: Iterable[UnitRecord]) -> dict[str, str]:
    """Every spelling seen -> the key of the unit it resolved to."""
    return {v: u.key for u in units for v in u.variants}
