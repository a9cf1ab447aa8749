"""Tasks from appendix task tables (phụ lục / danh mục nhiệm vụ), kind='table'.

Convention encoded: a CCHC plan's appendix lists its tasks in a table with a number (TT),
the task wording, and some of: product (sản phẩm / kết quả), UBND leader in charge (lãnh
đạo phụ trách), lead unit (cơ quan chủ trì), coordinating units (cơ quan phối hợp) and
deadline (thời gian hoàn thành / tiến độ); group rows name the reform area. Rows are rebuilt
by ``table_rows`` (OCR interleaves cells across lines) and cut into cells by
``table_cells``; this module turns them into ``TaskRecord``s:

- ``n`` as printed, or the row's position when OCR lost it (``2.1`` for a sub-item);
- ``title`` the task cell as read, ``clean_title`` with OCR specks and spacing repaired;
- ``area`` from the group row (or the outline's heading), ``group`` its heading as printed;
- ``lead`` and ``coordinating`` as written: the coordinating cell is split on ``;`` and on
  commas that open a new unit name, while a collective ("Các phòng, ban, đơn vị liên
  quan") stays whole; a lead cell naming several units gives ``lead`` (the first) and
  ``co_leads`` (``table_leads``);
- ``deadline`` normalised by ``deadlines.parse_deadline`` (OCR repairs in ``table_deadlines``)
  with ``deadline_text`` kept;
- ``line`` where the row starts, ``end_line`` where it ends.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.deadlines import parse_deadline, row_interval
from cchc_kg.graph.ingest.normalise import fold, squash_spaces
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.table_bullets import bullet_columns
from cchc_kg.graph.ingest.table_cells import (
    column_order,
    is_noise,
    label_line,
    title_lengths,
    title_width,
)
from cchc_kg.graph.ingest.table_deadlines import repair_deadline
from cchc_kg.graph.ingest.table_layout import (
    Grid,
    layout_line,
    position_kept,
    ruled_header,
    table_grid,
    with_header,
)
from cchc_kg.graph.ingest.table_leaders import complete_leaders
from cchc_kg.graph.ingest.table_leads import placed_units, repair_heads, split_leads, split_units
from cchc_kg.graph.ingest.table_paragraphs import paragraph_cells
from cchc_kg.graph.ingest.table_products import canonical_product, relabel_products
from cchc_kg.graph.ingest.table_row_dates import row_date
from cchc_kg.graph.ingest.table_rows import Group, RawRow, find_task_tables, table_rows
from cchc_kg.graph.ingest.table_snap import RowCells, fragment_of, snap_row
from cchc_kg.graph.ingest.text import SourceText
from cchc_kg.graph.ingest.units import looks_like_unit
from rapidfuzz.distance import Levenshtein

_LOG = logging.getLogger(__name__)
_YEAR = re.compile(r"(?:19|20)\d\d")
# "Tháng" as OCR prints it in a narrow cell (Thang, Tháng, Théng, Théang, Thgng), folded.
_MONTH_WORD = re.compile(r"(?<![a-z])th(?:a|e|ea|g)ng(?![a-z])")
# A month/year standing alone: not the end of a day/month/year date or of a number/code.
_MONTH_YEAR = re.compile(r"(?<![\w/.-])(0?[1-9]|1[0-2])\s?/\s?((?:19|20)\d\d)(?![\w/-])")
# "Theo kế hoạch/chỉ đạo/quy định/hướng dẫn/văn bản của ..." opening the cell or a part of it
# (a second word OCR may lose), folded; "(theo chỉ đạo ...)" inside a product is not one, nor
# "theo quy định tại Nghị định ..." (task wording that cites a text).
_FOLLOWS = re.compile(
    r"(?:^|[-;:)]\s*)theo\s+"
    r"(?:ke\b|chi\s+dao|dao\s+cua|quy\s+dinh(?!\s+tai)|huong\s+dan|van\s+ban|thong\s+tu)"
    r"|^sau\s+khi\b"  # "Sau khi Bộ Nội vụ công bố ...": the cell waits on an event
)
_SPAN = re.compile(r"(?:19|20)\d\d/(?:19|20)\d\d")
_PERIOD_WORDING = re.compile(r"\bgiai\s*do[a-z]n\b")
_YEARS = re.compile(r"(?:19|20)\d\d(?:/(?:19|20)\d\d)?")
_MONTH_YEAR_GLUED = re.compile(r"(?<![\w/.-])(0?[1-9]|1[0-2])(20\d\d)(?![\w/-])")
# A column rule OCR glued to the words on either side ("quốc|Phòng", "hành{Phòng" where the
# rule was read as a brace before a capital): the rule is a cell boundary, so it is set apart.
_GLUED_RULE = re.compile(r"\s*\|\s*|(?<=[^\W\d_])[{\[](?=[A-ZĐÀ-Ỹ])")
# The level word a leader cell ends with ("Chủ tịch UBND phường"), by the document's admin-unit type.
_HANGING_QUOTES = re.compile(r"(?<=\w)[”“\"'’‘]+(?=[\s,;.]|$)")
# "UBND phường" in a header (the leader column's), folded; OCR's "phwong"/"phirong" for phường.
_HEADER_LEVEL = re.compile(r"\bubnd\s+(xa|ph(?:u|w|ir)[o0]ng|dac\s+khu|tinh|thanh\s+pho)\b")
_LEVEL_WORDS = {"xa": ("xa",), "phuong": ("phuong",), "dac_khu": ("dac khu",), "tinh": ("tinh",),
                "thanh_pho": ("thanh pho",)}


def extract_table_tasks(
    src: SourceText,
    *,
    document: DocumentRecord,
    outline: Outline | None = None,
    known_units: Iterable[str] = (),
) -> list[TaskRecord]:
    """Every task row of the document's task tables, in document order.

    ``known_units``: unit names the document gives elsewhere (its duties, its prose); a lead
    or coordinating cell whose fragments spell one of them is written as the document
    writes it (see ``table_snap``).
    """
    known = tuple(sorted({u.strip() for u in known_units if u and u.strip()}))
    doc_levels = _LEVEL_WORDS.get(document.admin_unit_type or "")
    start = outline.appendix_start if outline is not None else None
    spans = find_task_tables(src, start=start) or (find_task_tables(src) if start else [])
    plan_year = _plan_year(document)
    tasks: list[TaskRecord] = []
    for span in spans:
        levels = header_level(src.folded[span.header - 1: span.body - 1]) or doc_levels
        items = table_rows(src, span)
        rows = [r for r in items if isinstance(r, RawRow)]
        order = column_order(
            [rule_spaced(src.clean[i - 1]) for r in rows for i in r.lines], named=span.columns,
            stated=span.stated,
        )
        if "leader" in order and "leader" not in span.columns and not leader_rows(
                [[src.folded[i - 1] for i in r.lines] for r in rows]):
            order = tuple(k for k in order if k != "leader")
        grid = with_header(
            table_grid([src.lines[i - 1] for r in rows for i in r.lines], order),
            src.lines[span.header - 1: span.body - 1],
            order,
        )
        if grid is not None:
            order = ("title", *grid.kinds)  # the header's positions name the columns
        first_line = tv.header_order(src.folded[span.header - 1])
        confirmed = ruled_body_order(span.columns, [src.clean[i - 1] for r in rows for i in r.lines], one_line=first_line)
        stated = whole_header_order(span.columns, one_line=first_line)
        if grid is None and (confirmed or stated):
            order = confirmed or stated
        # the column order a header states (ruled, or by its cells' positions), for fully ruled lines
        ruled = ruled_header(src.lines[span.header - 1: span.body - 1], order) or (
            order if grid is not None and grid.named else None) or confirmed
        width = title_width([n for r in rows for i in r.lines
                             if (n := title_lengths(label_line(rule_spaced(src.clean[i - 1]), order))) is not None])
        found: list[TaskRecord] = []
        for k, row in enumerate(rows):
            nxt = rows[k + 1] if k + 1 < len(rows) else None
            heads_subitems = nxt is not None and nxt.sub and nxt.parent == row.n
            try:
                task = _task(
                    src, row, order=order, outline=outline, plan_year=plan_year, known=known, levels=levels,
                    grid=grid, ruled=ruled, ruled_anywhere=confirmed is not None, width=width,
                )
            except Exception as exc:  # noqa: BLE001 - one unreadable row must not lose the document
                # The cell rules are heuristics over arbitrarily damaged OCR; a row they fail
                # on is skipped with a warning, and the plan's other rows, targets and
                # citations are still ingested.
                _LOG.warning("%s: task table row at line %d skipped (%s: %s)",
                             src.source, row.lines[0], type(exc).__name__, exc)
                continue
            if task is not None and heads_subitems and not _has_cells(task):
                continue  # a numbered heading of sub-items, not a task of its own
            if task is not None:
                found.append(task)
        tasks.extend(complete_leaders(found, levels=levels) if "leader" in order else found)
    return tasks


def _task(
    src: SourceText,
    row: RawRow,
    *,
    order: tuple[str, ...],
    outline: Outline | None,
    plan_year: int | None,
    known: tuple[str, ...] = (),
    levels: tuple[str, ...] | None = None,
    grid: Grid | None = None,
    ruled: tuple[str, ...] | None = None,
    ruled_anywhere: bool = False,
    width: int | None = None,
) -> TaskRecord | None:
    # ``ruled_anywhere``: the table's body prints whole ruled lines (``ruled_body_order``), so
    # a line cut into exactly one cell per column is the row's cells wherever it stands (a
    # row's text centred on its middle line puts the rules there, not on its first)
    paragraphs = paragraph_cells(row.lines, [rule_spaced(src.clean[i - 1]) for i in row.lines], order)
    if paragraphs is not None:  # a row printed cell by cell: its blocks are its cells
        placed = [(line, k > 0 and line[0][0] != "title") for k, line in enumerate(paragraphs)]
    else:
        placed = [
            layout_line(label_line(rule_spaced(src.clean[i - 1]), order, title_width=width), src.lines[i - 1],
                        order=order, grid=grid, ruled=ruled, first=k == 0 or ruled_anywhere)
            for k, i in enumerate(row.lines)
        ]
    if paragraphs is None and grid is not None and not any(position_kept(src.lines[i - 1]) for i in row.lines[1:]):
        # a row printed single-spaced (only its first line may look padded): a short line of
        # it is no more task wording for ending left of the first cell column
        placed = [(line, ok and (k == 0 or position_kept(src.lines[i - 1])))
                  for k, ((line, ok), i) in enumerate(zip(placed, row.lines))]
    labelled = [line for line, _ in placed]
    relabel_products([line for line, ok in placed if not ok], order)  # the layout placed the others
    if not any(ok for _, ok in placed):  # word-labelled lines: the row's bullet style sorts its units
        labelled = bullet_columns(labelled)
    cells = snap_row(labelled, order, known_units=known, levels=levels,
                     placed=frozenset(k for k, (_, ok) in enumerate(placed) if ok))
    title = clean_title(squash_spaces(cells.text("title")))
    clean = clean_title(title)
    if len(re.findall(r"[^\W\d_]{2,}", clean)) < 2:
        return None  # no task wording survived: not a task row
    group: Group | None = row.group
    area = group.area if group is not None and group.area else None
    if area is None and outline is not None:
        area = outline.area_at(row.lines[0])
    deadline_text = clean_cell(cells.text("deadline")) or None
    leads = _leads(cells, known)
    coordinating = cells.coordinating or tuple(
        v for v in (_unit_or_none(u, known) for u in split_units(clean_cell(cells.text("coord")))) if v
    )
    joint = joint_leads(labelled, known=known)
    if joint:  # the lead cell names several units: those the snapping took elsewhere go back
        leads = joint
        cell = fold(_column_text(labelled, "lead"))
        coordinating = tuple(c for c in coordinating if fold(c) not in cell)
    if _units_placed(placed):
        leads, coordinating = _placed_cells(labelled, leads, coordinating)
    if levels is not None and len(levels) == 1:
        leads = tuple(with_level(u, levels[0]) for u in leads)
        coordinating = tuple(with_level(u, levels[0]) for u in coordinating)
    return TaskRecord(
        line=row.lines[0],
        end_line=row.lines[-1],
        title=title,
        n=row.n,
        clean_title=clean,
        area=area,
        group=group.title if group is not None else None,
        lead=leads[0] if leads else None,
        co_leads=leads[1:],
        coordinating=coordinating,
        lead_official=cells.leader or clean_cell(cells.text("leader")) or None,
        deadline=repair_deadline(row_date(row_month(
            conditional_cell(
                row_interval(
                    parse_deadline(deadline_text, plan_year=plan_year),
                    cell=deadline_text or "",
                    lines=[src.clean[i - 1] for i in row.lines],
                ),
                cell=deadline_text or "",
            ),
            lines=[src.clean[i - 1] for i in row.lines],
            plan_year=plan_year,
        ), lines=[src.clean[i - 1] for i in row.lines], plan_year=plan_year),
            cell=deadline_text or "", lines=[rule_spaced(src.clean[i - 1]) for i in row.lines],
            last=order[-1] == "deadline"),
        deadline_text=deadline_text,
        product=canonical_product(clean_cell(cells.text("product"))),
        kind="table",
    )


# Units whose name is not whole without the level they serve ("Công an xã", never "Công an"),
# folded; and the level words as printed.
_LEVELLED_UNITS = re.compile(r"c[a-z0-9]ng\s+an\.?")  # "Cdng an" as OCR reads it too
_PRINTED_LEVEL = {"xa": "xã", "phuong": "phường", "dac khu": "đặc khu", "tinh": "tỉnh", "thanh pho": "Thành phố"}


def with_level(unit: str, level: str) -> str:
    """The unit with the table's level word when its cell lost it.

    Convention encoded: the police of a commune, ward or province is "Công an xã / phường /
    tỉnh"; a cell reading "Công an" alone had its level word wrapped onto a line the
    labelling gave another cell, and the level is the table's (``header_level``, else the
    document's)."""
    printed = _PRINTED_LEVEL.get(level)
    if printed is None or not _LEVELLED_UNITS.fullmatch(fold(unit).strip()):
        return unit
    return f"{unit.strip().rstrip('.')} {printed}"


