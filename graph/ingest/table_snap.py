"""Snap the scattered fragments of a task row's narrow cells to the values they spell.

Convention encoded: in a CCHC task table the narrow columns repeat a handful of values
row after row: the leader in charge ("Phó Chủ tịch UBND phường phụ trách theo lĩnh vực"),
the lead unit (one of the document's own units, "Phòng Văn hóa - Xã hội"), the coordinating
units (usually a collective, "Các phòng, ban, đơn vị liên quan"). OCR reads the table line
by line, so such a value reaches us as fragments on consecutive lines of the row, each
fragment a contiguous run of words ("Phó Chủ tịch" | "UBND" | "phường phụ" | "trách theo
lĩnh" | "vực"), interleaved with fragments of the other cells; the per-line column labels
(``table_cells.label_line``) often cut such runs at the wrong place ("- Xã hội" taken for
the task wording, "vực" for the deadline).

This module aligns each candidate value with the row's tokens in reading order: a value is
found when its words appear as contiguous runs on increasing lines (OCR slips inside words
tolerated, specks skipped inside a run). The best-covered leader value becomes the leader
cell (its words as printed); the best-covered units and collectives become the lead and
coordinating cells, spelt as the document itself spells them elsewhere (a unit of the
document's duties) or as printed. Tokens a value takes leave the other cells; what the
line labelling gave that column after the value's run on the same line belongs to the next
column (cells on a line follow the column order), and its other leftovers are dropped.

Candidates come from data: leader and collective phrases in ``task_table_vocab.json``, the
standard unit names of ``ontology/schemes/unit-kinds.ttl``, and the unit names the caller
found in the document's own prose (``known_units``). Nothing here knows a particular plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from cchc_kg.graph.ingest.table_align import align, line_views, word_index
from cchc_kg.graph.ingest.table_cells import join_fragments
from cchc_kg.graph.ingest.table_lead_lists import list_head, listed_units
from cchc_kg.graph.ingest.table_relabel import drop_value_tails, relabel
from cchc_kg.graph.ingest.table_values import (
    _LOCALITY,
    _MIN_COVER,
    Match,
    Template,
    Token,
    _links,
    _words,
    row_tokens,
    same_word,
    skeleton,
    templates,
    vocabulary_of,
)


# Columns whose per-line label lets a single word stand as a fragment of a value of a kind.
def best_matches(
    tokens: list[Token], cands: tuple[Template, ...], *, kinds: set[str], placed: frozenset[int] = frozenset()
) -> list[Match]:
    """Matches of the candidate templates of ``kinds`` that cover enough of their words,
    best first, without two matches sharing a token. ``placed``: lines whose columns the
    page layout gave (``table_layout``); a match taking a word of the task wording there
    is the wording naming a unit, not a cell."""
    present = frozenset().union(*(t.hits for t in tokens))
    by_line: dict[int, list[Token]] = {}
    for t in tokens:
        by_line.setdefault(t.line, []).append(t)
    lines = [by_line[i] for i in sorted(by_line)]
    views = line_views(lines)
    found: list[Match] = []
    for tpl in cands:
        if tpl.kind not in kinds:
            continue
        glued = word_index(tpl.words)[0]
        hits = sum(w in present or (j < len(glued) and glued[j] in present) or (j > 0 and glued[j - 1] in present)
                   for j, w in enumerate(tpl.words))
        if hits / len(tpl.words) < _MIN_COVER[tpl.kind] or hits < min(2, len(tpl.words)):
            continue
        m = align(tpl, views)
        if m is None or m.cover < _MIN_COVER[tpl.kind] or len(m.tokens) < min(2, len(tpl.words)):
            continue
        if _QUALIFIER in tpl.words and not any(_QUALIFIER in t.hits for t in m.tokens):
            continue  # a bloc's name ("Văn hóa - Xã hội") is a unit's words unless "khối" opens it
        if tpl.kind == "unit":
            m = _with_locality(m, lines)
        if not _in_cells(m, lines):
            m = _second_reading(m, lines, _MIN_COVER[tpl.kind])
            if m is None:
                continue  # the task wording naming a unit, not a cell
        if any(t.line in placed and t.label == "title" for t in m.tokens):
            continue  # the task wording naming a unit, not a cell
        if not m.template.own and len(m.tokens) < 3 and m.cover < 1:
            continue
        if tpl.kind == "collective" and len(tpl.words) == 2 and any(t.key != w for t, w in zip(m.tokens, tpl.words)):
            continue  # "Các thôn" needs its two short words as spelt: "cao (theo" is no "các thôn"
        found.append(m)
    found.sort(key=lambda m: (-m.score, -m.template.own, -len(m.template.words)))
    kept: list[Match] = []
    used: set[tuple[int, int]] = set()
    for m in found:
        ids = {(t.line, t.pos) for t in m.tokens}
        if ids & used:
            continue
        kept.append(m)
        used |= ids
    return kept


_NARROW = frozenset({"leader", "lead", "coord"})
# The word that opens a leader's qualifier "(phụ trách khối Văn hóa - Xã hội)", as a skeleton.
_QUALIFIER = "khoi"
# "của" (of), as a skeleton: a unit right after it is named by another cell's words, not a cell.
_OF = "cua"
# "qua" (via) after an opening bracket: "báo cáo UBND tỉnh (qua Sở Nội vụ)" names the unit in the wording.
_VIA = "qua"
# A year or month/year: the deadline cell's date, which the task wording does not run past on
# a line ("... CCHC 2024 | Các sở, ban,": what follows the date is a later column's cell).
_DATE = re.compile(r"(?:\d{1,2}\s*/\s*)?(?:19|20)\d\d")


# "Tháng" / "Quý" opening a deadline cell whose number wrapped to the next line ("... do
# Thang | Sở Tư pháp", then "12/2025" below), as skeleton words ("thang", "theng", "thgng", "quu").
_MONTH_WORD = re.compile(r"th[a-z]{1,2}ng|qu[yiu]")


def _second_reading(m: Match, lines: list[list[Token]], cover: float) -> Match | None:
    """The value's words a second time, in the cells, when the first reading was the task
    wording naming it ("Tổ chức hội nghị đối thoại giữa | Chủ tịch UBND phường với ..."
    then the leader cell "Chủ tịch" / "UBND phường" below): the alignment again without the
    wording's run (the first run of the match), kept if it reads as cell fragments."""
    first = m.tokens[0].line
    gone = {(t.line, t.pos) for t in m.tokens if t.line == first}
    blanked = [[replace(t, key="", hits=frozenset()) if (t.line, t.pos) in gone else t for t in line] for line in lines]
    again = align(m.template, line_views(blanked))
    if again is None or again.cover < cover or len(again.tokens) < min(2, len(m.template.words)):
        return None
    if m.template.kind == "unit":
        again = _with_locality(again, blanked)
    return again if _in_cells(again, blanked) else None


