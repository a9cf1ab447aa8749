"""Snapping the scattered fragments of narrow task-table cells to the values they spell.

Each case is one task row as OCR reads it (written for these tests in the seeds' style, not
copied from a seed): fragments of every column interleaved line by line, a leader phrase
spread over four lines, a unit name cut after its first words ("Phong Van hoa |" ... "- Xa
hoi"), words glued ("Noivu"), a unit named inside the task wording.
"""

from __future__ import annotations

import pytest
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.table_cells import label_line
from cchc_kg.graph.ingest.table_snap import fragment_of, snap_row
from cchc_kg.graph.ingest.table_values import same_word, skeleton

WARD = ("title", "product", "leader", "lead", "coord", "deadline")
CITY = ("title", "lead", "coord", "deadline", "product")
WARD_UNITS = ("Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND phường", "Công an phường",
              "Các phòng, ban, đơn vị thuộc phường")

CASES = [
    pytest.param(
        WARD, WARD_UNITS, ("phuong",),
        ["To chirc tap huan nghiép vu mot ctra Pho Chu tich",
         "cho cong chuc | K& hoach | UBND phudng phu | Phong Van hoa | Cac phong, ban, don | Thang 4/2027",
         "trach theo linh - X3 hoi vi lién quan",
         "vuc"],
        "pho chu tich ubnd phudng phu trach theo linh vuc", "Phòng Văn hóa - Xã hội",
        ("cac phong, ban, don vi lien quan",),
        id="ward-leader-four-lines-unit-cut",
    ),
    pytest.param(
        WARD, WARD_UNITS, ("phuong",),
        ["Ban hanh quy ché phdi hop Chu tich Van phong Cac phong, ban, don Quy Il/2027",
         "giira cac bd phan | Quyét dinh | UBND phuong | HPND va UBND | vi lien quan"],
        "chu tich ubnd phuong", "Văn phòng HĐND và UBND phường", ("cac phong, ban, don vi lien quan",),
        id="ward-chair-office-ocr-d",
    ),
    pytest.param(
        WARD, WARD_UNITS, ("phuong",),
        ["Nang cao hiéu qua hoat dong cua Trung tam Phuc vu hanh chinh cong | Bao cao | Pho Chu tich",
         "phudng | UBND phuong phu trach | Van phong HDND | Cong an phuong | Thuong xuyén",
         "theo linh vuc va UBND"],
        "pho chu tich ubnd phuong phu trach theo linh vuc", "Văn phòng HĐND và UBND phường",
        ("cong an phuong",),
        id="unit-inside-task-wording-stays-there",
    ),
    pytest.param(
        CITY, (), None,
        ["Tham muru t6 chirc hoi nghi d6i thoai S6 Noivu Cac so, ban, Thang 5/2025 Hoi nghi",
         "voi doanh nghiép nganh, UBND cap huyén"],
        None, "s6 noivu", ("cac so, ban, nganh", "ubnd cap huyen"),
        id="city-glued-words-two-coordinating",
    ),
    pytest.param(
        WARD, (), ("phuong",),
        ["Tong hop, xay dung bao cao dinh Bao cao Pho Chu tich",
         "ky ket qua thuc hien cong tac | UBND phuong phu | Phong Van hoa - Cac phong, ban, don | Hang quy",
         "CCHC nam 2027 | trach van hoa - Xa hoi vi lien quan",
         "xa hoi"],
        "pho chu tich ubnd phuong phu trach van hoa - xa hoi", "Phong Van hoa - Xa hoi",
        ("cac phong, ban, don vi lien quan",),
        id="leader-names-the-field-it-answers-for",
    ),
    pytest.param(
        CITY, (), None,
        ["To chuc khao sat muc do hai long cua nguoi Trung tam Phuc",
         "dan doi voi su phuc vu cua co quan hanh Van phong | vu hanh chinh cong;| Quy IV | Bao cao ket qua",
         "chinh nha nuoc tren dia ban xa HDND va |Doan Thanh nien xa;| hang nam | khao sat",
         "UBND xa Hoi Lien hiep Phu",
         "nu xa"],
        None, "van phong hdnd va ubnd xa",
        ("trung tam phuc vu hanh chinh cong", "doan thanh nien xa", "hoi lien hiep phu nu xa"),
        id="coordinating-list-opening-above-a-centred-lead",
    ),
    pytest.param(
        CITY, (), None,
        ["Ra soat, danh gia TTHC trong linh vuc dat dai, xay",
         "dung, de xuat phuong an cat | Phong Kinh t€ Trung tam Phuc vu | Thang | Phuong an don gian",
         "giam thoi gian giai quyet hanh chinh cong | 6/2026 | hoa TTHC"],
        None, "phong kinh t€", ("trung tam phuc vu hanh chinh cong",),
        id="accented-vowel-read-as-a-currency-sign",
    ),
    pytest.param(
        ("title", "deadline", "lead", "coord", "product"), (), None,
        ["Xay dung ke hoach khac phuc cac tieu chi Ke hoach khac",
         "bi mat diem trong Chi so PAR INDEX | Thang 6/2027 | Cac so, ban, | So Noi vu | phuc cua tung",
         "thuoc linh vuc duoc giao theo doi nganh co quan"],
        None, "cac so, ban, nganh", ("so noi vu",),
        id="collective-in-the-lead-column-leads",
    ),
    pytest.param(
        CITY, (), None,
        ["Rà soát, cập nhật quy trình nội bộ | Sở Tư pháp | Các cơ quan, đơn vị | Quý II/2025 | Báo cáo"],
        None, "so tu phap", ("cac co quan, don vi",),
        id="clean-ruled-row",
    ),
    pytest.param(
        CITY, (), None,
        ["Theo doi tinh hinh thi hanh phap luat trong linh S¢ Tu phap Cong an tinh; | Bao cao",
         "vuc xtr 1y vi pham hanh chinh UBND cap huyén"],
        None, "s¢ tu phap", ("cong an tinh", "ubnd cap huyen"),
        id="city-so-read-as-cent-sign",
    ),
    pytest.param(
        CITY, (), None,
        ["Kiem tra cong tac van thu, luu tru S& Noi vu Cac co quan, don vi Thang 9/2025 Bao cao"],
        None, "s& noi vu", ("cac co quan, don vi",),
        id="city-so-read-as-ampersand",
    ),
    pytest.param(
        CITY, (), None,
        ["Kiem tra viec thuc hien quy che lam viec | So Noi vu | Cac so, ban, nganh, UBND|",
         "cua cac co quan hanh chinh nam 2025 cap huyén | Thang 9/2025 | Bao cao"],
        None, "so noi vu", ("cac so, ban, nganh", "ubnd cap huyen"),
        id="city-unit-wrapped-after-its-first-word",
    ),
    pytest.param(
        ("title", "lead", "coord", "deadline", "product"), ("Phòng Văn hóa - Xã hội",), ("xa",),
        ["Duy tri tu kiem tra cong tac cai cach | Phong Vian hoa - | Cac co quan, | Hang nam K¢ hoach",
         "hanh chinh tai cac co quan, don vi tren dia ban xa Xa hoi don vi"],
        None, "Phòng Văn hóa - Xã hội", ("cac co quan, don vi",),
        id="lead-cell-labelled-coordinating",
    ),
    pytest.param(
        CITY, (), None,
        ["Xay dung co s& dir liéu quan ly dau tu cong S& Ké hoach Cac s0, ban, Thang 8/2025 Phan mém",
         "trén dia ban tinh va Pau tu nganh, UBND Bao cao",
         "cap huyén"],
        None, "s& ke hoach va pau tu", ("cac s0, ban, nganh", "ubnd cap huyen"),
        id="city-capital-d-read-as-p-and-list-wrapped-after-a-comma",
    ),
    pytest.param(
        CITY, (), None,
        ["Ra soat van ban quy pham phap luat do HDND, S& Tu phap Cac s0, ban, Bao cao két qua",
         "UBND tinh ban hanh 11/2025 nganh ra soat"],
        None, "s& tu phap", ("cac s0, ban, nganh",),
        id="city-list-last-word-among-task-words",
    ),
    pytest.param(
        ("title", "deadline", "lead", "coord", "product"), (), None,
        ["0 chuc cac lop boi dudng nghiép vu van thu Trong nam Cac lop boi duong",
         "luu tru 2025 Céc s6, ban, duoc to chuc",
         "nganh, UBND | So& Noi vu",
         "cip huyén"],
        None, "so& noi vu", ("cec s6, ban, nganh", "ubnd cip huyen"),
        id="city-list-after-the-deadline-year-so-read-as-so-ampersand",
    ),
    pytest.param(
        CITY, (), None,
        ["Huéng dan cac co quan chuyén mon thudc tinh va",
         "UBND céc quan, huyén, thi xa trién khai cac gidi phap tiét kiém chi thuong xuyén",
         "theo K& hoach cua tinh S¢ Tai chinh Cac co quan, don vi Thang 10/2025 Van ban"],
        None, "s¢ tai chinh", ("cac co quan, don vi",),
        id="units-named-by-wording-that-wraps-before-them",
    ),
    pytest.param(
        ("title", "deadline", "lead", "coord", "product"), (), None,
        ["Ban hanh quy ché phoi hop kiém tra van ban Théang S Tu phi Céc co quan Quyét dinh",
         "| lién nganh nam 2025 9/2025 phap c6 lién quan | cua UBND tinh"],
        None, "s tu phap", ("cec co quan c6 lien quan",),
        id="so-read-as-a-lone-s",
    ),
    pytest.param(
        ("title", "lead", "coord", "deadline", "product"), ("Phòng Văn hóa - Xã hội",), ("xa",),
        ["Trien khai ung dung so trong cong tac van thu | Phong Van hdéa— | Cac co quan, | 2026 | Bao cao",
         "luu tru tai cac thon tren dia ban X3 hoi don vi"],
        None, "Phòng Văn hóa - Xã hội", ("cac co quan, don vi",),
        id="lead-unit-with-a-word-lost-beside-a-better-collective",
    ),
    pytest.param(
        ("title", "lead", "coord", "deadline", "product"), ("Phòng Văn hóa - Xã hội",), ("xa",),
        ["Trien khai ung dung so trong cong tac van thu | Van hoa - | Cac co quan, | 2026 | Bao cao",
         "luu tru tai cac thon tren dia ban X3 hoi don vi"],
        None, "Phòng Văn hóa - Xã hội", ("cac co quan, don vi",),
        id="document-unit-without-its-head-word-fills-the-lead",
    ),
    pytest.param(
        CITY, (), None,
        ["Tong ket, danh gia viec thuc hien Quy che phoi hop Cac so, ban, Quy IV/2026 Bao cao",
         "| giua cac co quan; bao cao UBND S6 Noi vu nganh; UBND tong ket",
         "tinh theo quy dinh cac xa, phuong"],
        None, "s6 noi vu", ("cac so, ban, nganh", "ubnd cac xa, phuong"),
        id="city-second-unit-opens-after-a-semicolon-among-task-words",
    ),
    pytest.param(
        CITY, ("Phòng Văn hóa - Xã hội",), ("phuong",),
        ["Uy ban MTTQ",
         "To chuc hoi nghi lay y kien nhan dan ve Phong Van hoa - Viet Nam Quy II/2026 Bao cao",
         "du thao quy che dan chu o co so Xa hoi phuong; Cac to tong hop",
         "dan pho"],
        None, "Phòng Văn hóa - Xã hội", ("uy ban mttq - viet nam", "cac to dan pho"),
        id="committee-head-alone-above-the-row-is-no-lead-left-of-the-unit-beside-it",
    ),
]


