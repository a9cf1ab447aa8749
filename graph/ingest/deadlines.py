"""Deadline normalisation (contract.md 'deadline').

INTERFACE STUB — being implemented by the task-table work; prose-task code imports it.
"""

from __future__ import annotations


def parse_deadline(text: str, *, plan_year: int | None = None) -> str | None:
    """Normalise a deadline wording to YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, START/END,
    recurring, periodic or conditional; None when nothing can be read.

    ``plan_year`` resolves wordings without a year ("Tháng 3", "Quý II").
    """
    return None