def _with_locality(m: Match, lines: list[list[Token]]) -> Match:
    """A unit's name takes the locality words printed right after it on the same line, in
    its column (or closed by a separator)."""
    last = m.tokens[-1]
    line = next(ln for ln in lines if ln and ln[0].line == last.line)
    nxt = [u for u in line if u.pos > last.pos and u.key][:2]
    for words in _LOCALITY:
        got = nxt[: len(words)]
        # the labelling may give the locality word the next column, but a ";" or "," after it
        # closes the unit's name ("Công an | phường; Hằng tháng")
        closed = bool(got) and got[-1].text.rstrip("|").endswith((";", ","))
        if len(got) == len(words) and all(u.key == w and (u.label == last.label or closed) for u, w in zip(got, words)):
            return Match(m.template, m.tokens + tuple(got), m.cover)
    return m


def _in_cells(m: Match, lines: list[list[Token]]) -> bool:
    """Most of a match's runs must look like cell fragments rather than task wording that
    names a unit: a run the line labelling gave a narrow column (leader, lead,
    coordinating), or one that opens its line, or one next to a column rule or to another
    column's fragment (the task column comes first, so a unit inside it is followed by
    more task words) unless a preposition of the wording ("của", "với") leads into it, or
    one right after a year or month/year, or after a "Tháng"/"Quý" whose number wrapped (the
    deadline cell's date ends the wording's part of the line)."""
    runs: dict[int, list[Token]] = {}
    for t in m.tokens:
        runs.setdefault(t.line, []).append(t)
    inside = 0
    for ln, run in runs.items():
        line = next(x for x in lines if x and x[0].line == ln)
        if ln == m.tokens[0].line and [u for u in line if u.key][:1] == run[:1] and _wording_goes_on(lines, ln):
            return False  # "... tiếp nhận tại" / "Trung tâm ...": the wording goes on, whatever the labels
        said = next((u for u in reversed(line) if u.pos < run[0].pos and u.key), None)
        if said is not None and (said.key == _OF or said.key == _VIA and said.text.lstrip("|").startswith("(")) \
                and said.pos == run[0].pos - 1 and ln == m.tokens[0].line:
            continue  # "... của Sở Nội vụ": another cell's words (a deadline "Theo hướng dẫn của") name the unit
        if m.template.kind == "collective" and said is not None and said.pos == run[0].pos - 1 \
                and said.label == "title" and said.key in _links() and ln == m.tokens[0].line:
            return False  # "... lưu trữ tại các thôn": the wording names the collective, whatever its labels
        if sum(t.label in _NARROW for t in run) * 2 >= len(run):
            inside += 1
            continue
        keyed = [u for u in line if u.key]
        first, last = run[0].pos, run[-1].pos
        prev = next((u for u in reversed(keyed) if u.pos < first), None)
        if prev is not None and prev.label == "title" and prev.key in _links() and prev.line == run[0].line \
                and prev.pos == first - 1 and ln != m.tokens[0].line:
            return False  # a later part of the value is "... của UBND thành phố": the wording names that unit
        if prev is not None and prev.label == "title" and prev.key in _links():
            continue  # "... của Trung tâm ...": the task wording names the unit
        after = next((u for u in line if u.pos > last and u.text.strip()), None)
        # a run opening its line is a cell's, unless task wording goes on right after it
        # ("UBND các quận, huyện, thị xã triển khai ...": the wording wrapped before a unit)
        opens = bool(keyed) and keyed[0].pos == first and len(run) >= 2 and not (
            after is not None and after.label == "title" and after.key and len(
                [u for u in line if u.pos > last and u.label == "title" and u.key]) >= 2
        )
        before = next((u for u in reversed(line) if u.pos < first and u.text.strip()), None)
        ruled = (after is not None and after.text.startswith("|")) or (
            before is not None and before.text.endswith("|")) or run[0].text.startswith("|") or run[-1].text.endswith("|")
        beside = after is not None and after.label in _NARROW | {"deadline", "product"} and after.label != "title"
        dated = before is not None and (bool(_DATE.fullmatch(before.text.strip("|[](),.;")))
                                        or bool(_MONTH_WORD.fullmatch(before.key)))
        if opens or ruled or beside or dated:
            inside += 1
    return inside * 2 >= len(runs)