@pytest.mark.parametrize(("order", "known", "levels", "lines", "leader", "lead", "coordinating"), CASES)
def test_snap_row(order, known, levels, lines, leader, lead, coordinating) -> None:
    cells = snap_row([label_line(line, order) for line in lines], order, known_units=known, levels=levels)
    assert (fold(cells.leader) if cells.leader else None) == leader
    assert cells.lead is not None
    assert fold(cells.lead) == fold(lead)
    assert tuple(fold(c) for c in cells.coordinating) == coordinating


def test_snapped_words_leave_the_task_wording() -> None:
    lines = CASES[0].values[3]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, known_units=WARD_UNITS, levels=("phuong",))
    title = fold(cells.text("title"))
    assert title.startswith("to chirc tap huan")
    for stray in ("xa hoi", "x3 hoi", "vuc", "trach", "lien quan", "phong van hoa"):
        assert stray not in title
    assert "thang 4/2027" in fold(cells.text("deadline"))


def test_unit_in_wording_is_not_a_cell() -> None:
    lines = CASES[2].values[3]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, known_units=WARD_UNITS, levels=("phuong",))
    assert "trung tam phuc vu hanh chinh cong" in fold(cells.text("title"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X3 hoi", "Phòng Văn hóa - Xã hội"),
        ("- Xa héi", "Phòng Văn hóa - Xã hội"),
        ("HDND va UBND", "Văn phòng HĐND và UBND phường"),
        ("vi lién quan", None),  # not part of any unit the document names
        ("", None),
    ],
)
def test_fragment_of(text: str, expected: str | None) -> None:
    assert fragment_of(text, WARD_UNITS) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("vuc", "vue", True),  # one letter changed
        ("Vian", "Văn", True),  # one letter added
        ("X3", "xã", True),  # digit for a vowel
        ("phudng", "phường", True),
        ("cua", "các", False),  # two letters differ in a short word
        ("phong", "pho", False),
        ("ban", "don", False),  # first letters differ
        ("S&", "Sở", True),  # the usual misreadings of a two-letter word (short_word_slips)
        ("S¢", "Sở", True),
        ("Sd", "Sở", True),
        ("Sa", "Số", True),
        ("Tu", "To", False),  # other two-letter words must be equal
        ("Sd", "Sa", False),
    ],
)
def test_same_word(a: str, b: str, same: bool) -> None:
    assert same_word(skeleton(a), skeleton(b)) is same


