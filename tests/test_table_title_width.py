"""The task column's width: a task fragment does not run on past it into the next cells."""

from __future__ import annotations

from cchc_kg.graph.ingest.table_cells import label_line, title_lengths, title_width

_ORDER = ("title", "lead", "coord", "deadline", "product")
# the third line of a row: task wording (28 characters wide here), then the last words of
# the lead and coordinating cells and of the product, none with a cue of its own
_LINE = "chuyen doi so nam 2027 va to UBND - Cac ap kiem tra"


def _title(labelled: list[tuple[str, str]]) -> str:
    return " ".join(t for k, t in labelled if k == "title")


def test_without_a_width_the_wording_takes_the_line() -> None:
    assert _title(label_line(_LINE, _ORDER)) == _LINE


def test_with_the_columns_width_the_wording_stops_at_its_wrap() -> None:
    assert _title(label_line(_LINE, _ORDER, title_width=30)) == "chuyen doi so nam 2027 va to"


def test_a_line_within_the_width_is_unchanged() -> None:
    line = "Ban hanh Ke hoach kiem tra Van phong HDND va UBND Thang 3/2027"
    assert label_line(line, _ORDER, title_width=34) == label_line(line, _ORDER)


def test_width_is_the_median_mixed_line_with_slack() -> None:
    assert title_width([30] * 5 + [20, 40, 29]) == round(30 * 1.15) + 2
    assert title_width([30, 31]) is None  # too few lines to tell


def test_only_lines_with_other_cells_measure_the_column() -> None:
    assert title_lengths([("title", "Ban hanh"), ("title", "Ke hoach"), ("lead", "Van phong")]) == len("Ban hanh Ke hoach")
    assert title_lengths([("title", "Ban hanh"), ("title", "Ke hoach")]) is None
    assert title_lengths([("lead", "Van phong")]) is None
