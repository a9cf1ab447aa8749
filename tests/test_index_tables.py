"""Index criteria tables (PAR INDEX / SIPAS appendices) -> index-component targets."""

from __future__ import annotations

from cchc_kg.graph.ingest.index_tables import read_index_tables
from cchc_kg.graph.ingest.metadata import extract_document
from cchc_kg.graph.ingest.records import DocumentRecord
from cchc_kg.graph.ingest.sections import outline
from cchc_kg.graph.ingest.targets import extract_targets
from cchc_kg.graph.ingest.text import SourceText

CLEAN_TABLE = """KẾ HOẠCH nâng cao Chỉ số CCHC năm 2025

I. MỤC ĐÍCH
- Nâng cao Chỉ số CCHC.

Phụ lục 2
CÁC CHỈ TIÊU CẦN CẢI THIỆN TẠI CHỈ SỐ CCHC - PAR INDEX
STT | Lĩnh vực | Điểm tối đa | Kết quả năm 2024 | Mục tiêu năm 2025 | Đơn vị chủ trì
Tổng cộng | 100 | 88.20 | >90.00
1 | CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC | 9.5 | 9.00 | 9.5
1.1 | Thực hiện kế hoạch CCHC | 1.5 | 1.25 | 1.5 | Sở Nội vụ
1.2 | Kiểm tra CCHC | 2 | 2 | 2
2 | CẢI CÁCH THỂ CHẾ | 10 | 9.1 | 9.5
2.1 | Theo dõi thi hành pháp luật | 3 | 2.8 | 3 | Sở Tư pháp
"""

# The same kind of table as OCR returns it: dots lost from codes and numbers, ']' for 1,
# a criterion name wrapped onto the line before its numbers, a row with a missing cell.
OCR_TABLE = """UY BAN NHAN DAN TINH
KE HOACH nang cao Chi so CCHC nam 2025

I. MUC DICH
- Nang cao Chi s6 CCHC.

Phu luc 2
Cac chi tiéu can cai thién tai Chi s6 CCHC - PAR INDEX
Piém | Két qua | Muc tiéu | Pon vi chu tri
STT Linh vuc toi da nam nam 2025 | tham muu, theo
2024 doi
Tong cong 100 88.20 >90.00
2 | CAI CACH THE CHE 10 9.1 9.5
2.1 | Theo ddi thi hanh phép luat 3 2.8 3
22 Ra soat van ban quy pham phap luat 15 15 15 S& Tu phap
Tac dong cua cai cach dén chat luong van ban
23 L , 4 3.45 3.5
231 Tinh dong bo cua cac VBQPPL ] 0.8] 0.83
2.4 | Cong bo, cong khai TTHC 3 2.25
"""


def _read(text: str):
    src = SourceText.from_text(text, source="t.txt")
    return read_index_tables(src, outline=outline(src), document=DocumentRecord(source="t.txt"))


def _rows(result):
    return [(t.criterion_code, t.max_score, t.baseline, t.comparator, t.value) for t in result.targets]


def test_clean_table():
    r = _read(CLEAN_TABLE)
    assert _rows(r) == [
        (None, 100, 88.2, ">", 90),
        ("1", 9.5, 9.0, ">=", 9.5),
        ("1.1", 1.5, 1.25, ">=", 1.5),
        ("1.2", 2, 2, ">=", 2),
        ("2", 10, 9.1, ">=", 9.5),
        ("2.1", 3, 2.8, ">=", 3),
    ]
    assert {t.indicator for t in r.targets} == {"par_index"}
    assert {t.unit for t in r.targets} == {"points"}
    assert {t.period for t in r.targets} == {"2025"}
    by_code = {t.criterion_code: t for t in r.targets}
    assert by_code["1.1"].responsible == "Sở Nội vụ" and by_code["1.1"].area == "direction"
    assert by_code["2.1"].area == "institutional"
    assert r.unreadable == []


def test_ocr_table_reconstruction():
    r = _read(OCR_TABLE)
    assert _rows(r) == [
        (None, 100, 88.2, ">", 90),
        ("2", 10, 9.1, ">=", 9.5),
        ("2.1", 3, 2.8, ">=", 3),
        ("2.2", 1.5, 1.5, ">=", 1.5),  # '22' and '15' lost their dots
        ("2.3", 4, 3.45, ">=", 3.5),  # name on the line before the numbers
        ("2.3.1", 1, 0.81, ">=", 0.83),  # ']' read for 1
    ]
    assert r.targets[4].text.startswith("23 L")
    assert r.targets[3].responsible == "S& Tu phap"
    assert r.unreadable and r.unreadable[0][1].startswith("criterion '2.4'")


def test_no_table_no_targets():
    assert _read("KẾ HOẠCH\n\nI. MỤC ĐÍCH\n- 100% TTHC được công khai.\n").targets == []


def test_seed_par_index_appendix(seeds_dir):
    path = seeds_dir / "003_50b9a1e5b0ae6e07.txt"
    src = SourceText.from_text(path.read_text(encoding="utf-8"), source=path.name)
    r = read_index_tables(src, outline=outline(src), document=extract_document(src))
    par = [t for t in r.targets if t.indicator == "par_index"]
    assert len(par) >= 90
    total = par[0]
    assert (total.criterion_code, total.max_score, total.baseline, total.comparator, total.value) == \
        (None, 100, 91.43, ">", 92)
    codes = [t.criterion_code for t in par if t.criterion_code]
    assert codes[:4] == ["1", "1.1", "1.2", "1.3"]
    assert len(set(codes)) == len(codes)  # sequencing never produces duplicates
    assert all(t.baseline <= t.max_score and t.value <= t.max_score for t in par[1:]), \
        [(t.criterion_code, t.max_score, t.baseline, t.value) for t in par if t.baseline > t.max_score]
    assert any(t.indicator == "sipas" and t.comparator == ">" and t.value == 85 for t in r.targets)
    # the index-table targets reach the document's targets too
    assert len(extract_targets(src, document=extract_document(src))) >= len(r.targets)