def test_no_tokens_no_cells() -> None:
    cells = snap_row([label_line("", WARD), label_line("| |", WARD)], WARD)
    assert cells.leader is None and cells.lead is None and cells.coordinating == ()


def test_repeated_value_fragments_leave_the_task_wording() -> None:
    # the last line repeats the lead and coordinating cells' words where the labelling saw
    # task wording; "công" ending a wording line stays (a unit's first word, not its end)
    lines = ["T6 chuc Hoi nghi so két cong tac Chu tich Phong Van hoa | Cac phong, ban, don Thang 7/2027",
             "hanh chinh cong | Hoi nghi | UBND phuong - Xa hoi vi lién quan",
             "Phong Van hoa Cac phong,"]
    labelled = [label_line(line, WARD) for line in lines[:2]]
    labelled.append([("title", w) for w in lines[2].split()])  # OCR damage hid the cues
    cells = snap_row(labelled, WARD, known_units=WARD_UNITS, levels=("phuong",))
    title = fold(cells.text("title"))
    assert title.endswith("hanh chinh cong")
    assert "phong van hoa" not in title and "cac phong" not in title


def _cells(text: str) -> list[tuple[str, str]]:
    """'title:words / lead:words / ...' as a labelled line."""
    out: list[tuple[str, str]] = []
    for part in text.split(" / "):
        kind, words = part.split(":", 1)
        out += [(kind, w) for w in words.split()]
    return out


