"""What the linker knows about documents, citations, targets and tasks (read from the store).

Plain values, no RDF: the linker reads them from the store with SPARQL (graph/link/fetch.py)
so it links whatever is ingested, by whichever extractor version, and can be re-run alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEVEL_RANK = {"commune": 1, "province": 2, "national": 3}


@dataclass(frozen=True, slots=True)
class Doc:
    """An ingested document (only what its own named graph says about it)."""

    iri: str
    source: str
    number: str | None = None
    form: str | None = None
    level: str | None = None
    admin_unit: str | None = None
    parent_unit: str | None = None
    period: str | None = None
    date: str | None = None
    title: str | None = None
    attached_title: str | None = None
    issuer: str | None = None
    is_plan: bool = False

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level or "", 0)

    @property
    def years(self) -> tuple[int, int] | None:
        """The period as (first year, last year); the document's year when no period is known."""
        return period_years(self.period) or period_years(self.date[:4] if self.date else None)


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of a document, as its citing document states it."""

    iri: str
    citing: str
    cited: str
    role: str
    line: int
    quote: str
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    clause: str | None = None
    type: str | None = None
    cited_title: str | None = None
    subject: str | None = None  # what the citation says the cited document is about (cchc:statedSubject)


@dataclass(frozen=True, slots=True)
class Item:
    """A target or a task of a document, with the text the linker compares."""

    iri: str
    kind: str  # "target" or "task"
    doc: str
    source: str
    line: int
    text: str
    area: str | None = None
    period: str | None = None
    # targets
    indicator: str | None = None
    comparator: str | None = None
    value: float | None = None
    unit: str | None = None
    aspiration: bool = False
    # tasks
    n: str | None = None
    task_kind: str | None = None
    group: str | None = None
    product: str | None = None


@dataclass(slots=True)
class Corpus:
    """Everything the linker read from the store."""

    docs: dict[str, Doc] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # by citing doc
    items: dict[str, list[Item]] = field(default_factory=dict)  # by doc
    # Built once by graph/link/plans.py: documents by place key of their unit, and the
    # national ones, so a citation or a hierarchy look-up never scans the whole country.
    by_place: dict[str, list[Doc]] | None = None
    national: list[Doc] = field(default_factory=list)  # and those of unknown level

    def by_source(self, source: str) -> Doc | None:
        return next((d for d in self.docs.values() if d.source == source), None)


def period_years(period: str | None) -> tuple[int, int] | None:
    """"2026-2030" -> (2026, 2030); "2026" -> (2026, 2026); None when no year is found."""
    if not period:
        return None
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", period)]
    if not years:
        return None
    return min(years), max(years)


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool | None:
    """Whether two year ranges overlap; None when either is unknown."""
    if a is None or b is None:
        return None
    return a[0] <= b[1] and b[0] <= a[1]
