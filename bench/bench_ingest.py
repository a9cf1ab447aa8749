"""Ingest throughput end to end from raw text: plans/s, triples/s, store size, peak RSS.

    python3 bench/bench_ingest.py --corpus bench/corpus/s100 --store bench/out/store-s100 --jobs 2

Runs the same code as ``cchc-kg ingest --jobs N``: graph.loader.load_files (the workers also
derive the linker's items), then graph.loader.link_loaded (the store was empty, so every
document is linked, with N scoring workers, items not read back; skip it with --no-link), and
reports each phase's wall time, CPU seconds (user+sys, this process and all its workers) and
1-minute load average, triples and quads written, the store's size on disk after closing,
and peak resident memory (all processes, and the main process and largest waited child).
The store folder must not exist yet (a benchmark never overwrites data). Result:
bench/out/ingest-<label>.json.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Self

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import RssSampler, Timer, dir_size, peak_rss_mib, write_result
from cchc_kg.graph.loader import discover, link_loaded, load_files
from cchc_kg.graph.store import open_store

_TICK = os.sysconf("SC_CLK_TCK")


class TreeCpu:
    """CPU seconds (user+sys) of this process and of every descendant process seen, sampled
    from /proc every ``interval`` s: the worker processes hang off multiprocessing's fork
    server, which this process never waits for, so getrusage(RUSAGE_CHILDREN) misses them
    (a worker that ends between two samples loses at most ``interval`` s of its time)."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self._seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def _sample(self) -> None:
        me = os.getpid()
        parents: dict[int, int] = {}
        cpu: dict[int, float] = {}
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parents[int(d.name)] = int(fields[1])
            cpu[int(d.name)] = (int(fields[11]) + int(fields[12])) / _TICK
        stack = [c for c, p in parents.items() if p == me]
        while stack:
            pid = stack.pop()
            self._seen[pid] = max(self._seen.get(pid, 0.0), cpu.get(pid, 0.0))
            stack.extend(c for c, p in parents.items() if p == pid)

    def snapshot(self) -> dict:
        """CPU seconds so far: this process and its descendants."""
        self._sample()
        r = resource.getrusage(resource.RUSAGE_SELF)
        main = r.ru_utime + r.ru_stime
        workers = sum(self._seen.values())
        return {"main": round(main, 1), "workers": round(workers, 1), "total": round(main + workers, 1)}


def _delta(a: dict, b: dict) -> dict:
    return {k: round(b[k] - a[k], 1) for k in a}


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
    cpu = TreeCpu().__enter__()
    fresh = not store.graphs()
    load_avg = {"start": os.getloadavg()[0]}
    cpu0 = cpu.snapshot()
    with Timer() as t_load:
        report = load_files(store, files, on_done=progress, jobs=args.jobs, items=not args.no_link, bulk=fresh)
    triples = sum(o.triples for o in report.loaded)
    cpu1 = cpu.snapshot()
    load_avg["after_load"] = os.getloadavg()[0]
    cpu_s = {"load": _delta(cpu0, cpu1)}
    link = {}
    if not args.no_link:
        quads_before = store.quad_count()
        cpu1 = cpu.snapshot()  # the count is not part of the ingest
        with Timer() as t_link:
            lr = link_loaded(store, report, fresh=fresh, jobs=args.jobs)
        cpu_s["link"] = _delta(cpu1, cpu.snapshot())
        load_avg["after_link"] = os.getloadavg()[0]
        link = {"seconds": t_link.seconds, "documents": len(lr.linked) if lr else 0,
                "corpus_seconds": lr.corpus_seconds if lr else 0.0,
                "quads_added": store.quad_count() - quads_before, "cpu_seconds": cpu_s["link"]}
    cpu.__exit__()
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
        "cpu_seconds": cpu_s, "load_avg_1min": load_avg,
        "count_seconds": t_count.seconds, "close_seconds": t_close.seconds,
        "store_bytes": size, "store_bytes_at_close": size_at_close, "reopen_seconds": reopen,
        "bytes_per_quad": size / quads if quads else None,
        "peak_rss_mib": {**peak_rss_mib(), "tree": sampler.peak_mib},
        "command": "python3 bench/bench_ingest.py " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    path = write_result(f"ingest-{label}", result)
    print(f"{len(files)} plans ({len(report.failed)} failed), {triples:,} triples in {t_load.seconds:.1f} s "
          f"({result['plans_per_s']:.2f} plans/s, {result['triples_per_s']:,.0f} triples/s); "
          f"link {link.get('seconds', 0):.1f} s (+{link.get('quads_added', 0):,} quads); total "
          f"{result['total_seconds']:.1f} s; CPU {cpu_s}; {quads:,} quads, {size / 1e6:.0f} MB on disk; "
          f"peak RSS {sampler.peak_mib:.0f} MiB (all processes); load {load_avg} -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
