"""Organisational-unit gazetteer: one resource per unit however a plan spells it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph.ingest.pipeline import extract
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.units import (
    build_gazetteer,
    is_collective,
    key_map,
    kind_of,
    name_key,
    split_units,
)

COMMUNE = DocumentRecord(source="x.txt", admin_unit="xã Ô Diên", issuer="UBND xã Ô Diên")

# Each group is one unit written several ways (clean, OCR-damaged, without diacritics, abbreviated).
SAME_UNIT = [
    ["Văn phòng HĐND và UBND xã", "Văn phòng HĐND&UBND xã", "VP HĐND-UBND", "Van phong HPND va UBND",
     "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "Van phong HDND va UBND xa Ô Diên",
     "Văn phòng HĐND & UBND"],
    ["Phòng Văn hóa - Xã hội", "Phòng Văn hoá – Xã hội", "Phong Vin héa - X3 hoi", "Phong Van hoa - Xa hoi",
     "phòng Văn hóa - Xã hội xã", "Phong Vian hoa - X3 hoi"],
    ["Phòng Kinh tế", "phòng Kinh tế xã", "Phong Kinh té"],
    ["Công an xã", "Cong an xa", "Công an"],
    ["Trung tâm Phục vụ hành chính công", "Trung tam Phuc vu hanh chinh cong", "Trung tâm PVHCC",
     "Trung tâm phục vụ Hành chính công xã"],
    ["Sở Nội vụ", "S& N6i vu", "So Noi vu"],
    ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng KT, HT và ĐT", "Phòng KT, HT&ĐT"],
    ["Sở Thông tin và Truyền thông", "Sở TT&TT"],
    ["Các phòng, ban, đơn vị liên quan", "Cac phong, ban, don vi lién quan", "Céc phong, ban, don vi lien quan"],
]
# Different units that must stay apart.
DIFFERENT = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Y tế", "Phòng Kinh tế",
             "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội", "Văn phòng UBND Thành phố",
             "Công an xã", "Trung tâm dịch vụ tổng hợp xã", "Điểm hỗ trợ dịch vụ công số xã",
             "Ban Chỉ huy Quân sự xã", "Sở Thông tin và Truyền thông", "Sở Tài nguyên và Môi trường"]


def _gazetteer(names: list[str], document: DocumentRecord = COMMUNE):
    return build_gazetteer([TaskRecord(line=i + 1, title="t", lead=n) for i, n in enumerate(names)], document=document)


@pytest.mark.parametrize("spellings", SAME_UNIT, ids=lambda s: s[0])
def test_spellings_of_one_unit_are_one_resource(spellings: list[str]) -> None:
    units = _gazetteer(spellings)
    assert len(units) == 1, [(u.label, u.variants) for u in units]
    assert set(units[0].variants) == set(spellings)


def test_distinct_units_stay_apart() -> None:
    units = _gazetteer(DIFFERENT)
    assert len(units) == len(DIFFERENT)


def test_all_groups_together() -> None:
    names = [n for group in SAME_UNIT for n in group]
    units = _gazetteer(names)
    assert len(units) == len(SAME_UNIT)
    keys = key_map(units)
    for group in SAME_UNIT:
        assert len({keys[n] for n in group}) == 1


@pytest.mark.parametrize(("spellings", "label"), [
    (["Van phong HPND va UBND", "Van phong HDND va UBND"], "Văn phòng HĐND và UBND"),
    (["Phong Vin héa - X3 hoi", "Phong Van hoa - Xa hoi"], "Phòng Văn hóa - Xã hội"),
    (["Phòng Văn hóa - Xã hội", "Phong Van hoa - Xa hoi", "Phong Van hoa - Xa hoi"], "Phòng Văn hóa - Xã hội"),
    (["Công an xã", "Cong an xa"], "Công an xã"),
    # the document's abbreviation of a long phrase stays in the restored label
    (["Uy ban MTTQ Viet Nam xa"], "Ủy ban MTTQ Việt Nam xã"),
    (["Uy ban Mat tran To quoc Viet Nam xa"], "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    (["Hoi Cuu chien binh xa"], "Hội Cựu chiến binh xã"),
    # seen as often without and with its level word: the level word says whose unit it is
    (["Cong an", "Cong an tinh"], "Công an tỉnh"),
])
def test_label_keeps_or_restores_diacritics(spellings: list[str], label: str) -> None:
    (unit,) = _gazetteer(spellings)
    assert unit.label == label


@pytest.mark.parametrize(("name", "kind", "collective"), [
    ("Sở Nội vụ", "so", False),
    ("Phòng Văn hóa - Xã hội", "phong", False),
    ("Văn phòng HĐND và UBND xã", "van_phong", False),
    ("VP UBND", "van_phong", False),
    ("Công an xã", "cong_an", False),
    ("Trung tâm Phục vụ hành chính công", "trung_tam_hcc", False),
    ("Điểm hỗ trợ dịch vụ công số xã", "trung_tam_hcc", False),
    ("Trung tâm dịch vụ tổng hợp xã", "trung_tam", False),
    ("UBND các xã, phường", "ubnd", True),
    ("Đảng ủy xã", "dang", False),
    ("Chủ tịch UBND phường", "lanh_dao", False),
    ("Mat tran T qudc Viét Nam X4", "mat_tran", False),
    ("Uy ban MTTQ Viet Nam xa", "mat_tran", False),  # the usual abbreviation of Mặt trận Tổ quốc
    ("Các phòng, ban, đơn vị liên quan", "phong", True),
    ("Các Sở, ngành theo lĩnh vực quản lý", "so", True),
    ("Cac co quan, don vi", None, True),
])
def test_kind_and_collective(name: str, kind: str | None, collective: bool) -> None:
    assert kind_of(name) == kind
    assert is_collective(name) is collective


@pytest.mark.parametrize(("text", "names"), [
    ("Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội", ["Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội"]),
    ("Van phong HPND va UBND", ["Van phong HPND va UBND"]),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", ["Phòng Kinh tế, Hạ tầng và Đô thị"]),
    ("Sở Nội vụ, Sở Tư pháp và Công an Thành phố", ["Sở Nội vụ", "Sở Tư pháp", "Công an Thành phố"]),
    ("các Sở, ban, ngành.", ["các Sở, ban, ngành"]),
    ("Sở Văn hóa và Thể thao", ["Sở Văn hóa và Thể thao"]),
])
def test_split_unit_lists(text: str, names: list[str]) -> None:
    assert split_units(text) == names


def test_key_drops_locality_and_expands_abbreviations() -> None:
    assert name_key("Văn phòng HĐND&UBND xã Ô Diên", document=COMMUNE) == "van phong hdnd ubnd"
    assert name_key("VP HĐND-UBND") == "van phong hdnd ubnd"
    assert name_key("Các phòng, ban, đơn vị liên quan") == "cac phong ban don vi lien quan"
    assert name_key("UBND các xã, phường") == "ubnd cac xa phuong"
    # "liên quan" as OCR spells it is a phrase, not a district ("quận") to drop
    assert name_key("Cac phong, ban, don vi lidn quan") == "cac phong ban don vi lidn quan"
    assert name_key("Cac phong, ban, don v1 li€én quan").endswith(" quan")


def test_related_units_are_not_merged_into_the_wards_own_units() -> None:
    units = _gazetteer(["Các phòng, ban, đơn vị thuộc phường"] * 3 + ["Cac phong, ban, don vi lidn quan"])
    assert len([u for u in units if u.collective]) == 2


def test_empty_and_blank_names() -> None:
    assert build_gazetteer([], document=COMMUNE) == []
    assert _gazetteer(["", "  "]) == []


@pytest.mark.parametrize(("name", "expected"), [
    # seed: the unit the careful reading of the duties section names -> at least these spellings merged
    ("002_db8bd46d2dd6e5b9.txt", {"Phòng Văn hóa - Xã hội", "Văn phòng HĐND&UBND xã", "Phòng Kinh tế", "Công an xã"}),
    ("004_bd54f3207198ef7a.txt", {"Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND", "Phòng Kinh tế",
                                  "Trung tâm Phục vụ hành chính công"}),
])
def test_seed_gazetteer(seeds_dir: Path, name: str, expected: set[str]) -> None:
    result = extract((seeds_dir / name).read_text(encoding="utf-8"), source=name)
    labels = {u.label for u in result.units}
    assert expected <= labels, labels
    keys = key_map(result.units)
    for t in result.tasks:  # every name a task uses resolved to a unit of the gazetteer
        for n in ((t.lead,) if t.lead else ()) + t.coordinating:
            assert n.strip() in keys
    assert len({u.key for u in result.units}) == len(result.units)


# A table cell that OCR cut across lines reaches the gazetteer as a fragment of a unit the
# same document names in full: it joins that unit (and never becomes its label).
@pytest.mark.parametrize(("full", "fragments"), [
    (["Phòng Văn hóa - Xã hội", "Phong Van hoa - Xa hoi"], ["X3 héi", "Phong Van hoa", "Van hoa X3 hoi"]),
    (["Văn phòng HĐND và UBND", "Van phong HDND va UBND"], ["HDND va UBND", "HDND va"]),
    (["Phòng Kinh tế, Hạ tầng và Đô thị", "Phong Kinh te, Ha tang va Do thi"], ["Ha tang va", "Ha tang va Do"]),
    (["Các phòng, ban, đơn vị liên quan", "Cac phong, ban, don vi lién quan"], ["Cac phong, ban, don"]),
])
def test_fragments_join_the_unit_they_belong_to(full: list[str], fragments: list[str]) -> None:
    units = _gazetteer(full + fragments)
    assert len(units) == 1, [(u.label, u.variants) for u in units]
    assert set(fragments) <= set(units[0].variants)
    assert units[0].label == full[0]


def test_a_unit_of_its_own_is_not_a_fragment() -> None:
    # "Phòng Kinh tế" is a standard unit name, not a piece of "Phòng Kinh tế, Hạ tầng và Đô thị"
    units = _gazetteer(["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Kinh tế"])
    assert len(units) == 2
    # a frequent collective stays whole beside a rarer, longer one that contains it
    units = _gazetteer(["Các cơ quan, đơn vị"] * 3 + ["Các cơ quan, đơn vị có liên quan"])
    assert len(units) == 2


@pytest.mark.parametrize(("anchor", "spelling", "label"), [
    ("Công an", "Cong an phuong", "Công an phường"),
    ("Văn phòng HĐND và UBND", "Van phong HDND va UBND xa", "Văn phòng HĐND và UBND xã"),
    ("Công an", "Cong an tinh.", "Công an tỉnh"),
    ("Công an", "Cong an xa Thuan O", "Công an"),  # a place name cannot be restored: left out
    ("Sở Nội vụ", "S0 Noi vu", "Sở Nội vụ"),
    ("Ủy ban nhân dân tỉnh", "UBND tinh", "Ủy ban nhân dân tỉnh"),  # the anchor has it already
])
def test_ocr_unit_label_keeps_its_level_word(anchor: str, spelling: str, label: str) -> None:
    from cchc_kg.graph.ingest.units import _with_locality

    assert _with_locality(anchor, spelling) == label


def test_associations_are_units_so_a_comma_separates_them() -> None:
    assert split_units("Văn phòng UBND tỉnh, Hiệp hội Doanh nghiệp tỉnh") == [
        "Văn phòng UBND tỉnh", "Hiệp hội Doanh nghiệp tỉnh"]
    assert kind_of("Liên đoàn Lao động tỉnh") == "khac"
