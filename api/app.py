"""The application factory: ``create_app(settings)`` wires settings, the query service,
error handlers, routers, templates and static assets. Nothing happens at import time; the
query process starts with the app (lifespan) and stops with it.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from cchc_kg.api import errors
from cchc_kg.api.labels import label as concept_label
from cchc_kg.api.routers import lookup, pages, resources, sparql
from cchc_kg.api.service import QueryService
from cchc_kg.api.settings import Settings
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).resolve().parent

DESCRIPTION = """Tra cứu và truy vết pháp lý cho kế hoạch cải cách hành chính (CCHC) /
lookup and legal traceability for Vietnamese public-administration-reform plans.

* **Lookup API** (`/api/...`): resolve a citation as typed, a document with what it cites,
  what cites it and what rests on it, traces up to the national act, a target's
  implementing tasks and aligned targets, the consistency and validation reports. JSON with
  a JSON-LD context (`/api/context.jsonld`).
* **SPARQL 1.1 endpoint** (`/sparql`): read-only, results in SPARQL JSON/XML/CSV/TSV or
  Turtle/N-Triples/JSON-LD/RDF-XML by content negotiation; each query has a deadline and a
  row limit. Named queries at `/queries/{name}`.
* **Resource IRIs** (`/id/...`) dereference with content negotiation.

Errors are JSON `{"error": {"code", "message", "status"}}` with stable codes.
"""


_SHORT = {
    "https://w3id.org/cchc-kg/ontology#": "cchc:", "http://data.europa.eu/eli/ontology#": "eli:",
    "http://www.w3.org/2004/02/skos/core#": "skos:", "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/prov#": "prov:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
}


def _templates(settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    def local(iri: object) -> str:
        """The path where a resource IRI dereferences on this server."""
        text = str(iri)
        if text.startswith(settings.base_iri):
            return "/id/" + text[len(settings.base_iri):]
        return "/resource?iri=" + quote(text, safe="")

    def short(iri: object) -> str:
        text = str(iri)
        for ns, prefix in _SHORT.items():
            if text.startswith(ns):
                return prefix + text[len(ns):]
        return text

    templates.env.filters["q"] = lambda value: quote(str(value), safe="")
    templates.env.globals["concept"] = concept_label
    templates.env.filters["local"] = local
    templates.env.filters["short"] = short
    return templates


def _warm(service: QueryService) -> None:
    from cchc_kg.api import lookup

    try:
        lookup.doc_index(service)
    except Exception:  # noqa: BLE001, S110 - warm-up is best effort; requests report real errors
        pass


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = QueryService(settings)
        service.start()
        app.state.service = service
        # Build the resolver's document index in the background (13 s on 1.34 M quads): the
        # first search then answers at once. A failure here only means it is built on demand.
        threading.Thread(target=_warm, args=(service,), daemon=True, name="cchc-kg-warm").start()
        try:
            yield
        finally:
            app.state.service = None
            service.close()

    app = FastAPI(
        title="cchc-kg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
        responses={status: errors.ERROR_SCHEMA for status in (400, 404, 406, 422, 501, 503)},
        openapi_tags=[
            {"name": "lookup", "description": "Tra cứu / lookup API (JSON, JSON-LD context)"},
            {"name": "sparql", "description": "SPARQL 1.1 Protocol endpoint and named queries"},
            {"name": "resources", "description": "Dereferenceable resource IRIs"},
        ],
    )
    app.state.settings = settings
    app.state.service = None
    app.state.templates = _templates(settings)
    errors.install(app)
    app.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["*"],
    )
    app.include_router(lookup.router)
    app.include_router(sparql.router)
    app.include_router(resources.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app
