"""SPARQL 1.1 Protocol endpoint (read-only) and the named queries at /queries/{name}.

Protocol (https://www.w3.org/TR/sparql11-protocol/): query via GET ``?query=``, POST
``application/x-www-form-urlencoded`` (``query=``) or POST ``application/sparql-query``
(direct body); ``default-graph-uri`` / ``named-graph-uri`` select the dataset (default: the
union of the named graphs). Updates (``update=`` or ``application/sparql-update``) are
refused with 403 ``updates_refused``. A GET without a query returns the service
description (Turtle, N-Triples or JSON-LD) or, for a browser, the query page.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from cchc_kg.api import sparql_formats
from cchc_kg.api.dependencies import get_service
from cchc_kg.api.errors import ERROR_SCHEMA, ApiError, NotFound
from cchc_kg.api.service import QueryService
from cchc_kg.graph import queries as named_queries
from cchc_kg.graph.errors import QueryError
from cchc_kg.graph.sparql_bind import bind_values
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

router = APIRouter(tags=["sparql"])
Service = Annotated[QueryService, Depends(get_service)]
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = "http://www.w3.org/ns/formats/"
MAX_QUERY = 100_000  # characters of query text
RESERVED = {"format", "output", "results", "lang"}  # result-format hints clients add

_RESULT_CONTENT = {
    media: {} for media in (*sparql_formats.SELECT_TYPES, *sparql_formats.GRAPH_TYPES)
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Query results (format by content negotiation)", "content": _RESULT_CONTENT},
    400: ERROR_SCHEMA, 403: ERROR_SCHEMA, 406: ERROR_SCHEMA, 415: ERROR_SCHEMA, 422: ERROR_SCHEMA,
    503: ERROR_SCHEMA, 507: ERROR_SCHEMA,
}
_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {"schema": {
                "type": "object", "required": ["query"],
                "properties": {"query": {"type": "string"},
                               "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                               "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}},
            "application/sparql-query": {"schema": {"type": "string"}},
        },
    }
}


def _answer(service: QueryService, request: Request, query: str, *, default_graphs: list[str],
            named_graphs: list[str], format_param: str | list[str] | None) -> Response:
    if not query.strip():
        raise ApiError(400, "bad_request", "the query is empty")
    if len(query) > MAX_QUERY:
        raise ApiError(400, "bad_request", f"the query is longer than {MAX_QUERY} characters")
    accept = sparql_formats.parse_accept(request.headers.get("accept"), format_param=format_param)
    answer = service.raw(query, accept=accept, default_graphs=default_graphs, named_graphs=named_graphs)
    return Response(answer.body, media_type=answer.media_type,
                    headers={"Vary": "Accept", "X-Result-Count": str(answer.count)})


@router.get("/sparql", summary="SPARQL 1.1 query (GET) or the service description", responses=RESPONSES)
def sparql_get(
    request: Request,
    service: Service,
    query: Annotated[str | None, Query(description="SPARQL 1.1 query")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    format: Annotated[str | None, Query(description="Result format short name (json, csv, ttl ...)")] = None,
) -> Response:
    if request.query_params.get("update") is not None:
        raise ApiError(403, "updates_refused", "this endpoint is read-only: SPARQL Update is not accepted")
    if query is None:
        if default_graph_uri or named_graph_uri:
            raise ApiError(400, "bad_request", "default-graph-uri and named-graph-uri need a query")
        accept = request.headers.get("accept", "")
        if "text/html" in accept and format is None:
            return RedirectResponse("/query", status_code=303)
        return service_description(request, accept, request.query_params.getlist("format"))
    return _answer(service, request, query, default_graphs=default_graph_uri or [],
                   named_graphs=named_graph_uri or [], format_param=request.query_params.getlist("format"))


@router.post("/sparql", summary="SPARQL 1.1 query (POST, urlencoded or direct)", responses=RESPONSES,
             openapi_extra=_POST_BODY)
async def sparql_post(request: Request, service: Service) -> Response:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    params = parse_qs(request.url.query, keep_blank_values=True)
    if ctype == "application/sparql-update":
        raise ApiError(403, "updates_refused", "this endpoint is read-only: SPARQL Update is not accepted")
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qs(_decode(body), keep_blank_values=True)
        if "update" in form:
            raise ApiError(403, "updates_refused", "this endpoint is read-only: SPARQL Update is not accepted")
        if "query" not in form:
            raise ApiError(400, "bad_request", "the form has no 'query' field")
        query = form["query"][0]
        params = {**params, **form}
    elif ctype == "application/sparql-query":
        query = _decode(body)
    else:
        raise ApiError(415, "unsupported_media_type",
                       "send application/x-www-form-urlencoded (query=...) or application/sparql-query")
    return await _run_in_thread(
        _answer, service, request, query, default_graphs=params.get("default-graph-uri", []),
        named_graphs=params.get("named-graph-uri", []), format_param=params.get("format", []),
    )


async def _run_in_thread(fn: Any, *args: Any, **kwargs: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args, **kwargs)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_request", "the request body is not UTF-8") from exc


def service_description(request: Request, accept: str, format_param: list[str]) -> Response:
    """SPARQL 1.1 Service Description of this endpoint, with the named queries as examples."""
    endpoint = URIRef(str(request.url_for("sparql_get")))
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    svc = BNode()
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, endpoint))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    g.add((svc, SD.feature, SD.BasicFederatedQuery))
    g.add((svc, DCTERMS.title, Literal("cchc-kg SPARQL endpoint (read-only)", lang="en")))
    g.add((svc, DCTERMS.title, Literal("Điểm truy vấn SPARQL cchc-kg (chỉ đọc)", lang="vi")))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((svc, SD.resultFormat, URIRef(FORMATS + name)))
    dataset = BNode()
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    quads = request.app.state.service.sandbox.quads if request.app.state.service else -1
    if quads >= 0:
        g.add((dataset, VOID.triples, Literal(quads, datatype=XSD.integer)))
    base = str(request.base_url).rstrip("/")
    for q in named_queries.catalogue().values():
        example = URIRef(f"{base}/queries/{q.name}")
        g.add((svc, RDFS.seeAlso, example))
        g.add((example, RDFS.label, Literal(q.title or q.name)))
        if q.summary_en:
            g.add((example, RDFS.comment, Literal(q.summary_en, lang="en")))
        if q.summary_vi:
            g.add((example, RDFS.comment, Literal(q.summary_vi, lang="vi")))
    ranges = sparql_formats.parse_accept(accept, format_param=format_param)
    try:
        media = sparql_formats.choose("graph", ranges)
    except sparql_formats.NotAcceptable as exc:
        raise ApiError(406, "not_acceptable", str(exc)) from exc
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml"}[media]
    return Response(g.serialize(format=fmt, encoding="utf-8"), media_type=media, headers={"Vary": "Accept"})


# ------------------------------------------------------------------ named queries


@router.get("/queries", summary="The named queries (catalogue)")
def list_queries() -> dict[str, Any]:
    items = []
    for q in named_queries.catalogue().values():
        items.append({
            "name": q.name, "category": q.category, "title": q.title, "summaryVi": q.summary_vi,
            "summaryEn": q.summary_en, "columns": list(q.columns),
            "params": [{"name": p.name, "type": p.type, "description": p.description} for p in q.params],
            "url": f"/queries/{q.name}", "text": q.text,
        })
    return {"queries": items}


@router.get("/queries/{name}", summary="Run a named query; its parameters are query parameters",
            responses=RESPONSES | {404: ERROR_SCHEMA})
def run_query(request: Request, service: Service, name: str,
              format: Annotated[str | None, Query(description="Result format short name")] = None) -> Response:
    catalogue = named_queries.catalogue()
    if name not in catalogue:
        raise NotFound(f"no named query {name!r}; see /queries")
    q = catalogue[name]
    values = {k: v for k, v in request.query_params.items() if k not in RESERVED}
    try:
        bindings = q.bind(values)
        text = bind_values(q.text, bindings)
    except QueryError as exc:
        raise ApiError(400, "bad_parameter", str(exc)) from exc
    accept = sparql_formats.parse_accept(request.headers.get("accept"),
                                         format_param=request.query_params.getlist("format"))
    try:
        answer = service.named_answer(text, accept=accept, parameterless=not bindings)
    except ApiError as exc:
        if not bindings or exc.code != "malformed_query":
            raise
        # A parameter used where a constant cannot stand (GROUP BY ?p): VALUES only.
        text = bind_values(q.text, bindings, substitute=False)
        answer = service.named_answer(text, accept=accept, parameterless=False)
    return Response(answer.body, media_type=answer.media_type,
                    headers={"Vary": "Accept", "X-Result-Count": str(answer.count)})
