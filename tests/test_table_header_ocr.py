"""A header whose column names OCR misread, and body lines whose column rules confirm it."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.task_tables import ruled_body_order, whole_header_order


@pytest.mark.parametrize(
    ("header", "order"),
    [
        # "Đơn vị phối hợp" read "Pon vi phéi hop": the coordinating column is still named
        ("STT Nhiém vu Pon vi chu tri Pon vi phéi hop Thoi gian thuc Két qua/San pham",
         ("n", "title", "lead", "coord", "deadline", "product")),
        ("TT Nhiem vu San phim Lanh dao Co quan chu tri Co quan phoi hgp Thoi han",
         ("n", "title", "product", "leader", "lead", "coord", "deadline")),
        # exact names are read as before
        ("TT Noi dung Co quan chu tri Co quan phoi hop Tien do",
         ("n", "title", "lead", "coord", "deadline")),
    ],
)
def test_header_names_columns_through_one_ocr_slip_a_word(header: str, order: tuple[str, ...]) -> None:
    assert tv.header_order(fold(header)) == order


def test_a_slip_in_a_two_letter_word_names_nothing() -> None:
    assert "n" not in tv.header_order(fold("Sl Nhiem vu Co quan chu tri Co quan phoi hop"))


_NAMED = ("n", "title", "lead", "coord", "deadline", "product")
_RULED = [
    "Ban hanh Ke hoach kiem tra cong tac cai cach hanh chinh",
    "2 | doi voi su phuc vu cua UBND | Phuc vu hanh | HDND va UBND | Quy III/2027 | Bao cao ket qua",
    "vu hanh chinh cong xa Viet Nam",
    "4 | doi, bo sung, thay the hoac bai | HDND va | don vi lien | 31/3/2027 | ban de nghi sua doi,",
]


def test_ruled_lines_confirm_a_header_read_on_one_line() -> None:
    assert ruled_body_order(_NAMED, _RULED, one_line=_NAMED) == _NAMED[1:]


def test_one_ruled_line_is_not_enough() -> None:
    assert ruled_body_order(_NAMED, _RULED[:2], one_line=_NAMED) is None


def test_a_wrapped_header_is_not_trusted_in_its_joined_order() -> None:
    # "Cơ quan | Cơ quan" above "chủ trì | phối hợp": joined, the qualifiers come last
    named = ("n", "title", "deadline", "product", "lead", "coord")
    assert ruled_body_order(named, _RULED, one_line=("n", "title", "deadline", "product")) is None


def test_ruled_lines_with_another_cell_count_do_not_confirm() -> None:
    lines = [line.rsplit("|", 1)[0] for line in _RULED]  # one cell short
    assert ruled_body_order(_NAMED, lines, one_line=_NAMED) is None


def test_a_header_line_naming_every_column_states_the_order() -> None:
    header = fold("TT Noi dung nhiem vu Don vi chu tri Don vi phoi hop Lanh dao UBND Thoi gian San pham/ket qua")
    named = tv.header_order(header)
    assert whole_header_order(named, one_line=named) == ("title", "lead", "coord", "leader", "deadline", "product")


def test_a_header_naming_only_some_columns_on_its_line_states_nothing() -> None:
    named = ("n", "title", "deadline", "product", "lead", "coord")
    assert whole_header_order(named, one_line=("n", "title", "deadline", "product")) is None
    assert whole_header_order(("n", "title", "lead", "coord"), one_line=("n", "title", "lead", "coord")) is None


def test_a_header_read_out_of_order_breaks_no_ties() -> None:
    from cchc_kg.graph.ingest.table_cells import column_order

    # a stacked header OCR read top line first names the product, leader and deadline
    # before the number and the task; the body lines never print a coordinating and a
    # deadline cue together, so only the usual order can place those two
    named = ("product", "leader", "deadline", "n", "title", "coord")
    lines = ["Ban hanh Ke hoach | Ke hoach | Pho Chu tich UBND | Phong Van hoa - Xa hoi",
             "Kiem tra cong vu | Bao cao | Chu tich UBND | Van phong HDND va UBND | Cac phong, ban"]
    assert column_order(lines, named=named) == ("title", "product", "leader", "lead", "coord", "deadline")
