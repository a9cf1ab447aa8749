"""Three OCR task tables written blind in session 6 (tests/data/task_tables/blind_s6/,
expected.json's ``_doc`` holds their score history): a ward table in seed 000's style, a
commune list in seed 004's (with rows printed cell by cell), a province table in seed
003's. The floors keep what the session's rounds reached: every row read, numbers and
areas right, and pooled cells a little under today's figures (record mode)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._bench import bench_module, pooled

REPO = Path(__file__).resolve().parent.parent
BLIND = REPO / "tests" / "data" / "task_tables" / "blind_s6"
NAMES = ["ward_appendix_ocr.txt", "commune_list_ocr.txt", "province_tasks_ocr.txt"]


@pytest.fixture(scope="module")
def report() -> dict[str, dict]:
    return bench_module("eval_tasks").evaluate(BLIND, [BLIND / "expected.json"])


def test_every_row_is_read(report) -> None:
    assert set(report) == set(NAMES)
    for name in NAMES:
        assert report[name]["recall"] == 1.0, name  # the ward's wrapped last group heading included
        assert report[name]["precision"] == 1.0, name
        assert report[name]["field_accuracy"]["n"] == 1.0, name
        assert report[name]["field_accuracy"]["area"] == 1.0, name


def test_no_leader_column_where_the_table_has_none(report) -> None:
    # the commune list and the province table have no leader column: 'lĩnh vực' in their
    # wording had opened one that took deadline words
    assert report["commune_list_ocr.txt"]["field_accuracy"]["lead_official"] == 1.0
    assert report["province_tasks_ocr.txt"]["field_accuracy"]["lead_official"] == 1.0



@pytest.mark.parametrize(
    ("field", "floor"),
    [("title", 0.95), ("deadline", 0.85), ("lead", 0.65), ("coordinating", 0.38), ("product", 0.38)],
)
def test_pooled_cell_floors(report, field: str, floor: float) -> None:
    assert pooled(report, field) >= floor
