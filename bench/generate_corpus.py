"""Generate the national synthetic corpus of CCHC plans (benchmarks; not committed).

    python3 bench/generate_corpus.py --size 1|10|100 --out bench/corpus/s1 [--seed 7]

Writes one text file per plan plus ``manifest.json`` (what each plan says: level, number,
parent plan, style, numbers of targets and tasks). ``--size`` is the share of the 3,321
communes (1 % = 33, 10 % = 332, 100 % = 3,321), taken by whole provinces, plus one 5-year
plan per province (34 at 100 %). Styles follow the seeds: clean text, Markdown, and OCR
damage at a per-document level drawn from 0.3-0.9 (bench/degrade.py). The same seed and
size always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_geo import sample  # noqa: E402
from corpus_plan import Plan, commune_plan, province_plan, text  # noqa: E402
from degrade import degrade  # noqa: E402

SIZES = (1, 10, 100)
PROVINCE_STYLES = (("clean", 5), ("ocr", 3), ("markdown", 2))
COMMUNE_STYLES = (("markdown", 35), ("ocr", 35), ("clean", 30))


def _style(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([s for s, _ in table], weights=[w for _, w in table])[0]


def render(plan: Plan, seed: int) -> str:
    rng = random.Random(f"text:{seed}:{plan.source}")
    body = "\n".join(text(plan, rng)) + "\n"
    if plan.style != "ocr":
        return body
    level = round(rng.uniform(0.3, 0.9), 2)
    damaged = degrade(body.replace("\t", " | " if rng.random() < 0.5 else "  "), level=level, seed=rng.randint(0, 10**6))
    lines = damaged.text.split("\n")
    if rng.random() < 0.3:  # the scan lost the first header lines (seed 004)
        lines = lines[rng.randint(2, 6):]
    return "\n".join(lines)


def generate(size: float, out: Path, *, seed: int = 7) -> list[dict]:
    """Write the corpus for ``size`` percent into ``out``; returns the manifest entries."""
    provinces, communes = sample(seed, size)
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    parents: dict[int, Plan] = {}
    for p in provinces:
        rng = random.Random(f"plan:{seed}:{p.slug}")
        plan = province_plan(p, rng, style=_style(rng, PROVINCE_STYLES))
        parents[p.index] = plan
        manifest.append(_write(plan, out, seed, parent=None))
    for c in communes:
        rng = random.Random(f"plan:{seed}:{c.slug}")
        parent = parents[c.province.index]
        plan = commune_plan(c, parent, rng, style=_style(rng, COMMUNE_STYLES))
        manifest.append(_write(plan, out, seed, parent=parent))
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _write(plan: Plan, out: Path, seed: int, *, parent: Plan | None) -> dict:
    (out / plan.source).write_text(render(plan, seed), encoding="utf-8")
    return {
        "source": plan.source, "level": plan.level, "unit": plan.unit_full, "province": plan.province.full,
        "number": f"{plan.number}/{'QĐ' if plan.with_decision else 'KH'}-UBND", "style": plan.style,
        "parent": parent.source if parent else None,
        "targets": len(plan.targets), "tasks": len(plan.tasks),
        "relations": {r: sum(1 for t in plan.targets if t.relation == r) for r in ("restated", "stricter", "weaker")},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, required=True, help="percent of the national corpus: 1, 10 or 100")
    ap.add_argument("--out", type=Path, required=True, help="output folder (created)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if not 0 < args.size <= 100:
        ap.error("--size must be a percentage in (0, 100]")
    t0 = time.perf_counter()
    manifest = generate(args.size, args.out, seed=args.seed)
    nbytes = sum((args.out / m["source"]).stat().st_size for m in manifest)
    print(f"{len(manifest)} plans ({sum(m['level'] == 'province' for m in manifest)} province, "
          f"{sum(m['level'] == 'commune' for m in manifest)} commune), {nbytes / 1e6:.1f} MB "
          f"in {time.perf_counter() - t0:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
