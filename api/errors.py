"""Domain errors mapped to HTTP in one place, each with a stable machine-readable ``code``.

Clients (and the web pages) branch on ``code``, never on the wording, so codes only change
with a deprecation note. JSON errors look like ``{"error": {"code", "message", "status"}}``;
browsers asking for HTML get the same content as a page.

| code | status | when |
|---|---|---|
| bad_parameter | 400 | a parameter is missing or malformed |
| bad_request | 400 | the request body is empty, not UTF-8 or lacks the query |
| malformed_query | 400 | the SPARQL text does not parse |
| updates_refused | 403 | a SPARQL Update was sent to the read-only endpoint |
| not_found | 404 | no such resource, document, page or named query |
| not_acceptable | 406 | no representation matches the Accept header |
| result_too_large | 422 | more rows than the configured limit (add LIMIT) |
| not_available | 501 | a named query or report this installation does not have yet |
| query_timeout, server_busy, store_unavailable | 503 | the query was stopped / no slot / no store |
| query_out_of_memory | 507 | the query needed more memory than allowed |
"""

from __future__ import annotations

from cchc_kg.graph.errors import QueryError, StoreError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException


class ApiError(Exception):
    """An error with an HTTP status and a stable code (see the table above)."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


class NotFound(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(404, "not_found", message)


class NotAvailable(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(501, "not_available", message)


class BadParameter(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(400, "bad_parameter", message)


ERROR_SCHEMA = {
    "description": "Error with a stable code",
    "content": {"application/json": {"schema": {
        "type": "object",
        "properties": {"error": {"type": "object", "properties": {
            "code": {"type": "string"}, "message": {"type": "string"}, "status": {"type": "integer"}}}},
    }}},
}


def as_api_error(exc: Exception) -> ApiError:
    """The one mapping from library exceptions to HTTP."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, QueryError):
        return ApiError(400, "bad_parameter", str(exc))
    if isinstance(exc, StoreError):
        return ApiError(503, "store_unavailable", str(exc))
    if isinstance(exc, RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else e.get("msg", "invalid"))
        return ApiError(400, "bad_parameter", "; ".join(parts) or "invalid request")
    if isinstance(exc, StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 406: "not_acceptable"}.get(exc.status_code, "http_error")
        return ApiError(exc.status_code, code, str(exc.detail), headers=exc.headers)  # e.g. Allow on 405
    return ApiError(500, "internal_error", f"{type(exc).__name__}: {exc}")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route accepts at this path (Starlette names only the first route's)."""
    from starlette.routing import Match

    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE and getattr(route, "methods", None):
            methods |= set(route.methods)
    return sorted(methods)


def wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and not request.url.path.startswith(("/api/", "/sparql", "/queries/"))


def error_response(request: Request, err: ApiError) -> Response:
    if wants_html(request):
        templates = getattr(request.app.state, "templates", None)
        if templates is not None:
            from cchc_kg.api.i18n import page_context

            ctx = page_context(request)
            ctx.update(error=err, title=f"{err.status} {err.code}")
            return templates.TemplateResponse(request, "error.html", ctx, status_code=err.status,
                                              headers=err.headers or None)
        return HTMLResponse(f"<h1>{err.status} {err.code}</h1><p>{err.message}</p>", status_code=err.status)
    headers = dict(err.headers)
    if err.code == "server_busy":
        headers["Retry-After"] = "5"
    return JSONResponse(
        {"error": {"code": err.code, "message": err.message, "status": err.status}},
        status_code=err.status, headers=headers,
    )


def install(app: FastAPI) -> None:
    """Register the handlers: every failure leaves as a clear error, never a traceback."""

    async def handle(request: Request, exc: Exception) -> Response:
        err = as_api_error(exc)
        if err.status == 405:
            err.headers["Allow"] = ", ".join(allowed_methods(request))
        return error_response(request, err)

    for kind in (ApiError, QueryError, StoreError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, handle)
