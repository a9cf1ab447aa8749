"""Markdown tables of the benchmark results (bench/out/*.json) for docs/benchmarks.md.

    python3 bench/report_tables.py > /tmp/tables.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plot_benchmarks import SIZES, load  # noqa: E402

POINT = ("implementing-tasks", "aligned-targets", "trace", "lookup:citations-of-document", "lookup:targets-of-plan")


def ms(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x * 1000:,.1f}" if x < 10 else f"{x * 1000:,.0f}"


def main() -> int:
    ingest, queries, validate, api = load("ingest"), load("queries"), load("validate"), load("api")
    print("| size | plans | triples | ingest (s) | plans/s | triples/s | store on disk | bytes/quad | peak RSS (all processes) | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in SIZES:
        if s in ingest:
            r = ingest[s]
            print(f"| {s[1:]} % | {r['plans']:,} | {r['triples_extracted']:,} | {r['load_seconds']:.0f} | "
                  f"{r['plans_per_s']:.2f} | {r['triples_per_s']:,.0f} | {r['store_bytes'] / 2**20:,.0f} MiB | "
                  f"{r['bytes_per_quad']:.0f} | {r['peak_rss_mib']['tree']:,.0f} MiB | {r['machine']['load_average_1m']:.1f} |")
    print()
    names = sorted({n for s in queries for n in queries[s]["queries"]}, key=lambda n: (n not in POINT, n))
    cols = [s for s in SIZES if s in queries]
    head = " | ".join(f"{s[1:]} %: Oxigraph p50 / p95 (ms) | rdflib p50 (ms) | ratio" for s in cols)
    print(f"| query | {head} |")
    print("|---|" + "---|---|---|" * len(cols))
    for n in names:
        cells = []
        for s in cols:
            e = queries[s]["queries"].get(n)
            if not e:
                cells += ["—", "—", "—"]
                continue
            ox, rd = e["oxigraph"], e.get("rdflib", {})
            cells.append(f"{ms(ox.get('p50'))} / {ms(ox.get('p95'))}")
            if rd.get("timeout") and not rd.get("p50"):
                cells.append(f"> {rd['timeout'] * 1000:,.0f}")
            elif rd.get("error"):
                cells.append("error")
            else:
                cells.append(ms(rd.get("p50")) if rd else "not run")
            ratio = e.get("ratio_p50") or e.get("ratio_p50_at_least")
            if "ratio_p50_at_least" in e and ratio < 1:
                ratio = None  # rdflib gave up sooner than Oxigraph answered: no bound
            cells.append(("≥ " if "ratio_p50_at_least" in e else "") + f"{ratio:,.1f}x" if ratio else "—")
        print(f"| `{n}` | " + " | ".join(cells) + " |")
    print()
    for s in cols:
        ld = queries[s].get("rdflib_load")
        if ld:
            print(f"- {s[1:]} %: {queries[s]['quads']:,} quads; rdflib baseline loaded in {ld['seconds']:.0f} s, "
                  f"+{ld['rss_mib_added']:,.0f} MiB")
    print()
    print("| size | triples | pySHACL one plan p50 / p95 (s) | Jena one plan p50 (s, incl. JVM start) | "
          "pySHACL whole graph (s) | Jena whole graph (s) | results pySHACL / Jena (whole) | graph extraction (s) |")
    print("|---|---|---|---|---|---|---|---|")
    for s in SIZES:
        if s in validate:
            v = validate[s]
            w = v["whole"]
            pw = f"{w['pyshacl_s']:.0f}" if "pyshacl_s" in w else (f"> {w['pyshacl_timeout_s']:.0f}" if "pyshacl_timeout_s" in w else "—")
            print(f"| {s[1:]} % | {w['triples']:,} | {v['per_plan_pyshacl'].get('p50', 0):.2f} / {v['per_plan_pyshacl'].get('p95', 0):.2f} | "
                  f"{v['per_plan_jena'].get('p50', 0):.2f} | {pw} | {w.get('jena_s', 0):.0f} | "
                  f"{w.get('pyshacl_results', '—')} / {w.get('jena_results', '—')} | {w['extract_s']:.0f} |")
    print()
    for s in SIZES:
        if s in api:
            print(f"API over the {s[1:]} % store:\n")
            print("| endpoint | clients | req/s | p50 (ms) | p95 (ms) | errors |")
            print("|---|---|---|---|---|---|")
            for name, by_c in api[s]["endpoints"].items():
                for c, r in by_c.items():
                    print(f"| `{name}` | {c} | {r['requests_per_s']:.1f} | {ms(r.get('p50'))} | {ms(r.get('p95'))} | {r['errors']} |")
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
