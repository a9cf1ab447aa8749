"""Five OCR task tables written blind in session 5 (tests/data/task_tables/blind_s5/,
expected.json's ``_doc`` holds their score history). Three of them crashed the table
reader at the session's start and were lost whole; the floors protect what is read now:
no document lost, rows, numbers and areas, and pooled cells a little under today's
figures (which are far from 1.00: these tables are the honest picture of unseen OCR)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._bench import bench_module, pooled

REPO = Path(__file__).resolve().parent.parent
BLIND = REPO / "tests" / "data" / "task_tables" / "blind_s5"
NAMES = ["commune_leader_ocr.txt", "province_plan_ocr.txt", "ward_list_ocr.txt", "province2027_ocr.txt",
         "phong_dien_ocr.txt"]


def _eval_tasks():
    return bench_module("eval_tasks")


@pytest.fixture(scope="module")
def report() -> dict[str, dict]:
    return _eval_tasks().evaluate(BLIND, [BLIND / "expected.json"])


def test_every_table_is_read(report) -> None:
    assert set(report) == set(NAMES)
    for name in NAMES:
        assert report[name]["precision"] == 1.0, name
        assert report[name]["recall"] >= 0.8, name
        assert report[name]["field_accuracy"]["area"] == 1.0, name
        assert report[name]["field_accuracy"]["n"] >= 0.85, name



@pytest.mark.parametrize(("field", "floor"), [("title", 0.9), ("deadline", 0.7), ("lead", 0.55), ("coordinating", 0.4)])
def test_pooled_cell_floors(report, field: str, floor: float) -> None:
    assert pooled(report, field) >= floor
