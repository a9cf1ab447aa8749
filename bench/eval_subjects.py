"""Calibrate cchc:sameSubjectAs (graph/link/subjects.py) on hand-labelled subject pairs.

Pairs: tests/data/subject_pairs.json (12 same-subject pairs: successive programmes, plans and
decrees; 16 different-subject pairs of the same kind of act, several one or two words apart).
Each pair is scored clean and with both sides damaged by bench/degrade.py (levels 0.3 and 0.6,
10 seeds), so the threshold holds on OCR'd plans too. Prints precision and recall of each
scorer at each threshold, and the committed scorer's numbers.

Usage: python3 bench/eval_subjects.py [--seeds 10] [--contexts]

--contexts scores tests/data/context_pairs.json instead: task contexts of citations that state
no subject (graph/link/citation_context.py), 11 same-task and 12 different-task pairs.
Measured (fuzzy bigram coverage, CONTEXT_THRESHOLD 0.75): clean P 100% R 64%; damaged 0.3
P 100% R 64%; damaged 0.6 P 100% R 57% (at 0.70 R 73% / 66%, hardest negative 0.67).

Measured (committed scorer = word-bigram overlap coefficient, THRESHOLD 0.80, chosen for
precision: a false match is a false alarm of the superseded-basis check):
  clean           P 100% R 67%   (at 0.67: P 83% R 83%)
  damaged 0.3     P 100% R 65%
  damaged 0.6     P 100% R 52%
rapidfuzz token_set_ratio, the first candidate, cannot separate titles one content word apart
(tuyển dụng ... công chức / viên chức score 92): at 0.93 it reaches P 90% R 75% clean, and no
threshold gives it 100% precision (a different act whose title contains the other's words
scores 100).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cchc_kg.graph.link import subjects
from degrade import degrade

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "subject_pairs.json"
CONTEXT_PAIRS = PAIRS.with_name("context_pairs.json")


def token_set(a: str, b: str) -> float:
    ka, kb = subjects.subject_key(a), subjects.subject_key(b)
    return fuzz.token_set_ratio(ka, kb) / 100 if ka and kb else 0.0


SCORERS = {"bigram-overlap": subjects.similarity, "token_set_ratio": token_set}
# Task contexts (--contexts): the committed fuzzy bigram coverage against the stated-subject scorer.
CONTEXT_SCORERS = {"fuzzy-bigrams": subjects.context_similarity, "bigram-overlap": subjects.similarity}


def cases(seeds: int, path: Path = PAIRS) -> dict[str, list[tuple[str, str, bool]]]:
    pairs = json.loads(path.read_text(encoding="utf-8"))["pairs"]
    out: dict[str, list[tuple[str, str, bool]]] = {"clean": [(p["a"], p["b"], p["same"]) for p in pairs]}
    for level in (0.3, 0.6):
        out[f"damaged {level}"] = [
            (degrade(p["a"], level=level, seed=s).text, degrade(p["b"], level=level, seed=s + 100).text, p["same"])
            for p in pairs for s in range(seeds)
        ]
    return out


def report(seeds: int, *, contexts: bool = False) -> None:
    scorers = CONTEXT_SCORERS if contexts else SCORERS
    for label, items in cases(seeds, CONTEXT_PAIRS if contexts else PAIRS).items():
        print(f"== {label} ({len(items)} pairs)")
        for name, scorer in scorers.items():
            scored = [(scorer(a, b), same) for a, b, same in items]
            rows = []
            for t in (0.5, 0.6, 0.67, 0.75, 0.8, 0.85, 0.9, 0.93):
                tp = sum(s >= t and same for s, same in scored)
                fp = sum(s >= t and not same for s, same in scored)
                pos = sum(same for _, same in scored)
                rows.append(f"{t:.2f}: P {tp / max(1, tp + fp):.0%} R {tp / max(1, pos):.0%}")
            print(f"  {name:16s} " + " | ".join(rows))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--contexts", action="store_true", help="score task-context pairs (tests/data/context_pairs.json)")
    args = ap.parse_args(argv)
    report(args.seeds, contexts=args.contexts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
