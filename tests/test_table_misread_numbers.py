"""Row numbers OCR misread: one digit wrong ("79" for 29), or 5 read as S ("S1." for 51)."""

from __future__ import annotations

from cchc_kg.graph.ingest.table_rows import RawRow, find_task_tables, table_rows
from cchc_kg.graph.ingest.text import SourceText


def _row(n: str, wording: str = "Trien khai nhiem vu cai cach hanh chinh") -> str:
    return f"{n} | {wording} | Quy IV/2024 | So Noi vu | Cac co quan | Bao cao\n"


TABLE = (
    "PHU LUC\nTT Nhiem vu Tien do Co quan chu tri Co quan phoi hop Ket qua/san pham\n"
    "I | CAI CACH HANH CHINH\n"
    + "".join(_row(str(k)) for k in range(1, 29))
    + "79 Danh gia trien khai thi diem cap phieu ly lich tu phap | Quy IV/2024 | So Tu phap | Cac co quan | Bao cao\n"
    + "".join(_row(str(k)) for k in range(30, 51))
    + "S1. Thuc hien quy trinh ra soat ho ngheo | Hang nam | So Lao dong | UBND cap xa | Danh sach ho ngheo\n"
    + "57 Kip thoi cong khai khung gia dat hang nam | Hang nam | So Tai nguyen | UBND cap huyen | Quyet dinh\n"
    + _row("53.")
    + "S6 hoa ho so, ket qua giai quyet TTHC | Nam 2024 | Van phong UBND | Cac so, nganh | Ho so so hoa\n"
)


def _numbers() -> list[str]:
    src = SourceText.from_text(TABLE, source="misread.txt")
    return [it.n for span in find_task_tables(src) for it in table_rows(src, span) if isinstance(it, RawRow)]


def test_a_misread_number_between_its_neighbours_is_read_as_theirs() -> None:
    numbers = _numbers()
    assert numbers[27:30] == ["28", "29", "30"]


def test_five_read_as_s_before_the_dot_is_a_row_number_and_so_is_the_next_misread() -> None:
    numbers = _numbers()
    assert numbers[50:53] == ["51", "52", "53"]


def test_so_hoa_is_no_row_number() -> None:
    # "S6 hoa" is "Số hóa" with its accents lost: the wording of a row whose number OCR lost
    assert _numbers()[-1] == "54"
