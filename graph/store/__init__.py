"""Triple-store back ends behind one interface (graph.store.base.Store)."""

from __future__ import annotations

import os
from pathlib import Path

from cchc_kg.graph.store.base import SelectResult, Store

DEFAULT_STORE_DIR = "cchc-store"


def default_store_path() -> Path:
    return Path(os.environ.get("CCHC_STORE", DEFAULT_STORE_DIR))


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open a store by location: a folder (embedded Oxigraph), ``memory:`` or an http(s) endpoint."""
    loc = str(location) if location is not None else str(default_store_path())
    if loc == "memory:":
        from cchc_kg.graph.store.memory import MemoryStore

        return MemoryStore()
    if loc.startswith(("http://", "https://")):
        from cchc_kg.graph.store.remote import RemoteStore  # type: ignore[import-not-found]

        return RemoteStore(loc)
    from cchc_kg.graph.store.oxigraph import OxigraphStore

    return OxigraphStore(Path(loc), read_only=read_only)


__all__ = ["SelectResult", "Store", "open_store", "default_store_path", "DEFAULT_STORE_DIR"]
