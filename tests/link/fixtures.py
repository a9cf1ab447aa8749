"""Fixture plans for the linker: a city plan and three lower-level plans, as extraction records.

- CITY: thành phố Hà Nội, a Quyết định issuing the 2026-2030 CCHC plan; the ingested copy is
  an unnumbered draft ("Số: /QĐ-UBND"), cited elsewhere as 1807/QĐ-UBND of 14/5/2026.
- WARD: phường Láng (Hà Nội), annual plan 2026, OCR-style text without diacritics; cites the
  city plan by number, has a 2026 target list and an appendix of tasks (one unrelated).
- COMMUNE: xã Thanh Trì (Hà Nội), 2026-2030 plan in clean text that restates the city's
  targets and task groups, but does not cite the city plan (linked by hierarchy).
- OTHER: xã Tiên Lãng (Hải Phòng), OCR, no parent unit in its header: the province must be
  taken from the issuer it cites; it cites a Hải Phòng decision with the SAME number as
  Hà Nội's (1807/QĐ-UBND of 2026) and has tasks worded like the Hà Nội ward's. It must
  never be linked to Hà Nội's plan.

The strings are written for these tests in the style of real plans; none is copied from
a seed.
"""

from __future__ import annotations

from cchc_kg.graph.ingest.lexicon import Concept
from cchc_kg.graph.ingest.records import (
    CitationRecord,
    DocumentRecord,
    ExtractionResult,
    TargetRecord,
    TaskRecord,
)
from cchc_kg.graph.link.indicators import Lexicon

NATIONAL = [
    CitationRecord(line=8, quote="Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030;",
                   number="76/NQ-CP", type="nghi_quyet", issuer="Chính phủ", issuer_source="stated",
                   date="2021-07-15", role="legal_basis", clause="can_cu"),
    CitationRecord(line=10, quote="Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ ban hành Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026-2030;",
                   number="282/QĐ-TTg", type="quyet_dinh", issuer="Thủ tướng Chính phủ", issuer_source="stated",
                   date="2026-02-12", role="legal_basis", clause="can_cu"),
]

CITY = ExtractionResult(
    document=DocumentRecord(
        source="city_hn_2026_2030.txt", number=None, form="quyet_dinh", issuer="UBND thành phố Hà Nội",
        admin_unit="thành phố Hà Nội", admin_unit_type="thanh_pho", level="province", date="2026",
        period="2026-2030", title="Về việc ban hành Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030 của thành phố Hà Nội",
        attached_plan_title="Kế hoạch cải cách hành chính nhà nước của thành phố Hà Nội giai đoạn 2026-2030",
    ),
    citations=list(NATIONAL),
    targets=[
        TargetRecord(line=40, text="Chỉ số SIPAS đạt tối thiểu 89%", indicator="sipas", comparator=">=", value=89, unit="%", period="2026-2027"),
        TargetRecord(line=40, text="y tế, giáo dục công lập đạt tối thiểu 87%", indicator="sipas_public_health_education", comparator=">=", value=87, unit="%", period="2026-2027"),
        TargetRecord(line=41, text="100% TTHC có đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình", indicator="online_public_service_full", comparator="=", value=100, unit="%", period="2026-2027"),
        TargetRecord(line=42, text="100% sở, ngành, UBND cấp xã đạt cấp độ 3 mức độ trưởng thành về quản trị dữ liệu", indicator="data_governance_maturity_level", comparator=">=", value=3, unit="level", period="2026-2027"),
        TargetRecord(line=50, text="Tỷ lệ thanh toán trực tuyến trên tổng số giao dịch thanh toán dịch vụ công đạt 90%", indicator="online_payment", comparator=">=", value=90, unit="%", period="2028-2030"),
        TargetRecord(line=51, text="Chỉ số chuyển đổi số (DTI) xếp trong nhóm 05 tỉnh, thành phố đứng đầu", indicator="dti", comparator="top_n", value=5, unit="rank", period="2028-2030"),
        TargetRecord(line=52, text="Chỉ số SIPAS đạt tối thiểu 95%", indicator="sipas", comparator=">=", value=95, unit="%", period="2028-2030"),
    ],
    tasks=[
        TaskRecord(line=70, n="b", kind="prose", area="direction", group="Công tác chỉ đạo điều hành",
                   title="Thường xuyên tổ chức truyền thông, tuyên truyền về cải cách hành chính theo nhiều hình thức đa dạng, gắn với phong trào thi đua"),
        TaskRecord(line=80, n="c", kind="prose", area="procedures", group="Cải cách thủ tục hành chính",
                   title="Đổi mới toàn diện việc tiếp nhận, giải quyết thủ tục hành chính, cung cấp dịch vụ công trực tuyến toàn trình"),
        TaskRecord(line=90, n="b", kind="prose", area="digital_government", group="Xây dựng chính quyền số",
                   title="Tập trung số hóa dữ liệu, thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, tái sử dụng dữ liệu đã số hóa"),
        TaskRecord(line=95, n="c", kind="prose", area="civil_service", group="Cải cách chế độ công vụ",
                   title="Rà soát, xây dựng và hoàn thiện vị trí việc làm của cán bộ, công chức, viên chức"),
        TaskRecord(line=120, kind="duty", lead="Sở Nội vụ", area="direction",
                   title="Xây dựng và triển khai hệ thống đo lường sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước"),
    ],
)

