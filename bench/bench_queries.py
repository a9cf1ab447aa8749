"""Latency of every named query (and a few lookups) on Oxigraph and on rdflib, same run.

    python3 bench/bench_queries.py --store bench/out/store-s10 [--repeat 20] [--rdflib-timeout 60]

Opens the on-disk Oxigraph store that bench_ingest.py built, copies its quads into rdflib's
in-memory Dataset (the baseline; load time and memory reported), then runs each query
``--repeat`` times per back end through the Store interface (so result conversion is
included, as the CLI and API pay it) and reports p50/p95 and the rdflib/Oxigraph ratio.
Parameterised queries cycle through a few sampled parameter values. rdflib runs are cut
at ``--rdflib-timeout`` seconds (reported as a lower bound). Result:
bench/out/queries-<label>.json.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import Timer, percentiles, tree_rss_mib, write_result  # noqa: E402
from rdflib import URIRef  # noqa: E402

from cchc_kg.graph import queries as named  # noqa: E402
from cchc_kg.graph.errors import QueryError  # noqa: E402
from cchc_kg.graph.sparql_bind import bind_values  # noqa: E402
from cchc_kg.graph.store import open_store  # noqa: E402
from cchc_kg.graph.store.base import SelectResult, Store  # noqa: E402
from cchc_kg.graph.store.memory import MemoryStore  # noqa: E402

CCHC = "https://w3id.org/cchc-kg/ontology#"
PREFIX = f"PREFIX cchc: <{CCHC}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
# Lookups the contract names in prose but that are not named queries; the former
# aggregate:province-tasks and aggregate:national-dashboard are now the named queries
# province-tasks and dashboard (kept here for before/after comparison).
AD_HOC = {
    "lookup:citations-of-document": ("doc", PREFIX + """SELECT ?cited ?role (MIN(?l) AS ?line) WHERE {
  ?c a cchc:Citation ; cchc:citingDocument ?doc ; cchc:citedDocument ?cited ; cchc:citationRole ?role ;
     cchc:sourceLine ?l } GROUP BY ?cited ?role"""),
    "lookup:targets-of-plan": ("doc", PREFIX + """SELECT ?t ?indicator ?comparator ?value ?period WHERE {
  ?t a cchc:Target ; cchc:inDocument ?doc ; cchc:indicator ?indicator ; cchc:comparator ?comparator ;
     cchc:targetValue ?value . OPTIONAL { ?t cchc:period ?period } }"""),
    "aggregate:province-tasks": ("province", PREFIX + """SELECT ?task ?doc ?lead WHERE {
  ?doc cchc:adminUnit/cchc:parentUnit ?province . ?task a cchc:Task ; cchc:inDocument ?doc .
  OPTIONAL { ?task cchc:leadUnit ?lead } }"""),
    "aggregate:national-dashboard": (None, PREFIX + """SELECT ?province ?indicator (COUNT(?t) AS ?targets)
  (AVG(?v) AS ?mean) (MIN(?v) AS ?lowest) WHERE {
  ?t a cchc:Target ; cchc:inDocument ?doc ; cchc:indicator ?indicator ; cchc:targetValue ?v .
  ?doc cchc:adminUnit/cchc:parentUnit ?province } GROUP BY ?province ?indicator ORDER BY ?province ?indicator"""),
}


class Timeout(Exception):
    pass


def _alarm(_sig: int, _frame: object) -> None:
    raise Timeout


def samples(st: Store, kind: str, k: int = 3) -> list[URIRef]:
    """Parameter values: a few IRIs of the kind a parameter expects, spread over the data."""
    if kind == "target":  # targets that the link stage connected, when it ran
        res = st.query("SELECT DISTINCT ?x WHERE { ?l <http://www.w3.org/ns/prov#influencer> ?x . "
                       f"?x a <{CCHC}Target> }}")
        assert isinstance(res, SelectResult)
        linked = sorted({r[0] for r in res.rows if r[0] is not None})
        if linked:
            return linked[:: max(1, len(linked) // k)][:k]
    q = {
        "target": f"SELECT ?x WHERE {{ ?x a <{CCHC}Target> ; <{CCHC}inDocument>/<{CCHC}level> ?l . "
                  f"FILTER(STRENDS(STR(?l), 'province')) }}",
        "task": f"SELECT ?x WHERE {{ ?x a <{CCHC}Task> }}",
        "doc": f"SELECT ?x WHERE {{ ?x a <{CCHC}Plan> ; <{CCHC}sourceFile> ?s }}",
        "province": f"SELECT DISTINCT ?x WHERE {{ ?d <{CCHC}adminUnit>/<{CCHC}parentUnit> ?x }}",
    }[kind]
    res = st.query(q)
    assert isinstance(res, SelectResult)
    rows = sorted({r[0] for r in res.rows if r[0] is not None})
    if not rows:
        return []
    step = max(1, len(rows) // k)
    return rows[::step][:k]


def param_kind(name: str) -> str:
    return {"target": "target", "node": "task", "doc": "doc", "document": "doc", "plan": "doc",
            "province": "province"}.get(name, "target")


def run(st: Store, text: str, bindings: list[dict], repeat: int, *, timeout: float | None) -> dict:
    times: list[float] = []
    rows = 0
    try:
        if timeout:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, timeout)
        t = time.perf_counter()
        st.query(text, bindings=bindings[0])  # warm-up (caches, page-in)
        warm = time.perf_counter() - t
        if warm > 1.0:  # a slow query: fewer runs, enough for a median (keeps the run bounded)
            repeat = max(2, min(repeat, int(10 / warm)))
        for i in range(repeat):
            b = bindings[i % len(bindings)]
            t = time.perf_counter()
            res = st.query(text, bindings=b)
            times.append(time.perf_counter() - t)
            rows = len(res.rows) if isinstance(res, SelectResult) else rows
        out = {**percentiles(times), "rows_last": rows}
    except Timeout:
        out = {**percentiles(times), "timeout": timeout, "rows_last": rows}
    except QueryError as exc:  # MemoryStore wraps whatever rdflib raised, the alarm included
        if isinstance(exc.__cause__, Timeout):
            out = {**percentiles(times), "timeout": timeout, "rows_last": rows}
        else:
            out = {**percentiles(times), "error": str(exc)[:300], "rows_last": rows}
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return out


def engine_stream(st: Store, text: str, bindings: dict) -> dict:
    """Oxigraph alone, rows streamed without conversion: seconds to the first row and to the
    last, against which the Store's timing (rdflib terms for every cell) can be read. A
    listing of 10^5 rows cannot answer in 0.5 s; how soon it starts answering can."""
    raw = getattr(st, "_store", None)
    if raw is None:
        return {}
    t = time.perf_counter()
    first = None
    n = 0
    for _ in raw.query(bind_values(text, bindings), use_default_graph_as_union=True):
        n += 1
        if first is None:
            first = time.perf_counter() - t
    return {"first_row": first, "all_rows": time.perf_counter() - t, "rows": n}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--rdflib-repeat", type=int, default=5)
    ap.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per query on rdflib (warm-up included)")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--only", default=None, help="comma-separated query names")
    ap.add_argument("--label", default=None)
    args = ap.parse_args(argv)
    label = args.label or args.store.name
    ox_store = open_store(args.store)
    quads = ox_store.quad_count()
    params = {k: samples(ox_store, k) for k in ("target", "task", "doc", "province")}
    jobs: list[tuple[str, str, list[dict]]] = []
    for name, q in sorted(named.catalogue().items()):
        if q.params:
            values = [{p.name: str(v) for p, v in zip(q.params, combo)}
                      for combo in zip(*(params[param_kind(p.name)] for p in q.params))]
            bindings = [q.bind(v) for v in values] or [{}]
        else:
            bindings = [{}]
        jobs.append((name, q.text, bindings))
    for name, (param, text) in AD_HOC.items():
        bindings = [{param: v} for v in params[param_kind(param)]] if param else [{}]
        jobs.append((name, text, bindings or [{}]))
    if args.only:
        keep = set(args.only.split(","))
        jobs = [j for j in jobs if j[0] in keep]
    baseline = None
    load = {}
    if not args.no_rdflib:
        rss0 = tree_rss_mib(__import__("os").getpid())
        with Timer() as t_load:
            baseline = MemoryStore()
            import io

            buf = io.BytesIO()
            ox_store.export(buf, fmt="nq")
            baseline._ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
            del buf
        load = {"seconds": t_load.seconds, "rss_mib_added": tree_rss_mib(__import__("os").getpid()) - rss0}
        print(f"rdflib baseline: {quads:,} quads loaded in {t_load.seconds:.1f} s, +{load['rss_mib_added']:.0f} MiB",
              file=sys.stderr)
    results = {}
    for name, text, bindings in jobs:
        ox = run(ox_store, text, bindings, args.repeat, timeout=None)
        if ox.get("n"):
            try:
                ox["stream"] = engine_stream(ox_store, text, bindings[0])
            except SyntaxError:  # a parameter that can only be bound by VALUES; not streamed
                pass
        entry = {"oxigraph": ox, "params": len(bindings)}
        if baseline is not None:
            rd = run(baseline, text, bindings, args.rdflib_repeat, timeout=args.rdflib_timeout)
            entry["rdflib"] = rd
            if rd.get("n") and ox.get("p50"):
                entry["ratio_p50"] = rd["p50"] / ox["p50"]
            elif rd.get("timeout") and ox.get("p50"):
                entry["ratio_p50_at_least"] = rd["timeout"] / ox["p50"]
        results[name] = entry
        rdp = entry.get("rdflib", {})
        if not ox.get("n"):
            print(f"{name:45s} oxigraph failed: {ox.get('error')}", file=sys.stderr)
            continue
        stream = ox.get("stream") or {}
        print(f"{name:45s} ox p50 {ox['p50'] * 1000:9.1f} ms p95 {ox['p95'] * 1000:9.1f} ms rows {ox['rows_last']:6d}"
              + (f" | engine first row {stream['first_row'] * 1000:8.1f} ms, all {stream['all_rows'] * 1000:8.1f} ms"
                 if stream.get("first_row") is not None else "")
              + f" | load {__import__('os').getloadavg()[0]:.1f}"
              + (f" | rdflib p50 {rdp['p50'] * 1000:9.1f} ms x{entry.get('ratio_p50', 0):.0f}" if rdp.get("n") else
                 (" | rdflib timeout" if rdp else "")), file=sys.stderr)
    ox_store.close()
    path = write_result(f"queries-{label}", {
        "store": str(args.store), "quads": quads, "repeat": args.repeat, "rdflib_repeat": args.rdflib_repeat,
        "rdflib_load": load, "queries": results,
        "command": "python3 bench/bench_queries.py " + " ".join(sys.argv[1:] if argv is None else argv),
    })
    print(f"-> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
