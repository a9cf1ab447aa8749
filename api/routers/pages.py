"""Web pages for people, server-rendered (Jinja2), Vietnamese first with English available.

Each page is the HTML view of a lookup in api/lookup.py, so the pages and the JSON API can
never disagree. JavaScript only adds suggestions as you type and runs the SPARQL page; every
page works without it.
"""

from __future__ import annotations

from typing import Annotated, Any

from cchc_kg.api import lookup
from cchc_kg.api.dependencies import get_service
from cchc_kg.api.errors import ApiError
from cchc_kg.api.i18n import COOKIE, LANGS, page_context
from cchc_kg.api.service import QueryService
from cchc_kg.graph import queries as named_queries
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)
Service = Annotated[QueryService, Depends(get_service)]


def render(request: Request, template: str, **values: Any) -> Response:
    ctx = page_context(request)
    ctx.update(values)
    response = request.app.state.templates.TemplateResponse(request, template, ctx)
    asked = request.query_params.get("lang")
    if asked in LANGS:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, service: Service, q: Annotated[str, Query(max_length=500)] = "") -> Response:
    results = lookup.resolve_citation(service, q, limit=20)["results"] if q.strip() else None
    return render(request, "search.html", q=q, results=results)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, service: Service) -> Response:
    return render(request, "documents.html", docs=lookup.documents(service)["documents"])


@router.get("/doc", response_class=HTMLResponse)
def document_page(request: Request, service: Service, iri: Annotated[str, Query(max_length=2000)]) -> Response:
    return render(request, "document.html", doc=lookup.document(service, iri))


@router.get("/trace", response_class=HTMLResponse)
def trace_page(request: Request, service: Service, node: Annotated[str, Query(max_length=2000)]) -> Response:
    return render(request, "trace.html", trace=lookup.trace(service, node))


@router.get("/target", response_class=HTMLResponse)
def target_page(request: Request, service: Service, iri: Annotated[str, Query(max_length=2000)]) -> Response:
    data = lookup.target(service, iri)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in data.get("implementingTasks") or []:
        by_doc.setdefault(row.get("source", ""), []).append(row)
    return render(request, "target.html", target=data, tasks_by_doc=by_doc)


@router.get("/checks", response_class=HTMLResponse)
def checks_page(request: Request, service: Service) -> Response:
    reports: dict[str, Any] = {}
    problems: dict[str, ApiError] = {}
    for key, build in (("checks", lookup.checks_report), ("validation", lookup.validation_report)):
        try:
            reports[key] = build(service)
        except ApiError as exc:  # one report failing must not hide the other
            problems[key] = exc
    return render(request, "checks.html", reports=reports, problems=problems)


@router.get("/query", response_class=HTMLResponse)
def query_page(request: Request, name: Annotated[str, Query(max_length=200)] = "") -> Response:
    catalogue = named_queries.catalogue()
    examples = [
        {"name": q.name, "title": q.title, "category": q.category, "text": q.text,
         "params": [p.name for p in q.params]}
        for q in catalogue.values()
    ]
    initial = catalogue[name].text if name in catalogue else (
        "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
        "SELECT ?doc ?number WHERE { ?doc eli:id_local ?number } LIMIT 20")
    return render(request, "query.html", examples=examples, initial=initial)


@router.get("/resource", response_class=HTMLResponse)
def resource_page(request: Request, service: Service, iri: Annotated[str, Query(max_length=2000)]) -> Response:
    node = lookup.iri_param(iri, name="iri")
    res = service.select(
        "SELECT DISTINCT ?p ?o WHERE { ?node ?p ?o } ORDER BY ?p ?o LIMIT 2000", bindings={"node": node})
    props = lookup.rows(res)
    if not props:
        raise ApiError(404, "not_found", f"no resource {node} in the graph")
    return render(request, "resource.html", node=str(node), props=props)
