"""Signal phrases of the SKOS schemes (reform areas, indicators) and OCR-tolerant matching.

Vocabulary lives in Turtle (``ontology/schemes/*.ttl``): each concept carries
``cchc:signalPhrase`` values, accent-folded Vietnamese phrasings that signal it in text.
This module loads them (once per process) so the extractors never hard-code vocabulary.

Matching works on a *skeleton* of a line: accent-folded, lower case, and with the digits
and symbols that OCR substitutes for letters inside words mapped back to letters
(``t6 chirc`` -> ``to chirc``, ``x3`` -> ``xa``, ``1am`` -> ``lam``, ``ché @9`` -> ``che
oo``). The skeleton keeps one character per input character, so a match position is also
a position in the original line. Digits that stand alone (``100%``, ``2026``) are kept.
Where OCR also garbled vowels (``chirc`` for ``chức``) a fuzzy alignment (rapidfuzz) with
a high cut-off is used for longer phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.text import SourceText
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from cchc_kg.resources import data_dir

CCHC_NS = "https://w3id.org/cchc-kg/ontology#"
SIGNAL = URIRef(CCHC_NS + "signalPhrase")
UNIT = URIRef(CCHC_NS + "unit")  # default unit of an indicator concept

# Characters OCR puts in place of letters inside a word (only rewritten next to a letter).
_IN_WORD = str.maketrans({"0": "o", "6": "o", "9": "o", "5": "o", "1": "l", "3": "a", "4": "a",
                          "@": "o", "¢": "e", "€": "e", "|": "l"})


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept of a project scheme with what the extractors need from it."""

    notation: str
    label: str
    phrases: tuple[str, ...]  # skeletons of the signal phrases, longest first
    broader: str | None = None
    unit: str | None = None
    area: str | None = None  # notation of the dcterms:subject reform area, if any


# Clean Vietnamese prose has about 25-30% letters with diacritics; text whose OCR kept only
# some of them falls well below, fully stripped OCR is near 0 (see bench/degrade.py).
_CLEAN_ACCENT_SHARE = 0.2
_OCR_IN_WORD = re.compile(r"[a-zà-ỹ][0-9€¢@|][a-zà-ỹ]|(?<![\w])[1][a-zà-ỹ]{2,}", re.IGNORECASE)


def looks_damaged(src: SourceText) -> bool:
    """Whether a text shows OCR damage, so matching should tolerate garbled words (fuzzy).

    ``SourceText.style`` calls a text OCR only when nearly every diacritic is gone; an OCR that
    kept some of them (other engines, better scans) still garbles words (``nhi€m``, ``chirc``,
    ``Iuật``). Such a text has clearly fewer accented letters than clean prose, or words with
    digits and symbols inside them. Computed once per document and kept with it (the outline,
    target and annex readers all ask).
    """
    return src.derived("lexicon.looks_damaged", _looks_damaged)


