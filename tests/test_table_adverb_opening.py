"""A sub-item whose wording opens with 'Thường xuyên,' (an adverb) is a task, not a deadline cell."""

from __future__ import annotations

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.table_cells import label_line
from cchc_kg.graph.ingest.table_rows import RawRow, find_task_tables, table_rows
from cchc_kg.graph.ingest.text import SourceText

TABLE = """\
DANH MUC NHIEM VU
TT Noi dung nhiem vu Co quan chu tri Co quan phoi hop Thoi gian San pham
II | CAI CACH THU TUC HANH CHINH
2 Thuc hien kiem soat thu tuc hanh chinh
- Ra soat, don gian hoa cac thu tuc hanh chinh noi bo Trung tam Phuc Cac co quan, 2026- Van ban ra soat
giua cac co quan hanh chinh nha nuoc. vu hanh chinh don vi 2030 TTHC
- Thuong xuyen, kip thoi cap nhat, cong khai thu tuc
hanh chinh duoi nhieu hinh thuc, tao thuan loi cho Trung tam Phuc Cac co quan, 2026- Van ban ra soat
nguoi dan, to chuc tim hieu va thuc hien. vu hanh chinh don vi 2030 TTHC
"""


def test_an_adverb_opening_a_clause_is_wording() -> None:
    assert tv.adverb_opening(fold("- Thuong xuyen, kip thoi cap nhat, cong khai thu tuc"))
    assert not tv.adverb_opening(fold("Thuong xuyen"))
    assert not tv.adverb_opening(fold("Thuong xuyen Bao cao ket qua"))


def test_the_dashed_item_opening_with_the_adverb_is_a_row_of_its_own() -> None:
    src = SourceText.from_text(TABLE, source="adverb.txt")
    rows = [it for span in find_task_tables(src) for it in table_rows(src, span) if isinstance(it, RawRow)]
    subs = [r for r in rows if r.sub]
    assert [r.n for r in subs] == ["2.1", "2.2"]
    assert subs[1].lines[0] == 7


def test_its_words_stay_the_task_wording() -> None:
    order = ("title", "lead", "coord", "deadline", "product")
    labels = {k for k, _ in label_line("- Thuong xuyen, kip thoi cap nhat, cong khai thu tuc", order)}
    assert labels == {"title"}
