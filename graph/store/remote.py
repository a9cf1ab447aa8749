"""A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB ...) behind the Store interface.

Queries and updates go through SPARQLWrapper (SPARQL 1.1 Protocol). Replacing a document's
named graph is all or nothing: the N-Triples are checked locally, written to a private
staging graph (one Graph Store HTTP Protocol ``PUT`` when the server offers GSP, else
batches of ``INSERT DATA`` of ``batch_triples``), then swapped in by one ``MOVE`` update;
a small graph without GSP is one ``DROP SILENT GRAPH ; INSERT DATA`` request.

Network failures, 429 and 502-504 are retried with exponential backoff (every write is
idempotent); 4xx and 500 are not, except a 500 reporting a deadlock (Virtuoso's 40001).
Every failure surfaces as StoreError, or QueryError for a query the server rejects or
cannot evaluate, with the URL and the server's own message.

The store only lists and counts graphs under ``graph_prefix`` (this project's IRIs): a
shared server holds system and other graphs too. Parameters are bound by an inline VALUES
block (graph.sparql_bind). Two Virtuoso 7.2 quirks are undone on the way back so every
back end answers alike: xsd:boolean comes as 1/0, and CONCAT of a non-ASCII literal from
the query with a non-ASCII string from the data returns the data part as UTF-8 bytes read
as Latin-1 ("QÄ\x90" for "QĐ"), which is repaired run by run (a Vietnamese text never
holds such a run: its Latin-1 letters are all above U+00BF).
"""

from __future__ import annotations

import ast
import json
import re
import time
import warnings
import urllib.error
import uuid
from collections.abc import Callable, Mapping
from typing import IO, TypeVar

import httpx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from cchc_kg.graph.errors import QueryError, StoreError
from cchc_kg.graph.iri import BASE
from cchc_kg.graph.sparql_bind import bind_values
from cchc_kg.graph.store import ntriples
from cchc_kg.graph.store.base import EXPORT_FORMATS, QueryOutcome, SelectResult
from cchc_kg.graph.store.endpoints import Endpoints, from_location

T = TypeVar("T")

_BOOLEAN = str(XSD.boolean)


class _Retryable(Exception):
    """A failure worth trying again (network, 5xx, 429)."""


_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf]+")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1 in each run where that decodes (Virtuoso CONCAT bug)."""

    def fix(m: re.Match[str]) -> str:
        try:
            return m.group(0).encode("latin-1").decode("utf-8")
        except UnicodeError:
            return m.group(0)

    return _MOJIBAKE.sub(fix, text) if "\u00c2" <= max(text, default="\0") else text


def term_from_json(value: Mapping[str, str], *, virtuoso: bool = False) -> Identifier:
    """One binding of the SPARQL 1.1 JSON results format as an rdflib term."""
    kind = value.get("type")
    text = value.get("value", "")
    if virtuoso and kind != "uri":
        text = repair_mojibake(text)
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        dt = value.get("datatype")
        if lang:
            return Literal(text, lang=lang)
        if dt == _BOOLEAN and text in ("1", "0"):  # Virtuoso's spelling of true/false
            text = "true" if text == "1" else "false"
        if dt and dt != ntriples.XSD_STRING:
            return Literal(text, datatype=URIRef(dt))
        return Literal(text)
    raise StoreError(f"unexpected term in SPARQL results: {value!r}")


