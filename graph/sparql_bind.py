"""Bind query parameters as RDF terms in a VALUES block (a parameterised query).

Oxigraph's native ``substitutions`` only accept variables that the SELECT projects, but a
named query's parameter (the target whose implementing tasks we list) is usually not a
result column; remote SPARQL endpoints have no binding API at all. So, like Jena's
ParameterizedSparqlString, we bind by placing ``VALUES (?p ...) { (term ...) }`` at the
start of the query's outermost WHERE group, with each term serialised by rdflib (IRIs
validated, literals escaped). A value can therefore only ever be one RDF term: it cannot
change the query's structure. rdflib's in-memory store uses ``initBindings`` instead,
which has the same semantics (bindings joined before anything else is evaluated).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from cchc_kg.graph.errors import QueryError

_BAD_IRI_CHARS = re.compile(r'[\s<>"{}|\\^`]')
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def term_n3(term: Identifier) -> str:
    """Serialise one term safely, refusing what could not be a single RDF term."""
    if isinstance(term, URIRef):
        if not str(term) or _BAD_IRI_CHARS.search(str(term)):
            raise QueryError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    if isinstance(term, BNode):
        raise QueryError("blank nodes cannot be bound as query parameters")
    raise QueryError(f"cannot bind {term!r}")


def _where_brace(sparql: str) -> int:
    """Index of the '{' opening the outermost WHERE group, skipping IRIs, strings, comments."""
    i, n = 0, len(sparql)
    seen_where = False
    last_word_end = 0
    while i < n:
        ch = sparql[i]
        if ch == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if ch == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", sparql[i:]):
            i = sparql.index(">", i) + 1
            continue
        if ch in "\"'":
            quote = sparql[i : i + 3] if sparql[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch.isalpha():
            m = re.match(r"[A-Za-z_]+", sparql[i:])
            assert m
            if m.group(0).upper() == "WHERE":
                seen_where = True
            i += len(m.group(0))
            last_word_end = i
            continue
        if ch == "{":
            # `SELECT ... {` without the optional WHERE keyword is legal too.
            if seen_where or re.search(r"(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", sparql[:i], re.I):
                return i
        i += 1
    del last_word_end
    raise QueryError("cannot find the query's WHERE clause to bind parameters")


def bind_values(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """Return the query with ``bindings`` joined at the start of its WHERE group."""
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _VAR.match(name):
            raise QueryError(f"invalid parameter name {name!r}")
    values = " ".join(term_n3(bindings[name]) for name in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }} "
    pos = _where_brace(sparql)
    return sparql[: pos + 1] + block + sparql[pos + 1 :]
