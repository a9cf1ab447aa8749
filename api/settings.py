"""Server settings: where the graph is, how it is served, and the limits that protect it.

Every field can come from the environment (``CCHC_STORE``, ``CCHC_QUERY_TIMEOUT`` ...), so a
deployment changes no code. The limits exist so that one pathological query cannot take the
server down: a deadline per query (the query's process is killed), a row cap, a memory cap
per query process, and a cap on queries evaluated at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Literal

from cchc_kg.graph.store import default_store_path

DEFAULT_BASE_IRI = "https://w3id.org/cchc-kg/id/"


@dataclass(frozen=True, slots=True)
class Settings:
    store: str = ""  # Oxigraph folder, an .nq file, memory: or a SPARQL endpoint URL
    mode: Literal["memory", "disk"] = "memory"  # in-memory copy (fast) or read-only disk
    base_iri: str = DEFAULT_BASE_IRI  # resource IRIs under it dereference at /id/...
    query_timeout: float = 30.0  # seconds per SPARQL request
    lookup_timeout: float = 30.0  # seconds per lookup-API query
    report_timeout: float = 600.0  # seconds for the (cached) checks and validation reports
    max_rows: int = 100_000  # rows (or triples) one SPARQL request may return
    max_concurrent: int = 4  # queries evaluated at once; others wait (then 503 server_busy)
    max_memory_mb: int | None = 4096  # address space a query process may add
    default_lang: Literal["vi", "en"] = "vi"

    def __post_init__(self) -> None:
        if not self.store:
            object.__setattr__(self, "store", str(default_store_path()))
        if self.mode not in ("memory", "disk"):
            raise ValueError(f"mode must be 'memory' or 'disk', got {self.mode!r}")
        if self.query_timeout <= 0 or self.lookup_timeout <= 0 or self.report_timeout <= 0:
            raise ValueError("timeouts must be positive")
        if self.max_rows < 1 or self.max_concurrent < 1:
            raise ValueError("max_rows and max_concurrent must be at least 1")
        if not self.base_iri.endswith(("/", "#")):
            raise ValueError("base_iri must end with '/' or '#'")

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ``CCHC_<FIELD>`` environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"CCHC_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "str")
            try:
                if "float" in kind:
                    values[f.name] = float(raw)
                elif "int" in kind:
                    values[f.name] = int(raw)
                else:
                    values[f.name] = raw
            except ValueError as exc:
                raise ValueError(f"CCHC_{f.name.upper()}={raw!r}: {exc}") from exc
        settings = cls(**values)  # type: ignore[arg-type]
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
