"""Target alignment: relation of two commitments on one indicator, periods, related indicators."""

from __future__ import annotations

import pytest
from cchc_kg.graph.link.model import Item
from cchc_kg.graph.link.targets import align_targets, compare

from .fixtures import lexicon


def t(comparator, value, unit="%", *, indicator="sipas", period="2026-2027", iri="urn:t") -> Item:
    return Item(iri=iri, kind="target", doc="urn:d", source="s", line=1, text="x", indicator=indicator,
                comparator=comparator, value=value, unit=unit, period=period)


@pytest.mark.parametrize(("lower", "higher", "relation"), [
    (t(">=", 89), t(">=", 89), "same"),                 # verbatim restatement
    (t("=", 100), t(">=", 100), "same"),                # "100% ..." with no comparator word
    (t(">=", 90), t(">=", 89), "stricter"),
    (t(">=", 85), t(">=", 89), "weaker"),
    (t(">", 89), t(">=", 89), "stricter"),
    (t("<=", 5, "days"), t("<=", 7, "days"), "stricter"),  # fewer days is more
    (t("<=", 10, "days"), t("<=", 7, "days"), "weaker"),
    (t(">=", 4, "level"), t(">=", 3, "level"), "stricter"),
    (t("top_n", 10, "rank"), t("top_n", 5, "rank"), "related"),  # different peer groups
    (t(">=", 90, "%"), t(">=", 3, "level"), "related"),
    (t(">=", 90), t("<=", 10), "related"),
])
def test_compare(lower, higher, relation) -> None:
    assert compare(lower, higher)[0] == relation


def test_top_n_within_one_level_compares_ranks() -> None:
    assert compare(t("top_n", 3, "rank"), t("top_n", 5, "rank"), same_level=True)[0] == "stricter"


def test_alignment_needs_compatible_period_and_indicator() -> None:
    lower = [t(">=", 90, period="2026", iri="urn:l")]
    higher = [t(">=", 89, period="2026-2027", iri="urn:h1"), t(">=", 95, period="2028-2030", iri="urn:h2"),
              t(">=", 90, indicator="online_payment", iri="urn:h3"),
              t(">=", 87, indicator="sipas_public_health_education", iri="urn:h4")]
    got = {a.higher.iri: a for a in align_targets(lower, higher, lexicon=lexicon())}
    assert set(got) == {"urn:h1", "urn:h4"}
    assert got["urn:h1"].relation == "stricter" and got["urn:h1"].score > got["urn:h4"].score
    assert got["urn:h4"].relation == "related"
    assert any("lower >= 90 %" in e and "higher >= 89 %" in e for e in got["urn:h1"].evidence)


def test_annual_target_steps_towards_a_later_milestone_only_without_a_current_one() -> None:
    payment = t("=", 100, indicator="online_payment", period="2026", iri="urn:pay")
    sipas = t(">=", 90, period="2026", iri="urn:sipas")
    higher = [t(">=", 90, indicator="online_payment", period="2028-2030", iri="urn:h-pay"),
              t(">=", 89, period="2026-2027", iri="urn:h1"), t(">=", 95, period="2028-2030", iri="urn:h2")]
    got = {(a.lower.iri, a.higher.iri): a for a in
           align_targets([payment, sipas], higher, lexicon=lexicon(), higher_period=(2026, 2030))}
    assert got[("urn:pay", "urn:h-pay")].relation == "related"
    assert "later milestone" in " ".join(got[("urn:pay", "urn:h-pay")].evidence)
    assert ("urn:sipas", "urn:h2") not in got and got[("urn:sipas", "urn:h1")].relation == "stricter"
    # outside the higher plan's period, or without it, no milestone link
    assert not align_targets([t("=", 100, indicator="online_payment", period="2031", iri="urn:late")], higher,
                             lexicon=lexicon(), higher_period=(2026, 2030))
    assert not align_targets([payment], higher, lexicon=lexicon())
    # an earlier milestone never aligns
    assert not align_targets([t("=", 100, indicator="online_payment", period="2029", iri="urn:x")],
                             [t(">=", 90, indicator="online_payment", period="2026-2027", iri="urn:e")],
                             lexicon=lexicon(), higher_period=(2026, 2030))
