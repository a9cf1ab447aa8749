"""Laws cited by name: "Luật Tổ chức chính quyền địa phương năm 2025", "Bộ luật Lao động".

Conventions encoded:

- A law is cited by name, not number: "Luật"/"Bộ luật" + a capitalised word + lower-case
  words (commas allowed inside: "Luật Cán bộ, công chức"), ended by punctuation, a capitalised
  word or a function word; the year follows as "năm YYYY", optionally after "(sửa đổi)".
- A mention without a year takes the year another mention of the same law in the document
  states (one document speaks of one edition of a law).
- OCR misspells names ("Luat Té chirc chinh quyen dia phuong", "Luat Thﬁ do"). Spellings of
  one law within a document are first grouped (the most frequent spelling wins), then each
  name is snapped to the closest entry of the curated list ontology/schemes/laws.ttl when it
  is close enough (:func:`snap`); the printed wording stays in the citation's quote. Names
  that are not close to any entry keep their own (repaired) wording.
- The year is never taken from the list: "Luật Thủ đô năm 2026" and "năm 2012" stay two laws.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from cchc_kg.graph.ingest.normalise import fold
from rapidfuzz import fuzz
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from cchc_kg.resources import data_dir

LAW_SCHEME = URIRef("https://w3id.org/cchc-kg/vocab/law")
# "Luật"/"Bộ luật"; OCR may put a stray mark after a word ("Bộ| luat", "Luật| An ninh mạng").
LAW_START = re.compile(r"\b(?:bo[|'‘`~]?\s+)?lu[a-z]t[|'‘`~]?\s+(?=\S)")
_TOKEN = re.compile(r"[a-z0-9]+(?:[’‘'`|][a-z0-9]+)*")
_MARK = re.compile(r"[’‘'`|]")
_BREAK = re.compile(r"[;:()\[\]]|\n[ \t]*\n")
# Function words that end a law's name. Clean text is matched with its diacritics; OCR text
# (diacritics lost) only with words that cannot be read as part of a name once folded
# ("do" may be "đô" in Luật Thủ đô, "ve" "vệ" in Luật Bảo vệ ..., "tai" "tài" in "tài sản").
_STOP = frozenset(
    ["và", "của", "về", "theo", "tại", "trong", "trên", "để", "đã", "được", "các", "như", "với", "sau", "khi", "thì", "là", "này", "do", "cho", "phù", "hiện", "mới", "năm", "nhằm", "gắn", "bảo", "đồng", "ngày", "hoặc", "hay", "nhưng", "từ", "đến", "đối"]
)
_STOP_OCR = frozenset(
    ["va", "cua", "theo", "trong", "tren", "de", "da", "duoc", "cac", "nhu", "voi", "sau", "khi", "la", "nay", "cho", "nam", "nham", "gan", "ngay", "hoac", "hay", "nhung", "den"]
)
STOP_WORDS = _STOP_FOLDED = frozenset(fold(w) for w in _STOP) | _STOP_OCR
# Snapping thresholds (rapidfuzz ratio, 0-100, on the folded name without "luật"), measured
# by bench/eval_laws.py on generated OCR variants of every listed name (recall) and on real
# law names that are not listed (no false snap): see that script's docstring for the numbers.
SNAP_MIN = 80.0
# Short names differ from other laws by a few letters (Thủ đô / Tố cáo, Đầu tư / Đầu tư công):
# below this many characters a name must be closer still.
SHORT = 12
SNAP_MIN_SHORT = 84.0


@dataclass(frozen=True, slots=True)
class LawEntry:
    """One law of the curated list: its notation and the names it is cited by."""

    notation: str
    label: str  # Vietnamese preferred label, e.g. "Luật Thủ đô"
    label_en: str
    keys: tuple[str, ...]  # comparison keys of the preferred and alternative labels


@dataclass(frozen=True, slots=True)
class LawMention:
    """A law cited by name: offsets in the text, the name as read (repaired) and the year."""

    start: int
    end: int
    name: str
    year: int | None


def name_key(name: str) -> str:
    """Comparison key of a law name: folded, letters and digits only, without "luật"/"bộ luật"."""
    key = re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()
    key = re.sub(r"\(?\s*sua doi\s*\)?", " ", key)
    key = re.sub(r"^(?:bo\s+)?lu[a-z]t\s+", "", key)
    return re.sub(r"\s+", " ", key).strip()


@lru_cache(maxsize=1)
def law_list() -> tuple[LawEntry, ...]:
    """The curated list, parsed once per process from ontology/schemes/laws.ttl."""
    path = data_dir("ontology") / "schemes" / "laws.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"cchc-kg vocabulary file missing: {path}")
    graph = Graph().parse(path, format="turtle")
    out = []
    for node in graph.subjects(RDF.type, SKOS.Concept):
        if (node, SKOS.inScheme, LAW_SCHEME) not in graph:
            continue
        labels = {getattr(v, "language", None): str(v) for v in graph.objects(node, SKOS.prefLabel)}
        names = [labels.get("vi", "")] + [str(v) for v in graph.objects(node, SKOS.altLabel)]
        out.append(
            LawEntry(
                notation=str(graph.value(node, SKOS.notation)),
                label=labels.get("vi", ""),
                label_en=labels.get("en", ""),
                keys=tuple(sorted({name_key(n) for n in names if n})),
            )
        )
    return tuple(sorted(out, key=lambda e: e.notation))


def snap(name: str) -> LawEntry | None:
    """The listed law a (possibly OCR-damaged) name spells, or None when none is close enough.

    Scored with rapidfuzz ``ratio`` on comparison keys; a short name (Thủ đô, Tố cáo) needs a
    higher score. When two entries score within 3 points of each other the name is ambiguous
    and is not snapped.
    """
    key = name_key(name)
    if not key:
        return None
    scored = []
    for entry in law_list():
        best = max(fuzz.ratio(key, k) for k in entry.keys)
        limit = SNAP_MIN_SHORT if len(key) < SHORT else _limit(entry)
        if best >= limit:
            scored.append((best, entry))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0], reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 3:
        return None
    return scored[0][1]


def listed_at(rfolded: str, pos: int, *, clean: str) -> tuple[LawEntry, int, float] | None:
    """The listed law whose name the words at ``pos`` spell (folded, OCR-repaired text), with
    the offset where the name ends and its score.

    Each entry is compared with a window of as many words as its name (one more or one fewer:
    OCR splits and glues words), so stop words, capitalised words (Chính phủ) and digits read
    for letters inside a listed name do not cut it short. A window followed by a word that
    continues the name (lower case, no punctuation between, not a function word: "Luật Thanh
    tra viên") is a longer, unlisted law and is not matched.
    """
    tokens: list[tuple[int, int, str]] = []
    for t in _TOKEN.finditer(rfolded, pos, min(len(rfolded), pos + 200)):
        gap = rfolded[tokens[-1][1] if tokens else pos : t.start()]
        if _BREAK.search(gap) or len(tokens) >= 14:
            break
        tokens.append((t.start(), t.end(), _MARK.sub("", t.group(0))))
    best: tuple[float, int, LawEntry, int] | None = None
    for entry in law_list():
        limit = _limit(entry)
        for key in entry.keys:
            n = len(key.split())
            for m in (n - 1, n, n + 1):
                if not 1 <= m <= len(tokens):
                    continue
                score = fuzz.ratio(" ".join(t[2] for t in tokens[:m]), key)
                if score < limit or _continues(tokens, m, clean):
                    continue
                cand = (score, len(key), entry, tokens[m - 1][1])
                if best is None or cand[:2] > best[:2]:
                    best = cand
    if best is None:
        return None
    return best[2], best[3], best[0]


def _continues(tokens: list[tuple[int, int, str]], m: int, clean: str) -> bool:
    """Whether the word after the first ``m`` tokens continues a law's name."""
    if m >= len(tokens):
        return False
    end, (s, _e, word) = tokens[m - 1][1], tokens[m]
    if re.search(r"[^\s]", clean[end:s]) or "\n" in clean[end:s] and clean[end:s].count("\n") > 1:
        return False
    if not clean[s : s + 1].islower():
        return False
    # "luật" never continues a name ("Luật Thủ đô, luật ..."; a table's next column).
    return word not in _STOP_FOLDED and word != "luat"


def _limit(entry: LawEntry) -> float:
    return SNAP_MIN_SHORT if min(len(k) for k in entry.keys) < SHORT else SNAP_MIN


def law_at(clean: str, folded: str, repaired: str, start: int, *, ocr: bool,
           rfolded: str | None = None) -> LawMention | None:
    """The law cited by name at ``start`` (offsets shared by the strings), if any.

    A listed law is recognised by :func:`listed_at` (``rfolded``: the folded repaired text;
    computed here when not given); any other name by the name grammar of the module docstring.
    """
    m = LAW_START.match(folded, start)
    if not m or not clean[start : start + 1].isupper():
        return None
    pos = m.end()
    listed = listed_at(rfolded if rfolded is not None else fold(repaired), pos, clean=clean)
    if listed is not None:
        entry, name_end, _score = listed
        year, end = _year_after(folded, name_end)
        return LawMention(start, end, entry.label, year)
    stops = _STOP_OCR if ocr else _STOP
    words: list[tuple[int, int]] = []
    for w in re.finditer(r"[^\s,;:.()\[\]{}\"“”]+|,|[;:.()]", clean[pos : pos + 200]):
        s, e = pos + w.start(), pos + w.end()
        if clean[pos:s].count("\n") > 1:
            break
        token, ftoken = clean[s:e], folded[s:e]
        if not words:
            if not token[:1].isupper() or not token[:1].isalpha():
                return None
            words.append((s, e))
            continue
        if token == ",":
            nxt = re.match(r"\s*(\S+)", clean[e : e + 40])
            if nxt and nxt.group(1)[:1].islower() and nxt.group(1).lower() not in stops and fold(nxt.group(1)) not in stops:
                continue
            break
        if not token[:1].isalpha():
            break
        word = ftoken if ocr else token.lower()
        if word in stops or (token[:1].isupper() and not (token.isupper() and len(token) > 1)):
            break
        if ftoken == "so" and re.match(r"\s*\d", folded[e : e + 4]):
            break
        words.append((s, e))
        if len(words) >= 10:
            break
    name_end = words[-1][1]
    name = "Luật " + re.sub(r"\s+", " ", repaired[words[0][0] : name_end])
    if folded[start:].startswith("bo"):
        name = "Bộ luật " + name[5:]
    year, end = _year_after(folded, name_end)
    return LawMention(start, end, name, year)


def _year_after(folded: str, name_end: int) -> tuple[int | None, int]:
    """The year stated after a law's name ("năm 2025", "(sửa đổi) năm 2025") and where the
    citation ends (after the year and a trailing "(sửa đổi)")."""
    tail = folded[name_end : name_end + 40]
    year_m = re.match(r"\s*(?:\(\s*sua doi[^)]*\)\s*)?n[a-z]{1,2}m\s+((?:19|20)\d{2})\b", tail)
    year = int(year_m.group(1)) if year_m else None
    end = name_end + (year_m.end() if year_m else 0)
    amended = re.match(r"\s*\(\s*sua doi[^)]*\)", folded[end : end + 20])
    if amended:
        end += amended.end()
    return year, end


def find_laws(clean: str, folded: str, repaired: str, *, ocr: bool) -> list[LawMention]:
    """Every law cited by name in a text, names grouped, snapped and years shared."""
    found = []
    rfolded = fold(repaired)
    for m in LAW_START.finditer(folded):
        mention = law_at(clean, folded, repaired, m.start(), ocr=ocr, rfolded=rfolded)
        if mention is not None:
            found.append(mention)
    return share_years(canonical_names(found, snapper=snap))


def canonical_names(found: list[LawMention], *, snapper: Callable[[str], LawEntry | None] = snap) -> list[LawMention]:
    """One name per law: OCR spells one law several ways in a document ("Luật T6 chiic ...",
    "Luật Té chirc ..."); spellings within a small edit distance of each other take the most
    frequent one, then the listed name it snaps to, if any."""
    names = [m.name for m in found]
    keys = [name_key(n) for n in names]
    canonical: dict[str, str] = {}
    for i, k in enumerate(keys):
        if k in canonical:
            continue
        # Short names differ by a word in a few letters (Luật Thủ đô / Luật Tố cáo): exact only.
        group = [j for j, other in enumerate(keys) if other == k or (min(len(k), len(other)) >= 16 and fuzz.ratio(k, other) >= 85)]
        best = max(group, key=lambda j: (keys.count(keys[j]), not names[j].isascii(), -len(names[j])))
        entry = snapper(names[best])
        for j in group:
            canonical.setdefault(keys[j], entry.label if entry else names[best])
    return [_with_name(m, canonical.get(k, m.name)) for m, k in zip(found, keys)]


def share_years(found: list[LawMention]) -> list[LawMention]:
    """A mention without a year takes the year stated by another mention of the same law."""
    years: dict[str, int] = {}
    for m in found:
        if m.year:
            years.setdefault(name_key(m.name), m.year)
    return [
        LawMention(m.start, m.end, m.name, years[name_key(m.name)])
        if m.year is None and name_key(m.name) in years
        else m
        for m in found
    ]


def _with_name(m: LawMention, name: str) -> LawMention:
    return LawMention(m.start, m.end, name, m.year)
