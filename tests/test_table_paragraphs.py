"""Rows that OCR printed cell by cell, each cell a paragraph of its own."""

from __future__ import annotations

from cchc_kg.graph.ingest.table_paragraphs import paragraph_cells

ORDER = ("title", "lead", "coord", "deadline", "product")


def _cells(numbers: list[int], texts: list[str]) -> dict[str, str] | None:
    lines = paragraph_cells(numbers, texts, ORDER)
    if lines is None:
        return None
    out: dict[str, list[str]] = {}
    for line in lines:
        for kind, tok in line:
            out.setdefault(kind, []).append(tok)
    return {k: " ".join(v) for k, v in out.items()}


def test_each_block_takes_the_next_column() -> None:
    texts = ["3 Tuyen truyen ve cai cach hanh chinh tren Trang thong", "tin dien tu xa va he thong truyen thanh",
             "Trung tam Dich vu", "tong hop",
             "Uy ban MTTQ", "Viet Nam xa; cac", "thon, buon",
             "Thuong xuyen",
             "Tin, bai, chuyen muc", "tuyen truyen"]
    numbers = [10, 11, 13, 14, 16, 17, 18, 20, 22, 23]
    assert _cells(numbers, texts) == {
        "title": "3 Tuyen truyen ve cai cach hanh chinh tren Trang thong tin dien tu xa va he thong truyen thanh",
        "lead": "Trung tam Dich vu tong hop",
        "coord": "Uy ban MTTQ Viet Nam xa; cac thon, buon",
        "deadline": "Thuong xuyen",
        "product": "Tin, bai, chuyen muc tuyen truyen",
    }


def test_an_empty_column_is_skipped_where_the_blocks_say_so() -> None:
    texts = ["5 Ra soat, sap xep cac don vi su nghiep cong lap", "Phong Van hoa -", "Xa hoi",
             "2026-", "2030", "Bao cao"]
    numbers = [1, 3, 4, 6, 7, 9]
    cells = _cells(numbers, texts)
    assert cells is not None
    assert cells["lead"] == "Phong Van hoa - Xa hoi"
    assert cells["deadline"] == "2026- 2030"
    assert cells["product"] == "Bao cao"
    assert "coord" not in cells


def test_wording_parted_by_page_breaks_is_no_row_of_blocks() -> None:
    texts = ["34 Trien khai do luong su hai long cua nguoi dan", "cau, mong muon cua nguoi dan",
             "xa", "thi chinh sach"]
    assert _cells([1, 3, 5, 7], texts) is None


def test_a_row_read_line_by_line_is_left_alone() -> None:
    texts = ["1 | Ban hanh Ke hoach | Van phong | Cac phong | Thang 01/2027 | Ke hoach", "cong tac CCHC nam 2027"]
    assert _cells([1, 2], texts) is None
