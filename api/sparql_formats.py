"""Content negotiation and serialisation of SPARQL results (run inside the query child).

Formats (SPARQL 1.1 Protocol and result formats): SELECT/ASK as SPARQL JSON, XML, CSV and
TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD and RDF/XML. The child serialises
straight from pyoxigraph terms (no rdflib objects: 10^5 rows would cost seconds), and stops
reading solutions one past ``max_rows`` so a huge result is refused before it is built.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
# Generic types some clients send, by result kind.
ALIASES = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/plain": ("text/tab-separated-values", "application/n-triples"),
    "application/x-turtle": (None, "text/turtle"),
    "application/turtle": (None, "text/turtle"),
    "text/n3": (None, "text/turtle"),  # Turtle is N3's RDF subset
    "text/rdf+n3": (None, "text/turtle"),
    "application/n3": (None, "text/turtle"),
    "application/rdf+n3": (None, "text/turtle"),
    "application/x-json+ld": (None, "application/ld+json"),
}
# ?format= short names (as Virtuoso, Fuseki and rdflib-endpoint accept them).
SHORT_NAMES = {
    "json": "application/json", "xml": "application/xml", "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
    "ntriples": "application/n-triples", "n-triples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "n3": "text/turtle",
}
PREFIXES = {
    "cchc": "https://w3id.org/cchc-kg/ontology#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class TooLarge(Exception):
    pass


class NotAcceptable(Exception):
    pass


def parse_accept(header: str | None, *, format_param: str | list[str] | None = None) -> list[str]:
    """Media ranges in preference order (q-values, then order); ``format`` values win.

    ``format`` may repeat and hold short names (json, csv, ttl) or media types, comma-separated
    (SPARQLWrapper sends ``format=json-ld&format=application/ld+json,application/x-json+ld``).
    """
    values = [format_param] if isinstance(format_param, str) else list(format_param or [])
    wanted = [v.strip().lower() for value in values for v in value.split(",") if v.strip()]
    if wanted:
        return [SHORT_NAMES.get(v, v) for v in wanted]
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, media))
    return [m for _, _, m in sorted(ranges)] or ["*/*"]


def choose(kind: str, accept: list[str]) -> str:
    """The first acceptable media type for a result ``kind`` (select/boolean or graph)."""
    table = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    for media in accept:
        if media in table:
            return media
        if media in ALIASES:
            alias = ALIASES[media][1 if kind == "graph" else 0]
            if alias:
                return alias
        if media in ("*/*", "application/*", "text/*"):
            if media == "text/*":
                return "text/turtle" if kind == "graph" else "text/csv"
            return next(iter(table))
    raise NotAcceptable(
        f"no acceptable format for a {'graph' if kind == 'graph' else 'result table'}; "
        f"offered: {', '.join(table)}"
    )


def evaluate(store: Any, sparql: str, *, accept: list[str], max_rows: int | None,
             base_iri: str | None = None, default_graphs: list[str] | None = None,
             named_graphs: list[str] | None = None) -> tuple[dict, bytes]:
    """Run the query on a pyoxigraph store and serialise the answer.

    Without a protocol dataset the default graph is the union of the named graphs; with
    ``default-graph-uri`` / ``named-graph-uri`` the request's dataset is used instead.
    """
    import pyoxigraph as ox

    dataset: dict[str, Any] = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(sparql, base_iri=base_iri, **dataset)
    except SyntaxError as exc:
        return {"ok": False, "status": 400, "code": "malformed_query", "message": f"malformed SPARQL query: {exc}"}, b""
    try:
        if isinstance(result, ox.QueryBoolean):
            media = choose("boolean", accept)
            return _ok("boolean", media, 1), _boolean(bool(result), SELECT_TYPES[media])
        if isinstance(result, ox.QuerySolutions):
            media = choose("select", accept)
            variables = [v.value for v in result.variables]
            rows = _take(result, max_rows, list)
            return _ok("select", media, len(rows)), _select(variables, rows, SELECT_TYPES[media])
        media = choose("graph", accept)
        triples = _take(result, max_rows, lambda t: t)
        fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}[GRAPH_TYPES[media]]
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        body = ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
        return _ok("graph", media, len(triples)), body
    except TooLarge:
        return {"ok": False, "status": 422, "code": "result_too_large",
                "message": f"the result has more than {max_rows} rows; add a LIMIT or page with OFFSET"}, b""
    except NotAcceptable as exc:
        return {"ok": False, "status": 406, "code": "not_acceptable", "message": str(exc)}, b""


def error_header(exc: Exception) -> dict:
    if isinstance(exc, SyntaxError):
        return {"ok": False, "status": 400, "code": "malformed_query", "message": str(exc)}
    if isinstance(exc, OSError):
        return {"ok": False, "status": 503, "code": "store_unavailable", "message": str(exc)}
    return {"ok": False, "status": 400, "code": "query_failed", "message": f"{type(exc).__name__}: {exc}"}


def _ok(kind: str, media: str, count: int) -> dict:
    charset = "; charset=utf-8" if media != "application/ld+json" else ""
    return {"ok": True, "kind": kind, "media_type": media + charset, "count": count}


def _take(items: Any, max_rows: int | None, convert: Any) -> list:
    out = []
    for item in items:
        if max_rows is not None and len(out) >= max_rows:
            raise TooLarge
        out.append(convert(item))
    return out


# ------------------------------------------------------------------ result formats


def _term_json(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _plain(term: Any) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def _select(variables: list[str], rows: list[list], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{v: _term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        w.writerows([_plain(t) for t in row] for row in rows)
        return buf.getvalue().encode()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for v, t in zip(variables, row):
            if t is not None:
                out.append(f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out).encode()


def _term_xml(term: Any) -> str:
    j = _term_json(term)
    if j["type"] == "uri":
        return f"<uri>{escape(j['value'])}</uri>"
    if j["type"] == "bnode":
        return f"<bnode>{escape(j['value'])}</bnode>"
    attrs = ""
    if "xml:lang" in j:
        attrs = f" xml:lang={quoteattr(j['xml:lang'])}"
    elif "datatype" in j:
        attrs = f" datatype={quoteattr(j['datatype'])}"
    return f"<literal{attrs}>{escape(j['value'])}</literal>"


def _boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>").encode()
    return ("_askResult\r\n" if fmt == "csv" else "?_askResult\n").encode() + (
        b"true" if value else b"false") + (b"\r\n" if fmt == "csv" else b"\n")
