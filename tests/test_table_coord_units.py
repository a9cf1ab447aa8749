"""Lead and coordinating units of OCR task tables: a committee's abbreviated head alone on a
line above its row (a centred cell's top), read with that row.

The table below is written for this test in a commune list's style (single spaces between
cells, vertically centred cells, the number on the middle line); it is not copied from any
fixture or seed.
"""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.table_centring import opening_kinds
from cchc_kg.graph.ingest.task_tables import extract_table_tasks
from cchc_kg.graph.ingest.text import SourceText

TABLE = """DANH MUC
NHIEM VU CAI CACH HANH CHINH NAM 2026

TT Nhiem vu Don vi Don vi Thoi gian Ket qua
chu tri phoi hop (san pham)
1. Cong tac chi dao, dieu hanh
Xay dung Ke hoach cai cach hanh chinh nam 2026 Van phong Cac don vi Ke hoach cua
1.1 cua UBND phuong va to chuc trien khai thuc hien HDND va lien quan Thang 1/2026 UBND phuong
UBND
Uy ban MTTQ
Tuyen truyen ve cai cach hanh chinh tren he Phong Van hoa - Viet Nam Tin, bai tuyen
1.2 thong truyen thanh va tai cac to dan pho Xa hoi phuong; Cac to Thuong xuyen truyen
dan pho
"""


@pytest.fixture(scope="module")
def tasks():
    src = SourceText.from_text(TABLE, source="coord_units.txt")
    return extract_table_tasks(src, document=DocumentRecord(source="coord_units.txt", period="2026"),
                               outline=Outline())


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("Uy ban MTTQ", {"lead"}),
        ("Iiy ban MTTQ Viet Nam", {"lead"}),
        ("Uy ban Mat tran To quoc", {"lead"}),
        ("Uy ban MTTQ phoi hop tuyen truyen", set()),  # wording that names the committee
        ("Uy ban nhan dan phuong", set()),
    ],
)
def test_committee_head_alone_opens_a_unit_cell(line: str, kinds: set[str]) -> None:
    assert opening_kinds(fold(line)) == kinds


def test_committee_head_above_the_row_is_that_rows_coordinating_unit(tasks) -> None:
    by_n = {t.n: t for t in tasks}
    assert set(by_n) == {"1.1", "1.2"}
    first, second = by_n["1.1"], by_n["1.2"]
    assert not any("mttq" in fold(c) for c in first.coordinating)
    assert second.lead is not None and fold(second.lead).startswith("phong van hoa")
    assert [fold(c).split()[:3] for c in second.coordinating] == [["uy", "ban", "mttq"], ["cac", "to", "dan"]]


def _cells(lines: list[str], known: tuple[str, ...] = ()):
    from cchc_kg.graph.ingest.table_cells import label_line
    from cchc_kg.graph.ingest.table_snap import snap_row

    order = ("title", "lead", "coord", "leader", "deadline", "product")
    return snap_row([label_line(line, order) for line in lines], order, known_units=known, levels=("xa",))


def test_villages_and_youth_union_are_coordinating_units() -> None:
    """'Các thôn' (a commune's villages) is a collective; 'Đoàn Thanh niên' is the youth
    union as commune plans print it; 'Iiy ban' is OCR's 'Ủy ban' ('ii' for 'ủ')."""
    cells = _cells([
        "Van dong nguoi dan tham gia ve sinh | Phong Van hoa - | - Iiy ban MTTQ | Chu tich UBND xa | Quy II/2026",
        "moi truong tai cac khu dan cu | Xa hoi | Viet Nam xa; | | Bao cao",
        "| | - Doan Thanh nien; |",
        "| | - Cac thon |",
    ])
    assert cells.lead is not None and fold(cells.lead).startswith("phong van hoa")
    got = [fold(c) for c in cells.coordinating]
    assert len(got) == 3
    assert got[0].endswith("mttq viet nam xa") and got[1].startswith("doan thanh nien") and got[2] == "cac thon"


def test_a_two_word_collective_needs_its_words_as_spelt() -> None:
    """'cao (theo' is two short words one slip from 'các thôn': no collective."""
    cells = _cells([
        "Tong hop ket qua thuc hien | Van phong | Cac co quan, don vi | | Thang 6/2026 | Bao",
        "nhiem vu | HDND va UBND xa | | | | cao (theo huong dan)",
    ], known=("Văn phòng HĐND và UBND xã",))
    assert [fold(c) for c in cells.coordinating] == ["cac co quan, don vi"]


def test_a_collective_the_wording_names_after_a_preposition_is_no_cell() -> None:
    """'... đối với các cơ quan, đơn vị' is the task wording naming a collective, even where
    the line labelling gave its words the coordinating column."""
    cells = _cells([
        "Kiem tra cong tac cai cach hanh chinh doi voi cac co quan, don vi Van phong Cac don vi Thang 3/2026",
        "thuoc UBND xa HDND va UBND xa lien quan Ke hoach",
    ], known=("Văn phòng HĐND và UBND xã",))
    assert [fold(c) for c in cells.coordinating] == ["cac don vi lien quan"]


def test_a_unit_named_via_in_brackets_is_the_wordings() -> None:
    """'... báo cáo UBND tỉnh (qua Sở Nội vụ)': the unit the report goes through is the
    wording's, not a cell beside the lead."""
    cells = _cells([
        "Xay dung bao cao cong tac cai cach",
        "hanh chinh dinh ky, gui Van phong HDND Cac co quan, don Hang quy Bao cao",
        "UBND tinh (qua So Noi va UBND xa vi co lien quan quy",
        "vu)",
    ], known=("Văn phòng HĐND và UBND xã",))
    assert cells.lead is not None and fold(cells.lead) == fold("Văn phòng HĐND và UBND xã")
    assert [fold(c) for c in cells.coordinating] == ["cac co quan, don vi co lien quan"]


def test_a_unit_opens_after_a_collective_closed_by_a_semicolon_among_task_words() -> None:
    """'Các sở, ban, / ngành; UBND / các xã, phường': the second unit's first word stands
    between task words, right after the collective's ';'."""
    from cchc_kg.graph.ingest.table_cells import label_line
    from cchc_kg.graph.ingest.table_snap import snap_row

    order = ("title", "lead", "coord", "deadline", "product")
    lines = [
        "Cap nhat, chuan hoa du lieu ho tich tren he thong dung chung; Trung tam Cac so, ban, 100% du lieu",
        "| ket noi, chia se voi cac co so du lieu chuyen nganh Phuc vu hanh nganh; UBND Thuong duoc cap nhat",
        "chinh cong tinh cac xa, phuong xuyen dung han",
    ]
    cells = snap_row([label_line(line, order) for line in lines], order)
    assert [fold(c) for c in cells.coordinating] == ["cac so, ban, nganh", "ubnd cac xa, phuong"]