def _wording_goes_on(lines: list[list[Token]], ln: int) -> bool:
    """The task wording on the line before ``ln`` ends with a word that needs what follows
    ("... tiếp nhận tại", "... thuộc"): the next line opens with the rest of the wording
    (a unit it names), not with a cell."""
    before = next((x for x in lines if x and x[0].line == ln - 1), None)
    if before is None:
        return False
    last = next((u for u in reversed(before) if u.label == "title" and u.key), None)
    return last is not None and last.key in _links() and not last.text.rstrip("|").endswith((",", ";", "."))


def fragment_of(text: str, known_units: tuple[str, ...]) -> str | None:
    """The document's unit whose name contains ``text`` as a run of its words (up to OCR
    slips), the shortest such name; None when no unit fits."""
    part = _words(text)
    if not part:
        return None
    hosts = []
    for name in known_units:
        whole = _words(name)
        n = len(part)
        if n < len(whole) and any(
            all(same_word(a, b) for a, b in zip(part, whole[k: k + n])) for k in range(len(whole) - n + 1)
        ):
            hosts.append((len(whole), name))
    return min(hosts)[1] if hosts else None


@dataclass(slots=True)
class RowCells:
    """The cells of one row after snapping: free text for title/product/deadline (and for a
    narrow column no value matched), values for leader, lead and coordinating."""

    texts: dict[str, str]
    leader: str | None = None
    lead: str | None = None
    coordinating: tuple[str, ...] = ()
    snapped: frozenset[str] = frozenset()  # narrow columns a value was matched for
    co_leads: tuple[str, ...] = ()  # further units of a lead cell that names several

    def text(self, kind: str) -> str:
        return self.texts.get(kind, "")


