"""Group rows of task tables: a Roman numeral (or A/B/C) and a heading naming a reform area.

Convention encoded: CCHC task tables group their rows under numbered headings, one per
reform area ("I | CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "II. Cải cách thể chế" ...), sometimes under
lettered parts (A/B/C, e.g. one per index). OCR damages them in typical ways: the numeral
read as digits or letters ("11" or "Il" for II, "v" for IV), the numeral alone on its own
line, the heading wrapped onto the next line, or the numeral lost while the heading stays in
capitals. The area comes from the reform-area signal phrases in ontology/schemes/areas.ttl,
matched word by word so that OCR slips inside words still match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.text import SourceText
from rapidfuzz import fuzz

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
ROMAN_ONLY = re.compile(r"^[\W_]{0,2}(?:i{1,3}|iv|vi{0,3}|ix|x)[\W_]{0,2}$", re.IGNORECASE)
# A row number at the start of a line: "12 |", "5.", "p 3" (a speck before it), "1l" (OCR
# reads the second 1 of "11" as l or I: ``row_number``), "S1." (5 read as S, only before the
# number's dot or rule: "S6 hóa" is "Số hóa"); not a date or a document number ("14/9/2020",
# "360-KH/TU").
# A number in parentheses ("(1) Cuộc thi ...", "(2) tỷ lệ ...") enumerates the parts of a
# cell (a product listing two results), never a row: rows print "1", "1.", "1 |".
ROW_NUMBER = re.compile(
    r"^(?![\W_]{0,2}\(\s*\d{1,3}\s*\))[^\w]{0,3}(?:[a-z]\s+)?(\d{1,3}|[1-9][lI]|S\d(?=[.|]))(?=[\s.,|)\]]|$)(?!\s*[/-]\s*\d)"
    r"([.,|)\]]?)")
# A sub-item's label opening a line: "2.1" (task 2's first sub-item) or "a)" (a lettered
# point, in the Vietnamese alphabet's order a b c d đ e g h i k), followed by a space.
SUB_LABEL = re.compile(r"^[^\w]{0,2}(?:(\d{1,2})\.(\d{1,2})\.?|([a-eghikđ])\))(?=\s|$)")
SUB_LETTERS = "abcdđeghik"


def row_number(printed: str) -> int:
    """The value of a row number as ``ROW_NUMBER`` reads it ("1l" is 11, "S1" is 51)."""
    return int(printed.replace("l", "1").replace("I", "1").replace("S", "5"))


_GROUP = re.compile(r"^[\W_]{0,3}([ivxl1|]{1,4}|[a-d])(?!\w)\s*[.|:)\]\[]*\s*\[?\s*(\S.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Group:
    """A group row of the table: a numbered heading such as "I | Chỉ đạo điều hành"."""

    line: int
    numeral: str | None
    title: str
    area: str | None


@lru_cache(maxsize=1)
def _area_phrases() -> tuple[tuple[str, str], ...]:
    """(signal phrase, area notation) from ontology/schemes/areas.ttl, longest first."""
    from cchc_kg.graph.vocab import CCHC
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from cchc_kg.resources import data_dir

    path = data_dir("ontology") / "schemes" / "areas.ttl"
    if not path.is_file():  # pragma: no cover - broken install
        return ()
    g = Graph()
    g.parse(path, format="turtle")
    pairs = {
        (str(phrase), str(g.value(concept, SKOS.notation)))
        for concept, phrase in g.subject_objects(CCHC.signalPhrase)
    }
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


def area_of(folded: str) -> str | None:
    """Reform area named by a group row's (folded) text.

    Word-by-word fuzzy match of each signal phrase against every window of the text, so
    that OCR slips inside words ("to chirc b may", "che d¢ cong vu") still match while a
    phrase that merely shares letters with the text does not.
    """
    words = re.sub(r"[^a-z0-9 ]", " ", folded).split()
    best: tuple[float, int, str] | None = None
    for phrase, area in _area_phrases():
        parts = phrase.replace(",", " ").split()
        if len(parts) > len(words):
            continue
        for k in range(len(words) - len(parts) + 1):
            window = words[k: k + len(parts)]
            ratios = [fuzz.ratio(w, p) for w, p in zip(window, parts)]
            if sum(r < 50 for r in ratios) > (1 if len(parts) >= 4 else 0):
                continue  # one lost word is tolerated only in a long phrase
            score = sum(r * len(p) for r, p in zip(ratios, parts)) / sum(len(p) for p in parts)
            floor = 100 if len(parts) == 1 else 75
            if score >= floor and (best is None or (score, len(parts)) > best[:2]):
                best = (score, len(parts), area)
    return best[2] if best else None


def group_of(src: SourceText, i: int, *, numeral: str | None = None) -> Group | None:
    """A group row: a Roman numeral (or A/B/C) and a short heading, or an all-capitals area
    heading without its numeral (OCR often loses it)."""
    clean = src.clean[i].strip()
    if not clean or len(clean) > 80:
        return None
    m = None if numeral else _GROUP.match(clean)
    title = clean
    if m:
        token = re.sub(r"[1l|]", "i", m.group(1).lower())
        # "1l viêc làm ...": row 11 (``ROW_NUMBER``) before task wording, not a group "II"
        lowered = re.fullmatch(r"[1-9][lI]", m.group(1)) and not m.group(2).isupper()
        if (token in ROMAN and not lowered) or (len(m.group(1)) == 1 and m.group(1).isalpha()):
            numeral, title = m.group(1), m.group(2).strip(" |[]")
    letters = [c for c in title if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper()) / max(1, len(letters))
    tfold = fold(title)
    if any(tv.has_cue(tfold, k) for k in ("lead", "coord", "leader")) and upper < 0.7:
        return None
    if ROW_NUMBER.match(clean) and numeral is None:
        return None
    if numeral is None and upper < 0.8:
        return None  # neither a numeral nor a heading in capitals: not a group row
    area = area_of(tfold)
    if area is None and i > 0 and title[:1].islower():
        area = area_of(src.folded[i - 1] + " " + tfold)  # heading wrapped above its numeral
    if area is None and numeral is not None and (below := _wrapped_below(src, i)):
        # "VII Xây dựng, phát triển chính quyền điện" over "tử, chính quyền số": the
        # heading is whole only with its next line, which then belongs to it
        area = area_of(tfold + " " + fold(below))
        if area is not None:
            title = f"{title} {below}"
    digits = numeral is not None and any(c.isdigit() for c in numeral)
    if numeral is not None and len(letters) >= 4 and (
        upper >= 0.7 or (not digits and area and len(title) <= 60)
    ):
        return Group(line=i + 1, numeral=numeral, title=title, area=area)
    if numeral is None and upper >= 0.8 and area and len(letters) >= 8:
        return Group(line=i + 1, numeral=None, title=title, area=area)
    return None


def _wrapped_below(src: SourceText, i: int) -> str | None:
    """The next line when it can be the rest of a wrapped group heading: short, opening
    in lower case, no row number, no column rule."""
    if i + 1 >= len(src.clean):
        return None
    below = src.clean[i + 1].strip()
    if not below or len(below) > 40 or not below[:1].islower() or "|" in below or ROW_NUMBER.match(below):
        return None
    return below
