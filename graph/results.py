"""Serialise SELECT results in the W3C SPARQL 1.1 result formats (JSON, CSV, TSV, XML).

Shared by the CLI and the API so that both speak exactly the same formats. CSV follows
the W3C "SPARQL 1.1 Query Results CSV and TSV Formats": header row = variable names,
IRIs and literals as plain strings, unbound = empty cell.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from cchc_kg.graph.store.base import SelectResult
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier


def plain(term: Identifier | None) -> str:
    """The term's lexical form as a CSV cell (unbound -> empty)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: SelectResult) -> str:
    bindings = [
        {var: _json_term(val) for var, val in zip(result.variables, row, strict=True) if val is not None}
        for row in result.rows
    ]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def boolean_json(value: bool) -> str:
    return json.dumps({"head": {}, "boolean": value})


def to_csv(result: SelectResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([plain(v) for v in row])
    return buf.getvalue()


def _tsv_term(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")


def to_tsv(result: SelectResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_tsv_term(v) for v in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def to_xml(result: SelectResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    out.append("</head><results>")
    for row in result.rows:
        out.append("<result>")
        for var, val in zip(result.variables, row, strict=True):
            if val is None:
                continue
            if isinstance(val, URIRef):
                inner = f"<uri>{escape(str(val))}</uri>"
            elif isinstance(val, BNode):
                inner = f"<bnode>{escape(str(val))}</bnode>"
            else:
                attrs = ""
                if val.language:
                    attrs = f" xml:lang={quoteattr(val.language)}"
                elif val.datatype:
                    attrs = f" datatype={quoteattr(str(val.datatype))}"
                inner = f"<literal{attrs}>{escape(str(val))}</literal>"
            out.append(f"<binding name={quoteattr(var)}>{inner}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out)