def snap_row(
    labelled: list[list[tuple[str, str]]],
    order: tuple[str, ...],
    *,
    known_units: tuple[str, ...] = (),
    levels: tuple[str, ...] | None = None,
    placed: frozenset[int] = frozenset(),
) -> RowCells:
    """The row's cells from its labelled lines, narrow cells snapped to the values they spell.
    ``placed``: indexes of the lines whose columns the page layout gave."""
    cands = templates(known_units, leader="leader" in order, levels=levels)
    tokens = row_tokens(labelled, vocabulary_of(cands))
    assigned: dict[tuple[int, int], str] = {}
    leader = None
    bloc_rest = ""
    if "leader" in order:
        found = best_matches(tokens, cands, kinds={"leader"}, placed=placed)
        if found:
            leader, bloc_rest = _with_bloc(found[0], tokens)
            for t in leader.tokens:
                assigned[(t.line, t.pos)] = "leader"
    rest = [t for t in tokens if (t.line, t.pos) not in assigned]
    head = list_head(rest) if "lead" in order else None
    listed = listed_units(rest, cands, head, in_cells=_in_cells) if head else []
    if listed:  # "Các Sở: Nội vụ, Tư pháp; ...": the list's units lead, its words are taken
        for t in (*head, *(t for _, m in listed for t in m.tokens)):
            assigned[(t.line, t.pos)] = "lead"
        rest = [t for t in rest if (t.line, t.pos) not in assigned]
    # on a line the layout placed, only the unit columns' words can spell a unit value
    unit_words = [t for t in rest if t.line not in placed or t.label in _NARROW]
    units = sorted(best_matches(unit_words, cands, kinds={"unit", "collective"}, placed=placed),
                   key=lambda m: (m.tokens[0].line, m.tokens[0].pos))
    lead: Match | None = None
    co_leads: list[Match] = []
    coord: list[Match] = []
    top = max((m.score for m in units), default=0.0)
    for m in units:
        whole = m.cover == 1 and (m.template.own or len({t.line for t in m.tokens}) == 1)
        # the lead cell is (almost) never empty: a named unit may fill it with the usual
        # cover even when a collective matched better, if its head word (Phòng, Sở) is there
        # or the document itself names that unit
        fills_lead = lead is None and "lead" in order and m.template.kind == "unit" and len(m.tokens) >= 3 \
            and (m.template.own or m.template.words[0] in m.tokens[0].hits)
        if m.score < top and (m.cover < 0.9 or len(m.tokens) < 3) and not whole and not fills_lead:
            continue  # a second value needs (nearly) all its words
        votes = [t.label for t in m.tokens]
        wants_coord = (m.template.kind == "collective" and not _collective_leads(m, units)) \
            or votes.count("coord") > votes.count("lead")
        if not wants_coord and lead is None and "lead" in order:
            lead = m
        elif lead is not None and not co_leads and _continues_lead(m, lead, tokens, coord):
            co_leads.append(m)  # "Văn phòng UBND tỉnh; Sở Nội vụ": the lead cell goes on
        elif "coord" in order:
            coord.append(m)
    if co_leads and lead is not None:
        co_leads, coord = _wrapped_co_lead(lead, co_leads, coord, tokens)
    if lead is not None and not any(t.label == "lead" for t in lead.tokens):
        # the line labels gave none of the lead's words the lead column, but most words of a
        # later unit of three words or more: that unit is the lead cell, the first a unit the task wording names
        # ("... về Trung tâm Phục vụ hành chính công ...") unless its words sit in a cell
        voted = next((m for m in coord if m.template.kind == "unit" and len(m.tokens) >= 3
                      and sum(t.label == "lead" for t in m.tokens) * 2 > len(m.tokens)), None)
        if voted is not None:
            coord.remove(voted)
            if any(t.label in _NARROW for t in lead.tokens):
                coord.insert(0, lead)
            lead = voted
    if lead is None and "lead" in order:
        # a table's lead cell is (almost) never empty: a named unit the per-line labels gave
        # the coordinating column is the lead when nothing else is ("Phòng Văn hóa - Xã hội"
        # before "Các cơ quan, đơn vị"); a collective stays coordinating
        named = [m for m in coord if m.template.kind == "unit"]
        if named and len(coord) > 1:
            lead = named[0]
            coord.remove(lead)
    if lead is not None:
        first, rest = _first_column_leads(lead, coord, tokens)
        if first is not lead and co_leads:
            # the whole "lead; co-lead" run sits right of a unit in the lead column: it is the
            # coordinating cell's list ("Trung tâm ...; Đoàn Thanh niên xã;" beside "Văn phòng")
            rest = sorted(rest + co_leads, key=lambda m: (m.tokens[0].line, m.tokens[0].pos))
            co_leads = []
        lead, coord = first, rest
    for m, col in [(lead, "lead")] + [(c, "lead") for c in co_leads] + [(c, "coord") for c in coord]:
        if m is not None:
            for t in m.tokens:
                assigned[(t.line, t.pos)] = col
    snapped = frozenset(assigned.values())
    value_words: dict[str, set[str]] = {}
    for m, col in [(leader, "leader"), (lead, "lead")] + [(c, "lead") for c in co_leads] + [
            (c, "coord") for c in coord] + [(m, "lead") for _, m in listed]:
        if m is not None:
            value_words.setdefault(col, set()).update(m.template.words)
    whole = frozenset((t.line, t.pos) for m in (lead, *co_leads, *coord) if m is not None and m.cover == 1
                      for t in m.tokens)
    labels = relabel(tokens, assigned, snapped, order, value_words, placed, whole)
    ends = {m.template.words[-1] for m in (leader, lead, *co_leads, *coord) if m is not None}
    drop_value_tails(tokens, labels, set().union(*value_words.values()) if value_words else set(), ends,
                     placed)
    texts: dict[str, list[str]] = {}
    for line in sorted({t.line for t in tokens}):
        frags: list[tuple[str, str]] = []
        for t in tokens:
            if t.line != line or labels.get((t.line, t.pos)) in (None, *snapped):
                continue
            frags.append((labels[(t.line, t.pos)], t.text))
        for kind, frag in join_fragments(frags):
            texts.setdefault(kind, []).append(frag)
    return RowCells(
        texts={k: " ".join(v) for k, v in texts.items()},
        leader=" ".join(filter(None, (_spelt(leader, tokens), bloc_rest))) if leader else None,
        lead=listed[0][0] if listed else _spelt(lead, tokens) if lead else None,
        co_leads=tuple(name for name, _ in listed[1:]) + ((_spelt(lead, tokens),) if listed and lead else ())
        + tuple(_spelt(m, tokens) for m in co_leads),
        coordinating=tuple(_spelt(m, tokens) for m in coord),
        snapped=snapped,
    )


