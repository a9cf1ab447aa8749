"""Document metadata from headers written in each style the seeds show (fixtures written here)."""

from __future__ import annotations

import json
from pathlib import Path

from cchc_kg.graph.ingest.metadata import extract_document
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.text import SourceText

CLEAN_PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG NAM

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1207/KH-UBND

Biên Hòa, ngày 09 tháng 01 năm 2026

KẾ HOẠCH
Cải cách hành chính nhà nước năm 2026 của tỉnh Đồng Nam

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
...
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, SNV.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn Bình
"""

MARKDOWN_DECISION = """

Số: /QĐ-UBND

Phú Mỹ, ngày tháng 7 năm 2026

**QUYẾT ĐỊNH**

**Về việc ban hành Kế hoạch cải cách hành chính nhà nước
giai đoạn 2026-2030 của phường Phú Mỹ**

**ỦY BAN NHÂN DÂN PHƯỜNG PHÚ MỸ**

*Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;*

*Căn cứ Kế hoạch số 88/KH-UBND ngày 02/6/2026 của UBND thành phố Cần Thơ;*

**QUYẾT ĐỊNH:**

**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính.

**TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH**

**Trần Thị Mai**

## **KẾ HOẠCH**

**Cải cách hành chính nhà nước phường Phú Mỹ giai đoạn 2026-2030**
(Ban hành kèm theo Quyết định số /QĐ-UBND ngày tháng 7 năm 2026 của UBND phường Phú Mỹ)

Thực hiện Kế hoạch số 88/KH-UBND của UBND thành phố Cần Thơ, UBND phường ban hành Kế hoạch:

### **I. MỤC TIÊU**
"""

OCR_COMMUNE = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
XA TAN LAP Déc 1ap - Tu do - Hanh phic
S6: 45 /KH-UBND Tan Lap, ngay 2/ thang O3 nam 2026
KE HOACH

Cai cach hanh chinh nha nwéc nam 2026 cua x3 Tan Lap

- Cén cir Ké hoach s6 201/KH-UBND ngay 10/01/2026 cua UBND tinh Bac Son
vé cai cach hanh chinh nam 2026.

I. MUC PiCH, YEU CAU
Phoi hop voi cac co quan cua tinh Bac Son va UBND tinh Bac Son.
Noi nhan: TM. UY BAN NHAN DAN
- UBND tinh Bac Son; CHU TICH
- Luu: VT. Hoang Van Long
"""

OCR_HEADER_LOST = """ Thuc hién Ké hoach cai cach
hanh chinh nha nwéc Phuong Dong Tien giai doan 2026 - 2030

Thuc hién Ké hoach s6 99/KH-UBND ngay 1/9/2025 cua Uy ban
nhan dan tinh Son Ha; Uy ban nhan dan phuong ban hanh Ké hoach:

I. MUC PiCH, YEU CAU
- Nang cao chat luong phuc vu tai tinh Son Ha.

 DANH MUC NHIEM VU
(Kém theo Ké hoach sé

/KH-UBND ngay

/09/2025 ciia UBND phuong Dong Tien)
"""


def doc(text: str, name: str = "fixture.txt"):
    return extract_document(SourceText.from_text(text, source=name))


def test_clean_province_plan() -> None:
    d = doc(CLEAN_PROVINCE)
    assert (d.number, d.form, d.level) == ("1207/KH-UBND", "ke_hoach", "province")
    assert d.admin_unit == "tỉnh Đồng Nam" and d.admin_unit_type == "tinh"
    assert d.issuer == "UBND tỉnh Đồng Nam"
    assert d.parent_admin_unit is None
    assert (d.date, d.date_text) == ("2026-01-09", "Biên Hòa, ngày 09 tháng 01 năm 2026")
    assert d.title == "Cải cách hành chính nhà nước năm 2026 của tỉnh Đồng Nam"
    assert d.period == "2026"
    assert d.signer == "Nguyễn Văn Bình"
    assert d.line == 7


