"""SHACL validation time: per plan and for the whole graph, pySHACL against Apache Jena.

    python3 bench/bench_validate.py --store bench/out/store-s10 [--plans 20] [--whole-timeout 900]

pySHACL runs through graph.validate (what ``cchc-kg validate`` runs: shapes/ plus the SKOS
schemes and class hierarchy as context), once per sampled plan graph (incremental,
per-named-graph validation) and once over the union of all graphs; the time to pull the
graph out of the store is reported apart. Apache Jena's SHACL (Debian
``libapache-jena-java``, Java 17) runs on the same data and shapes through its ``shacl``
command: Debian relocates Jena's bundled Xerces to package ``xerces`` but leaves its
message bundles under ``org/apache/jena/ext/xerces``, so they are copied to
``bench/out/jena-resources/xerces`` and put on the class path; Jena 4.5 also refuses a
shape with two ``sh:message`` values, so its copy of the shapes keeps the English
message only (constraints unchanged). Result counts of both validators are reported side
by side. Result: bench/out/validate-<label>.json.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import OUT, Timer, percentiles, write_result  # noqa: E402
from rdflib import Graph, Literal  # noqa: E402
from rdflib.namespace import SH  # noqa: E402

from cchc_kg.graph import validate as v  # noqa: E402
from cchc_kg.graph.store import ntriples, open_store  # noqa: E402

JAVA_LIB = Path("/usr/share/java")
JENA_JARS = ("jena-base jena-core jena-arq jena-iri jena-shacl jena-cmds commons-cli commons-codec "
             "commons-compress commons-io commons-lang3 commons-csv slf4j-api slf4j-nop jackson-core "
             "jackson-databind jackson-annotations gson dexx.collection thrift jsonld-java httpclient "
             "httpcore caffeine protobuf-java commons-collections4 guava failureaccess").split()


class Timeout(Exception):
    pass


def jena_classpath() -> str | None:
    core = JAVA_LIB / "jena-core.jar"
    if not core.exists() or shutil.which("java") is None:
        return None
    res = OUT / "jena-resources"
    if not (res / "xerces").is_dir():
        with zipfile.ZipFile(core) as z:
            for name in z.namelist():
                if name.startswith("org/apache/jena/ext/xerces/") and not name.endswith((".class", "/")):
                    target = res / name[len("org/apache/jena/ext/"):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(z.read(name))
    jars = [str(JAVA_LIB / f"{j}.jar") for j in JENA_JARS if (JAVA_LIB / f"{j}.jar").exists()]
    return ":".join([str(res), *jars])


def jena_shapes(path: Path) -> None:
    g = Graph()
    for t in v.shapes_graph():
        g.add(t)
    for s, o in list(g.subject_objects(SH.message)):
        if isinstance(o, Literal) and o.language != "en":
            g.remove((s, SH.message, o))
    g.serialize(path, format="turtle")


def run_jena(cp: str, shapes: Path, data: Path) -> tuple[float, int, str]:
    t = time.perf_counter()
    proc = subprocess.run(["java", "-Xmx8g", "-cp", cp, "shacl.shacl", "validate", "--shapes", str(shapes),
                           "--data", str(data)], capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - t
    results = len(re.findall(r"sh:ValidationResult|a\s+sh:ValidationResult", proc.stdout))
    err = proc.stderr.strip().splitlines()[-1] if proc.returncode and proc.stderr.strip() else ""
    return seconds, results, err


def write_data(store, graph, path: Path) -> int:  # noqa: ANN001
    data = v.store_graph(store, graph)
    text = ntriples.triples(data) + ntriples.triples(v.context_graph())
    path.write_text(text, encoding="utf-8")
    return len(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--plans", type=int, default=20)
    ap.add_argument("--whole-timeout", type=float, default=900.0)
    ap.add_argument("--no-jena", action="store_true")
    ap.add_argument("--label", default=None)
    args = ap.parse_args(argv)
    st = open_store(args.store)
    graphs = [g for g in st.graphs() if "/graph/links" not in str(g)]
    step = max(1, len(graphs) // args.plans)
    sample = graphs[::step][: args.plans]
    cp = None if args.no_jena else jena_classpath()
    work = OUT / f"validate-{args.store.name}"
    work.mkdir(parents=True, exist_ok=True)
    if cp:
        jena_shapes(work / "shapes-en.ttl")
        empty = work / "empty.nt"
        empty.write_text("")
        jvm_start, _, _ = run_jena(cp, work / "shapes-en.ttl", empty)
    per_plan = []
    for g in sample:
        with Timer() as t_get:
            data = v.store_graph(st, g)
        rep = v.validate_graph(data, scope=str(g))
        row = {"graph": str(g), "triples": len(data), "extract_s": t_get.seconds, "pyshacl_s": rep.seconds,
               "pyshacl_results": len(rep.results), "conforms": rep.conforms}
        if cp:
            path = work / "plan.nt"
            write_data(st, g, path)
            row["jena_s"], row["jena_results"], row["jena_error"] = run_jena(cp, work / "shapes-en.ttl", path)
        per_plan.append(row)
        print(f"{g.rsplit('/', 1)[-1]:40s} {len(data):6d} triples pySHACL {rep.seconds:6.2f} s "
              f"({len(rep.results)} results)" + (f" Jena {row['jena_s']:5.2f} s ({row['jena_results']})" if cp else ""),
              file=sys.stderr)
    whole: dict = {}
    with Timer() as t_get:
        union = v.store_graph(st)
    whole["triples"] = len(union)
    whole["extract_s"] = t_get.seconds
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(Timeout()))
    signal.setitimer(signal.ITIMER_REAL, args.whole_timeout)
    try:
        rep = v.validate_graph(union)
        whole.update(pyshacl_s=rep.seconds, pyshacl_results=len(rep.results), conforms=rep.conforms)
    except (Timeout, v.ShapesError) as exc:
        if isinstance(exc, Timeout) or isinstance(exc.__cause__, Timeout):
            whole["pyshacl_timeout_s"] = args.whole_timeout
        else:
            whole["pyshacl_error"] = str(exc)[:300]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if cp:
        path = work / "union.nt"
        path.write_text(ntriples.triples(union) + ntriples.triples(v.context_graph()), encoding="utf-8")
        whole["jena_s"], whole["jena_results"], whole["jena_error"] = run_jena(cp, work / "shapes-en.ttl", path)
        whole["jena_jvm_start_s"] = jvm_start
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
