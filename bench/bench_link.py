"""Time of the cross-level link stage for one province's plans in a store of a given size.

    python3 bench/bench_link.py --store bench/out/store-s100 --corpus bench/corpus/s100 [--province p05]

Links the province plan and its communes' plans (graph.link.run.link_store with those
sources, what ``cchc-kg ingest`` does after loading them) in a store built by
bench_ingest.py --no-link, and reports the time and the quads added. Linking every
province is this times the number of provinces, if the time per province does not grow
with the store. Result: bench/out/link-<label>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import RssSampler, Timer, write_result
from bench_ingest import TreeCpu
from cchc_kg.graph.link.run import link_store
from cchc_kg.graph.store import open_store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True, help="the corpus folder (its manifest.json)")
    ap.add_argument("--province", default=None,
                    help="province slug such as p05 (default: the smallest); 'all' links every document")
    ap.add_argument("--jobs", type=int, default=1, help="scoring worker processes (cchc-kg link --jobs)")
    ap.add_argument("--label", default=None)
    args = ap.parse_args(argv)
    manifest = json.loads((args.corpus / "manifest.json").read_text(encoding="utf-8"))
    by_province: dict[str, list[str]] = {}
    for m in manifest:
        by_province.setdefault(m["source"].split("-", 1)[0], []).append(m["source"])
    slug = args.province or min(by_province, key=lambda p: len(by_province[p]))
    sources = None if slug == "all" else by_province[slug]
    st = open_store(args.store)
    before = st.quad_count()
    with RssSampler() as rss, TreeCpu() as cpu:
        cpu0 = cpu.snapshot()
        with Timer() as t:
            report = link_store(st, sources=sources, jobs=args.jobs, keep=False)
        cpu_s = {k: round(v - cpu0[k], 1) for k, v in cpu.snapshot().items()}
    added = st.quad_count() - before
    st.close()
    path = write_result(f"link-{args.label or args.store.name}", {
        "store": str(args.store), "province": slug, "plans": len(report.linked), "jobs": args.jobs,
        "store_quads_before": before, "load_avg_1min": os.getloadavg()[0],
        "corpus_seconds": report.corpus_seconds,
        "seconds": t.seconds, "documents_linked": len(report.linked), "quads_added": added,
        "peak_rss_mib": rss.peak_mib, "cpu_seconds": cpu_s,
        "command": "python3 bench/bench_link.py " + " ".join(sys.argv[1:] if argv is None else argv),
    })
    print(f"{slug}: {len(report.linked)} plans linked in {t.seconds:.1f} s (+{added:,} quads) in a store of "
          f"{before:,} quads; peak RSS {rss.peak_mib:.0f} MiB; corpus stage {report.corpus_seconds:.1f} s; "
          f"CPU {cpu_s}; load {os.getloadavg()[0]:.1f} -> {path}")
    return 0


if __name__ == "__main__":  # guarded: the scoring workers start from a fork server
    raise SystemExit(main())
