"""Assignments appended to a task's own wording (``assignees.appended_assignment``): in
closing brackets, after a colon, or as a sentence of their own."""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.assignees import appended_assignment

CASES = [
    (("Kiểm tra CCHC đột xuất tại các cơ quan (Sở Nội vụ chủ trì, phối hợp với Văn phòng UBND tỉnh, "
      "Thanh tra tỉnh; thực hiện hằng năm)."),
     ("Sở Nội vụ", ["Văn phòng UBND tỉnh", "Thanh tra tỉnh"], "thực hiện hằng năm")),
    ("Theo dõi tình hình thi hành pháp luật (Sở Tư pháp; thường xuyên).", ("Sở Tư pháp", [], "thường xuyên")),
    ("Đánh giá, xếp loại công chức hằng tháng (Sở Nội vụ chủ trì, Sở Khoa học và Công nghệ phối hợp; thường xuyên).",
     ("Sở Nội vụ", ["Sở Khoa học và Công nghệ"], "thường xuyên")),
    (("Xây dựng chính sách hỗ trợ đầu tư: Sở Tài chính chủ trì, phối hợp với Ban Quản lý Khu kinh tế tỉnh "
      "và Sở Tư pháp; hoàn thành trong Quý IV/2026."),
     ("Sở Tài chính", ["Ban Quản lý Khu kinh tế tỉnh", "Sở Tư pháp"], "hoàn thành trong Quý IV/2026")),
    ("Triển khai chính sách thu hút nhân tài. Sở Nội vụ chủ trì thực hiện sau khi HĐND tỉnh ban hành Nghị quyết.",
     ("Sở Nội vụ", [], "thực hiện sau khi HĐND tỉnh ban hành Nghị quyết")),
    # a sentence handing the task to a unit, and OCR's renderings of the labels' words
    ("Tuyên truyền CCHC trên hệ thống truyền thanh. Giao Phòng Văn hóa - Xã hội thực hiện thường xuyên.",
     ("Phòng Văn hóa - Xã hội", [], "thường xuyên")),
    ("Tuyen truyen ve CCHC. Giao Phong Van héa - Xa hoi thyc hi¢n thirong xuyen.",
     ("Phong Van héa - Xa hoi", [], "thirong xuyen")),
    ("Cử cán bộ tham gia bồi dưỡng. Phong Van hoa - Xa hoi chu tri, cac phong, ban phdi hgp; thyc hien theo ke hoach.",
     ("Phong Van hoa - Xa hoi", ["cac phong, ban"], "thyc hien theo ke hoach")),
    ("Giao nhiệm vụ cho các đơn vị thực hiện.", (None, [], None)),
    # brackets that assign no one
    ("Triển khai Đề án 06 (giai đoạn 2026-2027).", (None, [], None)),
    ("Nâng cao Chỉ số CCHC (PAR INDEX, SIPAS).", (None, [], None)),
    ("Tổ chức hội nghị đối thoại (theo kế hoạch của UBND tỉnh).", (None, [], None)),
    ("Rà soát thủ tục hành chính nội bộ.", (None, [], None)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_appended_assignment(text: str, expected: tuple) -> None:
    assert appended_assignment(text) == expected
