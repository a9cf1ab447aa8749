"""Citation strings as people type or paste them -> the document meant (table-driven)."""

from __future__ import annotations

import pytest
from cchc_kg.api.resolve import index_doc, parse_query, resolve

INDEX = [
    index_doc(r) for r in [
        {"doc": "urn:nq76", "number": "76/NQ-CP", "form": "nghi_quyet", "issuer": "Chính phủ", "date": "2021-07-15",
         "citedBy": 40},
        {"doc": "urn:qd282", "number": "282/QĐ-TTg", "form": "quyet_dinh", "issuer": "Thủ tướng Chính phủ",
         "date": "2026-02-12", "citedBy": 12},
        {"doc": "urn:qd76-local", "number": "76/QĐ-UBND", "form": "quyet_dinh", "issuer": "UBND", "date": "2026-01-05",
         "citedBy": 1},
        {"doc": "urn:nq30c", "number": "30c/NQ-CP", "form": "nghi_quyet", "issuer": "Chính phủ", "date": "2011-11-08",
         "citedBy": 3},
        {"doc": "urn:nd59", "number": "59/2019/NĐ-CP", "form": "nghi_dinh", "issuer": "Chính phủ", "citedBy": 2},
        {"doc": "urn:nq41", "number": "41/2025/NQ-HĐND", "form": "nghi_quyet", "issuer": "HĐND thành phố", "citedBy": 1},
        {"doc": "urn:ctr01", "number": "01-CTr/TU", "form": "chuong_trinh", "issuer": "Thành ủy", "citedBy": 2},
        {"doc": "urn:kh89", "number": "89/KH-UBND", "form": "ke_hoach", "issuer": "UBND phường Hòa Bình",
         "date": "2026-03-02", "title": "Kế hoạch cải cách hành chính năm 2026", "source": "ward.txt"},
        {"doc": "urn:draft", "number": None, "form": "quyet_dinh", "issuer": "UBND tỉnh Lâm Sơn",
         "title": "Về việc ban hành Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030", "source": "p.txt"},
        {"doc": "urn:law", "number": None, "title": "Luật Tổ chức chính quyền địa phương năm 2025", "citedBy": 5},
    ]
]


@pytest.mark.parametrize(
    ("typed", "best"),
    [
        ("qd 282 ttg", "urn:qd282"),
        ("QD 282/TTg", "urn:qd282"),
        ("Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ", "urn:qd282"),
        ("Quyét dinh s6 282/QD-TTg", "urn:qd282"),  # OCR: é for ế, s6 for số
        ("Nghi quyet 76", "urn:nq76"),
        ("nghị quyết 76", "urn:nq76"),
        ("76/NQ-CP", "urn:nq76"),
        ("76 cp", "urn:nq76"),
        ("Nghi quyet so 76/NQ-CP ngay 15 thang 7 nam 2021 cua Chinh phu", "urn:nq76"),
        ("qd 76 ubnd", "urn:qd76-local"),
        ("30c/NQ-CP", "urn:nq30c"),
        ("nd 59/2019", "urn:nd59"),
        ("Nghị định 59/2019/NĐ-CP", "urn:nd59"),
        ("HPND 41/2025", "urn:nq41"),  # OCR: P for Đ
        ("01-CTr/TU", "urn:ctr01"),
        ("kh 89", "urn:kh89"),
        ("ke hoach 89 ubnd", "urn:kh89"),
        ("luat to chuc chinh quyen dia phuong", "urn:law"),
        ("ke hoach cai cach hanh chinh giai doan 2026-2030 lam son", "urn:draft"),
    ],
)
def test_best_match(typed: str, best: str) -> None:
    ranked = resolve(typed, INDEX, limit=5)
    assert ranked, f"nothing for {typed!r}"
    assert ranked[0][0].doc == best, [(d.doc, round(s, 1)) for d, s in ranked]


@pytest.mark.parametrize("typed", ["", "   ", "so", "qd", "ubnd", "999/QĐ-TTg", "nghi quyet 77"])
def test_no_false_match(typed: str) -> None:
    assert resolve(typed, INDEX) == []


def test_national_act_outranks_local_namesake() -> None:
    ranked = [d.doc for d, _ in resolve("76", INDEX)]
    assert ranked[:2] == ["urn:nq76", "urn:qd76-local"]


@pytest.mark.parametrize(
    ("typed", "numbers", "types", "issuers"),
    [
        ("qd 282 ttg", ["282"], {"quyet_dinh"}, {"ttg"}),
        ("Nghị quyết 76/NQ-CP ngày 15/7/2021", ["76", "2021"], {"nghi_quyet"}, {"cp"}),
        ("HPND", [], set(), {"hdnd"}),
        ("Thủ tướng Chính phủ", [], set(), {"ttg"}),
    ],
)
def test_parse(typed: str, numbers: list[str], types: set[str], issuers: set[str]) -> None:
    q = parse_query(typed)
    assert (q.numbers, q.types, q.issuers) == (numbers, types, issuers)
