"""Dependency direction (architecture.md), checked statically on the source tree.

import-linter cannot follow the build-time mapping of graph/ -> cchc_kg.graph (its graph
builder walks the ``cchc_kg`` folder on disk), so the contracts are checked here with ast:
ingestion is pure (no store, RDF, API); the API never runs ingestion; stores know nothing
of ingestion, the API or the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import REPO

CONTRACTS = [
    ("graph/ingest", ("cchc_kg.graph.store", "cchc_kg.graph.rdf", "cchc_kg.api", "cchc_kg.graph.cli", "cchc_kg.graph.loader")),
    ("api", ("cchc_kg.graph.ingest", "cchc_kg.graph.loader")),
    ("graph/store", ("cchc_kg.graph.ingest", "cchc_kg.api", "cchc_kg.graph.cli", "cchc_kg.graph.loader")),
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(("folder", "forbidden"), CONTRACTS)
def test_dependency_direction(folder: str, forbidden: tuple[str, ...]) -> None:
    violations = []
    for path in sorted((REPO / folder).rglob("*.py")):
        for module in imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                violations.append(f"{path.relative_to(REPO)} imports {module}")
    assert not violations, "\n".join(violations)
