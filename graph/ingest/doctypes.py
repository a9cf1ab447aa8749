"""The document-type and issuer-code tables, loaded from ontology/schemes/*.ttl.

Why a loader rather than constants: the codes in document numbers (QĐ, NQ, CTr; CP, TTg,
UBND, SNV ...) and the phrases that name a type or a body are vocabulary, kept in Turtle with
labels in Vietnamese and English (doc-types.ttl, issuers.ttl). The number grammar and the
metadata/citation extractors look codes up here by their *folded key*: accent-folded,
lower-case, letters and digits only (``QĐ`` -> ``qd``, ``CTr`` -> ``ctr``), which is what
survives OCR. The tables are parsed once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.vocab import CCHC
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from cchc_kg.resources import data_dir

DOC_TYPE_SCHEME = URIRef("https://w3id.org/cchc-kg/vocab/doc-type")
ISSUER_SCHEME = URIRef("https://w3id.org/cchc-kg/vocab/issuer")


@dataclass(frozen=True, slots=True)
class DocType:
    key: str  # skos:notation, e.g. quyet_dinh
    code: str | None  # official code as printed in numbers, e.g. QĐ
    label: str  # Vietnamese preferred label, e.g. Quyết định
    label_en: str
    phrases: tuple[str, ...]  # accent-folded signal phrases


@dataclass(frozen=True, slots=True)
class Issuer:
    key: str
    code: str | None
    label: str
    label_en: str
    alt_labels: tuple[str, ...]
    level: str | None  # national / province / commune; None = any local level
    types: frozenset[str]  # doc-type keys this body issues under a shared code (skos:related)
    phrases: tuple[str, ...]

    @property
    def national(self) -> bool:
        return self.level == "national"


def code_key(code: str) -> str:
    """Folded lookup key of a code: ``QĐ`` -> ``qd``, ``HĐND`` -> ``hdnd``, ``QH15`` -> ``qh15``."""
    return re.sub(r"[^a-z0-9&]", "", fold(code))


def _literal(graph: Graph, node: URIRef, prop: URIRef, lang: str | None = None) -> str | None:
    for value in graph.objects(node, prop):
        if lang is None or getattr(value, "language", None) == lang:
            return str(value)
    return None


@lru_cache(maxsize=1)
def _graph() -> Graph:
    graph = Graph()
    folder = data_dir("ontology") / "schemes"
    for name in ("doc-types.ttl", "issuers.ttl"):
        path = folder / name
        if not path.is_file():
            raise FileNotFoundError(f"cchc-kg vocabulary file missing: {path}")
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    graph = _graph()
    out = []
    for node in graph.subjects(SKOS.inScheme, DOC_TYPE_SCHEME):
        if (node, RDF.type, SKOS.Concept) not in graph:
            continue
        out.append(
            DocType(
                key=_literal(graph, node, SKOS.notation) or "",
                code=_literal(graph, node, CCHC.officialCode),
                label=_literal(graph, node, SKOS.prefLabel, "vi") or "",
                label_en=_literal(graph, node, SKOS.prefLabel, "en") or "",
                phrases=tuple(sorted((str(p) for p in graph.objects(node, CCHC.signalPhrase)), key=len, reverse=True)),
            )
        )
    return tuple(sorted(out, key=lambda d: d.key))


@lru_cache(maxsize=1)
def issuers() -> tuple[Issuer, ...]:
    graph = _graph()
    out = []
    for node in graph.subjects(SKOS.inScheme, ISSUER_SCHEME):
        level = graph.value(node, CCHC.level)
        out.append(
            Issuer(
                key=_literal(graph, node, SKOS.notation) or "",
                code=_literal(graph, node, CCHC.officialCode),
                label=_literal(graph, node, SKOS.prefLabel, "vi") or "",
                label_en=_literal(graph, node, SKOS.prefLabel, "en") or "",
                alt_labels=tuple(
                    sorted(str(v) for v in graph.objects(node, SKOS.altLabel) if getattr(v, "language", None) == "vi")
                ),
                level=str(level).rsplit("/", 1)[-1] if level else None,
                types=frozenset(str(t).rsplit("/", 1)[-1] for t in graph.objects(node, SKOS.related)),
                phrases=tuple(sorted((str(p) for p in graph.objects(node, CCHC.signalPhrase)), key=len, reverse=True)),
            )
        )
    return tuple(sorted(out, key=lambda i: i.key))


@lru_cache(maxsize=1)
def _types_by_code() -> dict[str, DocType]:
    return {code_key(d.code): d for d in doc_types() if d.code}


@lru_cache(maxsize=1)
def _types_by_key() -> dict[str, DocType]:
    return {d.key: d for d in doc_types()}


@lru_cache(maxsize=1)
def _issuers_by_code() -> dict[str, tuple[Issuer, ...]]:
    table: dict[str, list[Issuer]] = {}
    for i in issuers():
        if i.code:
            table.setdefault(code_key(i.code), []).append(i)
    return {k: tuple(v) for k, v in table.items()}


def type_by_code(code: str) -> DocType | None:
    """The document type of a type code as printed or folded (``QĐ``, ``qd``, ``CTr``)."""
    return _types_by_code().get(code_key(code))


def type_by_key(key: str) -> DocType | None:
    return _types_by_key().get(key)


def issuer_candidates(code: str) -> tuple[Issuer, ...]:
    """Bodies using an issuer code; ``QH15`` looks up ``QH`` (the legislature's term dropped)."""
    key = code_key(code)
    found = _issuers_by_code().get(key)
    if found is None:
        found = _issuers_by_code().get(key.rstrip("0123456789"), ())
    return found


def issuer_by_code(code: str, *, doc_type: str | None = None) -> Issuer | None:
    """The body behind an issuer code, disambiguated by document type for shared codes (TW)."""
    candidates = issuer_candidates(code)
    if not candidates:
        return None
    if doc_type:
        for c in candidates:
            if doc_type in c.types:
                return c
    for c in candidates:
        if not c.types:
            return c
    return candidates[0]


def is_type_code(code: str) -> bool:
    return code_key(code) in _types_by_code()


def is_issuer_code(code: str) -> bool:
    return bool(issuer_candidates(code))


@lru_cache(maxsize=1)
def type_phrase_pattern() -> re.Pattern[str]:
    """Folded phrases naming a document type, longest first, as one alternation."""
    phrases = sorted({p for d in doc_types() for p in d.phrases}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b")


def type_by_phrase(phrase: str) -> DocType | None:
    """The document type a folded phrase names (``quyet dinh`` -> quyet_dinh)."""
    phrase = phrase.strip()
    best: DocType | None = None
    best_len = 0
    for d in doc_types():
        for p in d.phrases:
            if (phrase == p or phrase.startswith(p + " ")) and len(p) > best_len:
                best, best_len = d, len(p)
    return best


@lru_cache(maxsize=1)
def issuer_phrase_table() -> tuple[tuple[str, Issuer], ...]:
    """(folded phrase, body) pairs, longest phrase first, for stated issuers."""
    pairs = [(p, i) for i in issuers() for p in i.phrases]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))
