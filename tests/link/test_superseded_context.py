"""Superseded act cited in a task: task contexts, corpus matches, and the check's route 2.

Table-driven: task titles (clean and OCR-scrambled) -> context; context pairs -> match or not;
fixture graphs -> which citation the superseded-basis check flags.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cchc_kg.graph import checks
from cchc_kg.graph.link import subjects
from cchc_kg.graph.link.citation_context import context_before_citation
from cchc_kg.graph.link.corpus import CitedRow, match_subjects
from cchc_kg.graph.store.memory import MemoryStore
from rdflib import Dataset

CHECKS = Path(__file__).resolve().parent.parent / "checks"

CONTEXTS = [
    (("Rà soát, ban hành tiêu chuẩn, định mức sử dụng máy móc, thiết bị chuyên dùng theo quy định tại "
     "Nghị định số 155/2025/NĐ-CP ngày 16/06/2025 của Chính phủ"),
     "Rà soát, ban hành tiêu chuẩn, định mức sử dụng máy móc, thiết bị chuyên dùng"),
    # OCR: the row's columns interleaved, the number broken ("15,2/2017"), "theo" doubled.
    (("Ban hanh tiéu chuan, dinh muc st dung may moc, thi¢t bi chuyén dung theo theo quy dinh tai Nghi dinh "
     "thi dinh, sO 15,2/2017/ND—CP; linh vire"),
     "Ban hanh tiéu chuan, dinh muc st dung may moc, thi¢t bi chuyén dung"),
    ("Thực hiện chuyển đổi vị trí công tác căn cứ Nghị định số 59/2019/NĐ-CP",
     "Thực hiện chuyển đổi vị trí công tác"),
    ("Triển khai Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính", None),  # opens with the citation
    ("Tổ chức tuyên truyền về cải cách hành chính", None),  # no numbered document
    ("Luật Thủ đô năm 2024", None),
]


@pytest.mark.parametrize(("title", "expected"), CONTEXTS)
def test_context_before_citation(title: str, expected: str | None) -> None:
    assert context_before_citation(title) == expected


TASK_NEW = "Rà soát, ban hành tiêu chuẩn, định mức sử dụng diện tích chuyên dùng; tiêu chuẩn, định mức sử dụng máy móc, thiết bị chuyên dùng"
TASK_OCR = ("Ban hanh tiéu chuan, s.ff dung 9ién ‘Fich dung; Vfﬁ’i san chuyé? tiéu chuan, dinh muc st dung UBND "
            "Phone Kinh t& dung may moc, thi¢t bi chuyén dung Quy¢t. 8 BIP IS 1")
TASK_OTHER = "Ban hành tiêu chuẩn, định mức sử dụng xe ô tô phục vụ công tác chung"


def _row(citation: str, citing: str, cited: str, number: str, context: str | None, subject: str | None = None) -> CitedRow:
    return CitedRow(citation=citation, citing=citing, cited=cited, role="mentioned", source=f"{citing}.txt",
                    line=1, number=number, subject=subject, type="nghi_dinh", context=context)


OLD = "https://w3id.org/cchc-kg/id/doc/152-2017-nd-cp/2017"
NEW = "https://w3id.org/cchc-kg/id/doc/155-2025-nd-cp/2025"


@pytest.mark.parametrize(("rows", "matched"), [
    # OCR'd ward task vs the clean city task: matched, on both citations.
    ([_row("c1", "ward", OLD, "152/2017/NĐ-CP", TASK_OCR), _row("c2", "city", NEW, "155/2025/NĐ-CP", TASK_NEW)],
     {"c1", "c2"}),
    # A different task (cars, not equipment): no match.
    ([_row("c1", "ward", OLD, "152/2017/NĐ-CP", TASK_OTHER), _row("c2", "city", NEW, "155/2025/NĐ-CP", TASK_NEW)],
     None),
    # Both acts cited in one plan's task: complementary, never a supersession.
    ([_row("c1", "city", OLD, "152/2017/NĐ-CP", TASK_NEW), _row("c2", "city", NEW, "155/2025/NĐ-CP", TASK_NEW),
      _row("c3", "ward", NEW, "155/2025/NĐ-CP", TASK_OCR)],
     None),
])
def test_context_matches(rows: list[CitedRow], matched: set[str] | None) -> None:
    out = match_subjects(rows, resolved={})
    if matched is None:
        assert out == []
        return
    (m,) = out
    assert (m.older, m.newer, m.method) == (OLD, NEW, "context-bigrams")
    assert set(m.citations) == matched


def test_context_threshold_separates_the_labelled_extremes() -> None:
    assert subjects.context_similarity(TASK_OCR, TASK_NEW) >= subjects.CONTEXT_THRESHOLD
    assert subjects.context_similarity(TASK_OTHER, TASK_NEW) < subjects.CONTEXT_THRESHOLD
    assert subjects.context_similarity("Triển khai thực hiện có hiệu quả", "Triển khai thực hiện có hiệu quả") == 0.0


def _load(name: str) -> MemoryStore:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CHECKS.glob("_*.trig")))
    ds = Dataset()
    ds.parse(data=text + (CHECKS / name).read_text(encoding="utf-8"), format="trig")
    store = MemoryStore()
    for g in ds.graphs():
        if len(g) and str(g.identifier) != "urn:x-rdflib:default":
            store.replace_graph(g.identifier, g)
    return store


def test_mention_flagged_when_own_province_cites_the_successor() -> None:
    report = checks.run_checks(_load("superseded-basis.fail.trig"), only=["superseded-basis"])
    hits = {(f.source, f.line) for f in report.findings}
    assert ("ward2.txt", 1072) in hits


def test_mention_not_flagged_for_another_province_or_an_unmatched_citation() -> None:
    report = checks.run_checks(_load("superseded-basis.pass.trig"), only=["superseded-basis"])
    assert not report.findings
