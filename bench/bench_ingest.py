"""Ingest throughput end to end from raw text: plans/s, triples/s, store size, peak RSS.

    python3 bench/bench_ingest.py --corpus bench/corpus/s100 --store bench/out/store-s100 --jobs 2

Runs the same code as ``cchc-kg ingest --jobs N`` (graph.loader.load_files), then the
cross-level link stage over the whole store (graph.link.run.link_store; skip it with
--no-link), and reports each phase's time, triples written, the store's size on disk after
closing, and peak resident memory of the main process and of the largest worker. The
store folder must not exist yet (a benchmark never overwrites data). Result:
bench/out/ingest-<label>.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import RssSampler, Timer, dir_size, peak_rss_mib, write_result  # noqa: E402

from cchc_kg.graph.loader import discover, load_files  # noqa: E402
from cchc_kg.graph.store import open_store  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--store", required=True, help="new folder for an on-disk Oxigraph store, or memory:")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-link", action="store_true")
    ap.add_argument("--label", default=None)
    args = ap.parse_args(argv)
    if args.store != "memory:" and Path(args.store).exists():
        ap.error(f"{args.store} exists: give a new folder")
    files, problems = discover([args.corpus])
    if problems or not files:
        ap.error(f"no plans under {args.corpus}")
    label = args.label or f"{args.corpus.name}-{'memory' if args.store == 'memory:' else 'oxigraph'}-j{args.jobs}"
    store = open_store(args.store)
    done = [0]
    t0 = time.perf_counter()

    def progress(_o: object) -> None:
        done[0] += 1
        if done[0] % 200 == 0:
            el = time.perf_counter() - t0
            print(f"  {done[0]}/{len(files)} plans, {el:.0f} s, {done[0] / el:.1f} plans/s", file=sys.stderr)

    sampler = RssSampler().__enter__()
    with Timer() as t_load:
        report = load_files(store, files, on_done=progress, jobs=args.jobs)
    triples = sum(o.triples for o in report.loaded)
    link = {}
    if not args.no_link:
        from cchc_kg.graph.link.run import link_store

        quads_before = store.quad_count()
        with Timer() as t_link:
            lr = link_store(store)
        link = {"seconds": t_link.seconds, "documents": len(lr.linked),
                "quads_added": store.quad_count() - quads_before}
    with Timer() as t_count:
        quads = store.quad_count()
    with Timer() as t_close:
        store.close()
    sampler.__exit__()
    size_at_close = dir_size(Path(args.store)) if args.store != "memory:" else 0
    reopen = None
    if args.store != "memory:":  # what the next command sees: reopening drops the write-ahead log
        with Timer() as t_reopen:
            open_store(args.store).close()
        reopen = t_reopen.seconds
    size = dir_size(Path(args.store)) if args.store != "memory:" else 0
    result = {
        "corpus": str(args.corpus), "store": args.store, "jobs": args.jobs, "plans": len(files),
        "failed": len(report.failed), "failures": [f"{o.path.name}: {o.error}" for o in report.failed[:10]],
        "triples_extracted": triples, "quads_in_store": quads,
        "load_seconds": t_load.seconds, "plans_per_s": len(files) / t_load.seconds,
        "triples_per_s": triples / t_load.seconds, "link": link,
        "total_seconds": t_load.seconds + link.get("seconds", 0.0),
        "count_seconds": t_count.seconds, "close_seconds": t_close.seconds,
        "store_bytes": size, "store_bytes_at_close": size_at_close, "reopen_seconds": reopen,
        "bytes_per_quad": size / quads if quads else None,
        "peak_rss_mib": {**peak_rss_mib(), "tree": sampler.peak_mib},
        "command": "python3 bench/bench_ingest.py " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    path = write_result(f"ingest-{label}", result)
    print(f"{len(files)} plans ({len(report.failed)} failed), {triples:,} triples in {t_load.seconds:.1f} s "
          f"({result['plans_per_s']:.2f} plans/s, {result['triples_per_s']:,.0f} triples/s); "
          f"link {link.get('seconds', 0):.1f} s; {quads:,} quads, {size / 1e6:.0f} MB on disk; "
          f"peak RSS {sampler.peak_mib:.0f} MiB (all processes) -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
