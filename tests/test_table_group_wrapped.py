"""A group heading in mixed case wrapped onto the next line names its area with that line."""

from __future__ import annotations

from cchc_kg.graph.ingest.table_groups import group_of
from cchc_kg.graph.ingest.table_rows import Group, RawRow, find_task_tables, table_rows
from cchc_kg.graph.ingest.text import SourceText

TABLE = """\
PHU LUC
TT Nhiem vu Co quan chu tri Co quan phoi hop Thoi gian San pham
VI Cai cach tai chinh cong
1 | Xay dung du toan ngan sach phuong nam 2027 | Phong Kinh te | Van phong HDND va UBND | Thang 12/2026 | Du toan
VII Xay dung, phat trien chinh quyen dien
tu, chinh quyen so
2 | Ban hanh Ke hoach chuyen doi so nam 2027 cua phuong | Phong Van hoa - Xa hoi | Cong an phuong | Thang 02/2027 | Ke hoach
"""


def test_the_heading_reads_its_wrapped_end() -> None:
    src = SourceText.from_text(TABLE, source="wrapped_group.txt")
    g = group_of(src, 4)
    assert g is not None and g.area == "digital_government"
    assert g.title.endswith("tu, chinh quyen so")


def test_the_wrapped_end_is_no_task_wording() -> None:
    src = SourceText.from_text(TABLE, source="wrapped_group.txt")
    items = [it for span in find_task_tables(src) for it in table_rows(src, span)]
    groups = [it for it in items if isinstance(it, Group)]
    rows = [it for it in items if isinstance(it, RawRow)]
    assert [g.area for g in groups] == ["public_finance", "digital_government"]
    assert rows[-1].group is groups[-1] and 6 not in rows[-1].lines
