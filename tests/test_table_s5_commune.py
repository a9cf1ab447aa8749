"""Task-table extraction on a commune task list with sub-items (s5 blind fixture).

tests/data/task_tables/s5_commune/ holds a commune's DANH MỤC written and labelled blind
(diacritics lost, most lines position-kept, some rows single-spaced, row numbers on a row's
middle line, sub-items numbered "2.1" / "1.1" and "a)", numbered headings without cells, a
page break inside a row, one row number lost). The floors protect what works; ``bench/
eval_tasks.py --graph --verbose --seeds tests/data/task_tables/s5_commune --gold
tests/data/task_tables/s5_commune/expected.json`` shows every cell still wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._bench import bench_module

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "task_tables" / "s5_commune"
NAME = "commune_subitems_ocr.txt"


def _eval_tasks():
    return bench_module("eval_tasks")


@pytest.fixture(scope="module")
def entry() -> dict:
    return _eval_tasks().evaluate(DATA, [DATA / "expected.json"])[NAME]


def test_rows_numbers_areas_titles(entry) -> None:
    assert entry["recall"] == 1.0  # sub-items "N.k" and "a)", centred numbers, lost number
    assert entry["precision"] == 1.0  # numbered headings without cells are no tasks
    for field in ("n", "area", "title", "lead_official"):
        assert entry["field_accuracy"][field] == 1.0, field


@pytest.mark.parametrize(("field", "floor"), [("lead", 0.9), ("deadline", 0.95), ("coordinating", 0.85),
                                              ("product", 0.9)])
def test_cell_floors(entry, field: str, floor: float) -> None:
    assert entry["field_accuracy"][field] >= floor
