"""Sub-item numbering and centred row numbers in task tables (``table_rows``).

Convention encoded: a numbered task may list sub-items numbered "N.k" (task N's k-th) or
lettered "a)", "b)"; each sub-item is a row with its own cells, numbered as printed, and a
numbered heading without cells of its own is no task. Row numbers and labels sit on the
row's middle line when cells are centred, so the lines above them open the row.
"""

from __future__ import annotations

from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import outline
from cchc_kg.graph.ingest.table_rows import RawRow, _last_word, find_task_tables, table_rows
from cchc_kg.graph.ingest.task_tables import extract_table_tasks
from cchc_kg.graph.ingest.text import SourceText

HEADER = [
    "                                                 Co quan          Co quan          Thoi gian",
    "STT          Noi dung nhiem vu                   chu tri          phoi hop         thuc hien     San pham",
    " 1                   2                              3                 4                5             6",
]


def _rows(body: list[str]) -> list[RawRow]:
    src = SourceText.from_text("\n".join(["DANH MUC", "", *HEADER, *body]) + "\n", source="t.txt")
    span = find_task_tables(src)[0]
    return [r for r in table_rows(src, span) if isinstance(r, RawRow)]


def _tasks(body: list[str]):
    src = SourceText.from_text("\n".join(["DANH MUC", "", *HEADER, *body]) + "\n", source="t.txt")
    return extract_table_tasks(src, document=DocumentRecord(source="t.txt"), outline=outline(src))


NUMBERED_SUBITEMS = [
    "I    CAI CACH THE CHE",
    "1    Ra soat van ban quy pham phap luat cua xa",
    "     Lap danh muc van ban can sua doi, bo sung   Phong Kinh te    Cac co quan,",
    "1.1  hoac bai bo trong nam                                        don vi lien      Hang nam      Danh muc",
    "                                                                  quan",
    "1.2 Trinh bai bo van ban khong con phu hop Phong Kinh te Cong an xa Quy IV/2026 Quyet dinh",
    "     Theo doi thi hanh phap luat tren dia ban    Phong Kinh te    Cong an xa       Hang nam      Bao cao",
    " 2   xa, trong tam linh vuc dat dai",
]


def test_numbered_subitems_are_rows_numbered_as_printed() -> None:
    rows = _rows(NUMBERED_SUBITEMS)
    assert [r.n for r in rows] == ["1", "1.1", "1.2", "2"]
    assert [r.lines[0] for r in rows][1] == rows[0].lines[-1] + 1  # the label's lines above open its row
    assert rows[1].parent == rows[2].parent == "1"


def test_a_numbered_heading_without_cells_is_no_task() -> None:
    assert [t.n for t in _tasks(NUMBERED_SUBITEMS)] == ["1.1", "1.2", "2"]


LETTERED_SUBITEMS = [
    "I    CAI CACH THU TUC HANH CHINH",
    " 1   So hoa ho so thu tuc hanh chinh theo quy    Trung tam Phuc   Cac co quan,     2026-         Ho so",
    "     dinh; tai su dung du lieu                   vu hanh chinh    don vi lien      2030",
    "a)   So hoa so ho tich con luu tru tai xa        Phong Kinh te    Cong an xa       Quy IV/2026   Ho so",
    "b)   So hoa ho so linh vuc dat dai, xay dung     Phong Kinh te    Cong an xa       2026-         Ho so",
    "                                                                                   2027",
    " 2   Tiep nhan, xu ly phan anh, kien nghi        Phong Kinh te    Cong an xa       Thuong xuyen  Bao cao",
]


def test_lettered_subitems_follow_a_task_with_cells_of_its_own() -> None:
    rows = _rows(LETTERED_SUBITEMS)
    assert [r.n for r in rows] == ["1", "a", "b", "2"]
    assert [t.n for t in _tasks(LETTERED_SUBITEMS)] == ["1", "a", "b", "2"]  # task 1 has cells


def test_a_label_out_of_sequence_is_no_subitem() -> None:
    body = list(LETTERED_SUBITEMS)
    body[4] = "d)   So hoa ho so linh vuc dat dai, xay dung     Phong Kinh te    Cong an xa       2026-         Ho so"
    assert [r.n for r in _rows(body)] == ["1", "a", "2"]


