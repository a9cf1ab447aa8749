"""Extraction CPU per plan and a byte-identity check of its triples (issue 7, speed-only work).

    python3 bench/profile_extract.py --save bench/out/extract-digests.json      # baseline
    python3 bench/profile_extract.py --check bench/out/extract-digests.json     # after a change
    python3 bench/profile_extract.py --profile 25                               # + cProfile top list
    python3 bench/profile_extract.py --snapshot /tmp/before --modules rdf.py  # before changing rdf.py
    python3 bench/profile_extract.py --baseline /tmp/before   # A/B: before and after, interleaved

Runs, in this single process, exactly what an ingest worker does for each file
(``graph.loader.prepare_file``: read, extract, RDF, N-Triples) with a fixed run stamp, for
the 1 % corpus (``bench/corpus/s1``) and the five seeds (``/work/shared/seeds``). For every
document it keeps the SHA-256 of its N-Triples lines sorted (the store loads a set, so the
order of lines is free, their bytes are not): a speed-only change must keep every digest,
``--check`` lists the documents whose triples changed and exits 1. It reports CPU seconds
per plan (``time.process_time``, so other processes on the machine count less than in wall
time; the 1-minute load average is printed beside it because they still count some), the
best of ``--repeat`` passes (each pass in a fresh process, so the per-process caches of
``normalise`` start cold as they do in an ingest worker) and, with ``--profile N``, the N
functions with the most own time and most cumulative time.

On a shared machine the load changes between two runs minutes apart, so ``--baseline DIR``
measures before and after together: DIR holds copies of the files being changed, taken
before the change (``--snapshot DIR --modules ...``), the passes alternate between the
working tree with those copies and the working tree as it is (every other file, data folder
and package the same: other engineers keep editing theirs), and the digests of the two are
compared document by document. Result JSON:
bench/out/profile-extract-<label>.json.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import write_result
from cchc_kg.graph.loader import discover, prepare_file

STAMP = "20260101T000000Z"  # fixed run stamp: the provenance triples must not vary between runs
DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus" / "s1"
DEFAULT_SEEDS = Path("/work/shared/seeds")
REPO = Path(__file__).resolve().parent.parent


def shadow_root(overlay: Path) -> Path:
    """A folder to put first on PYTHONPATH: ``cchc_kg.graph`` is the working tree's ``graph/``
    (file by file, symlinked, so other engineers' files are the same on both sides of an A/B)
    except the files ``overlay`` holds (the ones being changed, as they were before)."""
    if not overlay.is_dir() or not any(overlay.rglob("*.py")):
        raise SystemExit(f"{overlay} holds no copy of a graph/ module (use --snapshot first)")
    root = Path(tempfile.mkdtemp(prefix="cchc-profile-"))
    pkg = root / "cchc_kg"
    pkg.mkdir()
    for f in (REPO / "cchc_kg").iterdir():
        if f.suffix == ".py":
            (pkg / f.name).symlink_to(f)
    live = REPO / "graph"
    for f in live.rglob("*"):
        if "__pycache__" in f.parts or f.is_dir():
            continue
        rel = f.relative_to(live)
        target = pkg / "graph" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to((overlay / rel) if (overlay / rel).is_file() else f)
    return root


def snapshot(folder: Path, modules: list[str]) -> None:
    """Copy the named files of ``graph/`` (``ingest/text.py``, ``rdf.py``) as they are now."""
    for name in modules:
        src = REPO / "graph" / name
        if not src.is_file():
            raise SystemExit(f"no such file: graph/{name}")
        dest = folder / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def digest(ntriples: str) -> str:
    """SHA-256 of the document's N-Triples lines in sorted order."""
    lines = sorted(ntriples.splitlines())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def one_pass(files: list[Path]) -> dict:
    """Prepare every file once; CPU seconds and digest per file (in this process)."""
    try:
        from cchc_kg.graph.rdf import result_ntriples as direct
    except ImportError:  # a copy of graph/ from before rdf.result_ntriples
        direct = None
    docs: dict[str, dict] = {}
    for path in files:
        t0 = time.process_time()
        outcome = prepare_file(path, STAMP)
        cpu = time.process_time() - t0
        if outcome.error is not None or outcome.ntriples is None:
            docs[str(path)] = {"cpu_s": cpu, "error": outcome.error}
            continue
        docs[str(path)] = {"cpu_s": cpu, "triples": outcome.triples, "sha256": digest(outcome.ntriples)}
        if direct is not None and outcome.result is not None:  # untimed: the Graph-free writer agrees
            docs[str(path)]["direct_sha256"] = digest(direct(outcome.result, run_stamp=STAMP))
    return docs


def profile_pass(files: list[Path], top: int) -> dict:
    """One pass under cProfile: the ``top`` functions by own time and by cumulative time."""
    prof = cProfile.Profile()
    prof.enable()
    for path in files:
        prepare_file(path, STAMP)
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (file, line, name), (_cc, calls, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        short = f"{Path(file).name}:{line}({name})" if file != "~" else name
        rows.append({"function": short, "calls": calls, "tottime": tt, "cumtime": ct})
    by_own = sorted(rows, key=lambda r: -r["tottime"])[:top]
    by_cum = sorted(rows, key=lambda r: -r["cumtime"])[:top]
    return {"total_s": total, "by_tottime": by_own, "by_cumtime": by_cum}


def _files(corpus: Path | None, seeds: Path | None) -> list[Path]:
    files: list[Path] = []
    for folder in (corpus, seeds):
        if folder is None:
            continue
        found, problems = discover([folder])
        if problems:
            raise SystemExit(f"cannot read {folder}: {problems[0].error}")
        files.extend(found)
    if not files:
        raise SystemExit("no documents to profile")
    return files


def _worker(argv: list[str]) -> int:
    """``--pass-only``: run one timed pass and print its JSON (the parent starts a fresh
    process per pass so each pass starts with cold caches)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--seeds", type=Path)
    args, _ = ap.parse_known_args(argv)
    files = _files(args.corpus, args.seeds)
    print(json.dumps(one_pass(files)))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--pass-only" in argv:
        return _worker([a for a in argv if a != "--pass-only"])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--repeat", type=int, default=3, help="passes (fresh processes); the best CPU per file counts")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also profile one pass: top N functions")
    ap.add_argument("--save", type=Path, help="write the digests here (a baseline)")
    ap.add_argument("--check", type=Path, help="compare with a saved baseline; exit 1 on any difference")
    ap.add_argument("--label", default="s1-seeds")
    ap.add_argument("--snapshot", type=Path, metavar="DIR",
                    help="copy the graph/ files named by --modules to DIR (before changing them) and exit")
    ap.add_argument("--modules", nargs="*", default=[], metavar="FILE",
                    help="with --snapshot: files below graph/, e.g. ingest/text.py rdf.py")
    ap.add_argument("--baseline", type=Path, metavar="DIR",
                    help="A/B against DIR (a --snapshot): interleaved passes, digests compared")
    args = ap.parse_args(argv)
    if args.snapshot:
        if args.snapshot.exists() or not args.modules:
            ap.error("--snapshot needs a new folder and --modules")
        snapshot(args.snapshot, args.modules)
        print(f"{', '.join(args.modules)} copied to {args.snapshot}")
        return 0
    files = _files(args.corpus, args.seeds if args.seeds.exists() else None)
    base_root = args.baseline  # the shadow tree is made afresh for each pass (files come and go)
    passes: list[dict] = []
    base_passes: list[dict] = []
    load = [os.getloadavg()[0]]
    cmd = [sys.executable, __file__, "--pass-only", "--corpus", str(args.corpus)]
    if args.seeds.exists():
        cmd += ["--seeds", str(args.seeds)]
    for _ in range(max(1, args.repeat)):
        for root, into in (((base_root, base_passes),) if base_root else ()) + ((None, passes),):
            env = dict(os.environ)
            shadow = shadow_root(root) if root is not None else None
            if shadow is not None:
                env["PYTHONPATH"] = str(shadow) + os.pathsep + env.get("PYTHONPATH", "")
            out = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
            if shadow is not None:
                shutil.rmtree(shadow, ignore_errors=True)
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 2
            into.append(json.loads(out.stdout))
        load.append(os.getloadavg()[0])
    if base_root is not None:
        base_cpu = [sum(d["cpu_s"] for d in p.values()) for p in base_passes]
        new_cpu = [sum(d["cpu_s"] for d in p.values()) for p in passes]
        # pass i of each side ran back to back: compare them pairwise (the working tree may
        # change between passes while other engineers save their files)
        differ = sorted({n for a, b in zip(passes, base_passes, strict=True) for n in a
                         if a[n].get("sha256") != b.get(n, {}).get("sha256")})
        # per document, the best of its passes (a pass is disturbed in places, not throughout)
        base_best = sum(min(p[n]["cpu_s"] for p in base_passes) for n in base_passes[0])
        new_best = sum(min(p[n]["cpu_s"] for p in passes) for n in passes[0])
        print(f"A/B, {len(files)} documents: before {base_best / len(files) * 1000:.1f} ms/plan "
              f"(passes {', '.join(f'{t:.2f}' for t in base_cpu)} s), after "
              f"{new_best / len(files) * 1000:.1f} ms/plan (passes {', '.join(f'{t:.2f}' for t in new_cpu)} s): "
              f"{(1 - new_best / base_best) * 100:+.1f} % CPU saved (sum over documents of the best pass; "
              f"best whole pass: {(1 - min(new_cpu) / min(base_cpu)) * 100:+.1f} %)")
        if differ:
            print(f"DIGESTS DIFFER from the baseline copy for {len(differ)} documents:")
            for n in differ:
                print(f"  {n}")
        else:
            print(f"digests: all {len(files)} identical to the baseline copy")
    docs: dict[str, dict] = {}
    for name in passes[0]:
        runs = [p[name] for p in passes]
        if len({r.get("sha256") for r in runs}) != 1:
            print(f"NONDETERMINISTIC: {name} gave different triples in two passes", file=sys.stderr)
        docs[name] = {**runs[0], "cpu_s": min(r["cpu_s"] for r in runs)}
        if runs[0].get("direct_sha256", runs[0].get("sha256")) != runs[0].get("sha256"):
            print(f"DIRECT WRITER DIFFERS: rdf.result_ntriples and the loader disagree on {name}")
    seeds = [d for n, d in docs.items() if str(args.seeds) in n]
    corpus = [d for n, d in docs.items() if str(args.seeds) not in n]
    summary = {
        "files": len(docs),
        "errors": sum(1 for d in docs.values() if "error" in d),
        "cpu_s_total": sum(d["cpu_s"] for d in docs.values()),
        "cpu_s_per_plan": sum(d["cpu_s"] for d in docs.values()) / len(docs),
        "cpu_s_per_plan_corpus": sum(d["cpu_s"] for d in corpus) / max(1, len(corpus)),
        "cpu_s_per_plan_seeds": sum(d["cpu_s"] for d in seeds) / max(1, len(seeds)),
        "pass_totals_s": [sum(d["cpu_s"] for d in p.values()) for p in passes],
        "load_average_1m": load,
    }
    print(f"{summary['files']} documents ({len(corpus)} corpus + {len(seeds)} seeds), "
          f"{summary['errors']} errors; CPU per plan {summary['cpu_s_per_plan'] * 1000:.0f} ms "
          f"(corpus {summary['cpu_s_per_plan_corpus'] * 1000:.0f} ms, seeds "
          f"{summary['cpu_s_per_plan_seeds'] * 1000:.0f} ms; best of {len(passes)}; pass totals "
          f"{', '.join(f'{t:.2f}' for t in summary['pass_totals_s'])} s); "
          f"load 1 min {', '.join(f'{x:.2f}' for x in load)}")
    profile = None
    if args.profile:
        profile = profile_pass(files, args.profile)
        buf = io.StringIO()
        buf.write(f"profile: {profile['total_s']:.2f} s in one pass\n  by own time:\n")
        for r in profile["by_tottime"]:
            buf.write(f"    {r['tottime']:7.3f} {r['cumtime']:7.3f} {r['calls']:>9} {r['function']}\n")
        buf.write("  by cumulative time:\n")
        for r in profile["by_cumtime"]:
            buf.write(f"    {r['tottime']:7.3f} {r['cumtime']:7.3f} {r['calls']:>9} {r['function']}\n")
        print(buf.getvalue(), end="")
    digests = {name: d.get("sha256") or f"error: {d.get('error')}" for name, d in docs.items()}
    status = 0
    if base_root is not None and differ:
        status = 1
    if args.check:
        try:
            base = json.loads(args.check.read_text(encoding="utf-8"))["digests"]
        except (OSError, ValueError, KeyError) as exc:
            print(f"cannot read baseline {args.check}: {exc}", file=sys.stderr)
            return 2
        changed = sorted(n for n in set(base) | set(digests) if base.get(n) != digests.get(n))
        if changed:
            status = 1
            print(f"DIGESTS CHANGED for {len(changed)} of {len(digests)} documents:")
            for n in changed:
                print(f"  {n}")
        else:
            print(f"digests: all {len(digests)} identical to {args.check}")
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps({"stamp": STAMP, "digests": digests}, indent=1), encoding="utf-8")
        print(f"digests saved to {args.save}")
    path = write_result(f"profile-extract-{args.label}",
                        {"summary": summary, "documents": docs, "profile": profile})
    print(f"result: {path}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
