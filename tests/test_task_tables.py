"""Tasks from appendix task tables: OCR fixtures in the seeds' style in, task facts out.

The fixtures under tests/data/task_tables/ are written for these tests (not copied from a
seed): a ward appendix with a leader column, a row whose number OCR lost, a stray page
number and a repeated header splitting a row across a page break; and a commune task list
whose numbering restarts in each group and whose numbered task has sub-items.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.task_tables import (
    clean_title,
    conditional_cell,
    extract_table_tasks,
    row_month,
    rule_spaced,
    split_units,
)
from cchc_kg.graph.ingest.text import SourceText
from rapidfuzz import fuzz

DATA = Path(__file__).parent / "data" / "task_tables"


def _tasks(name: str, *, period: str = "2027"):
    text = (DATA / name).read_text(encoding="utf-8")
    src = SourceText.from_text(text, source=name)
    return extract_table_tasks(src, document=DocumentRecord(source=name, period=period), outline=Outline())


@pytest.fixture(scope="module")
def ward():
    return _tasks("ward_appendix_ocr.txt")


@pytest.fixture(scope="module")
def commune():
    return _tasks("commune_list_ocr.txt")


def test_ward_rows_numbers_and_lines(ward) -> None:
    # the lone "7" before the repeated header is a page number, not a row
    assert [t.n for t in ward] == ["1", "2", "3", "4", "5"]
    assert [t.line for t in ward] == [15, 18, 21, 25, 30]
    assert all(t.kind == "table" for t in ward)
    assert all(t.end_line is not None and t.end_line >= t.line for t in ward)


def test_ward_areas_come_from_group_rows(ward) -> None:
    assert [t.area for t in ward] == ["direction"] * 3 + ["institutional"] * 2
    assert fold(ward[0].group or "") == "cong tac chi dao dieu hanh"


@pytest.mark.parametrize(
    ("index", "lead", "coordinating", "deadline"),
    [
        (0, "phong van hoa - xa hoi", ("cac phong, ban, don vi lien quan",), "2027-03"),
        (1, "van phong hdnd va ubnd", ("cac phong, ban, don vi lien quan",), "periodic"),
        (2, "phong van hoa - xa hoi", ("cac phong, ban, don vi lien quan",), "2027-11"),
        (3, "van phong hdnd va ubnd", ("phong kinh te", "cong an xa"), "2027-Q2"),
        (4, "van phong hdnd va ubnd", ("cac phong, ban, don vi lien quan",), "recurring"),
    ],
)
def test_ward_cells(ward, index: int, lead: str, coordinating: tuple[str, ...], deadline: str) -> None:
    task = ward[index]
    assert fold(task.lead or "") == lead
    assert tuple(fold(c) for c in task.coordinating) == coordinating
    assert task.deadline == deadline
    assert task.deadline_text  # the wording is kept


def test_ward_leader_and_product(ward) -> None:
    assert fold(ward[0].lead_official or "") == "pho chu tich ubnd xa phu trach theo linh vuc"
    assert fold(ward[1].lead_official or "") == "chu tich ubnd xa"
    assert [fold(t.product or "") for t in ward] == ["ke hoach", "hoi nghi", "bao cao", "bao cao", "ke hoach"]


def test_ward_titles(ward) -> None:
    first = fold(ward[0].clean_title or "")
    assert first == "ban hanh ke hoach kiem tra cong tac cchc nam 2027 tren dia ban xa"
    # a row split by a page break is joined
    last = fold(ward[4].clean_title or "")
    assert last == "tuyen truyen, phd bien phap luat cho can bo, cong chirc va nhan dan tren dia ban xa"
    assert "quy ii/2027" in fold(ward[3].deadline_text or "")


def test_commune_numbering_restarts_and_sub_items(commune) -> None:
    # the numbered heading "2 Rà soát ..." has no cells of its own: only its sub-items are tasks
    assert [t.n for t in commune] == ["1", "2.1", "2.2", "1"]
    assert [t.area for t in commune] == ["procedures"] * 3 + ["public_finance"]
    assert commune[0].deadline == "2027/2030"
    assert commune[3].deadline == "periodic"
    assert fold(commune[3].lead or "") == "phong kinh te"
    assert [fold(c) for c in commune[0].coordinating] == ["cac co quan, don vi"]
    # OCR damage inside words stays (the original wording is kept, not guessed)
    assert fold(commune[1].clean_title or "").startswith("ra soat cec thu tuc hanh chinh ndi bo")


def test_deterministic() -> None:
    assert _tasks("ward_appendix_ocr.txt") == _tasks("ward_appendix_ocr.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các phòng, ban, đơn vị liên quan", ("Các phòng, ban, đơn vị liên quan",)),
        ("Các sở, ban, ngành, UBND cấp huyện", ("Các sở, ban, ngành", "UBND cấp huyện")),
        ("Sở Nội vụ; Văn phòng UBND Thành phố", ("Sở Nội vụ", "Văn phòng UBND Thành phố")),
        ("Sở Tư pháp, Sở Tài chính", ("Sở Tư pháp", "Sở Tài chính")),
        ("Sở Lao động, Thương binh và Xã hội", ("Sở Lao động, Thương binh và Xã hội",)),
        ("Cac co quan, don vi, dia phuong", ("Cac co quan, don vi, dia phuong",)),
        ("", ()),
    ],
)
def test_split_units(text: str, expected: tuple[str, ...]) -> None:
    assert split_units(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ban hanh Ké hoach  kiém tra , cong vu", "Ban hanh Ké hoach kiém tra, cong vu"),
        ("i) Huong dan ) thuc hien ~ quy trinh", "Huong dan thuc hien quy trinh"),
        ("- Tang cuong thong tin", "Tang cuong thong tin"),
        ("Xay dung ;; ke hoach", "Xay dung; ke hoach"),
    ],
)
def test_clean_title(raw: str, expected: str) -> None:
    assert clean_title(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "Kế hoạch cải cách hành chính năm 2026.\nKhông có phụ lục.", "\x00\x01 ||| 12 3 |", "TT Nhiệm vụ"],
)
def test_no_table_no_tasks(text: str) -> None:
    src = SourceText.from_text(text, source="x.txt")
    assert extract_table_tasks(src, document=DocumentRecord(source="x.txt"), outline=Outline()) == []


# --- the seeds: regression guards measured with bench/eval_tasks.py ---------------------


def _seed_tasks(seeds_dir: Path, name: str):
    src = SourceText.from_text((seeds_dir / name).read_text(encoding="utf-8"), source=name)
    return extract_table_tasks(src, document=DocumentRecord(source=name), outline=Outline())


def test_ward_seed_against_dev_gold(seeds_dir: Path, gold_dir: Path) -> None:
    source = "000_d447d9ceaf123079.txt"
    tasks = _seed_tasks(seeds_dir, source)
    manual = json.loads((Path(__file__).parent / "data" / "tasks_manual_000.json").read_text())
    gold = json.loads((gold_dir / "tasks.json").read_text())[source] + manual[source]
    assert len(tasks) == len(gold) == 43
    by_n = {t.n: t for t in tasks}
    found = [g for g in gold if g["n"] in by_n and fuzz.token_set_ratio(
        fold(g["title"]), fold(by_n[g["n"]].clean_title or "")) >= 60]
    assert len(found) >= 38  # measured 41 of 43
    assert sum(by_n[g["n"]].area == g["group"] for g in found) == len(found)
    assert sum(by_n[g["n"]].deadline == g["deadline"] for g in found) >= 28  # measured 33


def test_all_seeds_in_seconds(seeds_dir: Path) -> None:
    started = time.perf_counter()
    counts = {p.name: len(_seed_tasks(seeds_dir, p.name)) for p in sorted(seeds_dir.glob("*.txt"))}
    assert time.perf_counter() - started < 15
    assert counts["001_56f9d8290ca64f89.txt"] == 0  # no task table in the clean city plan
    assert counts["003_50b9a1e5b0ae6e07.txt"] >= 65  # 73 rows printed
    assert counts["004_bd54f3207198ef7a.txt"] >= 30


@pytest.fixture(scope="module")
def centred():
    text = (DATA / "centred_cells_ocr.txt").read_text(encoding="utf-8")
    src = SourceText.from_text(text, source="centred_cells_ocr.txt")
    doc = DocumentRecord(source="centred_cells_ocr.txt", period="2027", admin_unit_type="phuong")
    return extract_table_tasks(src, document=doc, outline=Outline())


def test_centred_cells_rows_without_numbers(centred) -> None:
    # no row number survived; a wording line opening with an acronym ("CCHC ...") does not
    # start a row, and a speck line ending in "," does not carry the wording on
    assert [t.n for t in centred] == ["1", "2", "3", "4", "5"]
    assert fold(centred[2].clean_title).startswith("t6 chtrc hoi nghi so ket")


@pytest.mark.parametrize(
    ("index", "first_line", "leader_start", "deadline"),
    [
        # "Ph6 Chu tich" above row 2's wording opens row 2's leader cell, not row 1's
        (0, 11, "chu tich ubnd", "2027-04"),
        (1, 14, "ph6 chu tich", "2027-06"),
        # a line opening a leader and a deadline cell above row 4 belongs to row 4
        (2, 19, None, "periodic"),
        (3, 23, "pho chu tich", "conditional"),
    ],
)
def test_centred_cell_openings_belong_to_the_next_row(centred, index, first_line, leader_start, deadline) -> None:
    task = centred[index]
    assert task.line == first_line
    if leader_start is None:
        assert task.lead_official is None or "pho chu tich" not in fold(task.lead_official)
    else:
        assert fold(task.lead_official or "").startswith(leader_start)
    assert task.deadline == deadline
    if index == 3:
        assert fold(task.deadline_text or "").startswith("ngay sau cong bd ket")


# A date closes the deadline cell on its line: what follows it is the next column's cell.
_ORDER_PRODUCT_LAST = ("title", "lead", "coord", "deadline", "product")
_ORDER_UNITS_AFTER = ("title", "deadline", "lead", "coord", "product")


@pytest.mark.parametrize(
    ("line", "order", "kind", "expected"),
    [
        ("Rà soát quy chế làm việc | Văn phòng |Các phòng, ban,| 2027- Báo cáo (theo hướng dẫn của Sở",
         _ORDER_PRODUCT_LAST, "product", "Báo cáo (theo hướng dẫn của Sở"),
        ("Ra soat quy che lam viec Van phong |Cac phong, ban,| 2027- Bao cao (theo huong dan cua So",
         _ORDER_PRODUCT_LAST, "deadline", "2027-"),
        ("Kiem tra cong vu Phong Noi vu Cac co quan, | 2025- 2029 Ke hoach, Bao cao",
         _ORDER_PRODUCT_LAST, "deadline", "2025- 2029"),
        ("Tổ chức hội nghị đánh giá | Tháng 9/2025 Phòng Nội vụ | Các phòng, ban",
         _ORDER_UNITS_AFTER, "deadline", "Tháng 9/2025"),
        # a period word closes the cell like a date: the product follows on the line
        ("Cap nhat trang thong tin dien tu Phong Noi vu Cac phong, ban Thuong xuyen Bai viet",
         _ORDER_PRODUCT_LAST, "product", "Bai viet"),
        ("Tong hop y kien cu tri Phong Noi vu Cac phong, ban Hang quy So lieu tong hop",
         _ORDER_PRODUCT_LAST, "deadline", "Hang quy"),
        # ... unless what follows names the deadline further
        ("Danh gia cong tac CCHC Phong Noi vu Cac phong, ban Hang nam truoc ngay 15/12",
         _ORDER_PRODUCT_LAST, "deadline", "Hang nam truoc ngay 15/12"),
        # a deadline with no date stays whole
        ("Trien khai kiem tra | Phong Noi vu | Cac co quan, don vi | Theo ke hoach cua UBND",
         _ORDER_PRODUCT_LAST, "deadline", "Theo ke hoach cua UBND"),
    ],
)
def test_date_closes_the_deadline_cell(line: str, order: tuple[str, ...], kind: str, expected: str) -> None:
    from cchc_kg.graph.ingest.table_cells import split_line

    cells = dict(split_line(line, order))
    assert cells.get(kind, "").strip(" |") == expected


@pytest.mark.parametrize(
    ("value", "lines", "expected"),
    [
        # "Tháng" wrapped over "02/2025", the month read under another column
        (None, ["Ban hanh Ke hoach Thang Cac so, ban,", "chinh nam 2025 02/2025 So Noi vu"], "2025-02"),
        ("2025", ["Ra soat van ban do Théng So Tu phap", "HDND, UBND tinh ban hanh 12/2025 nganh"], "2025-12"),
        (None, ["Hoan thanh phuong an Thang . Noi vu", "chinh nha nuoc theo Quyet dinh 62024 | nganh"], "2024-06"),
        # no "Tháng" word: a month/year in the wording is not taken for the deadline
        (None, ["Trien khai Ke hoach so 12/2025 cua UBND", "tinh"], None),
        # a day/month/year date and a document number are not a month
        (None, ["Thang theo Nghi dinh ngay 14/9/2020", "so 107/2020/ND-CP"], None),
        # two different months: no guess
        (None, ["Thang 3/2026 Thang", "6/2026"], None),
        # a cell already read stays as read; a bare year of another year is not refined
        ("periodic", ["Hang nam Thang 6/2026"], "periodic"),
        ("2027", ["Thang", "6/2026"], "2027"),
    ],
)
def test_row_month(value, lines, expected) -> None:
    assert row_month(value, lines=lines) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tieu chuan quoc|Phong Van hoa -|Cac co quan,", "Tieu chuan quoc | Phong Van hoa - | Cac co quan,"),
        ("cai cach hanh{Phong Van hoa -", "cai cach hanh | Phong Van hoa -"),
        ("| nganh, UBND|  khai", "| nganh, UBND | khai"),
        ("[Ra soat, don gian hoa", "[Ra soat, don gian hoa"),  # an opening bracket is not a rule
        ("Ra soat van ban", "Ra soat van ban"),
    ],
)
def test_rule_spaced(line: str, expected: str) -> None:
    assert rule_spaced(line) == expected


_RESTART = """DANH MUC NHIEM VU CAI CACH HANH CHINH NAM 2026
Thoi gian
TT Noi dung cong viéc Co quan chu tri Co quan phéi hop thuc hién San pham
I |CAI CACH THE CHE
1 Ra soat van ban quy pham phap luat cua xa |Van phong |Cac co quan,| 2026-2030 | Bao cao
2 Theo doi thi hanh phap luat trén dia ban xa |Cong an xa |Cac co quan,| Hang nam | Bao cao
II |CAI CACH THU TUC HANH CHINH
1 Cong khai thu tuc hanh chinh tai Bo phan mot cua |Van phong |Cac co quan,| Thuong xuyén | Danh muc
CAI CACH CHE DO CONG VU
Danh gia, xép loai can bd, cong chirc hang nam |Van phong |Cac co quan,| Hang nam | Bao cao
Boi duong kién thirc cai cach hanh chinh cho cong chirc |Van phong |Cac co quan,| 2026-2030 | Bao cao
"""


def test_lost_numbers_count_from_the_group_when_numbering_restarts() -> None:
    src = SourceText.from_text(_RESTART, source="restart.txt")
    tasks = extract_table_tasks(src, document=DocumentRecord(source="restart.txt", period="2026"), outline=Outline())
    assert [(t.n, t.area) for t in tasks] == [
        ("1", "institutional"), ("2", "institutional"), ("1", "procedures"),
        ("1", "civil_service"), ("2", "civil_service"),
    ]


@pytest.mark.parametrize(
    ("value", "cell", "expected"),
    [
        ("2026", "Theo Ké hoach cua Thanh pho nam 2026", "conditional"),  # a year ran into the cell
        ("2026/2030", "Theo Ké cua Thanh pho 2026 - 2030", "conditional"),  # "hoạch" lost
        (None, "Theo dao cua. ox 1o an", "conditional"),  # "chỉ" lost
        (None, "dinh ky) - Theo chi dao ciia Trung vong, Thanh", "conditional"),  # opens a part
        ("2026-02", "Theo Ké hoach cua Thanh pho (du kién thang 2/2026)", "2026-02"),  # month kept
        ("2026/2030", "2026- 2030 Bao cao (theo chi dao, huong dan cua thanh pho)", "2026/2030"),
        ("2026", "theo quy dinh tai Nghi dinh 2026", "2026"),  # wording citing a text
        ("periodic", "Hang nam theo huong dan cua So", "periodic"),
        (None, "", None),
    ],
)
def test_conditional_cell(value, cell, expected) -> None:
    assert conditional_cell(value, cell=cell) == expected


def test_row_month_ignores_a_misread_year() -> None:
    lines = ["Thuc hien ke hoach kiem tra Théng CCHC", "Pé an 06 122004 va DA 06"]
    assert row_month(None, lines=lines, plan_year=2024) is None  # "122004": 12/2004, OCR for 2024
    assert row_month(None, lines=lines) == "2004-12"  # no plan year to judge it by


@pytest.fixture(scope="module")
def numbered_centred():
    name = "numbered_centred_ocr.txt"
    src = SourceText.from_text((DATA / name).read_text(encoding="utf-8"), source=name)
    doc = DocumentRecord(source=name, period="2026", admin_unit_type="tinh")
    return extract_table_tasks(src, document=doc, outline=Outline())


@pytest.mark.parametrize(
    ("index", "first_line", "end_line"),
    [
        # "Cac So: Noi / vu, Tu phap, / Tai chinh; Van" opens row 2's lead cell two lines below
        # row 1's number: it is centred on row 2's number, not row 1's
        (0, 10, 12),
        (1, 13, 17),
        # "Sau khi" opens row 4's deadline cell below row 3's number (row 3 has its deadline)
        (2, 18, 20),
        (3, 21, 24),
    ],
)
def test_cells_opened_below_a_row_number_belong_to_the_next_row(numbered_centred, index, first_line, end_line) -> None:
    task = numbered_centred[index]
    assert (task.line, task.end_line) == (first_line, end_line)


def test_cells_opened_below_a_row_number_are_read_with_their_row(numbered_centred) -> None:
    first, second, third, fourth = numbered_centred[:4]
    assert fold(first.lead or "") == "s& noi vu"
    assert "tu phap" not in fold(first.title) and "tu phap" not in fold(first.lead or "")
    assert fold(second.lead or "").endswith("noi vu")
    assert third.deadline == "2026-Q2"
    assert fourth.deadline == "conditional" and fold(fourth.deadline_text or "") == "sau khi"


def test_unit_lists_wrapped_inside_a_cell(numbered_centred) -> None:
    # "Cac s&, ban, | ngành, UBND | cap huyén": the second unit's first word ends a line
    assert [fold(u) for u in numbered_centred[0].coordinating] == ["cac s&, ban, nganh", "ubnd cap huyen"]
    # "Cac s0, ban," over "... 11/2026 nganh ra soat": the list's last word among task words
    assert [fold(u) for u in numbered_centred[4].coordinating] == ["cac s0, ban, nganh"]


def test_a_row_the_cell_rules_fail_on_is_skipped_not_fatal(monkeypatch, caplog) -> None:
    """One unreadable row loses that row only: the table's other rows are still read."""
    from cchc_kg.graph.ingest import task_tables

    real = task_tables._task
    everything = _tasks("commune_list_ocr.txt")
    broken = everything[1].line

    def flaky(src, row, **kwargs):
        if row.lines[0] == broken:
            raise IndexError("tuple index out of range")
        return real(src, row, **kwargs)

    monkeypatch.setattr(task_tables, "_task", flaky)
    with caplog.at_level("WARNING"):
        survived = _tasks("commune_list_ocr.txt")
    assert [t.line for t in survived] == [t.line for t in everything if t.line != broken]
    assert "skipped (IndexError" in caplog.text


def test_next_column_after_the_last_column() -> None:
    from cchc_kg.graph.ingest.table_relabel import _next_column

    order = ("title", "deadline", "lead", "coord")
    assert _next_column("coord", 1, [], frozenset({"lead", "coord"}), order, {}) == "coord"