def _looks_damaged(src: SourceText) -> bool:
    if src.style == "ocr":
        return True
    sample = "\n".join(src.clean[:600])
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 200:
        return False
    accented = sum(1 for ch in letters if not ch.isascii()) / len(letters)
    words = max(1, len(sample.split()))
    in_word = len(_OCR_IN_WORD.findall(sample)) / words
    return accented < _CLEAN_ACCENT_SHARE or in_word > 0.01


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Length-preserving matching key: folded, with in-word OCR digit/symbol damage undone.

    Memoised: the outline, target, task and unit readers take the skeleton of the same lines
    and headings again and again.
    """
    folded = fold(text)
    out: list[str] | None = None
    n = len(folded)
    for m in _SKELETON_CANDIDATE.finditer(folded):  # only the damage candidates are visited
        i = m.start()
        ch = folded[i]
        left = folded[i - 1] if i > 0 else " "
        right = folded[i + 1] if i + 1 < n else " "
        if "a" <= left <= "z" or "a" <= right <= "z":
            if ch in "0134569" and (left.isdigit() or right.isdigit()):
                continue  # part of a number such as 2026 or 10a
            if out is None:
                out = list(folded)
            out[i] = ch.translate(_IN_WORD)
    return folded if out is None else "".join(out)


_SKELETON_CANDIDATE = re.compile(r"[0134569@¢€|]")


@lru_cache(maxsize=8)
def load_scheme(name: str) -> tuple[Concept, ...]:
    """Concepts of ``ontology/schemes/<name>.ttl`` with their signal phrases."""
    path = data_dir("ontology") / "schemes" / f"{name}.ttl"
    if not path.is_file():
        raise FileNotFoundError(f"concept scheme file not found: {path}")
    g = Graph()
    g.parse(path, format="turtle")
    concepts: list[Concept] = []
    for node in sorted(set(g.subjects(RDF.type, SKOS.Concept)), key=str):
        notation = g.value(node, SKOS.notation)
        if notation is None:
            continue
        label = next((str(o) for o in g.objects(node, SKOS.prefLabel)
                      if isinstance(o, Literal) and o.language == "vi"), str(notation))
        phrases = sorted({skeleton(str(p)).strip() for p in g.objects(node, SIGNAL)}, key=len, reverse=True)
        broader_node = g.value(node, SKOS.broader)
        broader = str(g.value(broader_node, SKOS.notation)) if broader_node is not None else None
        unit = g.value(node, UNIT)
        subject = g.value(node, DCTERMS.subject)
        concepts.append(Concept(str(notation), label, tuple(p for p in phrases if p), broader,
                                str(unit) if unit is not None else None,
                                str(subject).rsplit("/", 1)[-1] if subject is not None else None))
    return tuple(concepts)


def find(phrase: str, text: str, *, fuzzy_cutoff: float = 0.0) -> tuple[int, int] | None:
    """Span of ``phrase`` (a skeleton) in ``text`` (a skeleton) on word boundaries.

    With ``fuzzy_cutoff`` > 0, phrases of 9 characters or more may also match an OCR-damaged
    span whose similarity reaches the cut-off (0-100).
    """
    pattern, words = _exact_pattern(phrase)
    # every word of the phrase occurs literally in a match: a substring test rules out most
    # phrases before the regex runs (phrase_hits tries every phrase of a scheme on each text)
    m = pattern.search(text) if all(w in text for w in words) else None
    if m:
        return m.start(), m.end()
    if fuzzy_cutoff and len(phrase) >= 9 and len(text) >= len(phrase) - 2:
        al = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=fuzzy_cutoff)
        if al is not None:
            return al.dest_start, al.dest_end
    return None


@lru_cache(maxsize=4096)
def _exact_pattern(phrase: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Compiled on-word-boundaries pattern of a phrase, and its words (compiled once per
    process: the phrases are the schemes' few hundred, tried on every block of every plan)."""
    # a run of spaces matches a space: blanked OCR specks and wraps leave several
    words = phrase.split(" ")
    pattern = re.compile(r"(?<![a-z0-9])" + r"\s+".join(map(re.escape, words)) + r"(?![a-z0-9])")
    return pattern, tuple(w for w in words if w)


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a concept's signal phrase: exact (score 100) or fuzzy."""

    concept: Concept
    length: int  # length of the phrase that matched (longer = more specific)
    score: float
    start: int
    end: int
    coordinated: bool = False  # matched across "A B1 và B2" (the phrase is "A B2")


def phrase_hits(text: str, scheme: str, *, fuzzy_cutoff: float = 0.0, both_ends: bool = True,
                ocr_words: bool = False, coordination: bool = False) -> list[Hit]:
    """Every concept of ``scheme`` signalled in ``text`` (a skeleton), one hit per concept.

    Exact occurrences are preferred; with ``fuzzy_cutoff`` set, a concept with no exact
    occurrence may match an OCR-damaged span. The fuzzy comparison drops the phrase's generic
    lead words (``cai cach`` ...) so a shared lead word cannot carry the similarity, and
    requires the phrase's first and last words (``both_ends``) or one of them to occur
    exactly at the ends of the aligned span (``both_ends``), or all its words but one to occur
    exactly in the span: OCR rarely garbles every word of a phrase.

    ``ocr_words`` adds a word-by-word comparison tolerant of the damage Vietnamese OCR does to
    single words (see ``word_hit``) before the character-level fuzzy one; ``coordination``
    finds a phrase whose head and tail are split by a coordinated object (see ``coordinated_hit``).
    """
    return list(_phrase_hits(text, scheme, fuzzy_cutoff, both_ends, ocr_words, coordination))


