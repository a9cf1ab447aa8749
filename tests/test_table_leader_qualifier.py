"""The leader cell of a ward/commune task table in full: the level word the table's header
names ("Lãnh đạo UBND phường phụ trách"), the abbreviated "PCT UBND phường", and a
qualifier "(phụ trách khối ...)" naming the vice-chairman's bloc; a bloc's name that is
only a unit's words ("Phòng Văn hóa - Xã hội") is no qualifier. Invented wording."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.table_cells import label_line
from cchc_kg.graph.ingest.table_snap import snap_row
from cchc_kg.graph.ingest.task_tables import header_level

WARD = ("title", "product", "leader", "lead", "coord", "deadline")


@pytest.mark.parametrize(
    ("header", "level"),
    [
        (["Lanh dao Co quan, Co quan, don vi | Thoi gian",
          "TT | Nhiem vu | San pham UBND phwong don vi phoi hop hoan thanh"], ("phuong",)),
        (["TT Noi dung Lanh dao UBND xa phu trach Co quan chu tri"], ("xa",)),
        (["TT Nhiem vu Co quan chu tri Co quan phoi hop Thoi gian"], None),
    ],
)
def test_header_level(header: list[str], level: tuple[str, ...] | None) -> None:
    assert header_level([fold(h) for h in header]) == level


CASES = [
    pytest.param(
        ["Tong hop y kien cua Pho Chu tich",
         "nguoi dan ve | Bao cao | UBND phuong Van phong",
         "8 chat luong dich vu (phu trach khoi HPND va Cac phong, ban, Quy IV/2027",
         "cong Van hoa - Xa hoi) | UBND don vi lien quan"],
        "pho chu tich ubnd phuong (phu trach khoi van hoa - xa hoi)",
        id="vice-chair-bloc-over-four-lines",
    ),
    pytest.param(
        ["Lap ke hoach von dau tu | PCT UBND Van phong",
         "6 cong trinh nam 2027 | Ke hoach | phwong (phu trach | HDND va UBND | Hang nam",
         "khoi Kinh te)"],
        "pct ubnd phwong (phu trach khoi kinh te)",
        id="abbreviated-vice-chair-bloc",
    ),
    pytest.param(
        ["Ban hanh Ke hoach tuyen truyen Ke hoach Chu tich Van phong Cac phong, ban, Thang 01/2027",
         "nam 2027 | UBND phuong | HDND va UBND | don vi lien quan"],
        "chu tich ubnd phuong",
        id="chair-with-level-word",
    ),
]


@pytest.mark.parametrize(("lines", "leader"), CASES)
def test_leader_in_full(lines: list[str], leader: str) -> None:
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert cells.leader is not None and fold(cells.leader) == leader


def test_bloc_words_without_khoi_are_the_lead_unit() -> None:
    # "Van hoa - Xa hoi" is the lead unit's (Phòng Văn hóa - Xã hội): no qualifier
    lines = ["Boi duong cong chuc Pho Chu tich Phong Van hoa Cac phong, ban, don Thang 9/2027",
             "nam 2027 | Ke hoach | UBND phuong phu - Xa hoi vi lien quan",
             "trach theo linh vuc"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert fold(cells.leader or "") == "pho chu tich ubnd phuong phu trach theo linh vuc"
    assert fold(cells.lead or "").startswith("phong van hoa")


def test_second_lead_unit_read_as_wording_goes_on_the_lead_cell() -> None:
    # "Văn phòng HĐND và UBND;" then "Phòng Văn hóa - Xã hội" wrapped into the lines the
    # labelling gave the task wording: the semicolon says the lead cell goes on
    lines = ["Van phdng | Theo ke hoach",
             "Ban hanh Ke hoach so hoa Ke ho4ch | Chii tich HPND va UBND; | Cac phong, ban, | cua UBND thanh",
             "tai lieu nam 2027 cua phuong | UBND phuong Phdng Van h0a - don vl lien quan pho",
             "Xa hoi"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert fold(cells.lead or "") == "van phdng hpnd va ubnd"
    assert [" ".join(fold(c).replace("-", " ").split()) for c in cells.co_leads] == ["phdng van h0a xa hoi"]
    assert [" ".join(fold(c).replace("-", " ").split()) for c in cells.coordinating] == ["cac phong, ban, don vl lien quan"]


def test_phong_and_phuong_are_different_words() -> None:
    from cchc_kg.graph.ingest.table_values import same_word

    assert not same_word("phong", "phuong")
    assert same_word("phwong", "phuong") and same_word("phirong", "phuong")


def test_leader_does_not_take_the_lead_units_head_word() -> None:
    # "PCT UBND | Phong Kinh te," on one line: "Phong" opens the lead cell, not "phường"
    lines = ["Lap du toan ngan sach PCT UBND Phong Kinh te,",
             "5 | nam 2027 | Quyet dinh | phirong (phu trach Ha tang va Do Van phong HDND | Nam 2027",
             "theo quy dinh khoi Kinh te) thi va UBND"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert fold(cells.leader or "") == "pct ubnd phirong (phu trach khoi kinh te)"
    assert fold(cells.lead or "").startswith("phong kinh te")


def test_second_lead_unit_is_under_the_first_not_beside_it() -> None:
    # "HDND va UBND; | Uy ban MTTQ ..." on one line, "Phong Van hoa -" under it: the
    # Front's committee is the coordinating cell beside the lead, the Phòng the lead's second unit
    lines = ["Trien khai Ke hoach phap luat | Ke hoach PCT UBND Van phong",
             "4 nam 2027 cho nhan dan | Ke hoach | phuong (phu trach HDND va UBND; | Uy ban MTTQ Viet Hang nam",
             "va doanh nghiep khoi Van hoa - Phong Van hoa - | Nam phuong; Cac",
             "tren dia ban Xa hoi) Xa hoi to dan pho"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert fold(cells.lead or "") == "van phong hdnd va ubnd"
    assert [" ".join(fold(c).replace("-", " ").split()) for c in cells.co_leads] == ["phong van hoa xa hoi"]
    assert any(fold(c).startswith("uy ban mttq viet nam") for c in cells.coordinating)


def test_unit_the_wording_names_after_cua_completes_no_cell() -> None:
    # "Van phong | HDND va" is the lead cell; "... cua UBND thanh pho" below is the wording's
    # (its last words), not the rest of "Văn phòng UBND thành phố"
    lines = ["Danh gia muc do hai long Chu tich Van phong Cac phong, ban, Theo huong dan",
             "| 2027 theo bo tieu chi UBND phuong | HDND va don vi lien quan cua So Noi vu",
             "cua UBND thanh pho UBND"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert fold(cells.lead or "").startswith("van phong hdnd va")


def test_leader_named_in_the_wording_and_printed_in_its_cell() -> None:
    # the wording "... giua | Chu tich UBND phuong voi ..." names the office; the leader
    # cell "Chy tich" / "UBND phuong" is printed further right and below
    lines = ["To chuc doi thoai giua Van phong",
             "Chu tich UBND phuong voi nguoi Hoi nghi Chy tich HPND va UBND Cac to dan pho",
             "10 dan ve thu tuc hanh chinh doi thoai UBND phuong Quy II/2027"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert fold(cells.leader or "") == "chy tich ubnd phuong"


def test_pct_opens_the_leader_cell_after_the_product() -> None:
    # "PCT UBND" (Phó Chủ tịch abbreviated) opens the leader cell, so "Bao cao" before it
    # ends the wording's part of the line: the product cell
    labelled = label_line("ngh1 cua nguoi dan, doanh nghiep Bao cao PCT UBND HDND va hanh chinh cong", WARD)
    kinds = {text: kind for kind, text in labelled}
    assert kinds["PCT"] == "leader"
    assert kinds["Bao"] == kinds["cao"] == "product"
