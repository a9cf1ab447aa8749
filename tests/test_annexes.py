"""Annex references in the body, annexes present, their RDF and the missing-annex check."""

from __future__ import annotations

import pytest
from cchc_kg.graph import checks, iri
from cchc_kg.graph.ingest.annexes import extract_annexes, normalise_label
from cchc_kg.graph.ingest.pipeline import extract
from cchc_kg.graph.ingest.records import TargetRecord, TaskRecord
from cchc_kg.graph.ingest.text import SourceText
from cchc_kg.graph.rdf import result_graph
from cchc_kg.graph.store.memory import MemoryStore


def _refs(line: str):
    text = f"KẾ HOẠCH\n\nI. MỤC TIÊU\n\n{line}\n"
    return [a for a in extract_annexes(SourceText.from_text(text, source="t.txt")) if a.kind == "reference"]


# (body line, expected [(label, indicators, content)])
REFERENCE_CASES = [
    ("(Các Sở chịu trách nhiệm theo dõi, đánh giá chỉ tiêu CCHC tại Phụ lục I kèm theo).",
     [("1", (), "targets")]),
    ("2. Phụ lục 2: Các chỉ tiêu cần cải thiện, nâng cao tại Chỉ số CCHC - PAR INDEX năm 2026.",
     [("2", ("par_index",), "targets")]),
    ("1. Phụ lục 1: Các nhiệm vụ, giải pháp nâng cao các Chỉ số: PAR INDEX, SIPAS, PAPI năm 2026.",
     [("1", ("par_index", "sipas", "papi"), "tasks")]),
    ("(Chi tiết tại các Phụ lục kèm theo Kế hoạch).", [(None, (), None)]),
    ("(Danh mục nhiệm vụ cụ thể kèm theo).", [(None, (), "tasks")]),
    ("Các nhiệm vụ cụ thể tại Phụ lục số 03 kèm theo Kế hoạch này.", [("3", (), "tasks")]),
    ("Theo Phụ lục IV ban hành kèm theo Quyết định này.", [("4", (), None)]),
    # OCR spellings
    ("3. Phu luc 3: Céc chi tiéu can cai thién tai Chi s6 Hai long - SIPAS nam 2026.",
     [("3", ("sipas",), "targets")]),
    ("1. Phy lyc 1: Cac nhiém vu, giai phap nham ning cao Chi s6 PAR INDEX.",
     [("1", ("par_index",), "tasks")]),
    ("(Chi tiét tai cdc Phu luc kém theo Ké hoach).", [(None, (), None)]),
    ("(Danh muc nhiém vu cu thé kem theo).", [(None, (), "tasks")]),
    # not references to this document's annexes
    ("Thực hiện theo mẫu tại Phụ lục ban hành kèm theo Nghị định số 30/2020/NĐ-CP.", []),
    ("Rà soát, lập danh mục các nội dung về kết luận thanh tra chưa hoàn thành.", []),
    ("Phục vụ người dân, doanh nghiệp tốt hơn; phúc lợi xã hội được bảo đảm.", []),
    ("(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2026 của UBND tỉnh).", []),
]


@pytest.mark.parametrize("line,expected", REFERENCE_CASES)
def test_references(line, expected):
    got = [(a.label, a.indicators, a.content) for a in _refs(line)]
    assert got == expected


@pytest.mark.parametrize("token,label", [("I", "1"), ("1", "1"), ("01", "1"), ("II", "2"), ("I1", "2"),
                                         ("IV", "4"), ("l", "1"), ("12", "12"), ("a", "A"), (None, None)])
def test_label_normalisation(token, label):
    assert normalise_label(token) == label


