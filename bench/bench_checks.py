"""Time every consistency check through the check runner (graph/checks.py), as `cchc-kg check` runs it.

    python3 bench/bench_checks.py --store bench/out/<copy>-s10 [--only a,b] [--label s10] [--dump rows.json]

bench_queries.py times the plain .rq text; this times ``checks.run_check_query``, i.e. with the
header's ``evaluate:`` mode applied (driving sub-select, per-partition), which is what users pay.
Each check runs ``--repeat`` times; the 1-minute load average is recorded with every timing
(the machine is shared). ``--dump`` writes every check's full result set (sorted rows) so two
runs (before/after a rewrite) can be compared for identity. Result: bench/out/checks-<label>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import write_result  # noqa: E402

from cchc_kg.graph import checks  # noqa: E402
from cchc_kg.graph.results import plain  # noqa: E402
from cchc_kg.graph.store import open_store  # noqa: E402
from cchc_kg.graph.store.base import SelectResult  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", default=None, help="comma-separated check names (without -violation)")
    ap.add_argument("--plain", action="store_true", help="ignore the evaluate: header (run the .rq as written)")
    ap.add_argument("--label", default=None)
    ap.add_argument("--dump", type=Path, default=None, help="write every check's sorted rows here (JSON)")
    args = ap.parse_args(argv)
    label = args.label or args.store.name
    store = open_store(args.store)
    quads = store.quad_count()
    selected = checks.check_queries()
    if args.only:
        keep = set(args.only.split(","))
        selected = [q for q in selected if checks.check_name(q) in keep]
    results: dict[str, dict] = {}
    dump: dict[str, list[list[str]]] = {}
    for q in selected:
        if args.plain:
            q.extra.pop("evaluate", None)
        times, loads, rows = [], [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            out = checks.run_check_query(store, q)
            assert isinstance(out, SelectResult)
            rows = sorted([plain(v) if v is not None else "" for v in r] for r in out.rows)
            times.append(time.perf_counter() - t0)
            loads.append(os.getloadavg()[0])
        name = checks.check_name(q)
        results[name] = {"seconds": times, "best": min(times), "rows": len(rows), "load1": loads,
                         "evaluate": q.extra.get("evaluate", "plain")}
        dump[name] = rows
        print(f"{name:32s} {min(times):8.2f} s  rows {len(rows):6d}  load {loads[-1]:.1f}  "
              f"({results[name]['evaluate']})", file=sys.stderr, flush=True)
    store.close()
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False), encoding="utf-8")
    path = write_result(f"checks-{label}", {
        "store": str(args.store), "quads": quads, "repeat": args.repeat, "checks": results,
        "command": "python3 bench/bench_checks.py " + " ".join(sys.argv[1:] if argv is None else argv),
    })
    print(f"-> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
