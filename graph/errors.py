"""The few error classes of cchc-kg; each subclasses a built-in so callers can catch broadly.

Outcomes (validation reports, check results) are values, not exceptions; these are for
input the system cannot use at all.
"""

from __future__ import annotations


class InputError(ValueError):
    """A document cannot be read as a plan: empty, binary, undecodable or too large."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class QueryError(ValueError):
    """A named query is unknown, malformed, or given a wrong parameter."""


class StoreError(OSError):
    """The triple store cannot be opened, read or written."""
