"""Fast N-Triples / N-Quads text for rdflib terms, the exchange format between back ends.

Why not ``Graph.serialize(format="nt")`` or ``term.n3()``: the first costs ~17 µs a triple
(a third of a plan's load time on Oxigraph), the second writes Turtle long strings for
multi-line literals, which N-Triples forbids. This module writes canonical N-Triples
(W3C RDF 1.1 N-Triples, section 2.4: ECHAR escapes in literals; an IRI with a character
IRIREF forbids is refused, never silently repaired) with a small cache for the IRIs that repeat in
every plan (predicates, classes, concepts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# Characters IRIREF excludes (N-Triples grammar [8]): controls, space, <>"{}|^`\
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@lru_cache(maxsize=65536)
def iri(value: str) -> str:
    """``<value>``; refuses (ValueError) what is not an absolute IRI instead of repairing it."""
    if not _IRI_SCHEME.match(value) or _IRI_FORBIDDEN.search(value):
        raise ValueError(f"not a valid absolute IRI: {value!r}")
    return f"<{value}>"


def literal(value: str, *, language: str | None = None, datatype: str | None = None) -> str:
    text = '"' + value.translate(_LITERAL_ESCAPES) + '"'
    if language:
        return f"{text}@{language}"
    if datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
        return f"{text}^^{iri(datatype)}"
    return text


def bnode(value: str) -> str:
    """``_:label`` with characters a BLANK_NODE_LABEL cannot hold replaced (labels are local)."""
    safe = "".join(ch if ch.isalnum() or ch in "_-" else f"x{ord(ch):x}" for ch in value)
    return f"_:b{safe}"


def term(t: Identifier) -> str:
    """One rdflib term as N-Triples text."""
    if isinstance(t, URIRef):
        return iri(str(t))
    if isinstance(t, Literal):
        return literal(str(t), language=t.language, datatype=str(t.datatype) if t.datatype else None)
    if isinstance(t, BNode):
        return bnode(str(t))
    raise TypeError(f"cannot write {t!r} as N-Triples: not an IRI, literal or blank node")


def triples(data: Iterable[tuple[Identifier, Identifier, Identifier]]) -> str:
    """N-Triples document (one triple a line) for any iterable of triples, e.g. an rdflib Graph.

    Terms are memoised for the call: a plan repeats its subjects, predicates, classes and
    source-file literals many times, so most terms are written once.
    """
    memo: dict[Identifier, str] = {}
    get = memo.get
    out: list[str] = []
    append = out.append
    for s, p, o in data:
        ts = get(s)
        if ts is None:
            ts = memo[s] = term(s)
        tp = get(p)
        if tp is None:
            tp = memo[p] = term(p)
        to = get(o)
        if to is None:
            to = memo[o] = term(o)
        append(f"{ts} {tp} {to} .\n")
    return "".join(out)


def count_lines(text: str) -> int:
    """Number of triples in N-Triples text written by :func:`triples` (one a line)."""
    return text.count("\n")
