"""SHACL validation time: per plan and for the whole graph, pySHACL against Apache Jena.

    python3 bench/bench_validate.py --store bench/out/store-s10 [--plans 20] [--whole-timeout 900]
        [--no-pyshacl-whole] [--compare]

pySHACL runs through graph.validate (what ``cchc-kg validate --engine pyshacl`` runs: shapes/
plus the SKOS schemes and class hierarchy as context), once per sampled plan graph
(incremental, per-named-graph validation) and once over the union of all graphs, whose
extraction from the store into rdflib is timed apart. Jena runs through graph.validate_jena
(``--engine jena``): the store's N-Quads dump streamed into graph/jena/CchcShacl.java, no rdflib
in between; its phases (read+parse, validate, report) come with wall and CPU seconds, since on
a shared 2-core machine the wall clock mostly measures the other users. ``--compare`` checks
that both engines give identical results (every field) on the whole graph. The 1-minute load
average is recorded before and after every whole-graph run. Result:
bench/out/validate-<label>.json.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import Timer, percentiles, write_result
from cchc_kg.graph import validate as v
from cchc_kg.graph import validate_jena as vj
from cchc_kg.graph.store import open_store


class Timeout(Exception):
    pass


def _cpu() -> tuple[float, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def run_jena(st, graph=None) -> dict:
    """One Jena validation with wall time, Python and Java CPU, phases and load average."""
    load, (py0, java0) = os.getloadavg()[0], _cpu()
    t = time.perf_counter()
    rep = vj.validate_store(st, graph=graph)
    wall = time.perf_counter() - t
    py1, java1 = _cpu()
    return {"jena_s": wall, "jena_cpu_python_s": py1 - py0, "jena_cpu_java_s": java1 - java0,
            "jena_phases": rep.timings, "jena_results": len(rep.results), "jena_counts": rep.counts(),
            "jena_triples": rep.data_triples, "load_before": load, "load_after": os.getloadavg()[0],
            "java_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "_report": rep}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--plans", type=int, default=20)
    ap.add_argument("--whole-timeout", type=float, default=900.0)
    ap.add_argument("--no-jena", action="store_true")
    ap.add_argument("--no-pyshacl-whole", action="store_true", help="skip pySHACL on the whole graph (slow beyond 1 %%)")
    ap.add_argument("--compare", action="store_true", help="check that both engines give identical results")
    ap.add_argument("--label", default=None)
    args = ap.parse_args(argv)
    st = open_store(args.store)
    graphs = [g for g in st.graphs() if "/graph/links" not in str(g) and "/links" not in str(g)]
    step = max(1, len(graphs) // args.plans)
    sample = graphs[::step][: args.plans]
    jena = None if args.no_jena else vj.available()
    use_jena = not args.no_jena and jena is None
    per_plan = []
    for g in sample:
        with Timer() as t_get:
            data = v.store_graph(st, g)
        rep = v.validate_graph(data, scope=str(g))
        row = {"graph": str(g), "triples": len(data), "extract_s": t_get.seconds, "pyshacl_s": rep.seconds,
               "pyshacl_results": len(rep.results), "conforms": rep.conforms}
        if use_jena:
            j = run_jena(st, g)
            j.pop("_report")
            row.update(j)
        per_plan.append(row)
        print(f"{g.rsplit('/', 1)[-1]:40s} {len(data):6d} triples pySHACL {rep.seconds:6.2f} s "
              f"({len(rep.results)} results)" + (f" Jena {row['jena_s']:5.2f} s ({row['jena_results']})" if use_jena else ""),
              file=sys.stderr)
    whole: dict = {}
    jena_report = None
    if use_jena:
        whole.update(run_jena(st))
        jena_report = whole.pop("_report")
        # Union size as Jena loaded it, less the context (schemes, class hierarchy) it adds.
        whole["triples"] = whole["jena_triples"] - len(v.context_graph())
        print(f"whole graph, Jena: {whole['jena_s']:.1f} s wall, {whole['jena_cpu_java_s']:.1f} s Java CPU "
              f"+ {whole['jena_cpu_python_s']:.1f} s Python CPU, {whole['jena_results']} results", file=sys.stderr)
    elif jena:
        whole["jena_unavailable"] = jena
    if not args.no_pyshacl_whole:
        load = os.getloadavg()[0]
        with Timer() as t_get:
            union = v.store_graph(st)
        whole.update(triples=len(union), extract_s=t_get.seconds, pyshacl_load_before=load)
        signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(Timeout()))
        signal.setitimer(signal.ITIMER_REAL, args.whole_timeout)
        try:
            rep = v.validate_graph(union)
            whole.update(pyshacl_s=rep.seconds, pyshacl_results=len(rep.results), conforms=rep.conforms)
            if args.compare and jena_report is not None:
                whole["identical_results"] = rep.results == jena_report.results
        except (Timeout, v.ShapesError) as exc:
            if isinstance(exc, Timeout) or isinstance(exc.__cause__, Timeout):
                whole["pyshacl_timeout_s"] = args.whole_timeout
            else:
                whole["pyshacl_error"] = str(exc)[:300]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            whole["pyshacl_load_after"] = os.getloadavg()[0]
    st.close()
    result = {
        "store": str(args.store), "graphs": len(graphs), "plans_sampled": len(sample),
        "per_plan": per_plan,
        "per_plan_pyshacl": percentiles([r["pyshacl_s"] for r in per_plan]),
        "per_plan_jena": percentiles([r["jena_s"] for r in per_plan if "jena_s" in r]),
        "whole": whole,
        "command": "python3 bench/bench_validate.py " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    path = write_result(f"validate-{args.label or args.store.name}", result)
    print(f"per plan pySHACL p50 {result['per_plan_pyshacl'].get('p50', 0):.2f} s; whole graph {whole} -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
