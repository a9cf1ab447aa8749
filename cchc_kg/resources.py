"""Locate the project's data folders (ontology/, shapes/, queries/).

The data folders live at the repository's top level (the design card's layout) and are
installed as ``cchc_kg.ontology`` etc. In an installed wheel they are found through
``importlib.resources``; in a source or editable checkout setuptools' editable finder does
not map data-only folders, so we fall back to the folder beside the ``cchc_kg`` package.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Literal

DataFolder = Literal["ontology", "shapes", "queries"]

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def data_dir(name: DataFolder) -> Path:
    """Return the folder holding one kind of data file, installed or checked out."""
    checkout = _CHECKOUT_ROOT / name
    if checkout.is_dir() and (_CHECKOUT_ROOT / "pyproject.toml").is_file():
        return checkout
    try:
        return Path(str(importlib.resources.files(f"cchc_kg.{name}")))
    except ModuleNotFoundError as exc:  # pragma: no cover - broken install
        raise FileNotFoundError(f"cchc-kg data folder {name!r} is not installed") from exc


def data_files(name: DataFolder, pattern: str) -> list[Path]:
    """All files below a data folder matching a glob pattern, sorted for determinism."""
    return sorted(data_dir(name).rglob(pattern))
