"""Document outline: headings, their numbering, reform area and period.

INTERFACE STUB — being implemented by the targets/sections work. The interface below is
what the target and task extractors rely on; keep it stable.

Reform-area notations (ontology/schemes/areas.ttl): direction, institutional, procedures,
organization, civil_service, public_finance, digital_government.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_kg.graph.ingest.text import SourceText


@dataclass(frozen=True, slots=True)
class Heading:
    line: int  # 1-based line of the heading
    level: int  # 1 = roman numeral (I.), 2 = arabic (1.), 3 = 1.1. or a), 4 = deeper
    number: str  # as printed, normalised: "II", "1", "1.1", "a"
    title: str  # clean text of the heading (no number)
    area: str | None = None  # reform-area notation when the heading names one
    period: str | None = None  # "2026-2027" when the heading names a period


@dataclass(slots=True)
class Outline:
    headings: list[Heading] = field(default_factory=list)
    appendix_start: int | None = None  # first line of the appendix (PHỤ LỤC / DANH MỤC), if any

    def chain(self, line: int) -> list[Heading]:
        """Enclosing headings of a line, outermost first."""
        chain: list[Heading] = []
        for h in self.headings:
            if h.line > line:
                break
            while chain and chain[-1].level >= h.level:
                chain.pop()
            chain.append(h)
        return chain

    def area_at(self, line: int) -> str | None:
        for h in reversed(self.chain(line)):
            if h.area:
                return h.area
        return None

    def period_at(self, line: int) -> str | None:
        for h in reversed(self.chain(line)):
            if h.period:
                return h.period
        return None

    def section_at(self, line: int) -> str | None:
        chain = self.chain(line)
        return ".".join(h.number for h in chain) if chain else None


def outline(src: SourceText) -> Outline:
    """Find the headings of a document (stub: none yet)."""
    return Outline()