def header_level(header: Iterable[str]) -> tuple[str, ...] | None:
    """The level word the leader column's header names ("Lãnh đạo UBND phường phụ trách"),
    from the folded header lines: the table's own statement of whose leaders fill the
    column, which holds even where the document's level was read wrong or not at all (an
    excerpt, a header block naming the city it reports to). None when the header names no
    level (or more than one)."""
    found = {"phuong" if m.group(1).startswith("ph") else " ".join(m.group(1).split())
             for line in header for m in _HEADER_LEVEL.finditer(line)}
    return (found.pop(),) if len(found) == 1 else None


def conditional_cell(value: str | None, *, cell: str) -> str | None:
    """A deadline cell that opens "Theo kế hoạch / chỉ đạo / quy định / hướng dẫn của ..." (or
    "Sau khi ...", an event the task waits on) is
    conditional (contract.md) unless it names a month or quarter ("dự kiến tháng 2/2026",
    kept as parsed): a bare year or span of years in such a cell is a fragment another cell
    ran into it ("... Thành phố năm 2026", "2026 - 2030"), and OCR may lose the cell's
    second word ("Theo Kế của", "Theo đạo của")."""
    if value is not None and not _YEARS.fullmatch(value):
        return value
    return "conditional" if _FOLLOWS.search(fold(cell)) else value


