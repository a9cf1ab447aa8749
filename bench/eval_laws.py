"""Measure law-name snapping (graph/ingest/laws.py) on generated OCR variants.

Why: plans cite laws by name and OCR misspells the names; the extractor snaps a damaged name
to the curated list (ontology/schemes/laws.ttl) when it is close enough. The threshold trades
recall (damaged names of listed laws that reach their entry) against false snaps (names of
laws that are *not* listed, clean or damaged, pulled onto a listed one). Both are measured
here end to end: a sentence citing the law is damaged by bench/degrade.py (the OCR habits of
the seeds: dropped diacritics, look-alike letters and digits, stray marks, doubled spaces),
the law extractor reads it, and the snapped name is compared with the truth.

Usage: python3 bench/eval_laws.py [--sweep] [--seeds 20]

Result with the committed thresholds (SNAP_MIN 80, SNAP_MIN_SHORT 84 for names under 12
characters), 50 listed laws x 3 templates x levels 0.3/0.6/0.9 x 20 seeds = 9000 damaged
sentences: 97.1% reach their entry, 1 reaches a wrong one (Luật Đầu tư công read "Luật Đầu
tư"); 56 unlisted laws (10248 mentions, clean and damaged): 8 false snaps (0.08%, all "Luật
Thanh tra viên" -> Luật Thanh tra when a stray mark hides the continuing word). Sweep (6
seeds): SNAP_MIN 70 gives 8% false snaps, 75 gives 0.3%, 80 and 85 0.16%; SNAP_MIN_SHORT 80
lets "Luật Tố cáo"-like short names collide (1.9% false), 84 -> 95.8% recall, 88 -> 94.0%.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cchc_kg.graph.ingest import laws
from cchc_kg.graph.ingest.normalise import fold, repair_ocr
from degrade import degrade

TEMPLATES = (
    "Căn cứ {name} năm 2025;",
    "- Triển khai thực hiện có hiệu quả {name} và các văn bản hướng dẫn.",
    "theo quy định tại {name}, {name} (sửa đổi) năm 2024.",
)
LEVELS = (0.3, 0.6, 0.9)
# Real laws that are NOT in the list: none of their spellings may snap onto a listed law.
UNLISTED = (
    "Luật Hôn nhân và gia đình", "Luật Giáo dục", "Luật Bảo hiểm y tế", "Luật Thuế giá trị gia tăng",
    "Luật Giao thông đường bộ", "Luật Điện lực", "Luật Tài nguyên nước", "Luật Bảo vệ môi trường",
    "Luật Lâm nghiệp", "Luật Du lịch", "Luật Di sản văn hóa", "Luật Quốc tịch", "Luật Báo chí",
    "Luật Dược", "Luật Khám bệnh, chữa bệnh", "Luật Thanh niên", "Luật Trẻ em", "Luật Người cao tuổi",
    "Luật Đường sắt", "Luật Hải quan", "Luật Cạnh tranh", "Luật Thương mại", "Luật Trồng trọt",
    "Luật Chăn nuôi", "Luật Thủy sản", "Luật Phòng cháy, chữa cháy", "Luật Nghĩa vụ quân sự",
    "Luật Công an nhân dân", "Luật Tín ngưỡng, tôn giáo", "Luật Đo đạc và bản đồ", "Luật Thủy lợi",
    "Luật Thi hành án dân sự", "Luật Luật sư", "Luật Công chứng", "Luật Giám định tư pháp",
    "Luật Đặc xá", "Luật Bình đẳng giới", "Luật Việc làm", "Luật Kiểm toán nhà nước", "Luật Kế toán",
    "Luật Công nghệ cao", "Luật Chuyển giao công nghệ", "Luật Đầu tư theo phương thức đối tác công tư",
    "Luật Quản lý nợ công", "Luật Tổ chức Tòa án nhân dân", "Luật Tổ chức Viện kiểm sát nhân dân",
    "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", "Luật Trưng cầu ý dân",
    "Luật Viễn thông", "Luật Tần số vô tuyến điện", "Luật Bưu chính", "Luật Thể dục, thể thao",
    "Luật Thanh tra viên", "Luật Tiếp cận nguồn gen", "Luật Dân số", "Luật Phòng, chống ma túy",
)


def mentions(text: str) -> list[laws.LawMention]:
    lines = text.split("\n")
    clean = "\n".join(lines)
    folded = fold(clean)
    repaired = "\n".join(repair_ocr(x) for x in lines)
    return laws.find_laws(clean, folded, repaired, ocr=True)


def variants(name: str, seeds: int) -> list[str]:
    out = []
    for template in TEMPLATES:
        text = template.format(name=name)
        for level in LEVELS:
            for seed in range(seeds):
                out.append(degrade(text, level=level, seed=seed).text)
    return out


def evaluate(seeds: int) -> dict[str, float]:
    listed = laws.law_list()
    counts: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for entry in listed:
        for text in variants(entry.label, seeds):
            for m in mentions(text)[:1]:
                counts["listed"] += 1
                if m.name == entry.label:
                    counts["snapped_right"] += 1
                elif laws.snap(m.name) is not None or m.name in {e.label for e in listed}:
                    counts["snapped_wrong"] += 1
                    wrong[f"{entry.label} <- {m.name}"] += 1
            counts["listed_texts"] += 1
    labels = {e.label for e in listed}
    for name in UNLISTED:
        for text in [t.format(name=name) for t in TEMPLATES] + variants(name, seeds):
            for m in mentions(text)[:1]:
                counts["unlisted"] += 1
                if m.name in labels:
                    got, true = laws.name_key(m.name), laws.name_key(name)
                    rest = true[len(got):].split()
                    if true.startswith(got + " ") and rest and rest[0] in laws.STOP_WORDS:
                        # "Luật Đầu tư theo phương thức ...": the name grammar ends at the
                        # function word too; not a snapping error.
                        counts["boundary"] += 1
                        continue
                    counts["false_snap"] += 1
                    wrong[f"UNLISTED {name} -> {m.name}"] += 1
    recall = counts["snapped_right"] / max(1, counts["listed_texts"])
    false_rate = counts["false_snap"] / max(1, counts["unlisted"])
    print(f"listed laws: {len(listed)}; damaged sentences: {counts['listed_texts']}; "
          f"law found in {counts['listed']}")
    print(f"  snapped to the right entry: {counts['snapped_right']} ({recall:.1%} of sentences)")
    print(f"  snapped to a wrong entry:   {counts['snapped_wrong']}")
    print(f"unlisted laws: {len(UNLISTED)}; mentions read: {counts['unlisted']}; "
          f"false snaps: {counts['false_snap']} ({false_rate:.2%}); "
          f"name cut at a function word (grammar and list agree): {counts['boundary']}")
    for k, n in wrong.most_common(15):
        print(f"    {n:3d}  {k}")
    return {"recall": recall, "wrong": counts["snapped_wrong"], "false": counts["false_snap"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--sweep", action="store_true", help="try several thresholds")
    args = ap.parse_args(argv)
    if not args.sweep:
        evaluate(args.seeds)
        return 0
    for long_t in (70.0, 75.0, 80.0, 85.0):
        for short_t in (80.0, 84.0, 88.0, 92.0):
            laws.SNAP_MIN, laws.SNAP_MIN_SHORT = long_t, short_t
            print(f"== SNAP_MIN {long_t}  SNAP_MIN_SHORT {short_t}")
            evaluate(args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
