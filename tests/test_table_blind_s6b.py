"""Three OCR task tables written blind in session 6 and never tuned on in that session
(tests/data/task_tables/blind_s6b/, expected.json's ``_doc`` holds their score history:
the session's honest measure of how its table rules carry over). The floors keep what the
rules reach on them: every row read, numbers and areas right, pooled cells a little under
today's figures (record mode)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._bench import bench_module, pooled

REPO = Path(__file__).resolve().parent.parent
BLIND = REPO / "tests" / "data" / "task_tables" / "blind_s6b"
NAMES = ["ward_plan_ocr.txt", "commune_plan_ocr.txt", "province_plan_ocr.txt"]


@pytest.fixture(scope="module")
def report() -> dict[str, dict]:
    return bench_module("eval_tasks").evaluate(BLIND, [BLIND / "expected.json"])


def test_every_row_is_read(report) -> None:
    assert set(report) == set(NAMES)
    for name in NAMES:
        assert report[name]["recall"] == 1.0, name
        assert report[name]["precision"] == 1.0, name
        assert report[name]["field_accuracy"]["n"] == 1.0, name
        assert report[name]["field_accuracy"]["area"] == 1.0, name



@pytest.mark.parametrize(
    ("field", "floor"),
    [("title", 0.93), ("deadline", 0.82), ("lead", 0.7), ("coordinating", 0.42), ("product", 0.3)],
)
def test_pooled_cell_floors(report, field: str, floor: float) -> None:
    assert pooled(report, field) >= floor
