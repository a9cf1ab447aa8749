"""Target-to-target alignment between a plan and the higher plans it implements.

Convention encoded: a lower plan restates (communes, often verbatim) or rephrases (wards)
the higher plan's targets. Two targets align when they measure the same indicator (or two
indicators of one index, via ``skos:broader`` in ontology/schemes/indicators.ttl) in
compatible periods. The relation compares the commitments:

- ``same``: same indicator, unit, direction and value;
- ``stricter`` / ``weaker``: the lower plan commits to more / less than the higher one
  (for ">=", ">" and "=" more is a higher value; for "<=", "<" a lower value; for
  ``top_n`` within one peer group a smaller n);
- ``related``: the indicators are related but not the same, the units differ, the
  directions conflict, or the two are ``top_n`` rankings of different peer groups (a
  commune's rank among communes is not comparable to a city's rank among provinces).

Periods. Targets align when their periods overlap. A 5-year plan often sets milestones per
sub-period (2026-2027, 2028-2030) and names some indicators only in a later one; an annual
plan inside the 5-year period (a ward's 2026 plan) that commits to such an indicator is a
step towards that later milestone, and a careful reader links the two. So when a lower target
has no overlapping counterpart of its indicator family in a higher plan, it is aligned with
that plan's earliest later milestone of the family, provided the lower period lies within the
higher plan's own period; the relation is then ``related`` (a value due in 2026 is not
comparable with one due by 2030) and the evidence says so. Earlier milestones never align.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_kg.graph.link.indicators import Lexicon
from cchc_kg.graph.link.model import Item, overlaps, period_years

_UP = {">=", ">", "="}
_DOWN = {"<=", "<"}


@dataclass(slots=True)
class Alignment:
    lower: Item
    higher: Item
    relation: str
    score: float
    evidence: list[str] = field(default_factory=list)  # English
    evidence_vi: list[str] = field(default_factory=list)


_RELATION_VI = {"same": "bằng chỉ tiêu cấp trên", "stricter": "cao hơn chỉ tiêu cấp trên",
                "weaker": "thấp hơn chỉ tiêu cấp trên", "related": "liên quan, không so sánh trực tiếp"}


def _vi(lt: Item, ht: Item, relation: str, *, lexicon: Lexicon, milestone: bool = False) -> list[str]:
    """The alignment in Vietnamese: indicator(s), periods, both commitments and the relation."""
    if lt.indicator == ht.indicator:
        first = f"cùng chỉ số: {lexicon.label(ht.indicator)}"
    else:
        first = f"chỉ số liên quan: {lexicon.label(lt.indicator)} ~ {lexicon.label(ht.indicator)}"
    period = f"giai đoạn {lt.period or '?'} / {ht.period or '?'}"
    if milestone:
        period += f" (bước thực hiện hướng tới mốc {ht.period} của kế hoạch cấp trên)"
    return [first, period, f"cấp dưới {_fmt(lt)}, cấp trên {_fmt(ht)}: {_RELATION_VI.get(relation, relation)}"]


def _fmt(t: Item) -> str:
    value = "?" if t.value is None else (f"{t.value:g}")
    return f"{t.comparator or ''} {value} {t.unit or ''}".replace("  ", " ").strip()


def compare(lower: Item, higher: Item, *, same_level: bool = False) -> tuple[str, str]:
    """Relation of two targets on one indicator, with the reason in words."""
    if lower.unit != higher.unit:
        return "related", f"different units ({lower.unit} vs {higher.unit})"
    if lower.value is None or higher.value is None or not lower.comparator or not higher.comparator:
        return "related", "value or comparator unknown"
    lc, hc = lower.comparator, higher.comparator
    if "top_n" in (lc, hc):
        if lc != hc:
            return "related", "a ranking against a threshold"
        if not same_level:
            return "related", "rankings within different peer groups"
        diff = higher.value - lower.value  # smaller rank is stricter
    elif lc in _UP and hc in _UP:
        diff = lower.value - higher.value
    elif lc in _DOWN and hc in _DOWN:
        diff = higher.value - lower.value
    else:
        return "related", f"opposite directions ({lc} vs {hc})"
    if abs(diff) < 1e-9:
        if lc == hc or {lc, hc} <= {">=", "="} or {lc, hc} <= {"<=", "="}:
            return "same", "same value"
        strict_lower = lc in (">", "<")
        return ("stricter" if strict_lower else "weaker"), "same value, strict vs non-strict comparator"
    return ("stricter", "lower plan commits to more") if diff > 0 else ("weaker", "lower plan commits to less")


def align_targets(
    lower: list[Item], higher: list[Item], *, lexicon: Lexicon, same_level: bool = False,
    higher_period: tuple[int, int] | None = None,
) -> list[Alignment]:
    """Every compatible (lower target, higher target) pair, scored and typed; ``higher_period``
    (the higher plan's own period) enables alignment with its later milestones."""
    out: list[Alignment] = []
    for lt in lower:
        if lt.kind != "target" or not lt.indicator:
            continue
        found = _align_one(lt, higher, lexicon=lexicon, same_level=same_level)
        if not found and higher_period is not None:
            found = _later_milestone(lt, higher, lexicon=lexicon, higher_period=higher_period)
        out.extend(found)
    return out


def _later_milestone(lt: Item, higher: list[Item], *, lexicon: Lexicon,
                     higher_period: tuple[int, int]) -> list[Alignment]:
    lp = period_years(lt.period)
    if lp is None or not (higher_period[0] <= lp[0] and lp[1] <= higher_period[1]):
        return []
    later = []
    for ht in higher:
        if ht.kind != "target" or not ht.indicator:
            continue
        if ht.indicator != lt.indicator and not lexicon.related(lt.indicator, ht.indicator):
            continue
        hp = period_years(ht.period)
        if hp is not None and hp[0] > lp[1]:
            later.append((hp[0], ht))
    if not later:
        return []
    first = min(y for y, _ in later)
    out = []
    for _, ht in (x for x in later if x[0] == first):
        same = ht.indicator == lt.indicator
        ev = [f"same indicator: {lt.indicator}" if same else
              f"related indicators: {lt.indicator} ~ {ht.indicator} ({lexicon.relation_text(lt.indicator, ht.indicator)})",
              (f"periods {lt.period} / {ht.period}: a step within {higher_period[0]}-{higher_period[1]} towards "
               f"the higher plan's later milestone (no {lt.period} milestone of this indicator)"),
              f"values: lower {_fmt(lt)} vs higher {_fmt(ht)} -> related (due at different times)"]
        out.append(Alignment(lt, ht, "related", 0.6 if same else 0.4, ev,
                             _vi(lt, ht, "related", lexicon=lexicon, milestone=True)))
    return out


def _align_one(lt: Item, higher: list[Item], *, lexicon: Lexicon, same_level: bool) -> list[Alignment]:
    out: list[Alignment] = []
    for ht in higher:
        if ht.kind != "target" or not ht.indicator:
            continue
        same_indicator = lt.indicator == ht.indicator
        if not same_indicator and not lexicon.related(lt.indicator, ht.indicator):
            continue
        ov = overlaps(period_years(lt.period), period_years(ht.period))
        if ov is False:
            continue
        ev = []
        if same_indicator:
            relation, why = compare(lt, ht, same_level=same_level)
            ev.append(f"same indicator: {lt.indicator}")
            score = 1.0 if relation != "related" else 0.7
        else:
            relation, why = "related", "related indicators"
            ev.append(f"related indicators: {lt.indicator} ~ {ht.indicator} ({lexicon.relation_text(lt.indicator, ht.indicator)})")
            score = 0.5
        if ov is None:
            score -= 0.1
            ev.append("period unknown on one side")
        else:
            lp, hp = period_years(lt.period), period_years(ht.period)
            if lp != hp:
                score -= 0.05
            ev.append(f"periods {lt.period} / {ht.period}")
        ev.append(f"values: lower {_fmt(lt)} vs higher {_fmt(ht)} -> {relation} ({why})")
        out.append(Alignment(lt, ht, relation, round(score, 3), ev, _vi(lt, ht, relation, lexicon=lexicon)))
    return out
