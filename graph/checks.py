"""Run the cross-level consistency checks (queries/checks/*-violation.rq) and report.

Each check is data: one SPARQL SELECT whose every row is a failed check (the convention of
the SHACL-SPARQL and OBO ODK "violation" queries). Its comment header declares
``severity`` (Violation, Warning or Info) besides the usual title and summaries; its
projection has at least ``focus``, ``source``, ``line``, ``message`` (Vietnamese) and
``messageEn``; any further columns are evidence (the other side of a conflict, values).
This module only executes the queries and shapes the report; it has no check logic.

A check may declare ``evaluate: driving-select-first`` in its header: its first sub-select
(the selective part, e.g. the few texts matching a phrase) is then run alone and its rows
are handed to the rest of the query as a ``VALUES`` block. That is the same algebra (a
sub-select is evaluated independently, then joined), but it lets an engine look up the rest
per row instead of scanning whole predicates to hash-join them (Oxigraph does the latter
for a sub-select of unknown size). The .rq stays the complete, portable query.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Literal

from cchc_kg.graph import queries
from cchc_kg.graph.errors import QueryError
from cchc_kg.graph.results import plain
from cchc_kg.graph.store import ntriples
from cchc_kg.graph.store.base import QueryOutcome, SelectResult, Store
from rdflib import BNode

Severity = Literal["Violation", "Warning", "Info"]
SEVERITIES: tuple[Severity, ...] = ("Violation", "Warning", "Info")
REQUIRED = ("focus", "source", "line", "message", "messageEn")
CSV_COLUMNS = ("check", "severity", "focus", "source", "line", "message")
DRIVING = "driving-select-first"
_SUBSELECT = re.compile(r"\{\s*SELECT\b")
_TOP_SELECT = re.compile(r"^SELECT\b", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class CheckFinding:
    check: str
    severity: Severity
    focus: str
    source: str
    line: int | None
    message: str
    message_en: str
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class CheckReport:
    findings: list[CheckFinding] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when nothing worse than Info was found (Info rows are observations)."""
        return not any(f.severity != "Info" for f in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def check_queries() -> list[queries.NamedQuery]:
    found = [q for q in queries.catalogue().values() if q.name.endswith("-violation")]
    for q in found:
        severity = q.extra.get("severity", "")
        if severity not in SEVERITIES:
            raise QueryError(f"check {q.name}: header 'severity' must be one of {SEVERITIES}, got {severity!r}")
        missing = [c for c in REQUIRED if c not in q.columns]
        if missing:
            raise QueryError(f"check {q.name}: columns must include {', '.join(missing)}")
    return found


def check_name(query: queries.NamedQuery) -> str:
    return query.name.removesuffix("-violation")


def run_checks(store: Store, *, only: list[str] | None = None) -> CheckReport:
    """Run every check (or the named ones) and collect their rows as findings."""
    report = CheckReport()
    selected = check_queries()
    if only:
        known = {check_name(q) for q in selected}
        unknown = sorted(set(only) - known)
        if unknown:
            raise QueryError(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        selected = [q for q in selected if check_name(q) in only]
    for q in selected:
        result = run_check_query(store, q)
        if not isinstance(result, SelectResult):
            raise QueryError(f"check {q.name} must be a SELECT query")
        name = check_name(q)
        report.checks_run.append(name)
        severity = q.extra["severity"]
        for row in result.dicts():
            line = plain(row.get("line"))
            report.findings.append(
                CheckFinding(
                    check=name,
                    severity=severity,  # type: ignore[arg-type]
                    focus=plain(row.get("focus")),
                    source=plain(row.get("source")),
                    line=int(line) if line.isdigit() else None,
                    message=plain(row.get("message")),
                    message_en=plain(row.get("messageEn")),
                    evidence={k: plain(v) for k, v in row.items() if k not in REQUIRED and v is not None},
                )
            )
    order = {s: i for i, s in enumerate(SEVERITIES)}
    report.findings.sort(key=lambda f: (order[f.severity], f.check, f.source, f.line or 0, f.focus))
    return report


def run_check_query(store: Store, query: queries.NamedQuery) -> QueryOutcome:
    """Run one check, driving it by its first sub-select when its header asks for that."""
    if query.extra.get("evaluate") != DRIVING:
        return store.query(query.text)
    span = driving_block(query.text)
    if span is None:
        raise QueryError(f"check {query.name}: 'evaluate: {DRIVING}' but no sub-select found")
    start, end = span
    prologue = query.text[:start][: _TOP_SELECT.search(query.text).start()]  # type: ignore[union-attr]
    driving = store.query(prologue + query.text[start + 1 : end - 1])
    if not isinstance(driving, SelectResult):
        raise QueryError(f"check {query.name}: its driving sub-select must be a SELECT")
    if any(isinstance(v, BNode) for row in driving.rows for v in row):
        return store.query(query.text)  # blank nodes cannot be written in VALUES
    values = "VALUES ({}) {{\n{}\n}}".format(
        " ".join("?" + v for v in driving.variables),
        "\n".join("(" + " ".join("UNDEF" if v is None else ntriples.term(v) for v in row) + ")"
                  for row in driving.rows),
    )
    return store.query(query.text[:start] + values + query.text[end:])


def driving_block(text: str) -> tuple[int, int] | None:
    """Character span of the first ``{ SELECT ... }`` group nested in the query's WHERE."""
    top = _TOP_SELECT.search(text)
    match = _SUBSELECT.search(text, top.end()) if top else None
    if match is None:
        return None
    depth = 0
    for i in range(match.start(), len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return match.start(), i + 1
    return None


def to_csv(report: CheckReport, *, lang: str = "vi") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in report.findings:
        message = f.message if lang == "vi" else f.message_en
        writer.writerow([f.check, f.severity, f.focus, f.source, f.line or "", message])
    return buf.getvalue()


def to_json(report: CheckReport) -> str:
    return json.dumps(
        {
            "conforms": report.conforms,
            "checks": report.checks_run,
            "counts": {s: report.count(s) for s in SEVERITIES},
            "findings": [asdict(f) for f in report.findings],
        },
        ensure_ascii=False,
        indent=2,
    )


def to_text(report: CheckReport, *, lang: str = "vi") -> str:
    lines = []
    for f in report.findings:
        where = f"{f.source}:{f.line}" if f.line else f.source
        message = f.message if lang == "vi" else f.message_en
        lines.append(f"[{f.severity}] {f.check} {where}\n    {message}\n    focus: {f.focus}")
        for k, v in f.evidence.items():
            lines.append(f"    {k}: {v}")
    counts = ", ".join(f"{report.count(s)} {s}" for s in SEVERITIES)
    lines.append(f"{len(report.checks_run)} checks run: {counts}")
    return "\n".join(lines) + "\n"