WARD = ExtractionResult(
    document=DocumentRecord(
        source="ward_lang_2026.txt", number="45/KH-UBND", form="ke_hoach", issuer="UBND phường Láng",
        admin_unit="phường Láng", admin_unit_type="phuong", parent_admin_unit="thành phố Hà Nội",
        level="commune", date="2026-02-10", period="2026", title="Cải cách hành chính năm 2026 của phường Láng",
    ),
    citations=[
        CitationRecord(line=6, quote="Can cu Quyet dinh so 1807/QD-UBND ngay 14/5/2026 cua UBND thanh pho Ha Noi ban hanh Ke hoach cai cach hanh chinh giai doan 2026-2030",
                       number="1807/QĐ-UBND", type="quyet_dinh", issuer="UBND thành phố Hà Nội", issuer_source="stated",
                       issuer_admin_unit="thành phố Hà Nội", date="2026-05-14", role="legal_basis", clause="can_cu"),
        CitationRecord(line=140, quote="kiem tra viec trien khai Nghi quyet so 76/NQ-CP", number="76/NQ-CP",
                       type="nghi_quyet", issuer="Chính phủ", issuer_source="code", role="mentioned"),
    ],
    targets=[
        TargetRecord(line=30, text="ty le nguoi dan hai long khi su dung DVC tai phuong tu 90% tro len (SIPAS)", indicator="sipas",
                     comparator=">=", value=90, unit="%", period="2026", area="direction"),
        TargetRecord(line=60, text="thanh toan truc tuyen dat 80%", indicator="online_payment", comparator=">=", value=80,
                     unit="%", period="2026", area="digital_government"),
    ],
    tasks=[
        TaskRecord(line=300, n="1", area="direction", lead="Phong Van hoa - Xa hoi", deadline="2026-02",
                   title="Ban hanh Ke hoach tuyen truyen cai cach hanh chinh nam 2026 tren Trang thong tin dien tu phuong"),
        TaskRecord(line=310, n="2", area="direction", lead="Phong Van hoa - Xa hoi", deadline="2026-06",
                   title="Trien khai khao sat, do luong su hai long cua nguoi dan doi voi su phuc vu cua co quan hanh chinh tai phuong"),
        TaskRecord(line=320, n="3", area="procedures", lead="Trung tam Phuc vu hanh chinh cong",
                   title="So hoa ho so, ket qua giai quyet thu tuc hanh chinh tai Bo phan mot cua"),
        TaskRecord(line=330, n="4", area="digital_government", lead="Trung tam Phuc vu hanh chinh cong",
                   title="Huong dan nguoi dan thanh toan truc tuyen phi, le phi khi nop ho so"),
        TaskRecord(line=340, n="5", area="public_finance", lead="Phong Kinh te",
                   title="Sua chua mai che nha van hoa to dan pho so 3"),
    ],
)

