"""Dereferenceable resource IRIs, as legislation.gov.uk does: ``{base_iri}PATH`` resolves at
``/id/PATH`` (w3id.org redirects there) with content negotiation: browsers are sent (303
See Other) to the page for the resource, machines get Turtle, N-Triples, JSON-LD or RDF/XML
describing it. ``?format=ttl`` etc. overrides the Accept header.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from cchc_kg.api import lookup, sparql_formats
from cchc_kg.api.dependencies import get_service
from cchc_kg.api.errors import ERROR_SCHEMA, ApiError, NotFound
from cchc_kg.api.service import QueryService
from cchc_kg.graph.sparql_bind import term_n3
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import URIRef

router = APIRouter(tags=["resources"])
Service = Annotated[QueryService, Depends(get_service)]
PAGES = {"Document": "/doc?iri=", "Plan": "/doc?iri=", "Law": "/doc?iri=", "Target": "/target?iri=",
         "Task": "/trace?node="}


@router.get(
    "/id/{path:path}", summary="Dereference a resource IRI (HTML for browsers, RDF for machines)",
    responses={200: {"description": "RDF description", "content": {m: {} for m in sparql_formats.GRAPH_TYPES}},
               303: {"description": "See Other: the resource's page"}, 404: ERROR_SCHEMA, 406: ERROR_SCHEMA},
)
def dereference(request: Request, service: Service, path: str,
                format: Annotated[str | None, Query(description="ttl, nt, jsonld or rdfxml")] = None) -> Response:
    node = lookup.iri_param(service.settings.base_iri + path, name="path")
    accept = request.headers.get("accept", "")
    if format is None and "text/html" in accept:
        info = lookup.summaries(service, [str(node)]).get(str(node), {})
        page = PAGES.get(str(info.get("type", "")), "/resource?iri=")
        if not info.get("type") and not _exists(service, node):
            raise NotFound(f"no resource {node} in the graph")
        return RedirectResponse(page + quote(str(node), safe=""), status_code=303)
    ranges = sparql_formats.parse_accept(accept, format_param=format)
    # The node is one validated, serialised term (term_n3) in place of ?node, the only variable
    # of that name in resource.rq; bind_values would put its VALUES block in the CONSTRUCT
    # template, which does not parse.
    text = service.api_query("resource").replace("?node", term_n3(node))
    answer = service.raw(text, accept=ranges)
    if answer.count == 0:
        raise NotFound(f"no resource {node} in the graph")
    return Response(answer.body, media_type=answer.media_type,
                    headers={"Vary": "Accept", "Link": f'<{node}>; rel="canonical"'})


def _exists(service: QueryService, node: URIRef) -> bool:
    res = service.query("ASK { { ?node ?p ?o } UNION { ?s ?p ?node } }", bindings={"node": node})
    if not isinstance(res, bool):
        raise ApiError(500, "internal_error", "ASK did not return a boolean")
    return res