def test_markdown_draft_decision_with_attached_plan() -> None:
    d = doc(MARKDOWN_DECISION, "x.md")
    assert d.number is None  # "Số: /QĐ-UBND" is blank
    assert d.form == "quyet_dinh"
    assert d.date == "2026-07" and d.date_text == "Phú Mỹ, ngày tháng 7 năm 2026"
    assert d.title == "Về việc ban hành Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030 của phường Phú Mỹ"
    assert d.attached_plan_title == "Cải cách hành chính nhà nước phường Phú Mỹ giai đoạn 2026-2030"
    assert (d.admin_unit, d.level, d.admin_unit_type) == ("phường Phú Mỹ", "commune", "phuong")
    assert d.parent_admin_unit == "thành phố Cần Thơ"
    assert d.period == "2026-2030"
    assert d.signer == "Trần Thị Mai"


IMPLEMENTING = """**ỦY BAN NHÂN DÂN**
**XÃ HÒA LỘC**

Số: 64/KH-UBND

## **KẾ HOẠCH**

**Thực hiện Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030 của tỉnh Đồng Nai trên địa bàn xã Hòa Lộc**

Thực hiện Kế hoạch số 112/KH-UBND ngày 29/5/2026 của UBND tỉnh Đồng Nai, UBND xã ban hành Kế hoạch như sau:
"""

PREAMBLE_ONLY = """ỦY BAN NHÂN DÂN
XÃ HÒA LỘC
Số: 65/KH-UBND
KẾ HOẠCH
Thực hiện Kế hoạch số 112/KH-UBND ngày 29/5/2026 của UBND tỉnh Đồng Nai,
"""


def test_title_of_an_implementing_plan_opens_with_thuc_hien() -> None:
    d = doc(IMPLEMENTING, "x.md")
    assert d.title == ("Thực hiện Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030 của tỉnh Đồng Nai "
                       "trên địa bàn xã Hòa Lộc")
    assert d.period == "2026-2030"
    assert doc(PREAMBLE_ONLY, "y.txt").title is None  # a clause citing a numbered plan is no title


def test_ocr_commune_plan() -> None:
    d = doc(OCR_COMMUNE)
    assert d.number == "45/KH-UBND" and d.form == "ke_hoach"
    assert d.admin_unit == "xã Tan Lap" and d.level == "commune"
    assert d.issuer == "UBND xã Tan Lap"
    assert d.parent_admin_unit == "tỉnh Bac Son"
    assert d.date == "2026"  # day and month unreadable ("2/", "O3")
    assert d.date_text.startswith("Tan Lap, ngay")
    assert d.period == "2026"
    assert d.signer == "Hoang Van Long"


def test_ocr_document_whose_header_was_lost() -> None:
    d = doc(OCR_HEADER_LOST)
    assert d.number is None
    assert d.form == "ke_hoach"  # from the appendix's "(Kèm theo Kế hoạch số /KH-UBND ...)"
    assert d.date == "2025-09"  # from the appendix, not from the cited plan's date in the preamble
    assert fold(d.admin_unit or "") == "phuong dong tien" and d.level == "commune"
    assert d.parent_admin_unit == "tỉnh Son Ha"
    assert d.period == "2026-2030"
    assert d.title and fold(d.title).startswith("thuc hien ke hoach cai cach")


def test_diacritics_restored_only_from_the_document_itself() -> None:
    text = OCR_COMMUNE + "\nTrien khai tai xã Tân Lập va cac thon.\n" * 3
    assert doc(text).admin_unit == "xã Tân Lập"


def test_empty_and_garbage_documents_give_empty_metadata() -> None:
    for text in ("\n\n\n", "lorem ipsum dolor sit amet\n" * 5, "12345 / 678 -- ; ;"):
        d = doc(text)
        assert d.number is None and d.admin_unit is None and d.signer is None


def test_seed_metadata_matches_gold(seeds_dir: Path, gold_dir: Path) -> None:
    gold = json.loads((gold_dir / "citations.json").read_text(encoding="utf-8"))
    manual = json.loads((Path(__file__).parent / "data" / "citations_manual.json").read_text(encoding="utf-8"))
    for source, g in {**gold, **manual}.items():
        if source.startswith("_"):
            continue
        d = doc((seeds_dir / source).read_text(encoding="utf-8"), source)
        want = g["document"]
        assert d.number == want["number"], source
        assert d.form == want["form"], source
        assert d.level == ("province" if want["level"] == "city" else want["level"]), source
        assert d.date == want["date"], source
        assert d.period == want["period"], source
        assert fold(d.signer or "") == fold(want["signer"] or ""), source
        assert fold(want["admin_unit"]).startswith(fold(d.admin_unit or "-")), source
