"""Named SPARQL queries: load from queries/ by name, describe, bind parameters safely.

Each ``.rq`` file starts with a comment header::

    # title: Văn bản đã nạp / Ingested documents
    # summary-vi: ...
    # summary-en: ...
    # param: target iri  IRI of a higher-level target
    # columns: doc, source, number, ...

A parameter may bind a differently named variable (``# param: node=?focus iri ...``) when the
query's result has a column of the parameter's own name (``trace`` takes ``node`` and returns
the nodes it reaches in a ``node`` column): a bound variable cannot also be projected with
other values.

Parameters are SPARQL variables bound by the store (``substitutions`` in Oxigraph,
``initBindings`` in rdflib) and never formatted into the query text. A ``param`` whose type
is ``iri`` becomes a NamedNode; ``string``/``int`` become literals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cchc_kg.graph.errors import QueryError
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from cchc_kg.resources import data_dir

_HEADER = re.compile(r"^#\s*([a-z-]+):\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str  # iri | string | int
    description: str = ""
    variable: str = ""  # the SPARQL variable it binds, when not the parameter's name


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    summary_vi: str = ""
    summary_en: str = ""
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = ()
    category: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def bind(self, values: dict[str, str]) -> dict[str, Identifier]:
        """Turn textual parameter values into RDF terms, refusing unknown or missing ones."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(sorted(unknown))}; "
                f"it takes: {', '.join(known) or 'none'}"
            )
        missing = [p for p in known if p not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs parameter(s): {', '.join(missing)}")
        return {
            known[name].variable or name: to_term(value, known[name].type, name=name)
            for name, value in values.items()
        }


def to_term(value: str, kind: str, *, name: str) -> Identifier:
    if kind == "iri":
        value = value.strip().strip("<>")
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
            raise QueryError(f"parameter {name!r} must be an absolute IRI, got {value!r}")
        return URIRef(value)
    if kind == "int":
        try:
            return Literal(int(value), datatype=XSD.integer)
        except ValueError as exc:
            raise QueryError(f"parameter {name!r} must be an integer, got {value!r}") from exc
    return Literal(value)


def parse_query_file(path: Path, *, root: Path | None = None) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            parts = value.split(None, 2)
            if len(parts) < 2:
                raise QueryError(f"{path}: malformed param line {line!r}")
            name, _, variable = parts[0].partition("=")
            params.append(Param(name, parts[1], parts[2] if len(parts) > 2 else "", variable.lstrip("?")))
        else:
            meta[key] = value
    columns = tuple(c.strip() for c in meta.pop("columns", "").split(",") if c.strip())
    category = path.parent.name if root is None or path.parent != root else ""
    return NamedQuery(
        name=path.stem,
        path=path,
        text=text,
        title=meta.pop("title", ""),
        summary_vi=meta.pop("summary-vi", ""),
        summary_en=meta.pop("summary-en", ""),
        params=tuple(params),
        columns=columns,
        category=category,
        extra=meta,
    )


def catalogue() -> dict[str, NamedQuery]:
    """Every named query in queries/, by name (names are unique across sub-folders)."""
    root = data_dir("queries")
    found: dict[str, NamedQuery] = {}
    for path in sorted(root.rglob("*.rq")):
        q = parse_query_file(path, root=root)
        if q.name in found:
            raise QueryError(f"duplicate query name {q.name!r}: {found[q.name].path} and {path}")
        found[q.name] = q
    return found


def load(name_or_path: str) -> NamedQuery:
    """A named query by name, or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if name_or_path.endswith(".rq") and path.is_file():
        return parse_query_file(path)
    queries = catalogue()
    if name_or_path not in queries:
        raise QueryError(
            f"unknown query {name_or_path!r}; known: {', '.join(sorted(queries))} (or give a path to a .rq file)"
        )
    return queries[name_or_path]