def _with_bloc(leader: Match, tokens: list[Token]) -> tuple[Match, str]:
    """A leader value ending "phụ trách" with the field it names after it ("Phó Chủ tịch UBND
    phường phụ trách văn hóa - xã hội", "... phụ trách kinh tế"), and the field's words the
    row does not print there.

    The field's first words follow "trách" at once on its line (the lead cell's words may
    come next on the same line, "trách văn hóa | - Xã hội" where "- Xã hội" ends "Phòng Văn
    hóa - Xã hội"), so they are taken there and the rest of the field is written out, unless
    the line labels put the whole field in the leader column. The fields are not part of
    the templates, where "văn hóa - xã hội" would take the lead
    cell's words beside it."""
    if leader.template.words[-2:] != ("phu", "trach"):
        return leader, ""
    last = leader.tokens[-1]
    after = sorted((t for t in tokens if t.line == last.line and t.pos > last.pos), key=lambda t: t.pos)
    keyed = [t for t in after if t.key]
    for bloc, _ in _blocs():
        # the whole field printed in the leader column (a clean or laid-out table): all of it
        whole = keyed[: len(bloc)]
        if len(whole) == len(bloc) and all(t.label == "leader" and same_word(t.key, w) for t, w in zip(whole, bloc)) \
                and all(b.pos - a.pos <= 2 for a, b in zip([last, *whole], whole)):
            return replace(leader, tokens=leader.tokens + tuple(whole)), ""
    for bloc, printed in _blocs():
        head = bloc[:2]
        picked = after[: len(head)]
        if len(picked) == len(head) and all(
                t.key and t.pos == last.pos + 1 + k and same_word(t.key, w) for k, (t, w) in enumerate(zip(picked, head))):
            rest = " ".join(printed.split()[len(head):]) if len(bloc) > len(head) else ""
            return replace(leader, tokens=leader.tokens + tuple(picked)), rest
    return leader, ""


