"""Property-based run against the OpenAPI schema (schemathesis): generated requests to every
documented operation must never produce a server error, and status codes, content types
and bodies must match the schema. Bounded in examples so the suite stays fast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from cchc_kg.api.app import create_app
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from .conftest import Settings


@pytest.fixture(scope="module")
def api_schema(settings: Settings) -> Iterator[object]:
    app = create_app(settings)
    with TestClient(app):  # runs the lifespan: the query process is up for the calls below
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case: schemathesis.Case) -> None:
    # positive_data_acceptance is left out: JSON Schema cannot say which strings are valid SPARQL
    # or name a resource in the graph, so a schema-valid query may rightly get 400 or 404.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
