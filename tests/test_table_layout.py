"""Column labels from the page layout (table_layout) and the cells read from it.

Real-world shapes: OCR that kept each line's horizontal positions (cells padded with runs
of spaces, a unit name wrapped onto the next lines of its cell at the same position), fully
ruled lines, and single-spaced OCR where the layout must say nothing. The fixture
``tests/data/task_tables/aligned_columns_ocr.txt`` is invented wording (another city, other
columns' widths and header words) in a position-kept OCR style; the blind province table
(``blind/``) is pinned as a tuning fixture.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.table_layout import (
    Grid,
    layout_line,
    ruled_header,
    table_grid,
    with_header,
)
from cchc_kg.graph.ingest.table_leads import placed_units, repair_heads, split_leads
from cchc_kg.graph.ingest.task_tables import extract_table_tasks
from cchc_kg.graph.ingest.text import SourceText
from rapidfuzz import fuzz

DATA = Path(__file__).parent / "data" / "task_tables"
ORDER = ("title", "lead", "coord", "deadline", "product")


def _labels(line: str, order: tuple[str, ...] = ORDER, grid: Grid | None = None,
            ruled: tuple[str, ...] | None = ORDER, first: bool = True) -> tuple[list[str], bool]:
    words = line.replace("|", " | ").split()
    if words and words[0].isdigit():
        words = words[1:]  # the row number, which the word labelling cuts off too
    labelled = [("title", t) for t in words]
    out, placed = layout_line(labelled, line, order=order, grid=grid, ruled=ruled, first=first)
    return [k for k, t in out if t != "|"], placed


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # one cell per column between rules: column order, whatever the words look like
        ("Đưa tin về CCHC | Báo Thủ Đô; | Sở Văn hóa | Quý II/2027 | Tin, bài",
         ["title"] * 4 + ["lead"] * 3 + ["coord"] * 3 + ["deadline"] * 2 + ["product"] * 2),
        ("| Ra soat TTHC | S0 Noi vu | | Thang 3/2027 | Bao cao",  # an empty coordinating cell
         ["title"] * 3 + ["lead"] * 3 + ["deadline"] * 2 + ["product"] * 2),
    ],
)
def test_fully_ruled_line_is_its_cells_in_column_order(line: str, expected: list[str]) -> None:
    labels, placed = _labels(line)
    assert placed and labels == expected


def test_ruled_line_needs_a_ruled_header_and_the_row_start() -> None:
    line = "Đưa tin về CCHC | Báo Thủ Đô; | Sở Văn hóa | Quý II/2027 | Tin, bài"
    assert _labels(line, ruled=None) == (["title"] * 14, False)  # no ruled header: words decide
    # a later line of a row: wrapped cell text where OCR doubles rules
    assert _labels("giáo dục || Văn bản | Trung tâm Phục vụ | Văn phòng", first=False) == (["title"] * 10, False)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["STT | Nhiệm vụ | Sản phẩm | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"],
         ("title", "product", "lead", "coord", "deadline")),
        # OCR: no diacritics, a garbled cell ("phdi hop") is the one type left
        (["TT | Nhiem vu | Co quan chu tri | Co quan phdi hop | Thoi gian hoan thanh | San pham"],
         ("title", "lead", "coord", "deadline", "product")),
        (["| Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn | Kết quả |"],
         ("title", "lead", "coord", "deadline", "product")),
        # not ruled, two garbled cells, or another table's columns: no order from the header
        (["TT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian Sản phẩm"], None),
        (["TT | Nhiem vu | Co quan | Co quan | Thoi gian hoan thanh | San pham"], None),
        (["STT | Tiêu chí | Điểm tối đa | Điểm tự chấm"], None),
    ],
)
def test_ruled_header_states_the_column_order(header: list[str], expected: tuple[str, ...] | None) -> None:
    kinds = ("title", "lead", "coord", "deadline", "product")
    assert ruled_header(header, kinds) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Đưa tin về CCHC | Báo Thủ Đô; | Sở Văn hóa - Xã hội",  # a rule short: partial, not placed
        "Cac s&, ban, | K& hoach cua UBND",
        "Ban hanh Ké hoach kiém tra cong tac cai cach hanh Thang Cac s&, ban,",
    ],
)
def test_other_lines_keep_their_word_labels(line: str) -> None:
    labels, placed = _labels(line)
    assert not placed and set(labels) == {"title"}


# A position-kept table: lead at 40, coordinating at 58, deadline at 76, product at 90,
# OCR jitter of a character or two, one line per fact.
KEPT = [
    "1   Tổ chức tập huấn nghiệp vụ kiểm soát  Sở Tư pháp        Các sở, ban,      Quý I/2027    Kế hoạch",
    "thủ tục hành chính cho cán bộ            Sở Nội vụ         ngành             Tháng 4/2027  Báo cáo",
    "                                          tỉnh              UBND các xã",
    "2   Rà soát quy trình nội bộ của các đơn vị, Sở Y tế       Bảo hiểm xã hội   Năm 2027      Quy trình",
    "                                                            tỉnh;",
]


def _at(*cells: tuple[int, str]) -> str:
    """A position-kept line with each text at its position."""
    line = ""
    for x, text in cells:
        line = line.ljust(x) + text
    return line


def test_grid_from_positions_with_jitter() -> None:
    grid = table_grid(KEPT, ORDER)
    assert grid is not None
    assert grid.kinds == ORDER[1:]
    assert [abs(s - x) <= 2 for s, x in zip(grid.starts, (40, 58, 76, 90))] == [True] * 4


def test_wrapped_unit_and_single_spaced_run_by_position() -> None:
    grid = table_grid(KEPT, ORDER)
    # "tỉnh" alone under the lead cell; "tỉnh;" alone under the coordinating cell
    assert _labels(KEPT[2], grid=grid) == (["lead", "coord", "coord", "coord"], True)
    assert _labels(KEPT[4], grid=grid) == (["coord"], True)
    # the wording runs into the lead column with one space: "Sở Y tế" is the lead cell
    labels, _ = _labels(KEPT[3], grid=grid)
    assert labels[:10] == ["title"] * 10 and labels[10:13] == ["lead"] * 3


def test_wording_alone_on_a_line_is_placed_as_wording() -> None:
    grid = table_grid(KEPT, ORDER)
    assert _labels("chính nhà nước", grid=grid) == (["title"] * 3, True)


def test_single_spaced_lines_give_no_grid() -> None:
    single = [" ".join(line.split()) for line in KEPT]
    assert table_grid(single, ORDER) is None
    assert _labels(single[2], grid=None) == (["title"] * 4, False)


def test_too_many_columns_give_no_grid() -> None:
    assert table_grid(KEPT, ("title", "lead", "coord", "deadline", "product", "leader")) is None


@pytest.mark.parametrize(
    ("header", "kinds"),
    [
        # the words' order said lead/coordinating the other way round: the header decides
        (["TT  Nội dung                            Đơn vị chủ trì    Đơn vị phối hợp   Thời hạn      Sản phẩm"],
         ("lead", "coord", "deadline", "product")),
        # a garbled header cell ("phdi hop") is the one type left
        (["TT  Noi dung                            Don vi chu tri    Don vi phdi hop   Thoi han      San pham"],
         ("lead", "coord", "deadline", "product")),
        # a header over two lines, cells centred in their columns
        ([_at((0, "TT"), (12, "Nhiệm vụ"), (44, "Cơ quan"), (62, "Cơ quan"), (78, "Thời gian"), (93, "Kết quả")),
          _at((44, "chủ trì"), (61, "phối hợp"), (78, "hoàn thành"))],
         ("lead", "coord", "deadline", "product")),
    ],
)
def test_header_names_the_grid_columns(header: list[str], kinds: tuple[str, ...]) -> None:
    wrong = ("title", "coord", "lead", "deadline", "product")
    grid = table_grid(KEPT, wrong)
    assert grid is not None and grid.kinds == wrong[1:]
    assert with_header(grid, header, wrong).kinds == kinds


def test_unreadable_header_keeps_the_grid() -> None:
    grid = table_grid(KEPT, ORDER)
    assert with_header(grid, ["TT | Nhiem vu | Co quan | Co quan | Thoi gian | San pham"], ORDER) == grid


@pytest.mark.parametrize(
    ("text", "lead", "expected"),
    [
        ("Van phong UBND tinh; S¢ Tu phap", True, ("Van phong UBND tinh", "Sở Tu phap")),
        ("Cac S¢: Noi vu, Tu phap, Tai chinh", True, ("Sở Noi vu", "Sở Tu phap", "Sở Tai chinh")),
        ("S0 Noi vu; S& Y te", True, ("Sở Noi vu", "Sở Y te")),
        ("Kho bac Nha nudc khu vuc; cac ngan hang thuong mai", False,
         ("Kho bac Nha nudc khu vuc", "cac ngan hang thuong mai")),
        ("Cac s¢, ban, nganh; UBND cac xa, phuong", False, ("Cac sở, ban, nganh", "UBND cac xa, phuong")),
        ("Cac co quan, don vi lién quan", False, ("Cac co quan, don vi lién quan",)),
        # a part that reads as no unit: nothing (the snapped values stand)
        ("Sở Nội vụ; hướng dẫn", True, ()),
        ("", True, ()),
    ],
)
def test_placed_units(text: str, lead: bool, expected: tuple[str, ...]) -> None:
    assert placed_units(repair_heads(text), lead=lead) == expected


def test_head_repair_leaves_words_alone() -> None:
    assert repair_heads("Số hóa hồ sơ So sánh S0 Nội vụ") == "Số hóa hồ sơ So sánh Sở Nội vụ"


@pytest.fixture(scope="module")
def aligned():
    name = "aligned_columns_ocr.txt"
    src = SourceText.from_text((DATA / name).read_text(encoding="utf-8"), source=name)
    doc = DocumentRecord(source=name, period="2027", admin_unit_type="thanh_pho")
    return extract_table_tasks(src, document=doc, outline=Outline())


def _f(values) -> list[str]:
    return [fold(v) for v in values]


def test_aligned_fixture_rows(aligned) -> None:
    assert [t.n for t in aligned] == ["1", "2", "3", "4"]
    assert [t.area for t in aligned] == ["direction", "direction", "procedures", "procedures"]
    assert [t.deadline for t in aligned] == ["2027-02", "periodic", "2027-Q2", "2027"]


def test_coordinating_list_wraps_over_lines(aligned) -> None:
    # "Van phong HDND va" / "UBND thanh pho;" / "Thanh tra thanh" / "pho" under one column
    t = aligned[0]
    assert fold(t.lead or "") == "phong noi vu" and t.co_leads == ()
    assert _f(t.coordinating) == ["van phong hdnd va ubnd thanh pho", "thanh tra thanh pho"]
    assert fold(t.product or "") == "ke hoach"


def test_ruled_first_line_and_wrapped_second_lead(aligned) -> None:
    # "| Bao Bién Cuong; |" then "Dai Truyén thanh" / "thanh pho" under the lead cell
    t = aligned[1]
    assert _f((t.lead or "", *t.co_leads)) == ["bao bien cuong", "dai truyen thanh thanh pho"]
    assert _f(t.coordinating) == ["phong van hoa - xa hdi"]


def test_list_head_over_two_lines_and_wording_naming_units(aligned) -> None:
    # "Cac S¢: Xay dung," / "Giao thong van tai"; the wording's "cac phong, ban va UBND cac
    # phudng" is no coordinating unit
    t = aligned[2]
    assert _f((t.lead or "", *t.co_leads)) == ["so xay dung", "so giao thong van tai"]
    assert _f(t.coordinating) == ["cac phong, ban, don vi lien quan"]
    assert "ubnd cac phudng" in fold(t.clean_title or "")


def test_wording_run_into_lead_column(aligned) -> None:
    # "... can bo, S0 Tai chinh" with one space, jitter of one character on the row
    t = aligned[3]
    assert fold(t.lead or "") == "so tai chinh"
    assert [_same(a, b) for a, b in zip(t.coordinating, ["Trung tâm Phục vụ hành chính công", "Công an thành phố"])] \
        == [True, True] and len(t.coordinating) == 2
    assert fold(t.clean_title or "").endswith("can bo, cong chirc")
    assert fold(t.product or "") == "phan mem duoc cai dat"


def _same(a: str, b: str) -> bool:
    return fuzz.ratio(fold(a), fold(b)) >= 80


def test_blind_province_table_pinned() -> None:
    folder = DATA / "blind"
    name = "province_multilead_ocr.txt"
    gold = json.loads((folder / "expected.json").read_text(encoding="utf-8"))[name]
    src = SourceText.from_text((folder / name).read_text(encoding="utf-8"), source=name)
    doc = DocumentRecord(source=name, period="2026", admin_unit_type="tinh")
    got = {t.n: t for t in extract_table_tasks(src, document=doc, outline=Outline())}
    assert sorted(got, key=int) == [g["n"] for g in gold]
    for g in gold:
        t = got[g["n"]]
        want = split_leads(g["lead"])
        have = (t.lead or "", *t.co_leads)
        assert len(want) == len(have) and all(_same(a, b) for a, b in zip(want, have)), g["n"]
        assert len(g["coordinating"]) == len(t.coordinating), g["n"]
        assert all(_same(a, b) for a, b in zip(g["coordinating"], t.coordinating)), g["n"]
        assert t.deadline == g["deadline"], g["n"]
