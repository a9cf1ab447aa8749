"""Plan-to-plan resolution: places, provinces, cited-document identity, negative cases."""

from __future__ import annotations

import pytest
from cchc_kg.graph.link.model import Citation, Corpus, Doc
from cchc_kg.graph.link.plans import (
    Scope,
    is_plan_citation,
    place_key,
    province_in_text,
    resolve_citation,
)


@pytest.mark.parametrize(("name", "key"), [
    ("thành phố Hà Nội", "ha noi"),
    ("TP Hà Nội", "ha noi"),
    ("Ha Noi", "ha noi"),
    ("tỉnh Quảng Ninh", "quang ninh"),
    ("UBND thành phố Hải Phòng", "hai phong"),
    ("xã Ô Diên", "o dien"),
    (None, None),
])
def test_place_key(name, key) -> None:
    assert place_key(name) == key


@pytest.mark.parametrize(("text", "province"), [
    ("Ủy ban nhân dân thành phố Hải Phòng", "hai phong"),
    ("cua UBND thanh pho Ha Noi ve viec ban hanh", "ha noi"),
    ("UBND tỉnh Bắc Ninh năm 2026", "bac ninh"),
    ("Chính phủ", None),
    ("UBND Thành phố", None),
])
def test_province_in_text(text, province) -> None:
    assert province_in_text(text) == province


CITY = Doc(iri="urn:doc:city", source="city.txt", number=None, form="quyet_dinh", level="province",
           admin_unit="thành phố Hà Nội", period="2026-2030", date="2026", issuer="UBND thành phố Hà Nội",
           attached_title="Kế hoạch cải cách hành chính nhà nước của thành phố Hà Nội giai đoạn 2026-2030",
           is_plan=True)
CITY_2025 = Doc(iri="urn:doc:city25", source="city25.txt", number="88/KH-UBND", form="ke_hoach", level="province",
                admin_unit="thành phố Hà Nội", period="2025", date="2025-01-10", issuer="UBND thành phố Hà Nội", is_plan=True)


def _cit(number, quote, *, issuer=None, date=None, type="quyet_dinh", cited="urn:cited", role="legal_basis", clause="can_cu"):
    return Citation(iri="urn:c", citing="urn:doc:ward", cited=cited, role=role, line=5, quote=quote,
                    number=number, date=date, issuer=issuer, clause=clause, type=type)


def corpus(*docs: Doc) -> Corpus:
    return Corpus(docs={d.iri: d for d in docs})


def test_unnumbered_city_copy_is_resolved_with_evidence() -> None:
    c = _cit("1807/QĐ-UBND", "Căn cứ Quyết định số 1807/QĐ-UBND ngày 14/5/2026 về việc ban hành Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030 của thành phố Hà Nội",
             date="2026-05-14")
    res = resolve_citation(c, citing_scope=Scope("ha noi", "parent"), corpus=corpus(CITY, CITY_2025))
    assert res is not None and res.doc.iri == "urn:doc:city"
    text = "; ".join(res.evidence)
    assert "same period 2026-2030" in text and "same form" in text and "same place" in text


def test_same_number_in_another_province_is_not_resolved() -> None:
    c = _cit("1807/QĐ-UBND", "Quyết định số 1807/QĐ-UBND ngày 02/5/2026 của UBND thành phố Hải Phòng ban hành Kế hoạch cải cách hành chính giai đoạn 2026-2030",
             issuer="UBND thành phố Hải Phòng", date="2026-05-02")
    assert resolve_citation(c, citing_scope=Scope("hai phong", "x"), corpus=corpus(CITY)) is None


def test_unknown_place_is_never_guessed() -> None:
    c = _cit("1807/QĐ-UBND", "Quyết định số 1807/QĐ-UBND ngày 14/5/2026 ban hành Kế hoạch cải cách hành chính giai đoạn 2026-2030",
             date="2026-05-14")
    assert resolve_citation(c, citing_scope=Scope(None, "unknown"), corpus=corpus(CITY)) is None


