"""OCR repair: length-preserving, conservative, and what it makes matchable."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.normalise import fold, repair_ocr
from cchc_kg.graph.ingest.text import SourceText


@pytest.mark.parametrize(
    ("damaged", "folded"),
    [
        ("S6: 89 /KH-UBND", "so: 89 /kh-ubnd"),
        ("Quyét dinh s6 600/QD-UBND", "quyet dinh so 600/qd-ubnd"),
        ("Nghi quyét sé6 09-NQ/PH", "nghi quyet so  09-nq/ph"),
        ("Nghi dinh sb 59/2019", "nghi dinh so 59/2019"),
        ("Phong Van hoa - X3 hoi", "phong van hoa - xa hoi"),
        ("Uy ban nhan dan x& ban hanh K& hoach", "uy ban nhan dan xa ban hanh ke hoach"),
        ("TT Dang uy - TT HPND phuong", "tt dang uy - tt hdnd phuong"),
        ("Pé tiép tuc nang cao", "de tiep tuc nang cao"),
        ("Pam bao 100% phan anh", "dam bao 100% phan anh"),
        ("CHI TIEU KET QUA CAN PAT PUQC", "chi tieu ket qua can dat duqc"),
        ("I. MUC PiCH, YEU CAU", "i. muc dich, yeu cau"),
        ("lay ngudi dan 1am trung tam", "lay ngudi dan lam trung tam"),
        ("Chi s6 hai 1ong", "chi so hai long"),
        ("Luat T6 chiic chinh quyén", "luat to chiic chinh quyen"),
        ("thanh ph6 Hai Phong", "thanh pho hai phong"),
        ("nhi€ém vu, hi¢u qua", "nhieem vu, hieu qua"),
    ],
)
def test_repair_then_fold(damaged: str, folded: str) -> None:
    repaired = repair_ocr(damaged)
    assert len(repaired) == len(damaged)
    assert fold(repaired) == folded


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ số PAR INDEX, PAPI và PCI",  # acronyms that start with P + vowel stay
        "Phó Chủ tịch UBND phường",
        "Nghị quyết số 226/2025/QH15",  # codes with digits
        "ISO 9001:2015, tháng 6/2026, T6/2026",
        "Văn bản số 2231/SNV-CCHC&PC; KT&ĐT",
        "Năm 2024 đạt 91.43 điểm (tăng 1.85 điểm)",
        "Quý 1 năm 2026; 05 cuộc đối thoại",
    ],
)
def test_leaves_sound_text_alone(text: str) -> None:
    assert repair_ocr(text) == text


def test_length_preserved_on_a_whole_ocr_page() -> None:
    page = (
        "UY BAN NHAN DAN CONG HOA XA HOQI CHU NGHIA VIET NAM\n"
        "PHUONG NGOC HA Déc 1ap - Tu do - Hanh phic\n"
        "S6: 89 /KH-UBND Ngoc Ha, ngay /3 thang 02 nam 2026\n"
        "Tiép tuc kién toan t6 chirc b may cua UBND phuong theo hudng tinh\n"
        "cong ngh¢ thong tin, chuyén doi so6 trong thuc thi cong vu.\n"
    )
    for line in page.splitlines():
        assert len(repair_ocr(line)) == len(line)
    src = SourceText.from_text(page, source="x.txt")
    assert src.style == "ocr"
    assert all(len(f) == len(c) for f, c in zip(src.folded, src.clean))
    assert src.folded[2].startswith("so: 89")
    assert "dec lap" in src.folded[1]  # "Độc" stays damaged; "1ap" is repaired


def test_fold_is_length_preserving() -> None:
    text = "Ủy ban nhân dân thành phố Hà Nội – Đặc khu Côn Đảo"
    assert len(fold(text)) == len(text)
    assert fold(text) == "uy ban nhan dan thanh pho ha noi – dac khu con dao"
