"""Plot how each cost grows from 1 % to 10 % to 100 % of the national corpus.

    python3 bench/plot_benchmarks.py [--out docs/benchmarks.png]

Reads bench/out/{ingest,queries,validate,api}-*.json written by the bench_*.py scripts
(labels s1, s10, s100 from the corpus folders) and draws four panels on log-log axes:
ingest time and peak memory, store size; query latency p50 per query on Oxigraph (and on
rdflib where it finished); SHACL validation per plan and of the whole graph. Sizes with
no result file are left out. Needs matplotlib (pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SIZES = ("s1", "s10", "s100")


def load(prefix: str) -> dict[str, dict]:
    found = {}
    for path in sorted(OUT.glob(f"{prefix}-*.json")):
        m = re.search(r"(s1|s10|s100)\b", path.stem)
        if m:
            found.setdefault(m.group(1), json.loads(path.read_text(encoding="utf-8")))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "benchmarks.png")
    args = ap.parse_args(argv)
    ingest, queries, validate = load("ingest"), load("queries"), load("validate")
    fig, axes = plt.subplots(2, 2, figsize=(13, 9))
    ax = axes[0][0]
    xs = [s for s in SIZES if s in ingest]
    plans = [ingest[s]["plans"] for s in xs]
    ax.plot(plans, [ingest[s]["load_seconds"] for s in xs], "o-", label="ingest from text (s)")
    ax.plot(plans, [ingest[s]["peak_rss_mib"]["tree"] for s in xs], "s-", label="peak RSS, all processes (MiB)")
    ax.plot(plans, [ingest[s]["store_bytes"] / 2**20 for s in xs], "^-", label="store on disk (MiB)")
    ax.axhline(600, color="grey", ls=":", lw=1)
    ax.text(plans[0] if plans else 1, 650, "10 min target", color="grey", fontsize=8)
    ax.set(xscale="log", yscale="log", xlabel="plans", title="Ingest (Oxigraph on disk, --jobs 2)")
    ax.legend(fontsize=8)
    ax = axes[0][1]
    xs = [s for s in SIZES if s in queries]
    names = sorted({n for s in xs for n in queries[s]["queries"]})
    for n in names:
        pts = [(queries[s]["quads"], queries[s]["queries"][n]["oxigraph"].get("p50")) for s in xs
               if n in queries[s]["queries"] and queries[s]["queries"][n]["oxigraph"].get("p50")]
        if pts:
            ax.plot(*zip(*pts), "o-", lw=1, ms=3, label=n)
    ax.axhline(0.02, color="grey", ls=":", lw=1)
    ax.axhline(0.5, color="grey", ls="--", lw=1)
    ax.set(xscale="log", yscale="log", xlabel="quads", ylabel="p50 latency (s)",
           title="Named queries on Oxigraph (dotted 20 ms, dashed 0.5 s)")
    ax.legend(fontsize=5, ncol=2)
    ax = axes[1][0]
    for n in names:
        pts = [(queries[s]["quads"], queries[s]["queries"][n]["rdflib"]["p50"] / queries[s]["queries"][n]["oxigraph"]["p50"])
               for s in xs if n in queries[s]["queries"] and queries[s]["queries"][n].get("rdflib", {}).get("p50")
               and queries[s]["queries"][n]["oxigraph"].get("p50")]
        if pts:
            ax.plot(*zip(*pts), "o-", lw=1, ms=3, label=n)
    ax.axhline(30, color="grey", ls=":", lw=1)
    ax.set(xscale="log", yscale="log", xlabel="quads", ylabel="rdflib p50 / Oxigraph p50",
           title="Speed-up over rdflib in the same run (dotted: 30x target)")
    ax.legend(fontsize=5, ncol=2)
    ax = axes[1][1]
    xs = [s for s in SIZES if s in validate]
    tr = [validate[s]["whole"]["triples"] for s in xs]
    for key, label in (("pyshacl_s", "pySHACL whole graph"), ("jena_s", "Jena SHACL whole graph (incl. JVM start)")):
        pts = [(t, validate[s]["whole"][key]) for t, s in zip(tr, xs, strict=True) if key in validate[s]["whole"]]
        if pts:
            ax.plot(*zip(*pts), "o-", label=label)
    for key, label in (("per_plan_pyshacl", "pySHACL one plan (p50)"), ("per_plan_jena", "Jena one plan (p50)")):
        pts = [(t, validate[s][key]["p50"]) for t, s in zip(tr, xs, strict=True) if validate[s][key].get("p50")]
        if pts:
            ax.plot(*zip(*pts), "s--", label=label)
    ax.axhline(1, color="grey", ls=":", lw=1)
    ax.axhline(10, color="grey", ls="--", lw=1)
    ax.set(xscale="log", yscale="log", xlabel="triples in the store", ylabel="seconds",
           title="SHACL validation (dotted 1 s per plan, dashed 10 s whole)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=110)
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