class RemoteStore:
    """A SPARQL 1.1 Query/Update (+ Graph Store Protocol) server holding one graph per document."""

    def __init__(
        self,
        location: str,
        *,
        endpoints: Endpoints | None = None,
        graph_prefix: str = BASE,
        batch_triples: int = 5000,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 120.0,
    ) -> None:
        self.endpoints = endpoints or from_location(location)
        self.graph_prefix = graph_prefix
        self.batch_triples = batch_triples
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        ep = self.endpoints
        auth: httpx.Auth | None = None
        if ep.user is not None:
            pw = ep.password or ""
            auth = httpx.DigestAuth(ep.user, pw) if ep.auth == "digest" else httpx.BasicAuth(ep.user, pw)
        self._http = httpx.Client(auth=auth, timeout=timeout)

    # -- plumbing ---------------------------------------------------------------------------

    def _wrapper(self, url: str) -> SPARQLWrapper:
        sw = SPARQLWrapper(url, agent="cchc-kg")
        sw.setMethod(POST)
        sw.setTimeout(int(self.timeout))
        ep = self.endpoints
        if ep.user is not None:
            sw.setHTTPAuth(DIGEST if ep.auth == "digest" else BASIC)
            sw.setCredentials(ep.user, ep.password or "")
        return sw

    def _retry(self, what: str, url: str, action: Callable[[], T]) -> T:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return action()
            except _Retryable as exc:
                if attempt == self.retries:
                    raise StoreError(f"{what} failed at {url} after {attempt + 1} attempts: {exc}") from exc
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _sparql(self, url: str, text: str, *, update: bool) -> tuple[bytes, str]:
        """One Query or Update request: the response body and its content type."""

        def once() -> tuple[bytes, str]:
            sw = self._wrapper(url)
            sw.setQuery(text)
            if update:
                sw.setRequestMethod(POSTDIRECTLY)
            elif sw.queryType in ("CONSTRUCT", "DESCRIBE"):
                sw.setReturnFormat(TURTLE)
            else:
                sw.setReturnFormat(JSON)
            try:
                response = sw.query().response
                return response.read(), response.headers.get("Content-Type", "")
            except QueryBadFormed as exc:
                raise QueryError(f"the SPARQL server at {url} rejected the {'update' if update else 'query'}: {_msg(exc)}") from exc
            except Unauthorized as exc:
                raise StoreError(f"{url} refused the credentials (HTTP 401); set CCHC_SPARQL_USER/CCHC_SPARQL_PASSWORD") from exc
            except EndPointNotFound as exc:
                raise StoreError(f"no SPARQL endpoint at {url} (HTTP 404)") from exc
            except EndPointInternalError as exc:
                message = _msg(exc)
                if "40001" in message or "deadlock" in message.lower():  # transient: retry
                    raise _Retryable(f"server error: {message}") from exc
                if update:
                    raise StoreError(f"the SPARQL server at {url} failed the update: {message}") from exc
                raise QueryError(f"the SPARQL server at {url} could not evaluate the query: {message}") from exc
            except urllib.error.HTTPError as exc:
                if exc.code in (429, 502, 503, 504) or exc.code >= 500:
                    raise _Retryable(f"HTTP {exc.code}") from exc
                raise StoreError(f"{url} answered HTTP {exc.code}: {exc.reason}") from exc
            except SPARQLWrapperException as exc:
                raise StoreError(f"{url}: {_msg(exc)}") from exc
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                raise _Retryable(f"cannot reach the server: {exc}") from exc

        return self._retry("SPARQL update" if update else "SPARQL query", url, once)

    def _update(self, text: str) -> None:
        self._sparql(self.endpoints.update, text, update=True)

    def _select(self, text: str) -> SelectResult | bool:
        raw, _ = self._sparql(self.endpoints.query, text, update=False)
        try:
            doc = json.loads(raw)
        except (ValueError, TypeError) as exc:
            raise StoreError(f"{self.endpoints.query} did not answer SPARQL JSON results: {exc}") from exc
        if "boolean" in doc:
            return bool(doc["boolean"])
        variables = list(doc.get("head", {}).get("vars", []))
        virtuoso = self.endpoints.server == "virtuoso"
        rows = [
            tuple(term_from_json(b[v], virtuoso=virtuoso) if v in b else None for v in variables)
            for b in doc.get("results", {}).get("bindings", [])
        ]
        return SelectResult(variables, rows)

    def _gsp(self, method: str, graph: URIRef, *, body: bytes | None = None) -> httpx.Response:
        url = self.endpoints.gsp
        assert url is not None

        def once() -> httpx.Response:
            try:
                r = self._http.request(
                    method, url, params={"graph": str(graph)}, content=body,
                    headers={"Content-Type": "application/n-triples; charset=utf-8",
                             "Accept": "application/n-triples, text/plain;q=0.9"},
                )
            except httpx.TransportError as exc:
                raise _Retryable(f"cannot reach the server: {exc}") from exc
            if r.status_code in (429,) or r.status_code >= 500:
                raise _Retryable(f"HTTP {r.status_code}: {r.text[:300]}")
            if r.status_code == 404 and method in ("GET", "DELETE"):
                return r
            if r.status_code >= 400:
                raise StoreError(f"Graph Store Protocol {method} at {url} answered HTTP {r.status_code}: {r.text[:300]}")
            return r

        return self._retry(f"Graph Store Protocol {method}", url, once)

    # -- the Store interface ----------------------------------------------------------------

    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        try:
            text = ntriples.triples(data)  # before touching the store: a bad term changes nothing
        except (TypeError, ValueError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}") from exc
        self.replace_graph_ntriples(graph, text)

    def replace_graph_ntriples(self, graph: URIRef, text: str) -> None:
        """Replace the named graph by N-Triples ``text``, all or nothing.

        The text is parsed locally first (Oxigraph's N-Triples parser), so a bad document
        never reaches the server. Then it is written to a private staging graph (one Graph
        Store PUT, or batches of INSERT DATA) and swapped in by one ``MOVE``: Virtuoso's own
        GSP PUT is not atomic (a body that fails half-way leaves the first half in place,
        see tests/store/test_contract.py), and neither is a sequence of batches.
        """
        _check_ntriples(graph, text)
        g = ntriples.iri(str(graph))
        lines = text.splitlines()
        if not self.endpoints.gsp and len(lines) <= self.batch_triples:
            self._update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{text}\n}} }}")
            return
        staging_name = URIRef(f"urn:cchc-kg:staging:{uuid.uuid4().hex}")
        staging = ntriples.iri(str(staging_name))
        try:
            if self.endpoints.gsp:
                self._gsp("PUT", staging_name, body=text.encode("utf-8"))
            else:
                for start in range(0, len(lines), self.batch_triples):
                    chunk = "\n".join(lines[start : start + self.batch_triples])
                    self._update(f"INSERT DATA {{ GRAPH {staging} {{\n{chunk}\n}} }}")
            self._update(f"MOVE SILENT GRAPH {staging} TO GRAPH {g}")
        except BaseException:
            try:
                self._update(f"DROP SILENT GRAPH {staging}")
            except (StoreError, QueryError):
                pass  # best effort: the real graph is untouched either way
            raise

    def remove_graph(self, graph: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH {ntriples.iri(str(graph))}")

    def _prefix_filter(self) -> str:
        return f"FILTER(STRSTARTS(STR(?g), {ntriples.literal(self.graph_prefix)}))"

    def graphs(self) -> list[URIRef]:
        res = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._prefix_filter()} }}")
        assert isinstance(res, SelectResult)
        return sorted(r[0] for r in res.rows if isinstance(r[0], URIRef))

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        try:
            return self._query_text(bind_values(sparql, bindings))
        except QueryError:
            if not bindings:
                raise
            # A parameter used where a constant cannot stand: bind it by VALUES only.
            return self._query_text(bind_values(sparql, bindings, substitute=False))

    def _query_text(self, text: str) -> QueryOutcome:
        form = _query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            raw, ctype = self._sparql(self.endpoints.query, text, update=False)
            g = Graph()
            try:
                g.parse(data=raw, format=_content_format(ctype))
            except Exception as exc:  # rdflib's parser errors
                raise StoreError(f"{self.endpoints.query} answered a graph that is not N-Triples: {exc}") from exc
            return g
        if form not in ("SELECT", "ASK"):
            raise QueryError(f"malformed SPARQL query: not a SELECT, ASK, CONSTRUCT or DESCRIBE query ({form})")
        return self._select(text)

    def graph_ntriples(self, graph: URIRef) -> str:
        """The named graph's triples as N-Triples (GSP GET, or a CONSTRUCT)."""
        if self.endpoints.gsp:
            r = self._gsp("GET", graph)
            if r.status_code == 404:
                return ""
            g = Graph()
            g.parse(data=r.text, format=_content_format(r.headers.get("content-type", "")))
            return ntriples.triples(g)
        g = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ntriples.iri(str(graph))} {{ ?s ?p ?o }} }}")
        assert isinstance(g, Graph)
        return ntriples.triples(g)

    def export(self, out: IO[bytes], *, fmt: str) -> None:
        """Export this project's graphs, one request per graph, through an in-memory Oxigraph."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        from cchc_kg.graph.store.oxigraph import OxigraphStore

        local = OxigraphStore(None)
        try:
            for g in self.graphs():
                local.replace_graph_ntriples(g, self.graph_ntriples(g))
            local.export(out, fmt=fmt)
        finally:
            local.close()

    def quad_count(self) -> int:
        res = self._select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._prefix_filter()} }}"
        )
        assert isinstance(res, SelectResult)
        return int(res.rows[0][0]) if res.rows and res.rows[0][0] is not None else 0

    def close(self) -> None:
        self._http.close()


def _check_ntriples(graph: URIRef, text: str) -> None:
    """Refuse text that is not N-Triples before anything is sent (StoreError with the line)."""
    import pyoxigraph as ox

    try:
        for _ in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as exc:
        raise StoreError(f"could not write graph {graph}: invalid N-Triples: {exc}") from exc


def _query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE (or UPDATE / None) as SPARQLWrapper reads the query."""
    sw = SPARQLWrapper("http://localhost/")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns on text it cannot classify; we report that
        sw.setQuery(text)
        return str(sw._parseQueryType(text)).upper() if text.strip() else "EMPTY"


def _msg(exc: Exception) -> str:
    """The server's own message from a SPARQLWrapper exception (it embeds the body as bytes)."""
    text = str(exc).strip()
    body = text.split("Response:\n", 1)[-1].strip()
    if body.startswith(("b'", 'b"')):
        try:
            body = ast.literal_eval(body).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    return body.strip()[:500] or type(exc).__name__


def _content_format(content_type: str) -> str:
    ct = content_type.split(";")[0].strip().lower()
    return {"text/turtle": "turtle", "application/x-turtle": "turtle", "text/rdf+n3": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld",
            "application/n-quads": "nquads"}.get(ct, "nt")
