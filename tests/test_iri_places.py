"""Same-named communes of different provinces are different things (docs/decisions/0002).

Vietnam has many communes of one name ("Xã Tân Phú" in several provinces); keyed by name
alone their units, plans and local bodies would merge into one resource across provinces.
A commune-level place is qualified by its province when the document says it, and a
citation of a commune's document resolves to the same IRI its own ingest mints.
"""

from __future__ import annotations

import pytest

from cchc_kg.graph import iri
from cchc_kg.graph.ingest.records import CitationRecord, DocumentRecord
from cchc_kg.graph.rdf import admin_unit_iri, cited_iri, document_iri, issuer_iri, unit_iri

PROVINCE_A = "tỉnh Lâm Sơn"
PROVINCE_B = "tỉnh Hà Nguyên"


def _commune(parent: str | None, number: str = "12/KH-UBND", source: str = "c.txt") -> DocumentRecord:
    return DocumentRecord(source=source, number=number, form="ke_hoach", issuer="UBND xã Tân Phú",
                          admin_unit="xã Tân Phú", admin_unit_type="xa", parent_admin_unit=parent,
                          level="commune", date="2026-01-05")


def _province(unit: str = PROVINCE_A, number: str = "10/KH-UBND") -> DocumentRecord:
    return DocumentRecord(source="p.txt", number=number, form="ke_hoach", issuer=f"UBND {unit}",
                          admin_unit=unit, admin_unit_type="tinh", level="province", date="2026-01-02")


def _cit(number: str, unit: str | None, date: str = "2026-01-05") -> CitationRecord:
    return CitationRecord(line=3, quote=number, number=number, type="ke_hoach", issuer="UBND",
                          issuer_source="stated", issuer_admin_unit=unit, date=date)


def test_same_named_communes_of_two_provinces_are_distinct() -> None:
    a, b = _commune(PROVINCE_A), _commune(PROVINCE_B)
    assert document_iri(a) != document_iri(b)
    assert admin_unit_iri(a) != admin_unit_iri(b)
    assert issuer_iri(a) != issuer_iri(b)
    assert unit_iri("Phòng Văn hóa - Xã hội", a) != unit_iri("Phòng Văn hóa - Xã hội", b)
    assert str(admin_unit_iri(a)).endswith("/admin-unit/xa-tan-phu--tinh-lam-son")


def test_a_province_is_never_qualified() -> None:
    p = _province()
    assert str(admin_unit_iri(p)).endswith("/admin-unit/tinh-lam-son")
    assert "--" not in str(document_iri(p)) and "--" not in str(issuer_iri(p))


def test_a_commune_whose_province_is_unknown_keeps_its_bare_name() -> None:
    assert str(admin_unit_iri(_commune(None))).endswith("/admin-unit/xa-tan-phu")


@pytest.mark.parametrize(
    ("citing", "cited_unit", "cited_doc"),
    [
        # a commune plan cites its own commune's earlier decision
        (_commune(PROVINCE_A, number="20/KH-UBND", source="later.txt"), "xã Tân Phú", _commune(PROVINCE_A)),
        # a commune plan cites the plan of its province
        (_commune(PROVINCE_A, number="20/KH-UBND", source="later.txt"), PROVINCE_A, _province(number="12/KH-UBND")),
        # a province document cites one of its communes' plans
        (_province(number="30/KH-UBND"), "xã Tân Phú", _commune(PROVINCE_A)),
    ],
)
def test_a_citation_resolves_to_the_iri_the_cited_document_mints(citing, cited_unit, cited_doc) -> None:
    cit = _cit(cited_doc.number, cited_unit, date=cited_doc.date)
    assert cited_iri(cit, citing) == document_iri(cited_doc)


def test_the_place_qualifier_cannot_come_out_of_a_name() -> None:
    assert "--" not in iri.slug("xã Tân -- Phú")
    assert iri.place("xã Tân Phú", province=PROVINCE_A) == "xa-tan-phu--tinh-lam-son"
