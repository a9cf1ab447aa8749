"""Task tables in clean text: a Markdown pipe table (one row per line), the grid table a
Word table becomes through pandoc or LibreOffice (cells wrapped between ``+---+`` rules,
read through ``table_reflow``), and a PDF-to-text export that keeps columns at fixed
positions without rules (``table_layout``). Clean text keeps every cell, so every field
must be right."""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph.ingest.table_reflow import reflow_grid_tables

from tests._bench import bench_module

REPO = Path(__file__).resolve().parent.parent
CLEAN = REPO / "tests" / "data" / "task_tables" / "clean"


def _eval_tasks():
    return bench_module("eval_tasks")


@pytest.fixture(scope="module")
def report() -> dict[str, dict]:
    return _eval_tasks().evaluate(CLEAN, [CLEAN / "expected.json"], graph=True)


@pytest.mark.parametrize("name", ["commune_pipe_table.md", "commune_grid_table.txt", "commune_layout_table.txt"])
def test_every_cell_of_a_clean_table(report, name: str) -> None:
    entry = report[name]
    assert entry["recall"] == 1.0 and entry["precision"] == 1.0
    for field, accuracy in entry["field_accuracy"].items():
        assert accuracy == 1.0, field


GRID = """\
+-----+--------------------+------------+
| STT | Nhiệm vụ           | Chủ trì    |
+=====+====================+============+
| 1   | Rà soát văn bản    | Văn phòng  |
|     | quy phạm pháp luật | HĐND và    |
|     |                    | UBND       |
+-----+--------------------+------------+
| 2   | Công khai TTHC     | Công an xã |
+-----+--------------------+------------+"""


def test_grid_rows_become_pipe_rows_on_their_first_line() -> None:
    lines = tuple(GRID.split("\n"))
    out = reflow_grid_tables(lines)
    assert len(out) == len(lines)  # line numbers are provenance
    assert out[1] == "| STT | Nhiệm vụ | Chủ trì |"
    assert out[3] == "| 1 | Rà soát văn bản quy phạm pháp luật | Văn phòng HĐND và UBND |"
    assert out[4] == out[5] == out[6] == ""
    assert out[7] == "| 2 | Công khai TTHC | Công an xã |"
    assert out[0] == out[2] == out[8] == ""


def test_box_drawing_grid() -> None:
    box = GRID.translate(str.maketrans({"|": "│", "+": "┼"}))
    out = reflow_grid_tables(tuple(box.split("\n")))
    assert out[3] == "| 1 | Rà soát văn bản quy phạm pháp luật | Văn phòng HĐND và UBND |"


@pytest.mark.parametrize("text", [
    "| STT | Nhiệm vụ |\n|---|---|\n| 1 | Rà soát |",  # a Markdown pipe table: one row per line already
    "Mục tiêu: 100% hồ sơ + 50% dịch vụ",  # a plus sign in prose
    "",
])
def test_text_without_grid_rules_is_unchanged(text: str) -> None:
    lines = tuple(text.split("\n"))
    assert reflow_grid_tables(lines) == lines