COMMUNE = ExtractionResult(
    document=DocumentRecord(
        source="commune_thanh_tri_2026_2030.md", number="210/QĐ-UBND", form="quyet_dinh", issuer="UBND xã Thanh Trì",
        admin_unit="xã Thanh Trì", admin_unit_type="xa", parent_admin_unit="thành phố Hà Nội",
        level="commune", date="2026-06-20", period="2026-2030",
        attached_plan_title="Kế hoạch cải cách hành chính nhà nước của xã Thanh Trì giai đoạn 2026-2030",
    ),
    citations=list(NATIONAL),
    targets=[
        TargetRecord(line=40, text="Chỉ số SIPAS đạt tối thiểu 89%", indicator="sipas", comparator=">=", value=89, unit="%", period="2026-2027"),
        TargetRecord(line=48, text="Xã đạt cấp độ 4 mức độ trưởng thành về quản trị dữ liệu", indicator="data_governance_maturity_level",
                     comparator=">=", value=4, unit="level", period="2026-2027"),
        TargetRecord(line=50, text="Chỉ số DTI nằm trong top 10 xã đứng đầu", indicator="dti", comparator="top_n", value=10, unit="rank", period="2028-2030"),
    ],
    tasks=[
        TaskRecord(line=70, n="b", kind="prose", area="direction", group="Công tác chỉ đạo điều hành",
                   title="Thường xuyên tổ chức truyền thông, tuyên truyền về cải cách hành chính theo nhiều hình thức đa dạng, gắn với phong trào thi đua của xã"),
        TaskRecord(line=90, n="b", kind="prose", area="digital_government", group="Xây dựng chính quyền số",
                   title="Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Trung tâm phục vụ hành chính công xã"),
    ],
)

OTHER = ExtractionResult(
    document=DocumentRecord(
        source="other_tien_lang_2026.txt", number=None, form="ke_hoach", issuer="UBND xã Tiên Lãng",
        admin_unit="xã Tiên Lãng", admin_unit_type="xa", parent_admin_unit=None, level="commune",
        date="2026", period="2026",
    ),
    citations=[
        CitationRecord(line=3, quote="Thuc hien Quyet dinh so 1807/QD-UBND ngay 02/5/2026 cua Uy ban nhan dan thanh pho Hai Phong ve Ke hoach cai cach hanh chinh",
                       number="1807/QĐ-UBND", type="quyet_dinh", issuer="Ủy ban nhân dân thành phố Hải Phòng", issuer_source="stated",
                       issuer_admin_unit="thành phố Hải Phòng", date="2026-05-02", role="legal_basis", clause="thuc_hien"),
        CitationRecord(line=12, quote="Nghi quyet so 76/NQ-CP ngay 15/7/2021 cua Chinh phu ban hanh Chuong trinh tong the cai cach hanh chinh",
                       number="76/NQ-CP", type="nghi_quyet", issuer="Chính phủ", issuer_source="stated", date="2021-07-15",
                       role="legal_basis", clause="thuc_hien"),
    ],
    targets=[
        TargetRecord(line=30, text="Chi so SIPAS dat tu 90% tro len", indicator="sipas", comparator=">=", value=90, unit="%", period="2026"),
    ],
    tasks=[
        TaskRecord(line=200, n="1", area="direction", title="Trien khai khao sat, do luong su hai long cua nguoi dan doi voi su phuc vu cua co quan hanh chinh xa"),
        TaskRecord(line=210, n="2", area="procedures", title="So hoa ho so, ket qua giai quyet thu tuc hanh chinh tai Bo phan mot cua xa"),
    ],
)

ALL = [CITY, WARD, COMMUNE, OTHER]


def lexicon() -> Lexicon:
    """A small indicator vocabulary in the shape of ontology/schemes/indicators.ttl."""
    return Lexicon([
        Concept("sipas", "Chỉ số hài lòng (SIPAS)", ("su hai long cua nguoi dan", "chi so hai long", "sipas")),
        Concept("sipas_public_health_education", "Hài lòng về y tế, giáo dục", ("y te, giao duc cong lap",), broader="sipas"),
        Concept("online_public_service_full", "DVC trực tuyến toàn trình", ("truc tuyen toan trinh",)),
        Concept("online_payment", "Thanh toán trực tuyến", ("thanh toan truc tuyen",)),
        Concept("data_governance_maturity_level", "Quản trị dữ liệu", ("quan tri du lieu",)),
        Concept("records_digitization", "Số hóa hồ sơ", ("so hoa ho so", "duoc so hoa")),
        Concept("dti", "Chỉ số chuyển đổi số", ("chi so chuyen doi so", "dti")),
    ])