@lru_cache(maxsize=1)
def _blocs() -> tuple[tuple[tuple[str, ...], str], ...]:
    """The fields a vice-chairman answers for (``leader_templates.blocs``): skeleton words and
    the field as the vocabulary writes it, longest first."""
    from cchc_kg.graph.ingest.table_values import _raw

    blocs = _raw()["leader_templates"].get("blocs", ())
    pairs = [(tuple(skeleton(w) for w in re.findall(r"[a-z]+", b)), b) for b in blocs]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def _collective_leads(m: Match, units: list[Match]) -> bool:
    """Whether a collective stands in the lead column: the line labels give most of its words
    the lead column, those of no named unit the lead column, and those of a named unit after
    it the coordinating column ("Các sở,
    ban, ngành | Sở Nội vụ": the departments carry the task, the Home Affairs department
    helps). A collective is otherwise a coordinating cell."""
    def column(x: Match) -> str | None:
        votes = [t.label for t in x.tokens]
        for kind in ("lead", "coord"):
            if 2 * votes.count(kind) > len(votes):
                return kind
        return None

    if column(m) != "lead" or any(u is not m and u.template.kind == "unit" and column(u) == "lead" for u in units):
        return False  # a named unit the labels put in the lead column leads
    start = (m.tokens[0].line, m.tokens[0].pos)
    return any(u is not m and u.template.kind == "unit" and column(u) == "coord"
               and (u.tokens[0].line, u.tokens[0].pos) > start for u in units)


def _first_column_leads(lead: Match, coord: list[Match], tokens: list[Token]) -> tuple[Match, list[Match]]:
    """Cells on a line follow the column order, and the lead column comes before the
    coordinating one: a lead value (chosen by the line labels) that opens on a line right of
    the words of a named unit which opened earlier in the row, outside the task wording,
    sits in a later column than that unit; so does one whose later line holds a unit that
    opens left of its words there (``_left_on_shared_line``). The earliest such unit is then
    the lead, and the former lead coordinates (single-spaced lines, "... Ủy ban MTTQ Hội
    Liên hiệp Phụ" over "... Việt Nam xã nữ xã; Hội Nông")."""
    at = (lead.tokens[0].line, lead.tokens[0].pos)
    earlier = [m for m in coord if m.template.kind == "unit" and (
        m.tokens[0].label != "title" and (m.tokens[0].line, m.tokens[0].pos) < at
        and any(t.line == at[0] and t.pos < at[1] for t in m.tokens)
        or _left_on_shared_line(m, lead, tokens))]
    if not earlier:
        return lead, coord
    first = min(earlier, key=lambda m: (m.tokens[0].line, m.tokens[0].pos))
    rest = sorted([m for m in coord if m is not first] + [lead], key=lambda m: (m.tokens[0].line, m.tokens[0].pos))
    return first, rest


def _left_on_shared_line(m: Match, lead: Match, tokens: list[Token]) -> bool:
    """Whether a unit that opens on a later line than the lead value ends there right before
    the lead's words (only marks between, "Phòng Văn hóa - Việt Nam xã;" under a line
    "Ủy ban MTTQ"): cells on a line follow the column order, so that unit sits in an
    earlier column; the lead value's first line held a centred cell's top. Task wording
    between the two ("Sở Nội vụ; chuẩn bị tài liệu ... UBND") says nothing of columns."""
    first = m.tokens[0]
    if first.line <= lead.tokens[0].line:
        return False
    theirs = [t.pos for t in lead.tokens if t.line == first.line]
    mine = [t.pos for t in m.tokens if t.line == first.line]
    if not theirs or max(mine) >= min(theirs):
        return False
    return not any(t.key for t in tokens if t.line == first.line and max(mine) < t.pos < min(theirs))


