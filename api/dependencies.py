"""FastAPI dependencies: the app's settings, its query service and the page language."""

from __future__ import annotations

from cchc_kg.api.errors import ApiError
from cchc_kg.api.service import QueryService
from cchc_kg.api.settings import Settings
from fastapi import Request


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_service(request: Request) -> QueryService:
    service = getattr(request.app.state, "service", None)
    if service is None:
        raise ApiError(503, "store_unavailable", "the server has no store open (it is starting or stopping)")
    return service
