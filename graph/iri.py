"""The one place IRIs are minted (see docs/decisions/0002-iri-policy.md).

Data IRIs live under ``https://w3id.org/cchc-kg/id/``. Slugs are accent-folded, lower-case,
hyphen-separated ASCII so an IRI never depends on how OCR spelt the diacritics.

Identity of a cited document: number + issuer scope + year. National issuer codes
(CP, TTg, QH, TW, ministries) are unique nationally; local codes (UBND, HĐND, TU, SNV ...)
repeat in every province and commune, so their key includes the issuing administrative
unit when known. The year comes from the number (``59/2019/NĐ-CP``) or the stated date;
when neither is known the key has no year and the link stage may resolve it.
"""

from __future__ import annotations

import hashlib
import re

from cchc_kg.graph.ingest.normalise import fold
from rdflib import URIRef

BASE = "https://w3id.org/cchc-kg/id/"

# Issuer codes whose numbering is unique across the country (not repeated per locality).
NATIONAL_ISSUER_CODES = frozenset(
    {
        "cp", "ttg", "qh", "ubtvqh", "tw", "bct", "bnv", "btc", "bca", "bqp", "btp", "bkhdt",
        "bkhcn", "btttt", "byt", "bgddt", "bxd", "btnmt", "bnnptnt", "bldtbxh", "bvhttdl",
        "bgtvt", "nhnn", "vpcp", "ttcp", "kttw", "tandtc", "vksndtc", "ctn",
    }
)


def slug(text: str) -> str:
    """ASCII slug of any text: accent-folded, lower case, words joined by hyphens."""
    folded = fold(text)
    folded = folded.replace("&", "-and-")
    return re.sub(r"[^a-z0-9.]+", "-", folded).strip("-.") or "x"


def _iri(*parts: str) -> URIRef:
    return URIRef(BASE + "/".join(parts))


def number_issuer_code(number: str) -> str | None:
    """The issuer code of a normalised number: 76/NQ-CP -> CP; 01-CTr/TU -> TU; 4625/BNV-CCHC -> BNV."""
    tail = number.rsplit("/", 1)[-1]
    if "-" in number.split("/", 1)[0]:  # party style 01-CTr/TU: issuer after the slash
        return tail.split("-")[0]
    parts = tail.split("-")
    return parts[1] if len(parts) > 1 else parts[0]


def is_national_number(number: str) -> bool:
    code = number_issuer_code(number) or ""
    first = number.rsplit("/", 1)[-1].split("-")[0]
    # A legislature's term may follow its code: 226/2025/QH15 is a resolution of Quốc hội.
    return any(re.sub(r"\d+$", "", fold(c)) in NATIONAL_ISSUER_CODES for c in (code, first))


def place(name: str, *, province: str | None = None) -> str:
    """Slug of an administrative unit as it appears in IRIs.

    Commune names repeat across provinces (a "Xã Tân Lập" in several of them), so a
    commune-level unit is qualified by its province when the document says it:
    ``xa-tan-lap--tinh-phu-tho``. The double hyphen never comes out of :func:`slug`, so the
    qualifier cannot be confused with a name; the place stays one path segment.
    """
    return f"{slug(name)}--{slug(province)}" if province else slug(name)


def document_key(number: str, *, year: int | None, scope: str | None, province: str | None = None) -> str:
    """Stable key of a numbered document; ``scope`` is the local issuing unit for local codes,
    ``province`` the province of a commune-level scope (see :func:`place`)."""
    parts = []
    if not is_national_number(number):
        parts.append(place(scope, province=province) if scope else "local")
    parts.append(slug(number.replace("/", "_")))
    parts.append(str(year) if year else "undated")
    return "/".join(parts)


def document(key: str) -> URIRef:
    return _iri("doc", key)


def draft_document(source: str) -> URIRef:
    """An ingested document whose own number is blank: keyed by its file until linked."""
    return _iri("doc", "unnumbered", slug(_stem(source)))