PLAN = """KẾ HOẠCH
Cải cách hành chính năm 2026

I. NHIỆM VỤ
- Rà soát TTHC (chi tiết tại Phụ lục 1 kèm theo).
- Các chỉ tiêu của Chỉ số SIPAS tại Phụ lục 2 kèm theo.
- Các chỉ tiêu của Chỉ số PAPI tại Phụ lục 3 kèm theo.

II. TỔ CHỨC THỰC HIỆN
Sở Nội vụ theo dõi.

PHỤ LỤC 1
CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026
TT Nhiệm vụ Chủ trì Thời gian
1 Rà soát TTHC Sở Tư pháp Quý I
2 Đối thoại Sở Nội vụ Quý II

Các chỉ tiêu cần cải thiện tại Chỉ số Hài lòng - SIPAS
STT Tiêu chí Điểm tối đa Kết quả 2025 Mục tiêu 2026
CHỈ SỐ HÀI LÒNG CHUNG 100 83 85
"""


def test_present_titles_and_untitled_content():
    src = SourceText.from_text(PLAN, source="t.txt")
    tasks = [TaskRecord(line=15, title="Rà soát TTHC"), TaskRecord(line=16, title="Đối thoại")]
    sipas = [TargetRecord(line=21, text="CHỈ SỐ HÀI LÒNG CHUNG 100 83 85", indicator="sipas", comparator=">=",
                          value=85, unit="%", max_score=100, baseline=83)]
    present = [(a.line, a.label, a.indicators, a.content)
               for a in extract_annexes(src, tasks=tasks, targets=sipas) if a.kind == "present"]
    # Phụ lục 1 holds the task table; the SIPAS table lost its "Phụ lục 2" title: an untitled annex
    assert present == [(12, "1", (), "tasks"), (21, None, ("sipas",), "targets")]


def test_no_annex_and_bad_input():
    for text in ("", "\n\n", "Phụ lục", "PHỤ LỤC\n" * 50, "x" * 5000):
        assert isinstance(extract_annexes(SourceText.from_text(text, source="t.txt")), list)


def _check(*results):
    store = MemoryStore()
    for r in results:
        store.replace_graph(iri.named_graph(r.document.source), result_graph(r, run_stamp="20260101T000000Z"))
    report = checks.run_checks(store, only=["missing-annex"])
    return sorted((f.source, f.line) for f in report.findings)


def test_missing_annex_end_to_end():
    """The plan above refers to Phụ lục 1 (present), 2 (SIPAS: an untitled SIPAS table is
    there) and 3 (PAPI: nothing) -> only Phụ lục 3 is missing."""
    r = extract(PLAN, source="plan.txt")
    refs = [a for a in r.annexes if a.kind == "reference"]
    assert [(a.label, a.indicators) for a in refs] == [("1", ()), ("2", ("sipas",)), ("3", ("papi",))]
    g = result_graph(r, run_stamp="20260101T000000Z")
    assert len(list(g.subjects(None, iri.concept("indicator", "papi")))) == 1
    present = [a for a in r.annexes if a.kind == "present"]
    assert present and present[0].label == "1"
    missing = _check(r)
    assert ("plan.txt", 7) in missing and ("plan.txt", 5) not in missing


def test_seed_judgements(seeds_dir):
    """001 and 002 refer to a 'Phụ lục I' they do not contain; 003 lists Phụ lục 1-4, whose
    content is there (tasks; PAR INDEX, SIPAS and PAPI criteria tables, two titles damaged by
    OCR and one lost); 000 and 004 refer to the annex or task list they do contain."""
    results = [extract((seeds_dir / name).read_text(encoding="utf-8"), source=name)
               for name in sorted(p.name for p in seeds_dir.glob("*.txt"))]
    by_source = {r.document.source[:3]: r for r in results}
    r003 = by_source["003"]
    assert [a.label for a in r003.annexes if a.kind == "reference"] == ["1", "2", "3", "4", None]
    indicators = {i for a in r003.annexes if a.kind == "present" for i in a.indicators}
    assert {"par_index", "sipas", "papi"} <= indicators
    assert [(s[:3], line) for s, line in _check(*results)] == [("001", 110), ("002", 119)]
