"""A product cell OCR read twice over is read once."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.table_products import canonical_product, once


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Van ban ra soat, don gian hoa TTHC Vin ban ra sodt. don oidn hoa TTI: I", "Van ban ra soat, don gian hoa TTHC"),
        ("Béo cdo (theo chi dao, hudng dan ctia thanh phd) Bao cao (theo chi dao, huong dan ciia thanh phd)",
         "Béo cdo (theo chi dao, hudng dan ctia thanh phd)"),
        # two different products in one cell stay two
        ("Kế hoạch kiểm tra; Báo cáo kết quả kiểm tra", "Kế hoạch kiểm tra; Báo cáo kết quả kiểm tra"),
        ("Báo cáo kết quả Báo cáo tổng hợp", "Báo cáo kết quả Báo cáo tổng hợp"),
        ("Kế hoạch, Báo cáo", "Kế hoạch, Báo cáo"),
    ],
)
def test_once(cell: str, expected: str) -> None:
    assert once(cell) == expected


def test_the_product_cell_is_read_once() -> None:
    assert canonical_product("Van ban ra soat TTHC Vin ban ra sodt TTHC") == "Van ban ra soat TTHC"
