"""Product cells of task tables: OCR-damaged kinds at the product column's position."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.table_products import canonical_product, relabel_products


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("Kế hoạch", "Kế hoạch"),
        ("K& hoach K& hoach", "Kế hoạch"),  # the kind read twice across lines
        ("hoach Ké hoach", "Kế hoạch"),  # the tail of a kind cut in two
        ("Bdo cao", "Báo cáo"),
        ("B40 cA0", "Báo cáo"),
        ("- Ké hoach; - Bao céo", "Kế hoạch, Báo cáo"),
        ("Quyét dinh", "Quyết định"),
        ("Quyét dinh cia UBND tinh", "Quyét dinh cia UBND tinh"),  # more than a kind: as read
        ("Phan mem duoc dua vao van hanh", "Phan mem duoc dua vao van hanh"),
        ("", None),
    ],
)
def test_canonical_product(cell, want) -> None:
    assert canonical_product(cell) == want


ORDER = ("title", "product", "leader", "lead", "coord", "deadline")


def _line(*pairs):
    return [(k, w) for k, text in pairs for w in text.split()]


@pytest.mark.parametrize(
    ("line", "product"),
    [
        # a kind ending the wording right before the leader's cell is the product
        (_line(("title", "Ban hanh Ké hoach tuyén truyén Ké hoach"), ("leader", "Pho Chu tich")), "Ké hoach"),
        # a kind between column rules, glued by OCR
        (_line(("title", "nhan dan doi voi | Keéhoach |"), ("leader", "phuong phu")), "Keéhoach"),
        # "Kế hoạch" inside the wording, the line running on: not the product
        (_line(("title", "Xay dung Ké hoach kiém tra nam 2027")), ""),
        (_line(("title", "Ban hanh Ké hoach"),), ""),
        # a damaged kind after the wording
        (_line(("title", "Ra soat TTHC va Bdo cao"), ("leader", "Pho Chu tich")), "Bdo cao"),
    ],
)
def test_relabel_products_at_the_product_column(line, product) -> None:
    labelled = [list(line)]
    relabel_products(labelled, ORDER)
    assert " ".join(w for k, w in labelled[0] if k == "product") == product
    # the wording keeps its own "Kế hoạch"
    assert all(k != "product" for k, w in labelled[0][:2])
