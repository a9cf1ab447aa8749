"""The OCR-damage simulator (bench/degrade.py) and the extractors on one damage level."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import eval_degraded
from degrade import degrade

SAMPLE = """KẾ HOẠCH
Cải cách hành chính giai đoạn 2026-2030

II. MỤC TIÊU, CHỈ TIÊU CỤ THỂ

1. Cải cách thủ tục hành chính
- Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn đạt tối thiểu 98% theo quy định của Thành phố và Trung ương về công tác này.
- Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước đạt trên 90%.
""" * 20


def test_level_zero_keeps_the_text():
    d = degrade(SAMPLE, level=0.0, seed=1)
    assert d.text == SAMPLE
    assert d.line_map == tuple((i + 1,) for i in range(len(SAMPLE.split("\n"))))


def test_same_seed_same_damage_other_seed_other_damage():
    a = degrade(SAMPLE, level=0.6, seed=7)
    assert a == degrade(SAMPLE, level=0.6, seed=7)
    assert a.text != degrade(SAMPLE, level=0.6, seed=8).text


def test_heavy_damage_loses_diacritics_wraps_and_adds_page_numbers():
    d = degrade(SAMPLE, level=1.0, seed=3)
    accented = sum(1 for ch in d.text if ch.isalpha() and not ch.isascii())
    assert accented < 0.25 * sum(1 for ch in SAMPLE if ch.isalpha() and not ch.isascii())
    assert any(len(m) > 1 for m in d.line_map)  # some line wrapped
    assert any(line.strip(" -").isdigit() for line in d.text.split("\n"))  # a page number alone
    numbers = [line for line in d.text.split("\n") if "%" in line]
    assert any("98%" in x for x in numbers) and any("90%" in x for x in numbers)  # digits survive


def test_line_map_points_at_the_same_words():
    original = SAMPLE.split("\n")
    d = degrade(SAMPLE, level=0.8, seed=5)
    damaged = d.text.split("\n")
    for i, line in enumerate(original, start=1):
        joined = " ".join(damaged[j - 1] for j in d.lines_of(i))
        for number in ("98%", "90%", "2026-2030"):
            assert (number in line) == (number in joined), (i, line, joined)


def test_markdown_mode_marks_headings():
    d = degrade(SAMPLE, level=0.0, seed=2, markdown=True)
    assert "**II. MỤC TIÊU, CHỈ TIÊU CỤ THỂ**" in d.text


def test_bad_level_is_a_clear_error():
    with pytest.raises(ValueError, match="level"):
        degrade(SAMPLE, level=1.5, seed=1)
    with pytest.raises(ValueError, match="outside"):
        degrade("a\nb", level=0.1, seed=1).lines_of(3)


def test_targets_survive_one_damage_level(seeds_dir, gold_dir):
    """Targets of the clean dev-gold plans, OCR-degraded at level 0.5 (one seed, plain and
    Markdown): precision and recall stay high, the line map finds every gold line."""
    gold = json.loads((gold_dir / "targets.json").read_text(encoding="utf-8"))
    cits = json.loads((gold_dir / "citations.json").read_text(encoding="utf-8"))
    for source, items in gold.items():
        if source.startswith("_"):
            continue
        text = (seeds_dir / source).read_text(encoding="utf-8")
        for markdown in (False, True):
            s = eval_degraded.score_variant(source, text, targets_gold=items, citations_gold=cits.get(source),
                                            level=0.5, seed=1, markdown=markdown)
            assert s.matched / s.gold >= 0.9, (source, markdown, s.missed)
            assert s.matched / s.extracted >= 0.9, (source, markdown, s.spurious)
            assert s.field_ok["comparator"] / s.matched >= 0.95
            assert s.cit_tp / s.cit_gold >= 0.9 and s.cit_tp / s.cit_found >= 0.9
