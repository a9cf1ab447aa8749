"""Resolve a citation as a person types it ("qd 282 ttg", "Nghi quyet 76") to documents.

Conventions encoded (domain.md, "Document numbers"): a number is ``NUMBER/TYPE-ISSUER``,
``NUMBER/YEAR/TYPE-ISSUER``, ``NUMBER-TYPE/ISSUER`` (Party) or ``NUMBER/ISSUER-UNIT``
(letters); people type the parts in any order, with or without the slash and hyphen,
without diacritics (QĐ -> qd, NĐ -> nd, HĐND -> hdnd), spell the type out ("nghị quyết") or
paste OCR-damaged text ("Quyét dinh s6", ``HPND``, ``0``/``o``). The type codes, issuer
codes and their spelled-out names come from ontology/schemes/doc-types.ttl and issuers.ttl
(``cchc:officialCode``, ``skos:prefLabel``, ``cchc:signalPhrase``), never from this file.

Scoring: the number must match (when one is typed); type, issuer and year agree or
disagree; the remaining words are matched fuzzily against the title; documents cited often
rank first among equals (76/NQ-CP before a local 76/QĐ-UBND).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from cchc_kg.resources import data_dir

CCHC_NS = "https://w3id.org/cchc-kg/ontology#"
_NUM = re.compile(r"^\d+(?:[.,]\d+)?[a-z]?$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_DATE = re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d{2})\b"
                   r"|\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+((?:19|20)\d{2})\b")
# Words that say "number", "dated", "of" ... in a typed citation, OCR-damaged spellings included.
_FILLER = frozenset({"so", "s6", "s0", "sô", "ngay", "nam", "cua", "ve", "viec", "thang", "ky", "hieu", "va", "theo"})
# Single-character OCR confusions tried when a token is not a known code (domain.md).
_OCR = (("p", "d"), ("0", "o"), ("6", "o"), ("1", "l"))


def fold(text: str) -> str:
    """Lower case, no diacritics, Đ/đ -> d (as the graph's own accent-folding does)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^a-z0-9.,]+", fold(text)) if t and t not in ".,"]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Folded type and issuer codes and the phrases that spell them out."""

    type_codes: dict[str, str]  # folded code -> notation (qd -> quyet_dinh)
    type_phrases: dict[str, str]  # folded phrase -> notation (nghi quyet -> nghi_quyet)
    issuer_codes: frozenset[str]  # folded issuer codes (ttg, cp, ubnd ...)
    issuer_phrases: dict[str, str]  # folded phrase -> folded code (thu tuong -> ttg)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    g = Graph()
    folder = data_dir("ontology") / "schemes"
    for name in ("doc-types.ttl", "issuers.ttl"):
        path = folder / name
        if path.is_file():
            g.parse(path, format="turtle")
    code_p = g.namespace_manager.expand_curie("skos:notation")
    official = _uri(CCHC_NS + "officialCode")
    signal = _uri(CCHC_NS + "signalPhrase")
    type_codes: dict[str, str] = {}
    type_phrases: dict[str, str] = {}
    issuer_codes: set[str] = set()
    issuer_phrases: dict[str, str] = {}
    for concept, notation in g.subject_objects(code_p):
        scheme = str(concept).rsplit("/", 2)[-2]
        codes = [fold(str(c)) for c in g.objects(concept, official)]
        phrases = [fold(str(p)) for p in g.objects(concept, signal)]
        phrases += [fold(str(lab)) for lab in g.objects(concept, SKOS.prefLabel)
                    if isinstance(lab, Literal) and lab.language == "vi"]
        if scheme == "doc-type":
            for c in codes:
                type_codes.setdefault(c, str(notation))
            for p in phrases:
                type_phrases.setdefault(p, str(notation))
        elif scheme == "issuer":
            issuer_codes.update(codes)
            for p in phrases:
                if codes:
                    issuer_phrases.setdefault(p, codes[0])
    return Vocabulary(type_codes, type_phrases, frozenset(issuer_codes), issuer_phrases)


def _uri(value: str):
    from rdflib import URIRef

    return URIRef(value)


@dataclass(slots=True)
class ParsedQuery:
    numbers: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)  # notations
    issuers: set[str] = field(default_factory=set)  # folded codes
    words: list[str] = field(default_factory=list)


def parse_query(text: str, *, vocab: Vocabulary | None = None) -> ParsedQuery:
    """Split a typed citation into number, year, type, issuer and free words."""
    v = vocab or vocabulary()
    # A date is not a document number: keep only its year.
    text = _DATE.sub(lambda m: f" {m.group(1) or m.group(2)} ", fold(text))
    folded = " " + " ".join(tokens(text)) + " "
    out = ParsedQuery()
    # Spelled-out types and issuers first (longest phrase wins), then codes.
    for phrases, sink in ((v.type_phrases, out.types), (v.issuer_phrases, out.issuers)):
        for phrase in sorted(phrases, key=len, reverse=True):
            if len(phrase) > 3 and f" {phrase} " in folded:
                sink.add(phrases[phrase])
                folded = folded.replace(f" {phrase} ", " ")
    for tok in folded.split():
        if _NUM.match(tok):
            out.numbers.append(tok.replace(",", "."))
            if _YEAR.match(tok):
                out.years.append(tok)
            continue
        code = _known_code(tok, v)
        if code is None:
            if tok not in _FILLER:
                out.words.append(tok)
            continue
        kind, value = code
        (out.types if kind == "type" else out.issuers).add(value)
    return out


