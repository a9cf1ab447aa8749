"""Precision/recall of prose tasks, duties and the unit gazetteer against hand labels.

Gold file (``tests/data/heldout/gold_tasks.json``): per source file, ``tasks`` (each with
``kind`` prose|duty, ``quote`` an exact substring of the line where the task starts,
``lead``, ``coordinating``, ``deadline``) and ``units`` (groups of spellings of one unit,
``collective`` flag). An extracted prose or duty task matches a gold task of the same kind
that starts on the same line. On matches, lead and coordinating are compared by
``units.name_key`` (so spelling variants of one unit agree), deadline exactly.

Units: a gold group is *merged* when one gazetteer unit holds all its spellings (compared
by accent-folded lower-case text), *split* otherwise; a gazetteer unit holding spellings of
two gold groups is a wrong merge. Collective flags are compared on found groups.

Usage: python3 bench/eval_prose.py [--dir DIR] [--gold FILE] [-v]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.pipeline import extract
from cchc_kg.graph.ingest.units import name_key

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO / "tests" / "data" / "heldout"
TASK_FIELDS = ("lead", "coordinating", "deadline")


def _key(name: str | None) -> str | None:
    return name_key(name) if name else None


def _plain(name: str) -> str:
    return " ".join(fold(name).lower().split())


def score_tasks(lines: list[str], tasks: list, gold: list[dict]) -> dict:
    """Per-kind counts and per-field agreement of extracted prose/duty tasks with the gold."""
    out: dict = {"gold": len(gold), "extracted": 0, "matched": 0, "missed": [], "spurious": [],
                 "field_ok": dict.fromkeys(TASK_FIELDS, 0), "mismatches": []}
    mine = [t for t in tasks if t.kind in ("prose", "duty")]
    out["extracted"] = len(mine)
    used: set[int] = set()
    for g in gold:
        line = next((i + 1 for i, text in enumerate(lines) if g["quote"] in text), None)
        hit = next((i for i, t in enumerate(mine) if i not in used and t.line == line and t.kind == g["kind"]), None)
        if hit is None:
            out["missed"].append(f"line {line} {g['kind']}: {g['quote']!r}")
            continue
        used.add(hit)
        out["matched"] += 1
        t = mine[hit]
        got = {"lead": _key(t.lead), "coordinating": sorted(_key(c) for c in t.coordinating),
               "deadline": t.deadline}
        want = {"lead": _key(g["lead"]), "coordinating": sorted(_key(c) for c in g["coordinating"]),
                "deadline": g["deadline"]}
        for name in TASK_FIELDS:
            if got[name] == want[name]:
                out["field_ok"][name] += 1
            else:
                out["mismatches"].append(f"line {line} {name}: got {got[name]!r}, gold {want[name]!r}")
    out["spurious"] = [f"line {t.line} {t.kind}: {t.title[:50]!r}" for i, t in enumerate(mine) if i not in used]
    return out


def score_units(units: list, gold: list[dict]) -> dict:
    """Merged groups, wrong merges and collective flags of the gazetteer against the gold groups."""
    spellings = [{_plain(v) for v in (u.label, *u.variants)} for u in units]
    merged, split, collective_ok, found = 0, [], 0, 0
    owner: dict[int, set[int]] = {}
    for gi, g in enumerate(gold):
        names = {_plain(n) for n in g["names"]}
        holders = [ui for ui, s in enumerate(spellings) if names & s]
        for ui in holders:
            owner.setdefault(ui, set()).add(gi)
        if holders:
            found += 1
            if bool(units[holders[0]].collective) == bool(g.get("collective", False)):
                collective_ok += 1
        if len(holders) == 1 and names <= spellings[holders[0]]:
            merged += 1
        else:
            split.append(f"{sorted(names)} -> {[units[ui].label for ui in holders]}")
    wrong = [f"{units[ui].label}: {sorted(gold[gi]['names'][0] for gi in gs)}" for ui, gs in owner.items() if len(gs) > 1]
    return {"groups": len(gold), "found": found, "merged": merged, "split": split, "wrong_merges": wrong,
            "collective_ok": collective_ok, "units": len(units)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--gold", type=Path, default=DEFAULT_DIR / "gold_tasks.json")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    print(f"{'source':26s} {'kind':5s} {'gold':>4s} {'ext':>4s} {'P':>5s} {'R':>5s} "
          + " ".join(f"{f[:6]:>6s}" for f in TASK_FIELDS) + f" | {'units':>5s} {'merged':>6s} {'wrong':>5s} {'coll':>4s} {'sec':>5s}")
    for source, item in gold.items():
        if source.startswith("_"):
            continue
        text = (args.dir / source).read_text(encoding="utf-8")
        start = time.perf_counter()
        result = extract(text, source=source)
        seconds = time.perf_counter() - start
        lines = text.split("\n")
        u = score_units(result.units, item["units"])
        for kind in ("prose", "duty"):
            s = score_tasks(lines, [t for t in result.tasks if t.kind == kind],
                            [g for g in item["tasks"] if g["kind"] == kind])
            p = s["matched"] / s["extracted"] if s["extracted"] else 1.0
            r = s["matched"] / s["gold"] if s["gold"] else 1.0
            acc = " ".join(f"{s['field_ok'][f] / s['matched']:6.2f}" if s["matched"] else f"{'-':>6s}" for f in TASK_FIELDS)
            tail = (f" | {u['found']:2d}/{u['groups']:<2d} {u['merged']:6d} {len(u['wrong_merges']):5d} "
                    f"{u['collective_ok']:4d} {seconds:5.2f}") if kind == "prose" else ""
            print(f"{source:26s} {kind:5s} {s['gold']:4d} {s['extracted']:4d} {p:5.2f} {r:5.2f} {acc}{tail}")
            if args.verbose:
                for label in ("missed", "spurious", "mismatches"):
                    for line in s[label]:
                        print(f"    {label}: {line}")
        if args.verbose:
            for line in u["split"]:
                print(f"    unit not merged/found: {line}")
            for line in u["wrong_merges"]:
                print(f"    wrong merge: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
