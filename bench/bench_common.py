"""Shared helpers of the benchmark scripts: machine description, RSS, timing, JSON output."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def machine() -> dict:
    """What the numbers were measured on, including how busy the machine was."""
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pyoxigraph
    import rdflib

    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_mib": mem, "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__,
        "load_average_1m": os.getloadavg()[0], "commit": _commit(),
    }


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def peak_rss_mib() -> dict:
    """Peak resident memory of this process and of its largest child so far (MiB)."""
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


class RssSampler:
    """Peak total resident memory of this process and all its descendants (the loader's
    worker processes are children of multiprocessing's fork server, not of this process,
    so getrusage(RUSAGE_CHILDREN) does not see them). Samples /proc every ``interval`` s."""

    def __init__(self, interval: float = 0.5) -> None:
        import threading

        self.interval = interval
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mib = max(self.peak_mib, tree_rss_mib(os.getpid()))
            self._stop.wait(self.interval)


def tree_rss_mib(root: int) -> float:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            status = (d / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(d.name)] = int(fields.get("PPid", "0").strip())
        rss[int(d.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(c for c, p in parents.items() if p == pid)
    return total / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def percentiles(samples: list[float]) -> dict:
    s = sorted(samples)
    if not s:
        return {"n": 0}
    q = (lambda f: s[min(len(s) - 1, int(round(f * (len(s) - 1))))])
    return {"n": len(s), "p50": statistics.median(s), "p95": q(0.95), "min": s[0], "max": s[-1]}


class Timer:
    def __enter__(self) -> "Timer":
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def write_result(name: str, data: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    data = {"machine": machine(), **data}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path
