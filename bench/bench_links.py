"""Linking speed at corpus scale, and the latency of ``trace`` (asserted).

Ingests a corpus (a folder of plans, e.g. the synthetic national corpus written by
bench/generate_corpus.py at 1 % or 10 %) into an on-disk Oxigraph store without linking,
then links it and reports time per document, CPU of this process and link counts; finally
runs the named query ``trace`` from sampled tasks and fails (exit 1) when its 95th
percentile exceeds ``--trace-budget`` seconds (0.03 s measured on the seeds after the rewrite).

    python bench/bench_links.py --corpus DIR [--store DIR] [--jobs 2] [--relink-only]
    python bench/bench_links.py --size 1 [--jobs 2]        # generates bench/corpus/s1 first
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cchc_kg.graph import queries
from cchc_kg.graph.link.run import link_store
from cchc_kg.graph.loader import discover, load_files
from cchc_kg.graph.store import open_store

REPO = Path(__file__).resolve().parent.parent
TASKS = """PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
SELECT ?t WHERE { ?t a cchc:Task }"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, help="folder of plan files")
    ap.add_argument("--size", type=float, help="generate the synthetic corpus at this percent first")
    ap.add_argument("--store", type=Path, help="store folder (default: a temporary one)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--relink-only", action="store_true", help="the store is already ingested")
    ap.add_argument("--trace-samples", type=int, default=50)
    ap.add_argument("--trace-budget", type=float, default=0.1, help="p95 seconds allowed for one trace")
    args = ap.parse_args()
    corpus = args.corpus
    if corpus is None and args.size is not None:
        corpus = REPO / "bench" / "corpus" / f"s{args.size:g}"
        gen = REPO / "bench" / "generate_corpus.py"
        if not gen.is_file():
            print("bench/generate_corpus.py is not there; pass --corpus", file=sys.stderr)
            return 2
        subprocess.run([sys.executable, str(gen), "--size", f"{args.size:g}", "--out", str(corpus)], check=True)
    store_dir = args.store or Path(tempfile.mkdtemp(prefix="cchc-bench-")) / "store"
    store = open_store(str(store_dir))
    if not args.relink_only:
        if corpus is None or not corpus.is_dir():
            print("give --corpus DIR or --size N", file=sys.stderr)
            return 2
        files, _ = discover([corpus])
        t0 = time.perf_counter()
        loaded = load_files(store, files, jobs=args.jobs)
        print(f"ingest (no links): {len(loaded.loaded)} documents, {len(loaded.failed)} failed, "
              f"{time.perf_counter() - t0:.1f} s with {args.jobs} job(s)")
    cpu0, t0 = time.process_time(), time.perf_counter()
    report = link_store(store, jobs=args.jobs, keep=False)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    n = len(report.linked) or 1
    counts = report.counts()
    print(f"link: {len(report.linked)} documents in {wall:.1f} s ({wall / n * 1000:.0f} ms/document wall, "
          f"{cpu / n * 1000:.0f} ms/document CPU in this process), {args.jobs} job(s); "
          f"{sum(c[4] for c in counts)} task links, {sum(c[3] for c in counts)} target alignments")
    q = queries.load("trace")
    tasks = [str(r["t"]) for r in store.query(TASKS).dicts()]
    sample = random.Random(7).sample(tasks, min(args.trace_samples, len(tasks)))
    times = []
    for t in sample:
        s = time.perf_counter()
        store.query(q.text, bindings=q.bind({"node": t}))
        times.append(time.perf_counter() - s)
    store.close()
    if not times:
        print("no tasks to trace")
        return 0
    p95 = sorted(times)[max(0, int(0.95 * len(times)) - 1)]
    print(f"trace: {len(times)} tasks, median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
          f"(budget {args.trace_budget * 1000:.0f} ms)")
    if p95 > args.trace_budget:
        print("FAIL: trace is slower than its budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