def row_month(value: str | None, *, lines: list[str], plan_year: int | None = None) -> str | None:
    """A month deadline whose "Tháng" and "M/YYYY" OCR set on different lines of the row.

    Convention encoded: a deadline cell "Tháng 6/2024" in a narrow column wraps after
    "Tháng", so the month and year reach us a line further down, often labelled as another
    column's words. When the cell read as nothing or as a bare year Y, the row prints a
    "Tháng" word, and exactly one month/year (of year Y, if any; near the plan's year
    ``plan_year``, if known) stands alone in the row (not a day/month/year date, not a
    document number), the deadline is that month. The same holds for a span of years when
    the row prints "giai đoạn": the span is the task's own period in its wording ("... giai
    đoạn 2023-2030"), the month the deadline cell's.
    """
    folded = [fold(line) for line in lines]
    if value is not None and not _YEAR.fullmatch(value) and not (
            _SPAN.fullmatch(value) and any(_PERIOD_WORDING.search(line) for line in folded)):
        return value
    if not any(_MONTH_WORD.search(line) for line in folded):
        return value
    found = {(int(m.group(2)), int(m.group(1))) for line in folded for m in _MONTH_YEAR.finditer(line)}
    if not found:  # the slash lost: "62024" for "6/2024"
        found = {(int(m.group(2)), int(m.group(1))) for line in folded for m in _MONTH_YEAR_GLUED.finditer(line)}
    if plan_year is not None:  # a year OCR misread ("122004" for 12/2024) is no deadline
        found = {f for f in found if plan_year - 1 <= f[0] <= plan_year + 10}
    if value is not None and _YEAR.fullmatch(value):
        found = {f for f in found if f[0] == int(value)}
    if len(found) != 1:
        return value
    year, month = found.pop()
    return f"{year}-{month:02d}"