def test_conflicting_period_or_year_is_not_resolved() -> None:
    wrong_period = _cit("600/QĐ-UBND", "Quyết định số 600/QĐ-UBND ngày 09/02/2026 ban hành Kế hoạch cải cách hành chính năm 2026 của thành phố Hà Nội",
                        date="2026-02-09")
    assert resolve_citation(wrong_period, citing_scope=Scope("ha noi", "p"), corpus=corpus(CITY)) is None
    wrong_year = _cit("12/QĐ-UBND", "Quyết định số 12/QĐ-UBND ngày 05/01/2024 ban hành Kế hoạch cải cách hành chính giai đoạn 2026-2030 thành phố Hà Nội",
                      date="2024-01-05")
    assert resolve_citation(wrong_year, citing_scope=Scope("ha noi", "p"), corpus=corpus(CITY)) is None


def test_numbered_document_resolves_on_number_place_and_year() -> None:
    c = _cit("88/KH-UBND", "Thực hiện Kế hoạch số 88/KH-UBND ngày 10/01/2025 của UBND Thành phố", type="ke_hoach",
             date="2025-01-10", clause="thuc_hien")
    res = resolve_citation(c, citing_scope=Scope("ha noi", "p"), corpus=corpus(CITY, CITY_2025))
    assert res is not None and res.doc.iri == "urn:doc:city25"
    other = _cit("89/KH-UBND", "Thực hiện Kế hoạch số 89/KH-UBND ngày 10/01/2025 của UBND Thành phố", type="ke_hoach", date="2025-01-10")
    assert resolve_citation(other, citing_scope=Scope("ha noi", "p"), corpus=corpus(CITY, CITY_2025)) is None


@pytest.mark.parametrize(("citation", "expected"), [
    (_cit("76/NQ-CP", "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước", type="nghi_quyet"), True),
    (_cit("4625/BNV-CCHC", "Căn cứ Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ về xây dựng kế hoạch cải cách hành chính", type="cong_van"), False),
    (_cit("59/2019/NĐ-CP", "Căn cứ Nghị định số 59/2019/NĐ-CP của Chính phủ", type="nghi_dinh"), False),
    (_cit("3073/TTr-SNV", "Theo đề nghị của Sở Nội vụ tại Tờ trình số 3073/TTr-SNV", type="to_trinh", clause="theo_de_nghi"), False),
    (_cit("76/NQ-CP", "kiem tra viec trien khai Nghi quyet so 76/NQ-CP ve Chuong trinh tong the CCHC", type="nghi_quyet", role="mentioned"), False),
    (_cit("15/KH-UBND", "Thuc hien Ke hoach so 15/KH-UBND cua UBND thanh pho", type="ke_hoach", clause="thuc_hien"), True),
])
def test_plan_citations(citation, expected) -> None:
    assert is_plan_citation(citation, None) is expected


WARD_5Y = Doc(iri="urn:doc:ward", source="w.txt", form="quyet_dinh", level="commune", admin_unit="xã Thanh Trì",
              parent_unit="thành phố Hà Nội", period="2026-2030", date="2026-06", is_plan=True)
WARD_2026 = Doc(iri="urn:doc:ward", source="w.txt", form="ke_hoach", level="commune", admin_unit="phường Láng",
                parent_unit="thành phố Hà Nội", period="2026", date="2026-02", is_plan=True)


def test_bare_citation_resolves_through_the_citing_plans_period_only() -> None:
    """A quote that is only "Quyết định số N/QĐ-UBND ngày ..." says nothing of the period: a
    2026-2030 plan's basis may be the city's 2026-2030 plan, an annual plan's basis may not."""
    bare = _cit("2595/QĐ-UBND", "Quyết định số 2595 /QĐ-UBND ngày 20/5/2026", issuer="UBND Thành phố",
                date="2026-05-20", cited="https://w3id.org/cchc-kg/id/doc/thanh-pho-ha-noi/2595-qd-ubnd/2026")
    res = resolve_citation(bare, citing_scope=Scope("ha noi", "p"), corpus=corpus(CITY), citing=WARD_5Y)
    assert res is not None and any("citing plan's period" in e for e in res.evidence)
    annual = _cit("600/QĐ-UBND", "Quyét dinh s6 600/QD-UBND ngay 09/02/2026 cua UBND thanh pho Ha Noi",
                  issuer="UBND thành phố Ha Noi", date="2026-02-09")
    assert resolve_citation(annual, citing_scope=Scope("ha noi", "p"), corpus=corpus(CITY), citing=WARD_2026) is None
    assert resolve_citation(bare, citing_scope=Scope("ha noi", "p"), corpus=corpus(CITY)) is None  # no period at all