def _known_code(tok: str, v: Vocabulary) -> tuple[str, str] | None:
    candidates = [tok]
    for a, b in _OCR:
        if a in tok:
            candidates.append(tok.replace(a, b))
    for c in candidates:
        if c in v.type_codes:
            return "type", v.type_codes[c]
        if c in v.issuer_codes:
            return "issuer", c
    return None


@dataclass(frozen=True, slots=True)
class IndexedDoc:
    doc: str
    number: str | None
    form: str | None
    issuer: str | None
    date: str | None
    title: str | None
    source: str | None
    cited_by: int
    resolved: str | None
    # derived
    lead: str | None  # the leading number (282 of 282/QĐ-TTg)
    codes: frozenset[str]  # folded codes of the number (qd, ttg)
    year: str | None
    folded_text: str  # folded title and issuer, for fuzzy matching of typed words


def index_doc(row: dict) -> IndexedDoc:
    number = row.get("number")
    parts = tokens(number) if number else []
    lead = parts[0] if parts and _NUM.match(parts[0]) else None
    year = next((p for p in parts[1:] if re.fullmatch(r"(19|20)\d{2}", p)), None)
    if year is None and row.get("date"):
        year = str(row["date"])[:4]
    codes = frozenset(p for p in parts if not _NUM.match(p))
    return IndexedDoc(
        doc=row["doc"], number=number, form=row.get("form"), issuer=row.get("issuer"), date=row.get("date"),
        title=row.get("title"), source=row.get("source"), cited_by=int(row.get("citedBy") or 0),
        resolved=row.get("resolved"), lead=lead, codes=codes, year=year,
        folded_text=" ".join(tokens(f"{row.get('title') or ''} {row.get('issuer') or ''}")),
    )


def score(doc: IndexedDoc, q: ParsedQuery, *, vocab: Vocabulary | None = None) -> float:
    """0 when the document cannot be what was typed; higher is better (about 0-100)."""
    v = vocab or vocabulary()
    s = 0.0
    strict = [n for n in q.numbers if not _YEAR.match(n)]
    if doc.lead is not None and doc.lead in q.numbers:
        s += 50
    elif strict:
        return 0.0  # a typed number that is not a year must be the document's number
    doc_types = {v.type_codes[c] for c in doc.codes if c in v.type_codes}
    if doc.form:
        doc_types.add(doc.form)
    if q.types:
        # A decision that issues a plan ("ban hành Kế hoạch ...") is looked for as the plan too.
        named_in_title = {n for p, n in v.type_phrases.items() if f" {p} " in f" {doc.folded_text} "}
        if q.types & doc_types:
            s += 15
        elif q.types & named_in_title:
            s += 8
        else:
            s += -20 if doc_types else -5
    if q.issuers:
        doc_issuers = {c for c in doc.codes if c in v.issuer_codes}
        if doc.issuer:
            folded_issuer = " " + " ".join(tokens(doc.issuer)) + " "
            doc_issuers |= {code for phrase, code in v.issuer_phrases.items() if f" {phrase} " in folded_issuer}
        s += 15 if q.issuers & doc_issuers else (-20 if doc_issuers else -5)
    other_years = [y for y in q.years if y != doc.lead]
    has_number = doc.lead is not None and doc.lead in q.numbers
    if other_years and doc.year:
        s += 10 if doc.year in other_years else -10
    if q.words:
        typed = " ".join(q.words + q.years)
        ratio = fuzz.token_set_ratio(typed, doc.folded_text) if doc.folded_text else 0.0
        if not has_number and ratio < 60:
            return 0.0
        s += ratio * (0.3 if has_number else 0.8)
    if not has_number and not q.words:
        return 0.0  # a type or issuer alone matches everything
    s += min(math.log1p(doc.cited_by) * 2, 8)
    if doc.source:
        s += 3  # an ingested document has more to show
    return max(s, 0.0)


def resolve(text: str, index: list[IndexedDoc], *, limit: int = 10) -> list[tuple[IndexedDoc, float]]:
    """The best documents for a typed citation, best first (empty for empty input)."""
    q = parse_query(text)
    if not (q.numbers or q.words or q.types or q.issuers):
        return []
    scored = [(d, score(d, q)) for d in index]
    ranked = sorted((x for x in scored if x[1] > 0), key=lambda x: (-x[1], x[0].number or "", x[0].doc))
    return ranked[:limit]


@lru_cache(maxsize=1)
def national_issuer_codes() -> frozenset[str]:
    """Folded issuer codes whose level is national in issuers.ttl (CP, TTg, QH, TW ...)."""
    g = Graph()
    path = data_dir("ontology") / "schemes" / "issuers.ttl"
    if path.is_file():
        g.parse(path, format="turtle")
    level = _uri(CCHC_NS + "level")
    official = _uri(CCHC_NS + "officialCode")
    national = _uri("https://w3id.org/cchc-kg/vocab/level/national")
    return frozenset(fold(str(code)) for body in g.subjects(level, national) for code in g.objects(body, official))
