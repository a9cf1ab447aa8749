"""Write one synthetic CCHC plan (province or commune) as clean Vietnamese text.

The layout follows the seeds (see ../shared/seeds/README.md): national motto and issuer
header, number and date line, an optional Quyết định approving the attached plan, the
legal bases (Căn cứ / Thực hiện / Theo đề nghị), I. purpose and targets per period,
II. task groups per reform area, III. duties of the units, and an appendix table of tasks
(STT | task | product | lead | coordinating | deadline). A commune plan cites its province
plan and the national programme and restates, tightens or loosens each province target.
Nothing here knows about extraction: the text is what a clerk would type.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from corpus_geo import Commune, Province

AREAS = (
    ("direction", "Công tác chỉ đạo, điều hành"),
    ("institutional", "Cải cách thể chế"),
    ("procedures", "Cải cách thủ tục hành chính"),
    ("organization", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("civil_service", "Cải cách chế độ công vụ"),
    ("public_finance", "Cải cách tài chính công"),
    ("digital_government", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"),
)
NATIONAL_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
    "cải cách hành chính nhà nước giai đoạn 2021-2030;",
    "Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ ban hành Kế hoạch "
    "cải cách hành chính nhà nước giai đoạn 2026-2030;",
    "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành "
    "chính theo cơ chế một cửa, một cửa liên thông;",
    "Căn cứ Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ về xây dựng kế hoạch cải cách "
    "hành chính;",
)
# indicator -> (templates with {v}, national value, unit step for stricter/weaker, period 2 bonus)
INDICATORS: dict[str, tuple[tuple[str, ...], float, float, float]] = {
    "sipas": (("Chỉ số SIPAS đạt tối thiểu {v}%",
               "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà "
               "nước (SIPAS) đạt từ {v}% trở lên"), 85, 2, 5),
    "online_public_service_full": (("{v}% TTHC đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình",
                                    "Phấn đấu {v}% thủ tục hành chính đủ điều kiện được cung cấp DVC trực "
                                    "tuyến toàn trình trên Cổng DVC quốc gia"), 90, 5, 10),
    "online_payment": (("Tỷ lệ hồ sơ TTHC có phát sinh thanh toán trực tuyến đạt tối thiểu {v}%",), 70, 5, 15),
    "data_governance_maturity_level": (("Đạt cấp độ {v} mức độ trưởng thành về quản trị dữ liệu",), 3, 1, 1),
    "records_digitization": (("Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt {v}%",), 80, 5, 10),
    "tthc_satisfaction": (("Mức độ hài lòng trong tiếp nhận, giải quyết TTHC đạt tối thiểu {v}%",), 90, 2, 5),
    "online_service_satisfaction": (("{v}% người dân, doanh nghiệp hài lòng khi sử dụng DVC trực tuyến",), 90, 2, 5),
    "digitized_data_reuse": (("Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu đã được số hóa đạt {v}%",), 70, 5, 20),
    "dialogue_count": (("Tổ chức ít nhất {v:02d} cuộc đối thoại giữa người đứng đầu với người dân, doanh nghiệp",), 2, 1, 0),
    "on_time_processing": (("Tỷ lệ hồ sơ giải quyết TTHC đúng hạn đạt tối thiểu {v}%",), 95, 2, 3),
    "par_index": (("Chỉ số cải cách hành chính (PAR INDEX) đạt trên {v} điểm",), 88, 2, 3),
}
PROVINCE_UNITS = (
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Văn phòng UBND {p}",
    "Thanh tra {p}", "Công an {p}", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng",
)
COMMUNE_UNITS = (
    "Văn phòng HĐND và UBND {c}", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế",
    "Trung tâm Phục vụ hành chính công {c}", "Công an {c}",
)
TASKS: dict[str, tuple[str, ...]] = {
    "direction": ("Ban hành Kế hoạch cải cách hành chính năm {y}", "Tổ chức hội nghị giao ban công tác CCHC",
                  "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị",
                  "Tuyên truyền về cải cách hành chính trên Cổng thông tin điện tử"),
    "institutional": ("Rà soát, hệ thống hóa văn bản quy phạm pháp luật do {u} ban hành",
                      "Theo dõi tình hình thi hành pháp luật trong lĩnh vực {f}"),
    "procedures": ("Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực {f}",
                   "Công khai đầy đủ, kịp thời thủ tục hành chính tại Bộ phận Một cửa",
                   "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp"),
    "organization": ("Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn",
                     "Xây dựng vị trí việc làm gắn với chức năng, nhiệm vụ"),
    "civil_service": ("Bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức về {f}",
                      "Đánh giá, xếp loại cán bộ, công chức theo kết quả thực hiện nhiệm vụ"),
    "public_finance": ("Thực hiện cơ chế tự chủ tài chính đối với đơn vị sự nghiệp công lập",
                       "Công khai ngân sách, quyết toán theo quy định"),
    "digital_government": ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                           "Triển khai dịch vụ công trực tuyến toàn trình trong lĩnh vực {f}",
                           "Bảo đảm an toàn thông tin mạng cho hệ thống thông tin của {u}"),
}
FIELDS = ("đất đai", "hộ tịch", "xây dựng", "đầu tư", "y tế", "giáo dục", "tư pháp", "lao động",
          "văn hóa", "tài nguyên môi trường", "nông nghiệp", "giao thông")
PROSE = (
    "Nâng cao vai trò, trách nhiệm của người đứng đầu trong lãnh đạo, chỉ đạo, điều hành công tác cải cách hành chính",
    "Gắn kết quả thực hiện nhiệm vụ cải cách hành chính với công tác thi đua, khen thưởng và đánh giá cán bộ",
    "Tăng cường kỷ luật, kỷ cương hành chính; kiểm tra việc thực hiện nhiệm vụ được giao",
    "Đổi mới phương thức tuyên truyền, bảo đảm người dân, doanh nghiệp được biết và giám sát việc thực hiện",
    "Nâng cao chất lượng xây dựng, thẩm định văn bản; bảo đảm tính hợp hiến, hợp pháp, thống nhất của hệ thống pháp luật",
    "Thực hiện nghiêm cơ chế một cửa, một cửa liên thông; giải quyết thủ tục hành chính không phụ thuộc địa giới hành chính",
    "Tái cấu trúc quy trình, cắt giảm thành phần hồ sơ, thời gian giải quyết thủ tục hành chính",
    "Tiếp tục sắp xếp, tinh gọn tổ chức bộ máy, bảo đảm hoạt động hiệu lực, hiệu quả của chính quyền địa phương hai cấp",
    "Xây dựng đội ngũ cán bộ, công chức chuyên nghiệp, có đủ phẩm chất, năng lực đáp ứng yêu cầu nhiệm vụ",
    "Đẩy mạnh thực hiện cơ chế tự chủ, tự chịu trách nhiệm của đơn vị sự nghiệp công lập",
    "Phát triển hạ tầng số, nền tảng số, dữ liệu số; kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia",
    "Bảo đảm an toàn, an ninh mạng; nâng cao kỹ năng số cho cán bộ, công chức và người dân",
)
PRODUCTS = ("Kế hoạch", "Báo cáo", "Quyết định", "Hội nghị", "Văn bản", "Lớp bồi dưỡng", "Cơ sở dữ liệu")


@dataclass(slots=True)
class Target:
    indicator: str
    value: float
    period: str
    relation: str  # restated | stricter | weaker | own


@dataclass(slots=True)
class Plan:
    """What one plan says; ``text()`` writes it."""

    source: str
    level: str  # province | commune
    unit_full: str  # "tỉnh Gia Lai", "xã Hòa Lộc"
    province: Province
    number: int
    day: int
    month: int
    style: str  # clean | markdown | ocr
    with_decision: bool
    targets: list[Target] = field(default_factory=list)
    tasks: list[dict[str, str]] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)


def _value(indicator: str, base: float, step: float, relation: str) -> float:
    v = base + (step if relation == "stricter" else -step if relation == "weaker" else 0)
    cap = 5 if indicator == "data_governance_maturity_level" else 100
    return max(1, min(cap, v))


def province_plan(p: Province, rng: random.Random, *, style: str) -> Plan:
    plan = Plan(
        source=f"{p.slug}-ke-hoach-cchc-2026-2030.txt", level="province", unit_full=p.full, province=p,
        number=rng.randint(20, 400), day=rng.randint(1, 28), month=rng.randint(2, 5), style=style,
        with_decision=rng.random() < 0.6,
    )
    plan.bases = list(NATIONAL_BASES[: rng.randint(3, len(NATIONAL_BASES))])
    plan.bases.append(f"Thực hiện Chương trình số {rng.randint(1, 20):02d}-CTr/TU ngày {rng.randint(1, 28)}/"
                      f"{rng.randint(9, 12)}/2025 của {'Thành ủy' if p.kind == 'thanh_pho' else 'Tỉnh ủy'} về cải cách hành chính;")
    plan.bases.append(f"Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số {rng.randint(100, 3999)}/TTr-SNV "
                      f"ngày {rng.randint(1, 28)}/{plan.month}/2026.")
    for ind, (_, national, step, bonus) in INDICATORS.items():
        if rng.random() < 0.8:
            rel = rng.choice(("restated", "stricter", "stricter"))
            v1 = _value(ind, national, step, rel)
            plan.targets.append(Target(ind, v1, "2026-2027", rel))
            if bonus:
                plan.targets.append(Target(ind, _value(ind, v1 + bonus, 0, "restated"), "2028-2030", rel))
    plan.units = [u.format(p=p.full) for u in PROVINCE_UNITS]
    plan.tasks = _tasks(rng, plan.units, owner=f"UBND {p.full}", count=rng.randint(25, 60))
    return plan


def commune_plan(c: Commune, parent: Plan, rng: random.Random, *, style: str) -> Plan:
    plan = Plan(
        source=f"{c.slug}-ke-hoach-cchc-2026-2030.txt", level="commune", unit_full=c.full, province=c.province,
        number=rng.randint(1, 250), day=rng.randint(1, 28), month=rng.randint(parent.month + 1, 9), style=style,
        with_decision=rng.random() < 0.35,
    )
    if parent.with_decision:  # the province plan is attached to a decision: cite the decision
        parent_ref = (f"Quyết định số {parent.number}/QĐ-UBND ngày {parent.day}/{parent.month}/2026 của Ủy ban "
                      f"nhân dân {parent.province.full} ban hành Kế hoạch cải cách hành chính nhà nước giai đoạn "
                      "2026-2030")
    else:
        parent_ref = (f"Kế hoạch số {parent.number}/KH-UBND ngày {parent.day}/{parent.month}/2026 của Ủy ban nhân "
                      f"dân {parent.province.full} về cải cách hành chính nhà nước giai đoạn 2026-2030")
    plan.bases = list(NATIONAL_BASES[:3]) if rng.random() < 0.7 else list(NATIONAL_BASES[1:3])
    plan.bases.append(f"Căn cứ {parent_ref};" if rng.random() < 0.6 else f"Thực hiện {parent_ref};")
    plan.bases.append(f"Theo đề nghị của Trưởng phòng Văn hóa - Xã hội tại Tờ trình số {rng.randint(10, 400)}/TTr-VHXH "
                      f"ngày {rng.randint(1, 28)}/{plan.month}/2026.")
    for t in parent.targets:
        if rng.random() < 0.75:
            rel = rng.choices(("restated", "stricter", "weaker"), weights=(6, 2, 2))[0]
            step = INDICATORS[t.indicator][2]
            plan.targets.append(Target(t.indicator, _value(t.indicator, t.value, step, rel), t.period, rel))
    plan.units = [u.format(c=c.full) for u in COMMUNE_UNITS]
    plan.tasks = _tasks(rng, plan.units, owner=f"UBND {c.full}", count=rng.randint(10, 35))
    return plan


def _tasks(rng: random.Random, units: list[str], *, owner: str, count: int) -> list[dict[str, str]]:
    deadlines = ("Tháng {m}/2026", "Quý {q}/2026", "Năm {y}", "2026-2030", "Thường xuyên", "Hằng năm",
                 "Trước ngày {d}/{m}/2026", "Theo kế hoạch của UBND {parent}", "Hằng quý")
    out = []
    for i in range(count):
        area, _ = AREAS[i % len(AREAS)] if i < len(AREAS) else rng.choice(AREAS)
        title = rng.choice(TASKS[area]).format(y=rng.choice((2026, 2027)), f=rng.choice(FIELDS), u=owner)
        lead = rng.choice(units)
        coord = ", ".join(rng.sample([u for u in units if u != lead], k=rng.randint(1, 2)))
        deadline = rng.choice(deadlines).format(m=rng.randint(1, 12), q=rng.choice(("I", "II", "III", "IV")),
                                                y=rng.choice((2026, 2027, 2028)), d=rng.randint(1, 28),
                                                parent="tỉnh" if "xã" in owner or "phường" in owner else "thành phố")
        out.append({"area": area, "title": title, "lead": lead, "coordinating": coord,
                    "deadline": deadline, "product": rng.choice(PRODUCTS)})
    order = [a for a, _ in AREAS]
    return sorted(out, key=lambda t: order.index(t["area"]))  # the appendix groups tasks by area


def text(plan: Plan, rng: random.Random) -> list[str]:
    """The plan as lines of clean text (Markdown marks when ``plan.style == "markdown"``)."""
    md = plan.style == "markdown"
    b = (lambda s: f"**{s}**") if md else (lambda s: s)
    h = (lambda n, s: f"{'#' * n} **{s}**") if md else (lambda n, s: s)
    unit_upper = plan.unit_full.upper()
    ubnd = f"ỦY BAN NHÂN DÂN {unit_upper}"
    lines = [b("ỦY BAN NHÂN DÂN"), b(unit_upper), "", b("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
             b("Độc lập - Tự do - Hạnh phúc"), ""]
    place = plan.unit_full.split(" ", 1)[1]
    form = "QĐ" if plan.with_decision else "KH"
    lines += [f"Số: {plan.number}/{form}-UBND", f"{place}, ngày {plan.day:02d} tháng {plan.month:02d} năm 2026", ""]
    if plan.with_decision:
        lines += [b("QUYẾT ĐỊNH"), b(f"Về việc ban hành Kế hoạch cải cách hành chính nhà nước giai đoạn 2026-2030 "
                                    f"của {plan.unit_full}"), "", b(ubnd), ""]
        lines += [f"*{x}*" if md else x for x in plan.bases] + ["", b("QUYẾT ĐỊNH:"), ""]
        lines += [f"{b('Điều 1.')} Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính nhà nước giai đoạn "
                  f"2026-2030 của {plan.unit_full}.", f"{b('Điều 2.')} Quyết định này có hiệu lực kể từ ngày ký.",
                  f"{b('Điều 3.')} Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành.",
                  "", b("TM. ỦY BAN NHÂN DÂN"), b("CHỦ TỊCH"), "", ""]
        lines += [h(2, "KẾ HOẠCH"), b(f"Cải cách hành chính nhà nước giai đoạn 2026-2030 của {plan.unit_full}"),
                  f"(Ban hành kèm theo Quyết định số {plan.number}/QĐ-UBND ngày {plan.day}/{plan.month}/2026 "
                  f"của UBND {plan.unit_full})", ""]
    else:
        lines += [h(2, "KẾ HOẠCH"), b(f"Cải cách hành chính nhà nước giai đoạn 2026-2030 của {plan.unit_full}"), ""]
        lines += plan.bases + [f"Ủy ban nhân dân {plan.unit_full} ban hành Kế hoạch cải cách hành chính nhà nước "
                               "giai đoạn 2026-2030 như sau:", ""]
    lines += [h(3, "I. MỤC ĐÍCH, YÊU CẦU, CHỈ TIÊU"), "", h(4, "1. Mục đích"),
              "- Cụ thể hóa các mục tiêu, nhiệm vụ tại Nghị quyết số 76/NQ-CP của Chính phủ; nâng cao chất lượng "
              "phục vụ người dân, doanh nghiệp.", "", h(4, "2. Các chỉ tiêu chủ yếu"), ""]
    for k, period in enumerate(("2026-2027", "2028-2030"), start=1):
        ts = [t for t in plan.targets if t.period == period]
        if not ts:
            continue
        lines += [h(4, f"2.{k}. Giai đoạn {period}"), ""]
        for t in ts:
            v = t.value
            shown = int(v) if float(v).is_integer() else v
            tmpl = rng.choice(INDICATORS[t.indicator][0])
            lines.append(f"- {tmpl.format(v=shown)}.")
        lines.append("")
    lines += [h(3, "II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM"), ""]
    for n, (area, label) in enumerate(AREAS, start=1):
        lines.append(h(4, f"{n}. {label}"))
        for sentence in rng.sample(PROSE, k=rng.randint(3, 6)):
            lines.append(f"- {sentence}.")
        for t in [t for t in plan.tasks if t["area"] == area]:
            lines.append(f"- {t['title']}. Cơ quan chủ trì: {t['lead']}; phối hợp: {t['coordinating']}; "
                         f"thời gian hoàn thành: {t['deadline']}; sản phẩm: {t['product']}.")
        lines.append("")
    lines += [h(3, "III. TỔ CHỨC THỰC HIỆN"), ""]
    for n, u in enumerate(plan.units, start=1):
        lines.append(f"{n}. {u}: chủ trì, phối hợp thực hiện các nhiệm vụ được giao tại Phụ lục kèm theo; báo cáo "
                     "kết quả định kỳ hằng quý, năm.")
    lines += ["", b("TM. ỦY BAN NHÂN DÂN"), b("CHỦ TỊCH"), "", "", h(2, "PHỤ LỤC"),
              b("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2026-2030"),
              f"(Kèm theo Kế hoạch của UBND {plan.unit_full})", ""]
    lines += _table(plan, md=md)
    return lines


def _table(plan: Plan, *, md: bool) -> list[str]:
    head = ("STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")
    rows = [(str(i), t["title"], t["product"], t["lead"], t["coordinating"], t["deadline"])
            for i, t in enumerate(plan.tasks, start=1)]
    if md:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]
    out = ["\t".join(head)]
    area_of = {a: label for a, label in AREAS}
    current = None
    roman = ("I", "II", "III", "IV", "V", "VI", "VII")
    for t, r in zip(plan.tasks, rows, strict=True):
        if t["area"] != current:
            current = t["area"]
            k = [a for a, _ in AREAS].index(current)
            out.append(f"{roman[k]}\t{area_of[current]}")
        out.append("\t".join(r))
    return out
