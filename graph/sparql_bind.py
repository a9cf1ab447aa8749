"""Bind query parameters as RDF terms (a parameterised query).

Oxigraph's native ``substitutions`` only accept variables that the SELECT projects, but a
named query's parameter (the target whose implementing tasks we list) is usually not a
result column; remote SPARQL endpoints have no binding API at all. So, like Jena's
ParameterizedSparqlString, we bind in the query text, but only ever as serialised RDF
terms (IRIs validated, literals escaped by rdflib), so a value cannot change the query's
structure:

1. every occurrence of the variable as a token inside the WHERE group (not in strings,
   IRIs or comments) is replaced by the term, so the engine sees a constant and can start
   from it (a VALUES join alone made Oxigraph evaluate a 6-hop trace for every node first);
2. ``VALUES (?p ...) { (term ...) }`` is placed at the start of the outermost WHERE group,
   so the variable stays bound for the projection and for any place step 1 skipped.

Where a variable is used where a constant is not allowed (``GROUP BY ?p``, ``AS ?p``) the
substituted text does not parse; stores then retry with ``substitute=False`` (VALUES
only) — parsing it here first with rdflib would cost more than the query. rdflib's
in-memory store uses ``initBindings`` instead, with the same semantics.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cchc_kg.graph.errors import QueryError
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

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


def _skip_atom(sparql: str, i: int) -> int | None:
    """If an IRI, string or comment starts at ``i``, the index just after it; else None."""
    n = len(sparql)
    ch = sparql[i]
    if ch == "#":
        j = sparql.find("\n", i)
        return n if j < 0 else j + 1
    if ch == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", sparql[i:]):
        return sparql.index(">", i) + 1
    if ch in "\"'":
        quote = sparql[i : i + 3] if sparql[i : i + 3] in ('"""', "'''") else ch
        j = i + len(quote)
        while j < n and not sparql.startswith(quote, j):
            j += 2 if sparql[j] == "\\" else 1
        return j + len(quote)
    return None


def _where_brace(sparql: str) -> tuple[int, bool]:
    """Index of the '{' opening the outermost WHERE group, skipping IRIs, strings, comments
    and a CONSTRUCT template (``CONSTRUCT { template } WHERE { pattern }``), and whether a
    VALUES block may go there (not in the short form ``CONSTRUCT WHERE { ... }``, whose
    pattern is also its template)."""
    i, n = 0, len(sparql)
    seen_where = False
    form = ""
    while i < n:
        skipped = _skip_atom(sparql, i)
        if skipped is not None:
            i = skipped
            continue
        ch = sparql[i]
        if ch.isalpha():
            m = re.match(r"[A-Za-z_]+", sparql[i:])
            assert m
            word = m.group(0).upper()
            if word == "WHERE":
                seen_where = True
            elif word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE") and not form:
                form = word
            i += len(m.group(0))
            continue
        if ch == "{" and (seen_where or form):
            if form == "CONSTRUCT" and not seen_where:
                # A template comes first unless this is the short form CONSTRUCT WHERE {...}.
                i = _matching_brace(sparql, i) + 1
                form = "CONSTRUCT-TEMPLATE-SEEN"
                continue
            # `SELECT ... {` without the optional WHERE keyword is legal too.
            return i, form != "CONSTRUCT"
        i += 1
    raise QueryError("cannot find the query's WHERE clause to bind parameters")


def _matching_brace(sparql: str, i: int) -> int:
    depth = 0
    while i < len(sparql):
        skipped = _skip_atom(sparql, i)
        if skipped is not None:
            i = skipped
            continue
        if sparql[i] == "{":
            depth += 1
        elif sparql[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise QueryError("unbalanced braces in the query")


def _substitute_tokens(body: str, terms: Mapping[str, str]) -> str:
    """Replace ``?name``/``$name`` tokens by terms, skipping strings, IRIs and comments."""
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch == "#":
            j = body.find("\n", i)
            j = n if j < 0 else j + 1
            out.append(body[i:j])
            i = j
            continue
        if ch == "<":
            m = re.match(r"<[^\s<>\"{}|^`\\]*>", body[i:])
            if m:
                out.append(m.group(0))
                i += len(m.group(0))
                continue
        if ch in "\"'":
            quote = body[i : i + 3] if body[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not body.startswith(quote, j):
                j += 2 if body[j] == "\\" else 1
            j += len(quote)
            out.append(body[i:j])
            i = j
            continue
        if ch in "?$":
            m = re.match(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", body[i:])
            if m and m.group(1) in terms:
                out.append(terms[m.group(1)])
                i += len(m.group(0))
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def bind_values(
    sparql: str, bindings: Mapping[str, Identifier] | None, *, substitute: bool = True
) -> str:
    """Return the query with ``bindings`` bound as constants (see the module docstring)."""
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not _VAR.match(name):
            raise QueryError(f"invalid parameter name {name!r}")
    terms = {name: term_n3(bindings[name]) for name in names}
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms.values())}) }} "
    pos, values_allowed = _where_brace(sparql)
    head, body = sparql[: pos + 1], sparql[pos + 1 :]
    if not values_allowed:
        return head + _substitute_tokens(body, terms)
    if substitute:
        body = _substitute_tokens(body, terms)
    return head + block + body
