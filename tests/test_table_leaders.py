"""Leader cells completed from the values the same table prints in full (``table_leaders``).

Readings are as the table extractor returns them from OCR-interleaved rows of a ward table:
the full values, partial readings (words of the tall cell lost to other columns), a
truncated value and the chairman's own value, which must stay the chairman's.
"""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import TaskRecord
from cchc_kg.graph.ingest.table_leaders import complete_leaders

FULL = "Pho Chu tich UBND phuong phu trach theo linh vuc"


def _rows(*leaders: str | None) -> list[TaskRecord]:
    return [TaskRecord(line=i + 1, title=f"Nhiem vu {i}", kind="table", lead_official=v) for i, v in enumerate(leaders)]


@pytest.mark.parametrize(
    ("reading", "expected"),
    [
        ("trach theo linh", FULL),  # the end of the cell only
        ("Pho Chu tich", FULL),  # the start only
        ("Ph6 Chi tich UBND phuong phu trach", FULL),  # the value cut short (fewer rows print it)
        ("Pho Chu tich Phong phu trach theo Iinh vuc", FULL),  # a neighbouring cell's word inside
        ("Chu tich UBND phuong", "Chu tich UBND phuong"),  # a whole leader phrase: the chairman
        ("Phong Van hoa", "Phong Van hoa"),  # not a leader reading at all
        (None, None),
    ],
)
def test_partial_readings_take_the_tables_value(reading: str | None, expected: str | None) -> None:
    rows = _rows(FULL, FULL, FULL, FULL, "Ph6 Chi tich UBND phuong phu trach", "Ph6 Chi tich UBND phuong phu trach",
                 "Chu tich UBND phuong", reading)
    assert complete_leaders(rows, levels=("phuong",))[-1].lead_official == expected


def test_no_value_printed_twice_leaves_the_table_as_read() -> None:
    rows = _rows(FULL, "Pho Chu tich", "trach theo linh")
    assert [r.lead_official for r in complete_leaders(rows, levels=("phuong",))] == [FULL, "Pho Chu tich",
                                                                                      "trach theo linh"]


def test_chairman_value_of_the_table_is_kept_apart() -> None:
    chair = "Chu tich UBND xa"
    deputy = "Pho Chu tich UBND xa phu trach linh vuc"
    rows = _rows(chair, chair, deputy, deputy, "Chu tich UBND", "Pho Chu tich UBND")
    got = [fold(r.lead_official or "") for r in complete_leaders(rows, levels=("xa",))]
    # "Chủ tịch UBND" is a whole phrase of its own; "Phó Chủ tịch UBND" too
    assert got[-2:] == ["chu tich ubnd", "pho chu tich ubnd"]


def test_partial_reading_inside_the_chairman_value_only() -> None:
    chair = "Chu tich UBND xa"
    deputy = "Pho Chu tich UBND xa phu trach linh vuc"
    rows = _rows(chair, chair, deputy, deputy, "tich UBND xa", "xa phu trach")
    got = [r.lead_official for r in complete_leaders(rows, levels=("xa",))]
    assert got[-2:] == [chair, deputy]  # the shortest value holding the words
