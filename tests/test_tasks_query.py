"""The named queries ``tasks`` and ``units`` over ingested plans (contract.md columns and values)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph import queries
from cchc_kg.graph.loader import load_files
from cchc_kg.graph.store import open_store
from cchc_kg.graph.store.base import SelectResult

CONTRACT_TASKS = ("task", "doc", "source", "line", "n", "title", "lead", "coordinating", "deadline", "area", "product")
CONTRACT_UNITS = ("unit", "label", "adminUnit", "kind", "collective", "variants", "tasksLed")

PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH LÂM SƠN

Số: 412/KH-UBND

KẾ HOẠCH
Cải cách hành chính nhà nước tỉnh Lâm Sơn giai đoạn 2026-2030

II. NHIỆM VỤ, GIẢI PHÁP

1. Cải cách thủ tục hành chính
a) Rà soát, cắt giảm tối thiểu 20% thời gian giải quyết thủ tục hành chính nội bộ.
Cơ quan chủ trì: Văn phòng UBND tỉnh; cơ quan phối hợp: Sở Tư pháp, Công an tỉnh.
b) Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; hoàn thành trong năm 2027.

III. TỔ CHỨC THỰC HIỆN
1. Văn phòng UBND tỉnh: vận hành Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.
2. VP UBND tỉnh: tổng hợp, báo cáo kết quả thực hiện hằng quý.
"""

COMMUNE_OCR = """UY BAN NHAN DAN
XA TAN PHU

II. MUC TIEU VA NHIEM VU CU THE

1. Cai cach thu tuc hanh chinh

b) Nhiém vu

- Thuong xuyén cap nhat, cong khai thu tuc hanh chinh tai Trung tam Phuc vu
hanh chinh cong.

V. TO CHUC THUC HIEN

a) Phong Van hoa - Xa hoi

- Hudng dan, don doc, theo doi cac co quan, don vi thuc hién Ké hoach nay.

b) Van phong HPND va UBND

- Chu tri, phdi hop véi Phong Vin héa - X3 hoi trién khai cac nhiém vu cai cach thé ché.

c) Phong Vin héa - X3 hoi

- Tong hop, bao cao két qua thuc hién Ké hoach hang nam.
"""


def _select(store, name: str) -> SelectResult:
    q = queries.load(name)
    result = store.query(q.text)
    assert isinstance(result, SelectResult)
    return result


def _rows(result: SelectResult) -> list[dict[str, str | None]]:
    return [{k: (str(v) if v is not None else None) for k, v in row.items()} for row in result.dicts()]


@pytest.fixture()
def plans(tmp_path: Path) -> list[Path]:
    a = tmp_path / "tinh-lam-son.txt"
    a.write_text(PROVINCE, encoding="utf-8")
    b = tmp_path / "xa-tan-phu-ocr.txt"
    b.write_text(COMMUNE_OCR, encoding="utf-8")
    return [a, b]


def test_tasks_columns_and_values(plans: list[Path]) -> None:
    store = open_store("memory:")
    report = load_files(store, plans)
    assert not report.failed, [o.error for o in report.failed]
    result = _select(store, "tasks")
    assert tuple(result.variables) == CONTRACT_TASKS
    rows = _rows(result)
    province = [r for r in rows if r["source"] == "tinh-lam-son.txt"]
    assert [(r["line"], r["n"]) for r in province] == [("12", "1.a"), ("14", "1.b"), ("17", "1"), ("18", "2")]
    first = province[0]
    assert first["lead"] == "Văn phòng UBND tỉnh"
    assert first["coordinating"] == "Công an tỉnh; Sở Tư pháp" or first["coordinating"] == "Sở Tư pháp; Công an tỉnh"
    assert first["title"].startswith("Rà soát, cắt giảm tối thiểu 20%")
    assert province[1]["lead"] is None and not province[1]["coordinating"]
    # Both spellings of the provincial office resolve to one unit with one label.
    assert province[2]["lead"] == province[3]["lead"] == "Văn phòng UBND tỉnh"
    # Ordered by source, then line.
    assert [r["source"] for r in rows] == sorted(r["source"] for r in rows)
    commune = [r for r in rows if r["source"] == "xa-tan-phu-ocr.txt"]
    assert [r["lead"] for r in commune] == [None, "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội"]


def test_area_and_deadline_when_known(plans: list[Path]) -> None:
    store = open_store("memory:")
    load_files(store, plans)
    rows = {(r["source"], r["line"]): r for r in _rows(_select(store, "tasks"))}
    row = rows[("tinh-lam-son.txt", "14")]
    assert row["area"] in (None, "procedures")  # from the outline when it names the area
    assert row["area"] == "procedures" or row["area"] is None
    if row["deadline"] is not None:
        assert row["deadline"] == "2027"


def test_units_gazetteer_query(plans: list[Path]) -> None:
    store = open_store("memory:")
    load_files(store, plans)
    result = _select(store, "units")
    assert tuple(result.variables) == CONTRACT_UNITS
    rows = _rows(result)
    office = [r for r in rows if r["label"] == "Văn phòng UBND tỉnh"]
    assert len(office) == 1
    assert set(office[0]["variants"].split("; ")) >= {"Văn phòng UBND tỉnh", "VP UBND tỉnh"}
    assert office[0]["tasksLed"] == "3" and office[0]["kind"] == "van_phong"
    assert office[0]["collective"] == "false"
    vhxh = [r for r in rows if r["label"] == "Phòng Văn hóa - Xã hội"]
    assert len(vhxh) == 1  # the OCR spellings "Phong Van hoa - Xa hoi" and "Phong Vin héa - X3 hoi" are one unit
    assert "Phong Vin héa - X3 hoi" in vhxh[0]["variants"]


def test_reingest_gives_no_duplicates(plans: list[Path]) -> None:
    store = open_store("memory:")
    load_files(store, plans)
    tasks_once = _rows(_select(store, "tasks"))
    units_once = _rows(_select(store, "units"))
    load_files(store, plans)
    load_files(store, plans[:1])
    assert _rows(_select(store, "tasks")) == tasks_once
    assert sorted(r["unit"] for r in _rows(_select(store, "units"))) == sorted(r["unit"] for r in units_once)


def test_seeds_tasks_query_runs_on_oxigraph(seeds_dir: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    try:
        files = [seeds_dir / "002_db8bd46d2dd6e5b9.txt", seeds_dir / "004_bd54f3207198ef7a.txt"]
        assert not load_files(store, files).failed
        rows = _rows(_select(store, "tasks"))
        assert len({r["task"] for r in rows}) == len(rows)
        duty_leads = {r["lead"] for r in rows if r["source"].startswith("002") and r["lead"]}
        assert {"Phòng Văn hóa - Xã hội", "Công an xã", "Phòng Kinh tế"} <= duty_leads
    finally:
        store.close()
