"""Named queries are documented data: header in vi and en, declared columns, valid SPARQL."""

from __future__ import annotations

import pytest
from cchc_kg.graph import queries
from cchc_kg.graph.errors import QueryError
from rdflib.plugins.sparql import prepareQuery

CATALOGUE = queries.catalogue()

CONTRACT = {
    "documents": "doc, source, number, form, issuer, adminUnit, level, date, period, title",
    "citations": "doc, source, line, cited, number, type, issuer, date, role",
    "targets": "target, doc, source, line, indicator, comparator, value, unit, period, area, text",
    "tasks": "task, doc, source, line, n, title, lead, coordinating, deadline, area, product",
    "implementing-tasks": "task, doc, source, line, n, title, lead, deadline, relation, score, evidence",
    "aligned-targets": "target, doc, source, line, relation, value, unit, period",
    "trace": "step, node, type, label, via",
}

# Named queries added after contract.md was written (issue 7); pinned here until it lists them.
ADDED = {
    "dashboard": "province, provinceName, indicator, unit, plans, targets, lowest, mean, highest",
    "province-tasks": CONTRACT["tasks"],
}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_header_is_complete(name: str) -> None:
    q = CATALOGUE[name]
    assert q.title and q.summary_vi and q.summary_en, f"{name}: title, summary-vi, summary-en required"
    assert q.columns or "ASK" in q.text.upper() or "CONSTRUCT" in q.text.upper()


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_projection_matches_declared_columns(name: str) -> None:
    q = CATALOGUE[name]
    parsed = prepareQuery(q.text)
    if not q.columns:
        return
    projected = tuple(str(v) for v in parsed.algebra.get("PV", []))
    assert projected == q.columns, f"{name}: SELECT projects {projected}, header declares {q.columns}"


@pytest.mark.parametrize(("name", "columns"), sorted(CONTRACT.items()))
def test_contract_columns(name: str, columns: str) -> None:
    if name not in CATALOGUE:
        pytest.skip(f"{name} not written yet")
    assert CATALOGUE[name].columns == tuple(c.strip() for c in columns.split(","))


@pytest.mark.parametrize(("name", "columns"), sorted(ADDED.items()))
def test_added_query_columns(name: str, columns: str) -> None:
    assert CATALOGUE[name].columns == tuple(c.strip() for c in columns.split(","))


def test_province_tasks_takes_one_iri_parameter() -> None:
    assert [(p.name, p.type) for p in CATALOGUE["province-tasks"].params] == [("province", "iri")]
    with pytest.raises(QueryError, match="needs parameter"):
        CATALOGUE["province-tasks"].bind({})


def test_unknown_parameter_is_refused() -> None:
    with pytest.raises(QueryError, match="no parameter"):
        CATALOGUE["documents"].bind({"x": "1"})