@lru_cache(maxsize=2048)
def _phrase_hits(text: str, scheme: str, fuzzy_cutoff: float, both_ends: bool, ocr_words: bool,
                 coordination: bool) -> tuple[Hit, ...]:
    """``phrase_hits``, memoised: the target reader asks about the same clause, sentence and
    item once per quantity in it (the result depends only on the arguments and the scheme)."""
    hits: list[Hit] = []
    words = _words(text) if ocr_words or coordination else []
    present = _present(words) if words else frozenset()
    for concept in load_scheme(scheme):
        exact = None
        for phrase in concept.phrases:
            span = find(phrase, text)
            if span is not None:
                exact = Hit(concept, len(phrase), 100.0, span[0], span[1])
                break  # phrases are longest first
        if exact is not None:
            hits.append(exact)
            continue
        if ocr_words:
            found = next((h for p in concept.phrases
                          if (h := word_hit(concept, p, words, present=present)) is not None), None)
            if found is not None:
                hits.append(found)
                continue
        if coordination:
            found = next((h for p in concept.phrases
                          if (h := coordinated_hit(concept, p, words, ocr=ocr_words, present=present))
                          is not None), None)
            if found is not None:
                hits.append(found)
                continue
        if not fuzzy_cutoff:
            continue
        best: Hit | None = None
        for phrase in concept.phrases:
            core = _core(phrase)
            if len(core) < 9 or len(text) < len(core) - 2:
                continue
            al = fuzz.partial_ratio_alignment(core, text, score_cutoff=fuzzy_cutoff)
            if al is None:
                continue
            agree = _ends_agree(core, text, al.dest_start, al.dest_end) if both_ends \
                else _words_agree(core, text[al.dest_start:al.dest_end])
            if not agree:
                continue
            if best is None or (al.score, len(core)) > (best.score, best.length):
                best = Hit(concept, len(core), al.score, al.dest_start, al.dest_end)
        if best is not None:
            hits.append(best)
    return tuple(hits)


@lru_cache(maxsize=4096)
def _core(phrase: str) -> str:
    """The phrase without its generic lead words (see ``phrase_hits``)."""
    return _GENERIC_LEAD.sub("", phrase)


def best_concept(text: str, scheme: str, *, fuzzy_cutoff: float = 0.0) -> tuple[Concept, int, int] | None:
    """The concept whose longest signal phrase occurs in ``text`` (skeleton), with its span.

    Exact occurrences win over fuzzy ones; then the longer phrase, then the earlier one.
    """
    hits = phrase_hits(text, scheme, fuzzy_cutoff=fuzzy_cutoff)
    if not hits:
        return None
    best = max(hits, key=lambda h: (h.score == 100.0, h.length if h.score == 100.0 else h.score,
                                    h.length, -h.start))
    return best.concept, best.start, best.end


def _ends_agree(phrase: str, text: str, start: int, end: int) -> bool:
    words = phrase.split()
    window = text[max(0, start - 2):end + 2]
    first, last = re.escape(words[0]), re.escape(words[-1])
    head = re.search(rf"(?<![a-z]){first}(?![a-z])", window[:len(words[0]) + 4]) is not None
    tail = re.search(rf"(?<![a-z]){last}(?![a-z])", window[-(len(words[-1]) + 4):]) is not None
    return head and tail


def _words_agree(phrase: str, span: str) -> bool:
    """All words of the phrase but one occur, in order, among the span's words; a word of
    three letters or more may differ by one edit (``vei`` for ``voi``)."""
    words = re.findall(r"[a-z0-9]+", phrase)
    found = re.findall(r"[a-z0-9]+", span)
    i = matched = 0
    for w in words:
        for j in range(i, len(found)):
            if found[j] == w or (len(w) >= 3 and Levenshtein.distance(found[j], w) <= 1):
                i = j + 1
                matched += 1
                break
    return matched >= max(1, len(words) - 1)


_GENERIC_LEAD = re.compile(r"^(?:cai cach|xay dung(?: va phat trien)?|hoan thien|nang cao)\s+")


