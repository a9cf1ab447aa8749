"""A bench script (``bench/<name>.py``) as a module, so tests score fixtures exactly as the
benchmark does."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


def bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def pooled(report: dict[str, dict], field: str) -> float:
    """A field's accuracy over every matched row of an ``eval_tasks`` report (documents
    weighted by their matched rows, as the benchmark's pooled line)."""
    right = sum(e["field_accuracy"][field] * e["matched"] for e in report.values())
    return right / sum(e["matched"] for e in report.values())