@pytest.mark.parametrize(
    ("wording_end", "coordinating"),
    [
        # the wording ends with "tại": the unit opening the next line is the place it names
        ("tại", ("cac phong, ban, don vi lien quan",)),
        ("thuoc", ("cac phong, ban, don vi lien quan",)),
        # the wording ends with a full word: the unit opening the next line is a cell
        ("hồ sơ", ("cac phong, ban, don vi lien quan", "trung tam phuc vu hanh chinh cong")),
        ("tại,", ("cac phong, ban, don vi lien quan", "trung tam phuc vu hanh chinh cong")),
    ],
)
def test_unit_continuing_the_wording_is_no_cell(wording_end: str, coordinating: tuple[str, ...]) -> None:
    rows = [_cells(f"title:Hướng dẫn người dân nộp {wording_end} / lead:Phòng Nội vụ / "
                   "coord:Các phòng, ban, / deadline:Quý II/2027"),
            _cells("lead:Trung tâm Phục vụ hành chính công / coord:đơn vị liên quan")]
    cells = snap_row(rows, CITY)
    assert fold(cells.lead or "") == "phong noi vu"
    assert tuple(fold(c) for c in cells.coordinating) == coordinating


@pytest.mark.parametrize(
    "first",
    [
        "Kiem tra viec thuc hien quy che dan chu Phong Noi vu | Cac phong, ban, | Quy III/2027 | Bao cao ket qua",
        # a quarter in Roman numerals closes the deadline cell without any rule after it
        "Kiem tra viec thuc hien quy che dan chu Phong Noi vu | Cac phong, ban, | Quy III/2027 Bao cao ket qua",
        "Kiem tra viec thuc hien quy che dan chu Phong Noi vu | Cac phong, ban, | Thang 5/2027 Bao cao ket qua",
    ],
)
def test_words_after_the_coordinating_cell_below_a_closed_deadline_are_the_product(first: str) -> None:
    # "kiem tra" after the coordinating cell's end on the next line: the deadline cell was
    # closed by its date on the line above, so it is the product cell's ("Báo cáo kết quả
    # kiểm tra"), not the deadline's
    lines = [first, "| tai cac to dan pho don vi lien quan kiem tra"]
    cells = snap_row([label_line(line, CITY) for line in lines], CITY)
    assert fold(cells.text("deadline")) in {"quy iii/2027", "thang 5/2027"}
    assert fold(cells.text("product")) == "bao cao ket qua kiem tra"
    assert fold(cells.text("title")) == "kiem tra viec thuc hien quy che dan chu tai cac to dan pho"