def test_centred_number_below_a_capitalised_name_opens_the_row_at_its_verb() -> None:
    rows = _rows([
        "I    CHINH QUYEN SO",
        "     Van hanh He thong quan ly van ban va dieu   Van phong HDND   Cac co quan,",
        " 1   hanh; ky so van ban di theo quy dinh cua    va UBND xa       don vi           Thuong xuyen  Bao cao",
        "     Chinh phu, cua tinh va",
        "     Cap nhat du lieu dan cu; khai thac          Cong an xa       Ban Chi huy      2026-         Bao cao",
        "     Co so du lieu quoc gia ve dan cu phuc vu                     quan su xa       2030",
        " 2   giai quyet thu tuc hanh chinh",
    ])
    assert [(r.n, len(r.lines)) for r in rows] == [("1", 3), ("2", 3)]


def test_a_common_word_ending_in_a_linking_syllable_ends_the_wording() -> None:
    assert _last_word("moi truong dien tu") == "dien tu"
    assert _last_word("tiep nhan ho so tu") == "tu"
    assert _last_word("cong tac theo doi,") == "theo doi,"


def test_a_subitem_label_is_no_word_of_its_line() -> None:
    """The label ("1.1", "a)") is masked like a row number: the line's cells keep their
    positions and the wording does not start with the label's digits."""
    tasks = {t.n: t for t in _tasks(NUMBERED_SUBITEMS + [])}
    assert not tasks["1.1"].title.split()[0].isdigit()
    assert tasks["1.1"].deadline == "periodic" and tasks["1.1"].product == "Danh mục"
    lettered = {t.n: t for t in _tasks(LETTERED_SUBITEMS)}
    assert lettered["a"].deadline == "2026-Q4" and not lettered["a"].title.startswith("a)")


def test_short_last_lines_of_a_single_spaced_row_are_no_wording_by_position() -> None:
    """In a position-kept table, a row printed single-spaced keeps no positions: its short
    last line ("chien binh xa;") is a cell's end, not task wording left of the columns."""
    body = LETTERED_SUBITEMS[:3] + [
        "a) So hoa so ho tich con luu tru tai xa Phong Kinh te Hoi Cuu Quy IV/2026 Ho so",
        "theo quy dinh cua phap luat ve ho tich chien binh xa;",
        "Cac thon, ap",
    ] + LETTERED_SUBITEMS[4:]
    tasks = {t.n: t for t in _tasks(body)}
    assert [c.split(" xa")[0] for c in tasks["a"].coordinating] == ["Hoi Cuu chien binh", "Cac thon, ap"]


def test_abbreviated_standard_names() -> None:
    from cchc_kg.graph.ingest.table_values import abbreviated

    codes = (("mttq", "mat tran to quoc"), ("vp", "van phong"))
    assert abbreviated("Ủy ban Mặt trận Tổ quốc Việt Nam", codes) == ("uy ban MTTQ viet nam",)
    assert abbreviated("Văn phòng HĐND và UBND", codes) == ()  # "VP": too short to stand for it


def test_a_dashed_line_without_a_readable_verb_opens_the_next_dashed_subitem() -> None:
    rows = _rows([
        "I    CAI CACH THU TUC HANH CHINH",
        "2 Ra soat, don gian hoa thu tuc hanh chinh",
        "- Ra soat, danh gia thu tuc hanh chinh trong qua trinh thuc hien Trung tam Phuc Cac co quan, 2026- Bao cao",
        "dan, to chuc; tich hop, cat giam cac mau don vu hanh chinh don vi 2030",
        "- 'Dc nghi cap co tham quyen cat giam, don gian hoa Trung tam Phuc Cac co quan, 2026- Bao cao",
        "cac quy dinh lien quan den hoat dong kinh doanh vu hanh chinh don vi 2030",
        " 3   Tiep nhan, xu ly phan anh, kien nghi        Phong Kinh te    Cong an xa       Thuong xuyen  Bao cao",
    ])
    assert [r.n for r in rows] == ["2", "2.1", "2.2", "3"]


def test_ocr_ir_for_u_and_digits_for_letters_keep_a_verb_readable() -> None:
    from cchc_kg.graph.ingest.table_rows import _first_words

    assert _first_words("cir cen b9, cong chire") == ["cu", "cen", "bo"]
    assert _first_words("t6 chirc thuc hien") == ["to", "chuc", "thuc"]
