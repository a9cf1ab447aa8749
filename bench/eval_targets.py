"""Precision/recall of the target extractor against hand-labelled targets.

Gold files (``/work/shared/dev-gold/targets.json``, ``tests/data/targets_manual.json``) map a
source file name to a list of targets, each with a ``quote`` (an exact substring of the line
where the target stands), ``indicator``, ``comparator``, ``value``, ``unit`` and ``period``.
An extracted target matches a gold one when it is on the gold quote's line with the same
value (each extracted target matches at most one gold target; where one number carries two
targets, the extracted one with the gold indicator is taken first). On matches the accuracy of
indicator, comparator, unit and period is reported; the period of a target without its own
is the plan's period, as in the graph.

Usage: python3 bench/eval_targets.py [--seeds DIR] [--gold FILE]... [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from cchc_kg.graph.ingest.metadata import extract_document
from cchc_kg.graph.ingest.records import TargetRecord
from cchc_kg.graph.ingest.targets import extract_targets
from cchc_kg.graph.ingest.text import SourceText

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
DEFAULT_GOLD = [REPO.parent / "shared" / "dev-gold" / "targets.json", REPO / "tests" / "data" / "targets_manual.json",
                REPO / "tests" / "data" / "targets_manual_000.json"]
FIELDS = ("indicator", "comparator", "unit", "period", "area", "aspiration")
# fields a gold file may leave out (the seeds' gold has no area): scored only where labelled
OPTIONAL = ("area", "aspiration")


@dataclass
class DocScore:
    source: str
    gold: int = 0
    extracted: int = 0
    matched: int = 0
    seconds: float = 0.0
    field_ok: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    field_n: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def quote_line(src: SourceText, quote: str) -> int | None:
    """1-based line whose original (or Markdown-stripped) text contains the quote."""
    for i, (line, clean) in enumerate(zip(src.lines, src.clean)):
        if quote in line or quote in clean:
            return i + 1
    return None


def score_document(path: Path, gold: list[dict]) -> DocScore:
    text = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    src = SourceText.from_text(text, source=path.name)
    document = extract_document(src)
    targets = extract_targets(src, document=document)
    score = DocScore(path.name, gold=len(gold), extracted=len(targets),
                     seconds=time.perf_counter() - start)
    used: set[int] = set()
    for g in gold:
        line = quote_line(src, g["quote"])
        candidates = [i for i, t in enumerate(targets) if i not in used and line is not None
                      and t.line == line and abs(t.value - float(g["value"])) < 1e-6]
        hit = next((i for i in candidates if targets[i].indicator == g.get("indicator")),
                   candidates[0] if candidates else None)
        if hit is None:
            score.missed.append(f"line {line}: {g['quote']!r} {g['value']}")
            continue
        used.add(hit)
        score.matched += 1
        t = targets[hit]
        for name in FIELDS:
            if name in OPTIONAL and name not in g and not (name == "aspiration" and "area" in g):
                continue
            score.field_n[name] += 1
            got = _field(t, name, document.period)
            if got == (g.get(name, False) if name == "aspiration" else g.get(name)):
                score.field_ok[name] += 1
            else:
                score.mismatches.append(f"line {line} {name}: got {got!r}, gold {g.get(name)!r}")
    score.spurious = [f"line {t.line}: {t.indicator} {t.comparator} {t.value:g} {t.unit}"
                      for i, t in enumerate(targets) if i not in used]
    return score


def _field(t: TargetRecord, name: str, plan_period: str | None) -> object:
    if name == "period":
        return t.period or plan_period
    if name == "aspiration":
        return bool(t.aspiration)
    return getattr(t, name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--gold", type=Path, action="append")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and spurious targets")
    args = parser.parse_args(argv)
    scores: list[DocScore] = []
    for gold_file in args.gold or DEFAULT_GOLD:
        if not gold_file.is_file():
            print(f"skipping missing gold file {gold_file}", file=sys.stderr)
            continue
        for source, items in json.loads(gold_file.read_text(encoding="utf-8")).items():
            if source.startswith("_"):
                continue
            path = args.seeds / source
            if not path.is_file():
                print(f"skipping {source}: not in {args.seeds}", file=sys.stderr)
                continue
            scores.append(score_document(path, items))
    if args.json:
        print(json.dumps([{"source": s.source, "gold": s.gold, "extracted": s.extracted,
                           "matched": s.matched, "precision": round(s.precision, 3),
                           "recall": round(s.recall, 3), "seconds": round(s.seconds, 3),
                           **{f"{f}_accuracy": round(s.field_ok[f] / s.field_n[f], 3) if s.field_n[f] else None
                              for f in FIELDS}} for s in scores], indent=1))
        return 0
    header = f"{'source':28s} {'gold':>4s} {'ext':>4s} {'match':>5s} {'P':>6s} {'R':>6s} " + \
        " ".join(f"{f[:6]:>6s}" for f in FIELDS) + f" {'sec':>6s}"
    print(header)
    for s in scores:
        acc = " ".join(f"{s.field_ok[f] / s.field_n[f]:6.2f}" if s.field_n[f] else f"{'-':>6s}" for f in FIELDS)
        print(f"{s.source:28s} {s.gold:4d} {s.extracted:4d} {s.matched:5d} {s.precision:6.2f} "
              f"{s.recall:6.2f} {acc} {s.seconds:6.2f}")
        if args.verbose:
            for kind, items in (("missed", s.missed), ("spurious", s.spurious), ("field", s.mismatches)):
                for item in items:
                    print(f"    {kind}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