# A UBND leader as a leader cell names one, folded ("Chủ tịch", "Phó Chủ tịch", "PCT").
_LEADER_TITLE = re.compile(r"ch[ui]\s*t[ií]ch|\bpct\b")


def leader_rows(rows: list[list[str]]) -> bool:
    """Whether the table has a leader column by its rows: a third of them or more name a
    UBND leader ("Chủ tịch", "PCT").

    Convention encoded: a leader column names the chairman or a vice-chairman on nearly
    every row (seed-style ward tables: 60 % and more), while a table without one names
    them only in the odd task ("trình Chủ tịch UBND xã phê duyệt": 10 % and less). The
    column's other cues ("phụ trách", "lĩnh vực") are everyday task words, so they are no
    evidence; a header that names the column ("Lãnh đạo UBND phụ trách") decides alone."""
    named = sum(1 for lines in rows if any(_LEADER_TITLE.search(line) for line in lines))
    return bool(rows) and 3 * named >= len(rows)


def whole_header_order(named: tuple[str, ...], *, one_line: tuple[str, ...]) -> tuple[str, ...] | None:
    """The column order a header states when its first line names every column of the
    table (the task column and at least four others, each once), else None.

    Convention encoded: a header line is read left to right cell by cell, so a line that
    names them all gives their order outright; the body lines' cue order (``column_order``)
    is only a vote, which a long product or wrapped unit cell can swing (a leader column
    between the units and the deadline read as last). A header that wraps its names over
    two lines is not trusted here (see ``ruled_body_order``)."""
    kinds = tuple(k for k in named if k in tv.COLUMN_TYPES)
    if len(kinds) < 5 or kinds[0] != "title" or len(set(kinds)) != len(kinds):
        return None
    return kinds if tuple(k for k in one_line if k in tv.COLUMN_TYPES) == kinds else None


