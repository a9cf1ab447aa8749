"""API latency and throughput under concurrent clients on loopback (bounded runs).

    python3 bench/bench_api.py --store bench/out/store-s10 [--seconds 10] [--concurrency 1,8,32]

Starts ``cchc-kg serve`` on a free 127.0.0.1 port over an existing store, samples a few
IRIs through its own SPARQL endpoint, then for each endpoint and concurrency level runs
that many clients (httpx, asyncio) for ``--seconds`` seconds or ``--max-requests``
requests, whichever comes first, and reports requests/s, p50/p95 latency and errors. The
server is stopped at the end. Traffic goes to loopback only. Result:
bench/out/api-<label>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import percentiles, write_result

CCHC = "https://w3id.org/cchc-kg/ontology#"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(store: Path, port: int, *, ready_timeout: float = 900.0) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(["cchc-kg", "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/queries", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop(proc)
    raise TimeoutError(f"server not ready after {ready_timeout:g} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def sample(base: str, cls: str, k: int = 5) -> list[str]:
    q = f"SELECT ?x WHERE {{ ?x a <{CCHC}{cls}> }} ORDER BY ?x LIMIT 2000"
    r = httpx.post(f"{base}/sparql", data={"query": q}, headers={"Accept": "application/sparql-results+json"},
                   timeout=120)
    r.raise_for_status()
    values = [b["x"]["value"] for b in r.json()["results"]["bindings"]]
    step = max(1, len(values) // k)
    return values[::step][:k]


async def load(urls: list[str], concurrency: int, seconds: float, max_requests: int) -> dict:
    latencies: list[float] = []
    errors = 0
    statuses: dict[str, int] = {}
    sent = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def worker(w: int) -> None:
            nonlocal errors, sent
            i = w
            while time.monotonic() < stop_at and sent < max_requests:
                sent += 1
                t = time.perf_counter()
                try:
                    r = await client.get(urls[i % len(urls)])
                    ok = r.status_code == 200
                    why = str(r.status_code) if not ok else ""
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                if why:
                    statuses[why] = statuses.get(why, 0) + 1
                latencies.append(time.perf_counter() - t)
                errors += 0 if ok else 1
                i += concurrency

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(concurrency)))
        wall = time.perf_counter() - t0
    return {**percentiles(latencies), "errors": errors, "error_kinds": statuses, "requests_per_s": len(latencies) / wall, "wall_s": wall}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--max-requests", type=int, default=2000)
    ap.add_argument("--concurrency", default="1,8,32")
    ap.add_argument("--label", default=None)
    ap.add_argument("--ready-timeout", type=float, default=900.0,
                    help="seconds to wait for the server (it loads the store into memory: ~150 s at 100 %%)")
    args = ap.parse_args(argv)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = start(args.store, port, ready_timeout=args.ready_timeout)
    ready_s = time.perf_counter() - started
    print(f"server ready in {ready_s:.1f} s (load {os.getloadavg()[0]:.2f})", file=sys.stderr)
    try:
        tasks, targets, plans = sample(base, "Task"), sample(base, "Target"), sample(base, "Plan")
        q = httpx.QueryParams
        endpoints = {
            "GET /api/trace?node=<task>": [f"{base}/api/trace?{q(node=t)}" for t in tasks],
            "GET /api/implementing-tasks?target=<target>": [f"{base}/api/implementing-tasks?{q(target=t)}" for t in targets],
            "GET /api/document?iri=<plan>": [f"{base}/api/document?{q(iri=p)}" for p in plans],
            "GET /sparql (targets of one plan)": [
                f"{base}/sparql?" + str(q(query=f"SELECT ?t ?v WHERE {{ ?t <{CCHC}inDocument> <{p}> ; <{CCHC}targetValue> ?v }}"))
                for p in plans],
            "GET /queries/documents": [f"{base}/queries/documents?format=json"],
        }
        results: dict[str, dict] = {}
        for name, urls in endpoints.items():
            results[name] = {}
            for c in (int(x) for x in args.concurrency.split(",")):
                res = asyncio.run(load(urls, c, args.seconds, args.max_requests))
                res["load_average_1m"] = os.getloadavg()[0]
                results[name][str(c)] = res
                print(f"{name:48s} c={c:3d} {res['requests_per_s']:8.1f} req/s p50 {res.get('p50', 0) * 1000:8.1f} ms "
                      f"p95 {res.get('p95', 0) * 1000:8.1f} ms errors {res['errors']} {res['error_kinds'] or ''}", file=sys.stderr)
    finally:
        stop(proc)
    path = write_result(f"api-{args.label or args.store.name}", {
        "store": str(args.store), "ready_s": ready_s, "seconds": args.seconds, "max_requests": args.max_requests, "endpoints": results,
        "command": "python3 bench/bench_api.py " + " ".join(sys.argv[1:] if argv is None else argv),
    })
    print(f"-> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