def law(name: str, year: int | None) -> URIRef:
    return _iri("law", slug(name) + (f"-{year}" if year else ""))


def citation(source: str, line: int, index: int) -> URIRef:
    return _iri("citation", slug(_stem(source)), f"{line}-{index}")


def target(source: str, line: int, index: int) -> URIRef:
    return _iri("target", slug(_stem(source)), f"{line}-{index}")


def task(source: str, line: int, index: int) -> URIRef:
    return _iri("task", slug(_stem(source)), f"{line}-{index}")


def annex(source: str, line: int, index: int) -> URIRef:
    """An annex present in, or an annex reference of, a document (by its line)."""
    return _iri("annex", slug(_stem(source)), f"{line}-{index}")


def admin_unit(name: str, *, province: str | None = None) -> URIRef:
    """An administrative unit; a commune-level one qualified by its province (:func:`place`)."""
    return _iri("admin-unit", place(name, province=province))


def organization(name: str, *, within: str | None = None, province: str | None = None) -> URIRef:
    """An issuing body or organisational unit; local units are scoped by their admin unit
    (``within``, a commune-level one qualified by ``province``)."""
    return _iri("org", *([place(within, province=province)] if within else []), slug(name))


def named_graph(source: str) -> URIRef:
    return _iri("graph", slug(_stem(source)))


def links_graph(source: str) -> URIRef:
    """Named graph of the derived cross-level links of one (lower-level) source document.

    Kept apart from the document's own graph so that re-linking replaces only the links and
    ingestion stays atomic per document.
    """
    return _iri("graph", "links", slug(_stem(source)))


def corpus_links_graph() -> URIRef:
    """Named graph of the links computed over the whole corpus rather than per document:
    undated citations resolved to the one dated document with their number, and cited
    documents with the same subject (graph/link/corpus.py). Slugs never contain "/", so it
    cannot clash with a document's links graph."""
    return _iri("graph", "corpus", "links")


def reference_graph(name: str) -> URIRef:
    """Named graph of a reference data file loaded into the store (ontology/reference/)."""
    return _iri("graph", "reference", slug(name))


def link(kind: str, source: str, lower: str, higher: str) -> URIRef:
    """A qualified link (PROV influence) from ``lower`` to ``higher``; stable across re-linking."""
    digest = hashlib.sha1(f"{lower} {higher}".encode()).hexdigest()[:16]
    return _iri("link", slug(kind), slug(_stem(source)), digest)


def link_run(stamp: str) -> URIRef:
    return _iri("run", "link", slug(stamp))


def document_scope(doc: str) -> str | None:
    """The local scope slug of a numbered document IRI minted by :func:`document`, else None.

    ``.../doc/thanh-pho-ha-noi/2595_qd-ubnd/2026`` -> ``thanh-pho-ha-noi``; national numbers
    (``.../doc/76_nq-cp/2021``) and unnumbered documents have no scope.
    """
    prefix = BASE + "doc/"
    if not doc.startswith(prefix):
        return None
    parts = doc[len(prefix):].split("/")
    if len(parts) == 3 and parts[0] not in ("local", "unnumbered"):
        return parts[0]
    return None


def source_file(source: str) -> URIRef:
    return _iri("source", slug(source))


def ingest_run(stamp: str) -> URIRef:
    return _iri("run", slug(stamp))


def _stem(source: str) -> str:
    return source.rsplit(".", 1)[0] if "." in source else source


VOCAB = "https://w3id.org/cchc-kg/vocab/"
SCHEMES = ("doc-type", "level", "area", "indicator")


def concept(scheme: str, notation: str) -> URIRef:
    """A SKOS concept of one of the project's schemes, by its notation (ontology/schemes/)."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown concept scheme {scheme!r}")
    return URIRef(f"{VOCAB}{scheme}/{notation}")


def concept_scheme(scheme: str) -> URIRef:
    return URIRef(f"{VOCAB}{scheme}")