def ruled_body_order(
    named: tuple[str, ...], lines: list[str], *, one_line: tuple[str, ...] = ()
) -> tuple[str, ...] | None:
    """The column order the header names, when the table's fully ruled lines confirm it.

    Convention encoded: OCR keeps a table's column rules on some lines ("2 | Tổ chức ... |
    Trung tâm | Văn phòng | Quý III/2027 | Báo cáo"). When at least two body lines are cut by
    their rules into exactly as many cells as the header names columns (after the number),
    the header's reading is the table's order: the cues of wrapped cells on the other lines
    (a product's "Các cơ quan" reading as a unit) must not reorder it. ``one_line``: the
    types the header's first line names; the header is read in order only when that line
    names them all (a wrapped header, "Cơ quan" above "chủ trì", puts the qualifiers after
    every other cell when its lines are read joined). None when the header names fewer than
    four columns or the ruled lines disagree with its count."""
    kinds = tuple(k for k in named if k in tv.COLUMN_TYPES)
    if len(kinds) < 4 or kinds[0] != "title" or len(set(kinds)) != len(kinds):
        return None
    if tuple(k for k in one_line if k in tv.COLUMN_TYPES) != kinds:
        return None
    agree = 0
    for line in lines:
        if line.count("|") < len(kinds) - 2:
            continue
        cells = [c for c in rule_spaced(line).split("|")]
        if cells and re.fullmatch(r"\W*\d{1,3}\W*", cells[0].strip()):
            cells = cells[1:]  # the row number's cell
        if len(cells) == len(kinds) and all(c.strip() for c in cells[1:]):
            agree += 1
    return kinds if agree >= 2 else None


