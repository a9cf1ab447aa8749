"""A memory store holding the fixture plans, linked once per test module."""

from __future__ import annotations

import pytest
from cchc_kg.graph import iri
from cchc_kg.graph.link.run import link_store
from cchc_kg.graph.rdf import result_graph
from cchc_kg.graph.store import open_store

from .fixtures import ALL, lexicon


def load(store, results) -> None:
    for r in results:
        store.replace_graph(iri.named_graph(r.document.source), result_graph(r, run_stamp="20260701T000000Z"))


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def linked(request, tmp_path_factory):
    """The fixture plans, ingested and linked, on both back ends (same answers expected)."""
    location = "memory:" if request.param == "memory" else tmp_path_factory.mktemp("ox") / "store"
    store = open_store(location)
    load(store, ALL)
    report = link_store(store, lexicon=lexicon(), stamp="20260701T000000Z")
    yield store, report
    store.close()