# --- word-level OCR tolerance ------------------------------------------------------------
# Vietnamese OCR damages words in a few regular ways: "ư" read as "tr" or "ir" (``xtr`` for
# xử, ``chirc`` for chức, ``ctra`` for cửa; Vietnamese has no "ir" and "tr" only starts a
# word), an accented vowel read as a consonant or digit (``hd`` for hồ, ``ndi`` for nội, ``sb``
# for số), a dropped or added letter (``b`` for bộ, ``duogc`` for được), "l" read as "I"/"i"
# (``Iy`` for lý). A phrase matches word by word when every word is equal or one such edit
# away and at least one content word (3+ letters) is intact: one word alone proves little.
_WORD = re.compile(r"[a-z0-9]+")
_U_AS_TR = re.compile(r"(?<=[a-z])(?:tr|ir)")
_COORD_GAP = 12  # words a coordinated object may span ("dịch vụ công (DVC) tại UBND phường")


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=65536)
def _word_edit(phrase_word: str, word: str) -> int | None:
    """0 when equal (after undoing "tr"/"ir" for "ư"), 1 when one OCR edit away, else None."""
    if word == phrase_word:
        return 0
    norm = _U_AS_TR.sub("u", word)
    if norm == phrase_word:
        return 0
    head_ok = norm[:1] == phrase_word[:1] or {norm[:1], phrase_word[:1]} <= {"i", "l"}
    if not head_ok or norm.isdigit():
        return None
    limit = 2 if len(phrase_word) >= 4 and norm[:2] == phrase_word[:2] else 1
    return 1 if Levenshtein.distance(norm, phrase_word, score_cutoff=limit) <= limit else None


def _match_at(pw: tuple[str, ...] | list[str], words: list[tuple[str, int, int]], j: int) -> tuple[int, int] | None:
    """(exact content words, damaged words) when ``pw`` matches ``words`` from ``j``."""
    if j + len(pw) > len(words):
        return None
    exact = near = 0
    for k, p in enumerate(pw):
        edit = _word_edit(p, words[j + k][0])
        if edit is None:
            return None
        if edit == 0 and len(p) >= 3:
            exact += 1
        near += edit
    return exact, near


def _present(words: list[tuple[str, int, int]]) -> frozenset[str]:
    """The text's words as written and with "tr"/"ir" undone (for ``_has_content_word``)."""
    return frozenset({w for w, _, _ in words} | {_U_AS_TR.sub("u", w) for w, _, _ in words})


def _has_content_word(pw: tuple[str, ...], words: list[tuple[str, int, int]], *,
                      present: frozenset[str] | None = None) -> bool:
    """Cheap pre-check: a match needs one intact content word of the phrase in the text
    (``present``: ``_present(words)`` when the caller tries many phrases on the same words)."""
    if present is None:
        present = _present(words)
    return any(len(p) >= 3 and p in present for p in pw)


@lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(phrase))


def word_hit(concept: Concept, phrase: str, words: list[tuple[str, int, int]], *,
             present: frozenset[str] | None = None) -> Hit | None:
    """The phrase matched word by word through OCR damage (score 99 minus 4 per damaged word)."""
    pw = _phrase_words(phrase)
    if len(pw) < 2 or not _has_content_word(pw, words, present=present):
        return None
    for j in range(len(words) - len(pw) + 1):
        got = _match_at(pw, words, j)
        if got is None:
            continue
        exact, near = got
        if exact >= 1 and near <= (len(pw) + 1) // 2:
            return Hit(concept, len(phrase), 99.0 - 4 * near, words[j][1], words[j + len(pw) - 1][2])
    return None


def coordinated_hit(concept: Concept, phrase: str, words: list[tuple[str, int, int]], *,
                    ocr: bool = False, present: frozenset[str] | None = None) -> Hit | None:
    """The phrase "A B" found as "A B1 và B", a head shared by two coordinated objects
    (``hài lòng khi sử dụng DVC tại UBND phường và DVC trực tuyến``): both head and tail have
    two words or more, the tail follows "và" within a few words of the head."""
    pw = _phrase_words(phrase)
    if len(pw) < 4:
        return None
    if present is None:
        present = _present(words)
    # "va" is in ``present`` only as a word of the text: undoing "tr"/"ir" always leaves a "u"
    if "va" not in present or not _has_content_word(pw, words, present=present):
        return None
    # every head starts with the phrase's first word: where it cannot match, no head does
    starts = [j for j in range(len(words)) if _word_edit(pw[0], words[j][0]) is not None]
    for k in range(2, len(pw) - 1):
        head, tail = pw[:k], pw[k:]
        for j in starts:
            if j > len(words) - k:
                break
            got = _match_at(head, words, j)
            if got is None or (not ocr and got[1]) or got[0] < 1:
                continue
            end = j + k
            for v in range(end + 1, min(end + _COORD_GAP, len(words))):
                if words[v][0] != "va":
                    continue
                t = _match_at(tail, words, v + 1)
                if t is not None and t[0] >= 1 and (ocr or not t[1]):
                    return Hit(concept, len(phrase), 80.0 - 4 * (got[1] + t[1]),
                               words[j][1], words[v + len(tail)][2], coordinated=True)
    return None
