"""Back-end fixtures for the store suite: memory, on-disk Oxigraph and a real Virtuoso.

Every test that takes ``backend`` runs once per back end on an empty store. The Virtuoso
server is started once per session on loopback with its own temporary database
(tests/store/virtuoso_server.py) and stopped at the end; when ``virtuoso-t`` is not
installed those cases are skipped with the reason (CI installs it in .ci/run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.base import Store

from tests.store import virtuoso_server

BACKENDS = ["memory", "oxigraph", "virtuoso"]


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso_server.VirtuosoServer]:
    reason = virtuoso_server.available()
    if reason:
        pytest.skip(reason)
    server = virtuoso_server.VirtuosoServer.start(tmp_path_factory.mktemp("virtuoso") / "db")
    try:
        yield server
    finally:
        server.stop()


def virtuoso_location(server: virtuoso_server.VirtuosoServer) -> str:
    return f"http://{server.user}:{server.password}@127.0.0.1:{server.http_port}/sparql-auth"


def empty_remote(server: virtuoso_server.VirtuosoServer) -> Store:
    st = open_store(virtuoso_location(server))
    for g in st.graphs():
        st.remove_graph(g)
    return st


@pytest.fixture
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    """``make_store(kind)`` opens an empty store of that kind; all are closed afterwards."""
    opened: list[Store] = []

    def make(kind: str) -> Store:
        if kind == "memory":
            st = open_store("memory:")
        elif kind == "oxigraph":
            st = open_store(tmp_path / f"ox{len(opened)}")
        elif kind == "virtuoso":
            st = empty_remote(request.getfixturevalue("virtuoso"))
        else:
            raise ValueError(kind)
        opened.append(st)
        return st

    yield make
    for st in opened:
        st.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, make_store: Callable[[str], Store]) -> Store:
    return make_store(request.param)