def rule_spaced(line: str) -> str:
    """The line with every column rule a token of its own (see ``_GLUED_RULE``)."""
    if "|" not in line and "{" not in line and "[" not in line:
        return line
    return _GLUED_RULE.sub(" | ", line).strip()


def _unit_or_none(text: str, known: tuple[str, ...] = ()) -> str | None:
    """A lead or coordinating cell read without a matching value is kept when it reads as
    a unit or a collective; a fragment of a unit the document names ("Xã hội" of "Phòng
    Văn hóa - Xã hội") is that unit; any other fragment ("vị liên quan") is not a unit."""
    if not text:
        return None
    if looks_like_unit(text):
        return text
    return fragment_of(text, known)


def _column_text(labelled: list[list[tuple[str, str]]], kind: str) -> str:
    """The words the line labelling gave one column, in reading order, cleaned."""
    return clean_cell(" ".join(text for line in labelled for k, text in line if k == kind))


def joint_leads(labelled: list[list[tuple[str, str]]], *, known: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The units of a lead cell that names several, read from the words the line labelling
    gave the lead column ("Các Sở: Y tế, Xây dựng; Văn phòng UBND tỉnh" over four lines),
    when it splits (``table_leads.split_leads``) into at least two parts that each read as
    a unit; () otherwise (one unit: the snapped value stands)."""
    text = _column_text(labelled, "lead")
    if ";" not in text and ":" not in text:
        return ()
    parts = split_leads(text)
    units = tuple(v for v in (_unit_or_none(p, known) for p in parts) if v and not _two_heads(v))
    return units if len(units) >= 2 and len(units) == len(parts) else ()


# Head words that open a unit's name; one inside a part after its own head means OCR
# interleaved two cells' words into one "unit" ("Ủy ban MTTQ Văn hóa - Phòng Văn hóa").
_INNER_HEADS = ("van phong", "phong", "so", "uy ban", "trung tam", "cong an")


def _two_heads(name: str) -> bool:
    """Two units' heads in one name (OCR slips allowed: "Phdng"), or an office holder's
    title inside it ("Văn phòng ... Chủ tịch HĐND và UBND")."""
    words = [_as_head_word(w) for w in fold(name).replace("-", " ").replace(",", " ").split()]
    opening = next((len(h.split()) for h in _INNER_HEADS if words[: len(h.split())] == h.split()), 1)
    rest = words[opening:]
    heads = (*_INNER_HEADS, "chu tich")
    return any(rest[k: k + len(h.split())] == h.split() for h in heads for k in range(len(rest)))


def _as_head_word(word: str) -> str:
    """A word one OCR slip away from a head word of four letters or more is that word."""
    if len(word) >= 4:
        for head in ("phong", "tich"):
            if word != head and len(word) == len(head) and Levenshtein.distance(word, head) <= 1:
                return head
    return "chu" if word in ("chy", "chii", "chu") else word


def _leads(cells: RowCells, known: tuple[str, ...]) -> tuple[str, ...]:
    """The row's lead units in printed order: the snapped values (a unit whose words OCR
    scattered, and one its cell goes on to after a semicolon), else the lead cell as read, split into units ("Văn phòng UBND; Sở Nội vụ",
    "Các Sở: Nội vụ, Tư pháp"), each kept when it reads as a unit."""
    if cells.lead:
        return tuple(dict.fromkeys((cells.lead, *cells.co_leads)))
    text = clean_cell(cells.text("lead"))
    parts = split_leads(text)
    if len(parts) > 1:
        kept = tuple(v for v in (_unit_or_none(p, known) for p in parts) if v)
        if kept:
            return kept
    one = _unit_or_none(text, known)
    return (one,) if one else ()


def _units_placed(placed: list[tuple[list[tuple[str, str]], bool]]) -> bool:
    """Whether the page layout placed every line of the row (``table_layout``; a line it
    did not place may hide a unit cell's words under another label): the lead and
    coordinating cells are then read as printed."""
    return all(ok for _, ok in placed) and any(k in ("lead", "coord") for line, _ in placed for k, _ in line)


def _placed_cells(
    labelled: list[list[tuple[str, str]]], leads: tuple[str, ...], coordinating: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Lead and coordinating units of a row the layout placed: each cell's printed units
    ("X; Y" over several lines, a unit name wrapped onto the next line of its cell), where
    every part reads as a unit; else the snapped values."""
    lead_text, coord_text = (  # quote marks OCR hangs on a word's end ("tế”") are no word
        clean_cell(repair_heads(_HANGING_QUOTES.sub("", " ".join(t for line in labelled for k, t in line if k == kind))))
        for kind in ("lead", "coord")
    )
    placed_leads = placed_units(lead_text, lead=True)
    placed_coord = placed_units(coord_text, lead=False)
    # the snapping may tell apart more units than the printed separators do (a comma before
    # a head word OCR damaged, "..., Trung tém Phục vụ ..."): then its values stand
    if len(placed_leads) < len(leads):
        placed_leads = ()
    if len(placed_coord) < len(coordinating):
        placed_coord = ()
    return placed_leads or leads, placed_coord or (coordinating if coord_text else ())


def _has_cells(task: TaskRecord) -> bool:
    return bool(task.lead or task.coordinating or task.deadline_text or task.product)


def _plan_year(document: DocumentRecord) -> int | None:
    for text in (document.period, document.date):
        m = _YEAR.search(text or "")
        if m:
            return int(m.group())
    return None


def clean_cell(text: str) -> str:
    """A cell's text without OCR specks, with spacing around punctuation repaired."""
    words: list[str] = []
    for w in text.split():
        if re.fullmatch(r"[,;:.]+", w):
            if words and words[-1][-1:] not in ",;:.":
                words[-1] += w[0]  # punctuation OCR set apart from its word
        elif not is_noise(w):
            words.append(w)
    out = " ".join(words)
    out = re.sub(r"\s+([,.;:)])", r"\1", out)
    out = re.sub(r"([(])\s+", r"\1", out)
    out = re.sub(r"([,;:])(?=[^\s\d])", r"\1 ", out)
    out = re.sub(r"^[\s,.;:)\]|]+|[\s,;:(\[|-]+$", "", out)
    return squash_spaces(out)


def clean_title(title: str) -> str:
    """The task wording, whitespace-normalised, OCR specks and stray marks removed.

    Only repairs that hold in any document: lone marks and letters, doubled punctuation,
    space before punctuation, a leading list marker or number left from the row number.
    """
    out = clean_cell(title)
    out = re.sub(r"^(?:[-–•]\s*)?(?:\d{1,3}[.)]\s+)?", "", out)
    out = re.sub(r"([,.;:])\1+", r"\1", out)
    return out[:1].upper() + out[1:] if out else out
