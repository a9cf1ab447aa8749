"""Precision/recall of targets and citations on OCR-degraded copies of the clean dev-gold seeds.

Each gold item's quote is located in the *original* text (as bench/eval_targets.py does); the
degradation's line map (bench/degrade.py) gives the degraded line(s) that line became. An
extracted target matches a gold one when it stands on one of those lines with the same value;
citations are scored as sets of normalised numbers per document (as bench/eval_citations.py),
plus whether an occurrence of a found number stands on a mapped gold line. The result is a
curve: P/R against damage level, averaged over several random seeds, with and without the
Markdown-ification.

Usage: python3 bench/eval_degraded.py [--levels 0,0.25,0.5,0.75,1] [--seeds 1,2,3] [--markdown]
       [--json] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from degrade import Degraded, degrade  # noqa: E402

from cchc_kg.graph.ingest.citations import extract_citations  # noqa: E402
from cchc_kg.graph.ingest.metadata import extract_document  # noqa: E402
from cchc_kg.graph.ingest.targets import extract_targets  # noqa: E402
from cchc_kg.graph.ingest.text import SourceText  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
GOLD = REPO.parent / "shared" / "dev-gold"
FIELDS = ("indicator", "comparator", "unit", "period")


@dataclass
class Score:
    """Counts of one (document, level, seed, markdown) run."""

    source: str
    level: float
    seed: int
    markdown: bool
    style: str = ""
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    field_ok: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    cit_gold: int = 0
    cit_found: int = 0
    cit_tp: int = 0
    cit_line_ok: int = 0
    seconds: float = 0.0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


def original_line(lines: list[str], quote: str) -> int | None:
    """1-based line of the original text that contains the quote (Markdown marks ignored)."""
    for i, line in enumerate(lines):
        if quote in line or quote in line.replace("**", "").replace("*", ""):
            return i + 1
    return None


def score_variant(source: str, text: str, *, targets_gold: list[dict], citations_gold: dict | None,
                  level: float, seed: int, markdown: bool) -> Score:
    """Degrade one document once and score the extractors on it."""
    original = text.split("\n")
    d: Degraded = degrade(text, level=level, seed=seed, markdown=markdown)
    start = time.perf_counter()
    src = SourceText.from_text(d.text, source=source)
    document = extract_document(src)
    targets = extract_targets(src, document=document)
    citations = extract_citations(src, document=document) if citations_gold is not None else []
    s = Score(source, level, seed, markdown, style=src.style, gold=len(targets_gold),
              extracted=len(targets), seconds=time.perf_counter() - start)
    used: set[int] = set()
    for g in targets_gold:
        line = original_line(original, g["quote"])
        lines = set(d.lines_of(line)) if line else set()
        candidates = [i for i, t in enumerate(targets) if i not in used and t.line in lines
                      and abs(t.value - float(g["value"])) < 1e-6]
        # two targets of one value on one line: pair by indicator, not by order
        hit = next((i for i in candidates if targets[i].indicator == g.get("indicator")),
                   candidates[0] if candidates else None)
        if hit is None:
            s.missed.append(f"orig line {line}: {g['quote']!r} {g['value']}")
            continue
        used.add(hit)
        s.matched += 1
        t = targets[hit]
        for name in FIELDS:
            got = (t.period or document.period) if name == "period" else getattr(t, name)
            s.field_ok[name] += got == g.get(name)
    s.spurious = [f"line {t.line}: {t.indicator} {t.comparator} {t.value:g} {t.unit} | {t.text[:70]}"
                  for i, t in enumerate(targets) if i not in used]
    if citations_gold is not None:
        gold_numbers = {c["number"]: c for c in citations_gold.get("citations", [])}
        found: dict[str, set[int]] = {}
        for c in citations:
            if c.number:
                found.setdefault(c.number, set()).add(c.line)
        s.cit_gold, s.cit_found = len(gold_numbers), len(found)
        for number in set(found) & set(gold_numbers):
            s.cit_tp += 1
            line = original_line(original, gold_numbers[number].get("quote") or "\0")
            mapped = set(d.lines_of(line)) if line else set()
            # a citation may start on the line before its quote when the wrap falls inside it
            s.cit_line_ok += bool(mapped & {ln + k for ln in found[number] for k in (0, 1)})
    return s


def run(levels: list[float], seeds: list[int], *, markdown_modes: list[bool],
        seeds_dir: Path = SEEDS, gold_dir: Path = GOLD) -> list[Score]:
    targets_gold = json.loads((gold_dir / "targets.json").read_text(encoding="utf-8"))
    cit_path = gold_dir / "citations.json"
    citations_gold = json.loads(cit_path.read_text(encoding="utf-8")) if cit_path.is_file() else {}
    scores: list[Score] = []
    for source, items in targets_gold.items():
        path = seeds_dir / source
        if source.startswith("_") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for markdown in markdown_modes:
            for level in levels:
                for seed in seeds:
                    scores.append(score_variant(source, text, targets_gold=items,
                                                citations_gold=citations_gold.get(source),
                                                level=level, seed=seed, markdown=markdown))
    return scores


def summarise(scores: list[Score]) -> list[dict]:
    """One row per (markdown, level): micro-averaged P/R over documents and seeds."""
    rows = []
    for key in sorted({(s.markdown, s.level) for s in scores}):
        group = [s for s in scores if (s.markdown, s.level) == key]
        g, e, m = (sum(getattr(s, a) for s in group) for a in ("gold", "extracted", "matched"))
        cg, cf, ct, cl = (sum(getattr(s, a) for s in group) for a in ("cit_gold", "cit_found", "cit_tp", "cit_line_ok"))
        rows.append({
            "markdown": key[0], "level": key[1], "runs": len(group),
            "ocr_style": sum(s.style == "ocr" for s in group),
            "targets_P": round(m / e, 3) if e else 1.0, "targets_R": round(m / g, 3) if g else 1.0,
            **{f"{f}_acc": round(sum(s.field_ok[f] for s in group) / m, 3) if m else None for f in FIELDS},
            "citations_P": round(ct / cf, 3) if cf else 1.0, "citations_R": round(ct / cg, 3) if cg else 1.0,
            "citation_line_acc": round(cl / ct, 3) if ct else None,
            "seconds": round(sum(s.seconds for s in group) / len(group), 2),
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="0,0.1,0.25,0.5,0.75,1")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--markdown", choices=("no", "yes", "both"), default="both")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and spurious targets")
    args = parser.parse_args(argv)
    try:
        levels = [float(x) for x in args.levels.split(",")]
        seeds = [int(x) for x in args.seeds.split(",")]
    except ValueError as exc:
        print(f"error: bad --levels/--seeds: {exc}", file=sys.stderr)
        return 2
    modes = {"no": [False], "yes": [True], "both": [False, True]}[args.markdown]
    if not (GOLD / "targets.json").is_file():
        print(f"error: no gold at {GOLD}", file=sys.stderr)
        return 2
    scores = run(levels, seeds, markdown_modes=modes)
    rows = summarise(scores)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'md':>3} {'level':>5} {'ocr':>4} {'tP':>5} {'tR':>5} {'ind':>5} {'cmp':>5} {'unit':>5} "
          f"{'per':>5} {'cP':>5} {'cR':>5} {'cLine':>5} {'sec':>5}")
    for r in rows:
        print(f"{'y' if r['markdown'] else 'n':>3} {r['level']:5.2f} {r['ocr_style']:>2}/{r['runs']:<1} "
              f"{r['targets_P']:5.2f} {r['targets_R']:5.2f} "
              + " ".join(f"{(r[f + '_acc'] or 0):5.2f}" for f in FIELDS)
              + f" {r['citations_P']:5.2f} {r['citations_R']:5.2f} {(r['citation_line_acc'] or 0):5.2f} {r['seconds']:5.2f}")
    if args.verbose:
        for s in scores:
            if s.missed or s.spurious:
                print(f"\n{s.source} level {s.level} seed {s.seed} md {s.markdown} ({s.style})")
                for m in s.missed:
                    print(f"   missed: {m}")
                for m in s.spurious:
                    print(f"   spurious: {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
