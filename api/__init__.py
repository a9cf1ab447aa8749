"""FastAPI lookup API, read-only SPARQL endpoint and web pages (``cchc_kg.api``).

``create_app(settings)`` builds the application; importing this package stays cheap (the
query process imports ``cchc_kg.api.sandbox`` without FastAPI's routers and templates).
"""

from __future__ import annotations

from typing import Any


def create_app(settings: Any = None) -> Any:
    from cchc_kg.api.app import create_app as _create

    return _create(settings)


__all__ = ["create_app"]
