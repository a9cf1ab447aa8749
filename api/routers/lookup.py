"""Lookup API: JSON (with a JSON-LD context) for citations, documents, traces, targets and
the checks and validation reports. Plain ``def`` handlers: FastAPI runs them in its thread
pool, where they wait on the query process without blocking the event loop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from cchc_kg.api import lookup
from cchc_kg.api.dependencies import get_service
from cchc_kg.api.errors import ERROR_SCHEMA
from cchc_kg.api.service import QueryService
from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

router = APIRouter(prefix="/api", tags=["lookup"])
Service = Annotated[QueryService, Depends(get_service)]
ERRORS: dict[int | str, dict[str, Any]] = {400: ERROR_SCHEMA, 404: ERROR_SCHEMA, 501: ERROR_SCHEMA, 503: ERROR_SCHEMA}
CONTEXT_FILE = Path(__file__).resolve().parent.parent / "static" / "context.jsonld"
IRI_PATTERN = r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$"
IriQ = Query(min_length=3, max_length=2000, pattern=IRI_PATTERN, description="Absolute IRI of the resource")


@router.get("/context.jsonld", summary="JSON-LD context of the lookup API", response_class=JSONResponse,
            responses={200: {"description": "JSON-LD context", "content": {"application/ld+json": {}}}})
def context() -> JSONResponse:
    data = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    return JSONResponse(data, media_type="application/ld+json")


@router.get("/resolve", summary="Resolve a citation as typed (OCR-tolerant, diacritics optional)", responses=ERRORS)
def resolve(
    service: Service,
    q: Annotated[str, Query(min_length=1, max_length=500, description="e.g. 'qd 282 ttg', 'Nghi quyet 76'")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    return lookup.resolve_citation(service, q, limit=limit)


@router.get("/documents", summary="Ingested documents (named query 'documents')", responses=ERRORS)
def documents(service: Service) -> dict[str, Any]:
    return lookup.documents(service)


@router.get("/document", summary="A document: metadata, what it cites, what cites it, what rests on it",
            responses=ERRORS)
def document(service: Service, iri: Annotated[str, IriQ]) -> dict[str, Any]:
    return lookup.document(service, iri)


@router.get("/trace", summary="Trace a task, target or plan up to the national acts (named query 'trace')",
            responses=ERRORS)
def trace(service: Service, node: Annotated[str, IriQ]) -> dict[str, Any]:
    return lookup.trace(service, node)


@router.get("/target", summary="A target with its implementing tasks and aligned targets", responses=ERRORS)
def target(service: Service, iri: Annotated[str, IriQ]) -> dict[str, Any]:
    return lookup.target(service, iri)


@router.get("/implementing-tasks", summary="Lower-level tasks implementing a target (named query)",
            responses=ERRORS)
def implementing_tasks(service: Service, target: Annotated[str, IriQ]) -> dict[str, Any]:
    return {"@context": lookup.CONTEXT, "@id": target,
            "implementingTasks": lookup.linked(service, "implementing-tasks", target)}


@router.get("/aligned-targets", summary="Targets aligned with a target across levels (named query)",
            responses=ERRORS)
def aligned_targets(service: Service, target: Annotated[str, IriQ]) -> dict[str, Any]:
    return {"@context": lookup.CONTEXT, "@id": target,
            "alignedTargets": lookup.linked(service, "aligned-targets", target)}


@router.get("/checks", summary="Cross-level consistency report (queries/checks)", responses=ERRORS)
def checks(service: Service) -> dict[str, Any]:
    return lookup.checks_report(service)


@router.get("/validation", summary="SHACL validation report (shapes/)", responses=ERRORS)
def validation(service: Service) -> dict[str, Any]:
    return lookup.validation_report(service)