def test_words_after_the_coordinating_cell_below_a_complete_deadline_wording() -> None:
    # "Thuong xuyen" reads as a whole deadline on the first line: "duoc niem yet" after the
    # coordinating cell on the next line is the product's ("Danh muc TTHC duoc niem yet")
    lines = ["- Niem yet cong khai thu tuc hanh chinh Phong Van hoa | Cac co quan, | Thuong xuyen | Danh muc TTHC",
             "tai bo phan mot cua don vi lien quan duoc niem yet"]
    cells = snap_row([label_line(line, CITY) for line in lines], CITY)
    assert fold(cells.text("deadline")) == "thuong xuyen"
    assert fold(cells.text("product")) == "danh muc tthc duoc niem yet"


def test_words_after_the_lead_cell_pass_a_snapped_coordinating_cell() -> None:
    # columns deadline, lead, coordinating, product: "Phan mem duoc" after the lead
    # unit's run on its line are not the coordinating unit's words (its value is elsewhere),
    # so they are the product's
    prov = ("title", "deadline", "lead", "coord", "product")
    lines = ["Xay dung co so du lieu doi ngu can bo Quy IV/2027 S& Xay dung Phan mem duoc",
             "cong chuc cap xa trong toan tinh Van phong UBND tinh Cac so, ban, nganh"]
    cells = snap_row([label_line(line, prov) for line in lines], prov)
    assert fold(cells.lead or "") == "s& xay dung"
    assert fold(cells.text("product")).startswith("phan mem duoc")


@pytest.mark.parametrize(("word", "key"), [("clan", "dan"), ("clon", "don"), ("clu6c", "duoc"), ("Cl0", "do"), ("class", "dass"),
                                          ("Chii", "chu"), ("ciia", "cua"), ("thii", "thu"), ("viien", "viien"),
                                          ("tarn", "tam"), ("narn", "nam")])
def test_ocr_letter_groups_no_vietnamese_word_has(word: str, key: str) -> None:
    # no Vietnamese word opens with "cl" before a vowel (OCR's "d", a foreign word too) or
    # has "ii" (OCR's "ủ"/"ư" at a word's end or before "a") or "rn" (OCR's "m")
    assert skeleton(word) == key


