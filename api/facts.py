"""A bounded per-snapshot memo of facts about single nodes (properties, labels).

Why: the served graph is a snapshot, so what a node's properties are does not change while
the server runs, and the nodes the lookups describe most often are the most expensive to
read: a national act cited by every plan has its number, type, date and title restated in
each citing plan's graph (3,300 graphs at 100 %), and the union default graph keeps those
duplicates, so reading one such node cost ~100 ms where a plan's own node costs ~1 ms.
Remembering each node's facts once turns the second and later reads into dictionary hits.
Bounded (least recently used out) so a crawl of every document cannot grow it without end.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any


class FactCache:
    """key -> value, least recently used evicted beyond ``max_items``."""

    def __init__(self, *, max_items: int = 50_000) -> None:
        self.max_items = max_items
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_many(self, keys: Iterable[str], fetch: Callable[[list[str]], dict[str, Any]],
                 *, default: Any = None) -> dict[str, Any]:
        """The values of ``keys``; the missing ones come from one ``fetch(missing)`` call
        (keys it does not return are remembered as ``default``: a node without facts)."""
        out: dict[str, Any] = {}
        missing: list[str] = []
        with self._lock:
            for key in dict.fromkeys(keys):
                if key in self._items:
                    self._items.move_to_end(key)
                    out[key] = self._items[key]
                else:
                    missing.append(key)
            self.hits += len(out)
            self.misses += len(missing)
        if missing:
            fetched = fetch(missing)
            with self._lock:
                for key in missing:
                    value = fetched.get(key, default)
                    out[key] = value
                    self._items[key] = value
                    self._items.move_to_end(key)
                while len(self._items) > self.max_items:
                    self._items.popitem(last=False)
        return out

    def __len__(self) -> int:
        return len(self._items)