def _continues_lead(m: Match, lead: Match, tokens: list[Token], coord: list[Match] | None = None) -> bool:
    """A named unit is a second lead unit when the lead value's cell goes on to it: a
    semicolon ends the lead's last printed word ("Văn phòng UBND tỉnh;"), the unit starts
    on that line or the next, and the line labelling gave most of its words the lead
    column. (A semicolon inside a coordinating cell separates coordinating units.)
    A unit right of the lead's last word on the same line is the coordinating cell's when
    ``coord`` already holds a unit printed right of the lead on an earlier line of the row:
    the coordinating column has opened to the lead's right, and cells on a line follow the
    column order ("Văn phòng ... | Phòng Kinh tế;" then "và UBND xã; | Trung tâm ..."),
    unless that coordinating value goes on right of the unit ("tỉnh; Sở Nội vụ | đơn vị
    liên quan": the unit sits left of the coordinating cell, in the lead's)."""
    if m.template.kind != "unit" or m.cover < 0.9 or m.template.name == lead.template.name:
        return False
    last = lead.tokens[-1]
    if not last.text.rstrip("|").endswith(";"):
        return False
    votes = [t.label for t in m.tokens]
    if votes.count("lead") * 2 < len(votes) and (
            votes.count("coord") >= votes.count("lead") or votes.count("lead") + votes.count("title") < len(votes)):
        return False  # most words the coordinating cell's (words labelled as wording may be the lead's)
    first = m.tokens[0]
    if first.line == last.line and any(
            _right_of(c, lead) and not any(t.line == first.line and t.pos > m.tokens[-1].pos for t in c.tokens)
            for c in coord or () if c.tokens[0].line < first.line):
        return False
    return (first.line, first.pos) > (last.line, last.pos) and first.line - last.line <= 1


def _wrapped_co_lead(
    lead: Match, co_leads: list[Match], coord: list[Match], tokens: list[Token]
) -> tuple[list[Match], list[Match]]:
    """The lead cell goes on after its ";" on the next line, in its own column: a unit right
    of the ";" on the same line is the next column's cell when a unit that also continues
    the lead opens on the next line ("HĐND và UBND; | Ủy ban MTTQ ..." then "Phòng Văn hóa
    - ..." below: the coordinating cell sits beside the lead, the second lead unit under it)."""
    first = co_leads[0]
    last = lead.tokens[-1]
    if first.tokens[0].line != last.line:
        return co_leads, coord
    below = next((c for c in coord if c.tokens[0].line == last.line + 1 and _continues_lead(c, lead, tokens)), None)
    if below is None:
        return co_leads, coord
    rest = [c for c in coord if c is not below] + [first]
    rest.sort(key=lambda m: (m.tokens[0].line, m.tokens[0].pos))
    return [below, *co_leads[1:]], rest


def _right_of(m: Match, lead: Match) -> bool:
    """Whether a value opens on a line where the lead value has words, right of them."""
    first = m.tokens[0]
    return any(t.line == first.line and t.pos < first.pos for t in lead.tokens)


def _spelt(m: Match, tokens: list[Token]) -> str:
    """A matched value as the document spells it: its own unit name, else the words as
    printed with what lies between them on each line (a dash that joins two name parts,
    "Văn hóa - Xã hội", included)."""
    if m.template.own:
        return m.template.name
    words: list[str] = []
    for line in sorted({t.line for t in m.tokens}):
        pos = [t.pos for t in m.tokens if t.line == line]
        first, last = min(pos), max(pos)
        for t in tokens:
            if t.line != line:
                continue
            dash = t.pos == first - 1 and t.text in {"-", "–"}
            if dash or first <= t.pos <= last:
                text = t.text.strip("|[]")
                if text and (t.key or text in {"-", "–", "&"} or t is m.tokens[0]):
                    words.append(text)
    spelt = " ".join(words).strip(" ,;:-–")
    if spelt.endswith(")") and spelt.count(")") > spelt.count("("):
        spelt = spelt[:-1].rstrip(" ,;:-–")  # the close of a neighbouring cell's bracket
    return spelt
