"""A leader column is read only where the table has one."""

from __future__ import annotations

from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.task_tables import leader_rows


def _rows(*rows: str) -> list[list[str]]:
    return [[fold(line) for line in row.split("\n")] for row in rows]


def test_rows_naming_a_leader_on_most_rows_have_a_leader_column() -> None:
    rows = _rows(
        "Ban hanh Ke hoach Pho Chu tich\nphu trach theo linh vuc",
        "Kiem tra cong tac CCHC Chu tich UBND\nxa",
        "Ra soat van ban PCT UBND xa",
        "Tuyen truyen CCHC Van phong HDND va UBND",
    )
    assert leader_rows(rows)


def test_lĩnh_vực_in_the_wording_is_no_leader_column() -> None:
    rows = _rows(
        "Ra soat TTHC trong linh vuc dat dai Phong Kinh te",
        "Kiem tra cong tac CCHC Van phong HDND va UBND",
        "Trinh Chu tich UBND xa phe duyet phuong an Phong Kinh te",
        "So hoa ho so Trung tam Phuc vu hanh chinh cong",
        "Tuyen truyen CCHC Phong Van hoa - Xa hoi",
        "Boi duong cong chuc phu trach mot cua Van phong HDND va UBND",
    )
    assert not leader_rows(rows)
    assert not leader_rows([])


def test_collective_templates_name_their_parent_at_each_level() -> None:
    from cchc_kg.graph.ingest.table_values import _vocab_templates

    collectives = _vocab_templates()[2]
    assert "cac phong chuyen mon thuoc ubnd phuong" in collectives
    assert "cac phong chuyen mon thuoc ubnd xa" in collectives
    assert not any("{level}" in c for c in collectives)


def test_the_police_cell_takes_the_tables_level() -> None:
    from cchc_kg.graph.ingest.task_tables import with_level

    assert with_level("Cdng an", "phuong") == "Cdng an phường"
    assert with_level("Công an", "tinh") == "Công an tỉnh"
    assert with_level("Công an xã", "xa") == "Công an xã"  # whole already
    assert with_level("Văn phòng HĐND và UBND", "xa") == "Văn phòng HĐND và UBND"