def test_collective_with_cl_for_d_is_matched() -> None:
    lines = ["Khao sat su hai long | Bao cao Chu tich Cong an phuong Céc t0 clan pho Quy III/2027"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert [fold(c) for c in cells.coordinating] == ["cec t0 clan pho"]


def test_locality_word_closed_by_a_separator_stays_with_its_unit() -> None:
    # "Cong an | phuong;": the labelling gave "phuong;" the deadline column, its ";" closes the unit
    lines = ["So hoa ho so | Bao cao Chu tich UBND Van phong HDND va UBND Cong an phuong; Hang thang",
             "nam 2027 | phuong | Cac to dan pho"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert any(fold(c).startswith("cong an phuong") for c in (*cells.coordinating, *cells.co_leads))


def test_unit_right_after_cua_is_named_by_another_cell() -> None:
    # "Theo huong dan | ... lien quan cua So Noi vu": the deadline cell names the Sở
    lines = ["Tu danh gia chi so CCHC Chu tich Van phong Cac phong, ban, Theo huong dan",
             "nam 2027 | Bao cao | UBND phuong | HDND va UBND don vi lien quan cua So Noi vu"]
    cells = snap_row([label_line(line, WARD) for line in lines], WARD, levels=("phuong",))
    assert [fold(c) for c in cells.coordinating] == ["cac phong, ban, don vi lien quan"]


COMMUNE = ("title", "lead", "coord", "deadline", "product")


@pytest.mark.parametrize(
    ("lines", "lead", "coordinating"),
    [
        pytest.param(
            [
                "Ra soat quy dinh chuc nang, nhiem vu, Phong Kinh te - Van phong HDND va Nam 2026 Quyet dinh",
                "quyen han cua cac co quan chuyen mon thuoc UBND Ha tang UBND xa; Cac co",
                "xa; sua doi Quy che lam viec cua UBND xa quan, don vi lien",
                "voi mo hinh chinh quyen dia phuong quan",
            ],
            "Phong Kinh te - Ha tang",
            ("van phong hdnd va ubnd xa", "cac co quan, don vi lien quan"),
            id="cell-run-right-of-the-same-words-in-the-wording",
        ),
    ],
)
def test_a_value_printed_twice_on_a_line_is_read_from_the_cell(lines, lead, coordinating) -> None:
    """Single-spaced lines: a unit's continuation ("UBND xa;", "Cac co") is the run right of
    the same words in the task wording ("thuoc UBND", "cua cac co quan")."""
    known = ("Phòng Kinh tế - Hạ tầng", "Văn phòng HĐND và UBND xã")
    cells = snap_row([label_line(line, COMMUNE) for line in lines], COMMUNE, known_units=known, levels=("xa",))
    assert cells.lead is not None and fold(cells.lead) == fold(lead)
    assert tuple(fold(c) for c in cells.coordinating) == coordinating


def test_the_lead_is_the_first_unit_column_on_single_spaced_lines() -> None:
    """The labels gave the lead column to a unit ("Hội Nông dân") that opens right of the
    continuation of an earlier unit ("Việt Nam xã" of "Ủy ban MTTQ ..."); cells follow the
    column order, so the earlier unit is the lead and the others coordinate in order."""
    from cchc_kg.graph.ingest.table_snap import _first_column_leads
    from cchc_kg.graph.ingest.table_values import Match, Template, Token

    def match(name: str, *spots: tuple[int, int]) -> Match:
        tpl = Template("unit", name, tuple(name.lower().split()))
        return Match(tpl, tuple(Token(ln, pos, "w", "coord", "w") for ln, pos in spots), 1.0)

    mttq = match("Uy ban MTTQ Viet Nam", (0, 12), (0, 13), (0, 14), (1, 10), (1, 11))
    phu_nu = match("Hoi Lien hiep Phu nu", (0, 15), (0, 16), (0, 17), (0, 18), (1, 13))
    nong_dan = match("Hoi Nong dan", (1, 15), (1, 16), (2, 10))
    tokens = [t for m in (mttq, phu_nu, nong_dan) for t in m.tokens]
    lead, coord = _first_column_leads(nong_dan, [mttq, phu_nu], tokens)
    assert lead is mttq and coord == [phu_nu, nong_dan]
    # a lead that opens before the other units stays
    assert _first_column_leads(mttq, [phu_nu, nong_dan], tokens) == (mttq, [phu_nu, nong_dan])


def test_a_capital_p_may_be_a_d_even_when_it_reads_as_a_p_word() -> None:
    from cchc_kg.graph.ingest.table_values import row_tokens

    (token,) = row_tokens([[("lead", "Piu")]], frozenset({"phu", "dau"}))
    assert {"phu", "dau"} <= token.hits


@pytest.mark.parametrize(("key", "pair", "glued"), [
    ("noivu", "noivu", True),
    ("phuwomgphu", "phuongphu", True),  # two words glued, with OCR slips
    ("soat", "sotu", False),  # "rà soát" is no "Sở Tư" glued
])
def test_a_token_counts_as_two_glued_words_only_when_it_spells_them(key: str, pair: str, glued: bool) -> None:
    from cchc_kg.graph.ingest.table_align import _glued

    assert _glued(key, pair) is glued


def test_a_leader_field_printed_whole_in_its_column_is_read_as_printed() -> None:
    order = ("title", "product", "leader", "lead", "coord", "deadline")
    words = "Pho Chu tich UBND phuong phu trach van hoa - xa hoi".split()
    line = [("title", "Tong"), ("title", "hop"), ("product", "Bao"), ("product", "cao")]
    line += [("leader", w) for w in words]
    line += [("lead", "Phong"), ("lead", "Kinh"), ("lead", "te"), ("coord", "Cac"), ("coord", "phong,"),
             ("coord", "ban"), ("deadline", "Quy"), ("deadline", "II/2027")]
    cells = snap_row([line], order, levels=("phuong",))
    assert cells.leader == " ".join(words)
    assert cells.lead == "Phong Kinh te"
