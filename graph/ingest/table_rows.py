"""Row reconstruction for appendix task tables whose cells OCR has interleaved across lines.

Convention encoded (phụ lục / danh mục nhiệm vụ of CCHC plans): a header row names the
columns (TT, Nhiệm vụ / Nội dung, Sản phẩm, Lãnh đạo, Cơ quan chủ trì, Cơ quan phối hợp,
Thời gian / Tiến độ); group rows with a Roman numeral name a reform area ("I | CHỈ ĐẠO
ĐIỀU HÀNH", "II CẢI CÁCH THỂ CHẾ"); each task row has a number in the TT column and a task
wording that opens with a verb. OCR reads such a table line by line across all columns, so
one row becomes several lines in which fragments of every cell alternate, and:

- the row number sits on the row's middle line (cells are centred vertically), or is lost;
- a page break repeats the header and may leave a page number alone on a line;
- a numbered task may list sub-items ("- Rà soát ...") that carry their own cells.

A row therefore starts where a task wording starts (a capitalised verb, or a number at the
top of the row) once the row before it has cells of its own; a second row number inside a
row splits it at the last plausible start. Numbers are read as printed when they fit the
running sequence (numbering may restart at each group) and otherwise replaced by the row's
position. Nothing here depends on a particular document's text or line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.table_centring import absorb_unnumbered, hand_down, tv_fold
from cchc_kg.graph.ingest.table_centring import title_part as _title_part
from cchc_kg.graph.ingest.table_groups import (
    ROMAN,
    ROMAN_ONLY,
    ROW_NUMBER,
    SUB_LABEL,
    SUB_LETTERS,
    Group,
    area_of,
    group_of,
    row_number,
)
from cchc_kg.graph.ingest.text import SourceText

_ANCHOR = ROW_NUMBER
_PAGE_NUMBER = re.compile(r"^[\W_]{0,3}\d{1,3}[\W_]{0,3}$")
_APPENDIX_END = re.compile(r"^[\W_]{0,3}(?:p|ph|\?h|h)\s*[uy]\s*l[uy]c\s*(?:\d|[ivx]+\b)|^[\W_]{0,3}noi\s*nhan\b")
_CONTINUING = frozenset(
    ["va", "cua", "trong", "tren", "doi", "voi", "theo", "tai", "ve", "cho", "cac", "nham", "de", "la", "cung", "nhung", "dong", "thoi", "gan", "hoac", "tu", "den", "sau", "khi"]
)
# Common words whose last syllable, accents lost, reads as a linking word above ("điện tử",
# "đầu tư", "theo dõi", "kịp thời", "vấn đề"): a line ending with one has ended its wording.
_COMPOUNDS = frozenset(["dien tu", "dau tu", "theo doi", "kip thoi", "van de", "chu de"])
_WORD = re.compile(r"[a-z0-9]+")
# An acronym (CCHC, UBND, HĐND) opens no task wording: the verbs are common words.
_ACRONYM = re.compile(r"^[A-ZĐ]{2,}\b")


@dataclass(slots=True)
class RawRow:
    """The lines of one task row, in order, before its cells are separated."""

    lines: list[int] = field(default_factory=list)
    printed: int | None = None  # the row number as printed, when it fits the sequence
    anchor: int | None = None  # line holding the row number
    group: Group | None = None
    n: str | None = None  # final number (printed, position, or parent.position)
    parent: str | None = None  # title line of the numbered task a sub-item belongs to
    sub: bool = False  # a sub-item ("- ...", "2.1", "a)") of the numbered task before it
    label: str | None = None  # a sub-item's printed label ("2.1", "a"), when it fits the sequence
    bulleted: bool = False  # the task's own wording is a list of "- " items
    titled: bool = False  # a line of the task column has been seen
    intro_colon: bool = False  # the wording so far ends with ":" (a bulleted single task)
    cells: int = 0  # lines seen with a cue of a non-title column


@dataclass(frozen=True, slots=True)
class TableSpan:
    header: int  # first header line (1-based)
    body: int  # first body line
    end: int  # last line (inclusive)
    columns: tuple[str, ...] = ()  # column types the header names, in header order
    stated: tuple[str, ...] = ()  # the order a wrapped header states cell by cell (``stacked_header_order``)


def find_task_tables(src: SourceText, *, start: int | None = None) -> list[TableSpan]:
    """Task tables: a header naming the task column plus two other task columns, up to the
    next appendix or the end of the text. Repeated headers (page breaks) stay inside."""
    spans: list[TableSpan] = []
    i = max(0, (start or 1) - 1)
    n = len(src.folded)
    while i < n:
        if not _is_task_header(src, i):
            i += 1
            continue
        header = _header_start(src, i)
        body = header + 1
        while body < n and (
            not src.folded[body].strip()
            or _header_like(src.folded[body])
            or _header_remnant(src, body)
            or (body - header <= 3 and re.fullmatch(r"[a-z ]{0,12}", src.folded[body].strip()))
        ):
            body += 1  # header lines, and header words OCR left on a line of their own
        end = body
        while end < n:
            f = src.folded[end].strip()
            if end > body and _APPENDIX_END.search(f) and len(f) < 90:
                break
            if end > body and _is_other_table_header(src, end):
                break
            end += 1
        named = tv.header_order(" ".join(src.folded[max(0, header - 1): body]))
        stated = tv.stacked_header_order(list(src.folded[header:body])) or ()
        spans.append(TableSpan(header=header + 1, body=body + 1, end=end, columns=named, stated=stated))
        i = end
    return spans


def _is_task_header(src: SourceText, i: int) -> bool:
    """A header starts on a line naming the number or task column; within a few lines the
    header names the number column, the task column and two more task-table columns.
    (OCR may break one header cell over two lines.)"""
    hits = tv.header_hits(src.folded[i])
    if not hits & {"n", "title"} or len(src.folded[i]) > 160:
        return False
    around = tv.header_hits(" ".join(src.folded[max(0, i - 1): i + 3]))
    others = around & {"lead", "coord", "deadline", "product", "leader"}
    return {"n", "title"} <= around and len(others) >= 2


def _header_start(src: SourceText, i: int) -> int:
    """The header's first line: an appendix title naming the tasks ("NHIỆM VỤ CẢI CÁCH
    HÀNH CHÍNH NĂM ...") is no header line when one of the next two lines names the number
    or task column and more column types than it does (the header proper, whose column
    order the span records)."""
    own = tv.header_hits(src.folded[i])
    if len(own) >= 3:
        return i
    for j in (i + 1, i + 2):
        if j >= len(src.folded) or len(src.folded[j]) > 160:
            continue
        hits = tv.header_hits(src.folded[j])
        if hits & {"n", "title"} and len(hits) >= 3 and len(hits) > len(own):
            return j
    return i


def _is_other_table_header(src: SourceText, i: int) -> bool:
    """A header of another kind of table (index criteria: điểm tối đa, mục tiêu ...)."""
    f = src.folded[i]
    return bool(re.search(r"\bstt\b|\btt\b", f)) and bool(
        re.search(r"diem\s*toi\s*da|linh\s*v[uy]c\s*$|tieu\s*chi\s*thanh\s*phan", f)
    ) and "title" not in tv.header_hits(f)


def _header_like(folded: str) -> bool:
    """A header line (first or repeated after a page break): mostly header words."""
    hits = tv.header_hits(folded)
    words = _WORD.findall(folded)
    if len(hits) >= 3:
        return True
    if len(hits) >= 2 and len(words) <= 10:
        return True
    return bool(words) and all(w.isdigit() and len(w) == 1 for w in words) and len(words) >= 4


# Words of a header cell's wrapped lines besides the column cues ("Lãnh đạo UBND phường |
# phụ trách", "Cơ quan, đơn vị | chủ trì"), folded.
_HEADER_CELL_WORDS = frozenset(
    ["phu", "trach", "co", "quan", "don", "vi", "ubnd", "xa", "phuong", "thi", "tran", "dac", "khu", "tinh", "thanh", "pho", "huyen", "quan", "thuc", "hien"]
)


def _header_words_only(folded: str) -> bool:
    """A short line of nothing but header words ("phu trach chu tr1", OCR's digits for letters
    undone): the last line of a header whose cells wrapped."""
    words = re.findall(r"[a-z0-9]+", folded.translate(str.maketrans("10", "io")))
    if not 2 <= len(words) <= 6:
        return False
    known = set(_HEADER_CELL_WORDS)
    for phrases in tv.vocabulary().header.values():
        for phrase in phrases:
            known.update(phrase.split())
    return all(w in known for w in words) and bool(tv.header_hits(" ".join(words)))


def _header_remnant(src: SourceText, i: int) -> bool:
    """A line of header words right under a header line (first or repeated after a page
    break): the header's wrapped last line, not a row's cell ("phụ trách" alone elsewhere
    is a leader cell's fragment)."""
    return _header_words_only(src.folded[i].strip()) and any(
        _header_like(src.folded[j]) for j in range(max(0, i - 2), i)
    )


def _first_words(folded: str) -> list[str]:
    """The first three words of a line's wording, with the usual OCR slips undone: digits
    read for letters ("T6 chức", "b9"), and "ir" for "ư" ("Cir cán bộ", "chirc"): a folded
    Vietnamese word never holds "ir"."""
    text = re.sub(r"^[^a-z]*", "", folded)
    text = text.translate(str.maketrans("640139", "ooolao"))
    text = re.sub(r"(?<=[a-z])ir", "u", text)
    return _WORD.findall(text)[:3]


def _is_cell_start(folded: str) -> bool:
    """Whether a line opens with a cell's cue; a deadline cue that is the wording's adverb
    (``table_vocab.adverb_opening``) is none."""
    head = re.sub(r"^[\W_]*", "", folded)
    kinds = [kind for kind in tv.CELL_TYPES if any(s == 0 for s, _ in tv.cue_spans(head, kind))]
    return bool(kinds) and not (kinds == ["deadline"] and tv.adverb_opening(head))


def table_rows(src: SourceText, span: TableSpan) -> list[RawRow | Group]:
    """Rows and group rows of one table, in document order."""
    out: list[RawRow | Group] = []
    state = _State()
    pending: int | None = None  # a line holding only a Roman numeral (its heading follows)
    for i in range(span.body - 1, span.end):
        clean = src.clean[i].strip()
        folded = src.folded[i].strip()
        if not clean or _header_like(folded) or _header_remnant(src, i):
            continue
        if _PAGE_NUMBER.match(clean) and _stray_number(src, i, state):
            continue
        if state.current is None and out and out[-1] is state.group and _continues_group(src, i, state):
            g = state.group
            title = f"{g.title} {clean}"
            state.group = Group(g.line, g.numeral, title, area_of(tv_fold(title)) or g.area)
            out[-1] = state.group
            continue
        g = group_of(src, i)
        if g is None and ROMAN_ONLY.match(clean):
            pending = i
            continue
        if g is None and pending is not None:
            g = group_of(src, i, numeral=src.clean[pending].strip(" |.[]"))
        pending = None
        if g is not None:
            if g.numeral and re.sub(r"[1l|]", "i", g.numeral.lower()) in ROMAN:
                state.last_printed = 0
            state.last_sub = 0
            state.close(out)
            out.append(g)
            state.group, state.after_group, state.last_title_end = g, True, ""
            continue
        _feed(src, i, state, out)
    state.close(out)
    return _number(hand_down(src, absorb_unnumbered(_merge_fragments(out), src)))


@dataclass(slots=True)
class _State:
    current: RawRow | None = None
    group: Group | None = None
    position: int = 0
    after_group: bool = True
    last_title_end: str = ""
    last_sub: int = 0  # index of the last sub-item label read under the current numbered task

    def close(self, out: list[RawRow | Group]) -> None:
        if self.current is not None and self.current.lines:
            out.append(self.current)
        self.current = None

    last_printed: int = 0

    def sub_label(self, clean: str) -> tuple[str, int] | None:
        """The sub-item label opening the line ("2.1" -> ("2.1", 1), "b)" -> ("b", 2)) when
        it continues the sub-items of the numbered task read last: "N.k" under task N, a
        letter under any numbered task, counting on from the last label (one lost label
        tolerated)."""
        m = SUB_LABEL.match(clean)
        if m is None or self.after_group:
            return None
        if m.group(3):
            k = SUB_LETTERS.index(m.group(3)) + 1
            label = m.group(3)
        else:
            if int(m.group(1)) not in (self.last_printed, self.position):
                return None
            k = int(m.group(2))
            label = f"{m.group(1)}.{m.group(2)}"
        return (label, k) if self.last_sub < k <= self.last_sub + 2 else None

    def plausible(self, value: int, *, ahead: int) -> bool:
        """Row numbers increase (restarting at 1 after a group row), skipping at most a few
        rows whose numbers OCR lost."""
        p = self.position + ahead
        if self.after_group and value == 1:
            return True
        return value > self.last_printed and p - 1 <= value <= p + 3


def _continues_group(src: SourceText, i: int, state: _State) -> bool:
    """A group heading wrapped onto the next line: capitals, short, no number, no cells."""
    clean = src.clean[i].strip()
    if state.group is not None and state.group.line == i and clean and state.group.title.endswith(clean):
        return True  # the heading's wrapped end, read with it (``group_of``)
    letters = [c for c in clean if c.isalpha()]
    if len(letters) < 3 or len(clean) > 60 or _ANCHOR.match(clean):
        return False
    upper = sum(1 for c in letters if c.isupper()) / len(letters)
    return upper >= 0.8 and state.group is not None and state.group.title.isupper()


def _stray_number(src: SourceText, i: int, state: _State) -> bool:
    """A number alone on a line is a page number unless it continues the row numbering
    away from a page break."""
    value = int(re.sub(r"\D", "", src.clean[i]))
    near_header = any(
        _header_like(src.folded[j]) for j in range(max(0, i - 2), min(len(src.folded), i + 3))
    )
    return near_header or not state.plausible(value, ahead=1)


def _feed(src: SourceText, i: int, state: _State, out: list[RawRow | Group]) -> None:
    """Add one body line to the current row, or start a new row with it."""
    clean = src.clean[i].strip()
    labelled = state.sub_label(clean)
    m = None if labelled or SUB_LABEL.match(clean) and re.match(r"\W*\d", clean) else _ANCHOR.match(clean)
    lm = SUB_LABEL.match(clean) if labelled else None
    body = clean[m.end():].lstrip(" .,|)][") if m else clean[lm.end():].lstrip(" .,|)][") if lm else clean
    body_fold = tv_fold(body)
    title = _title_part(body)
    title_fold = tv_fold(title)
    capital = bool(title) and title.lstrip("-–[ ")[:1].isupper()
    verb = capital and not _ACRONYM.match(title.lstrip("-–[ ")) and tv.starts_with_verb(
        _first_words(title_fold)
    )
    dashed = bool(re.match(r"^[-–]\s*\S", title)) and (verb or _next_dashed_item(title, state.current))
    cellish = _is_cell_start(body_fold)
    continuing = state.last_title_end in _CONTINUING or state.last_title_end.endswith(",")
    number = row_number(m.group(1)) if m else None
    if number is not None and not state.plausible(number, ahead=1) and _misread(number, state.position + 1) and (
            _printed_below(src, i, state.position + 2)):
        number = state.position + 1  # "79" between rows 28 and 30: row 29, one digit misread
    title_words = re.findall(r"[a-z]{2,}", title_fold)
    garbled = bool(m and m.group(2) and body[:1].isupper())
    current = state.current

    start = current is None
    sub = False
    if current is not None and not cellish:
        if number is not None and current.anchor is not None and capital and (
            state.plausible(number, ahead=1) or garbled
        ):
            start = True  # a number at the top of a new row
        elif labelled and current.anchor is not None and capital:
            start = sub = True  # a sub-item label at the top of a new row
        elif dashed and not current.bulleted and not current.intro_colon and (
            current.sub or current.cells or current.anchor == current.lines[0]
        ):
            start = sub = True  # a sub-item of a numbered task
        elif verb and not dashed and not continuing and current.cells and current.titled and (
            len(title_words) >= 3 or number is not None
        ):
            start = True
    if start:
        state.close(out)
        current = state.current = RawRow(group=state.group, sub=sub)
        if not current.sub:
            state.position += 1
        current.n = str(state.position)
    assert current is not None

    if labelled:
        if current.anchor is not None and current.anchor != i + 1:
            current = state.current = _split(src, current, i, out)
        if current.anchor is None:
            if not current.sub and state.position > 0:
                state.position -= 1  # a row begun above its centred label is a sub-item, not a task
            current.anchor = i + 1
            current.sub = True
            current.label, state.last_sub = labelled
            current.n = current.label
    elif number is not None and (state.plausible(number, ahead=0) or garbled):
        if current.anchor is not None and current.anchor != i + 1:
            current = state.current = _split(src, current, i, out)
            state.position += 1
        if current.anchor is None:
            current.anchor = i + 1
            if state.plausible(number, ahead=0):
                current.printed = state.position = state.last_printed = number
                state.last_sub = 0
            current.n = str(state.position)
            state.after_group = False
    current.lines.append(i + 1)
    if any(tv.has_cue(body_fold, k) for k in tv.CELL_TYPES):
        current.cells += 1
    if len(title_words) >= 2 and not cellish:
        if not current.titled and re.match(r"^[-–]\s*\S", title) and not current.sub:
            current.bulleted = True
        current.titled = True
        whole = len(title) >= len(body.split("|", 1)[0].strip())
        state.last_title_end = _last_word(title_fold) if whole else ""
        if title.rstrip().endswith(":") and len(current.lines) <= 3:
            current.intro_colon = True


def _misread(value: int, expected: int) -> bool:
    """Whether a row number is the expected one with one digit misread by OCR ("79" for 29):
    as many digits, two or more, all but one the same."""
    a, b = str(value), str(expected)
    return len(a) == len(b) >= 2 and sum(x != y for x, y in zip(a, b)) == 1


def _printed_below(src: SourceText, i: int, value: int, *, within: int = 15) -> bool:
    """Whether a line below ``i`` (within a few rows' lines) opens with row number ``value``:
    the row after the one a misread number stands for, which confirms it."""
    for j in range(i + 1, min(len(src.clean), i + 1 + within)):
        m = _ANCHOR.match(src.clean[j].strip())
        if m and row_number(m.group(1)) == value:
            return True
    return False


def _next_dashed_item(title: str, current: RawRow | None) -> bool:
    """A dashed line after a dashed sub-item that has cells opens the next sub-item even
    when its wording opens with no verb OCR can read ("- ’Đề nghị ..." garbled): a capital
    after the dash and marks, and a line of wording (four words or more; a cell's wrapped
    "- Xã hội" is shorter)."""
    if current is None or not current.sub or not current.cells or current.label is not None:
        return False
    words = re.findall(r"[^\W\d_]{2,}", title)
    return len(words) >= 4 and re.sub(r"^[\W_]*", "", title)[:1].isupper()


def _last_word(title_fold: str) -> str:
    """The last real word of the task wording on a line, with "," when a clause comma follows
    it (the wording then goes on). Specks after the word (lone letters, marks) and a comma
    after a speck do not count: OCR sprinkles them over cell borders. A common word whose
    last syllable reads as a linking word ("điện tử") is given whole (``_COMPOUNDS``)."""
    last, prev_real, before = "", False, ""
    for tok in title_fold.split():
        core = tok.rstrip(",")
        if re.fullmatch(r"[a-z]{2,}", core):
            pair = f"{before} {core}"
            before = core
            last = (pair if pair in _COMPOUNDS else core) + ("," if tok.endswith(",") else "")
        elif tok == "," and last and not last.endswith(",") and prev_real:
            last += ","
        prev_real = bool(re.fullmatch(r"[a-z]{2,},?", tok))
    return last


def _split(src: SourceText, row: RawRow, i: int, out: list[RawRow | Group]) -> RawRow:
    """Close ``row`` before its last plausible start after its own number; return the new row.

    A plausible start is a line whose task wording opens with a capital; one that opens with
    an action verb is preferred (task wording opens with one, while a capitalised name such
    as "Cơ sở dữ liệu quốc gia" may open any line of it)."""
    assert row.anchor is not None
    cut = verb_cut = None
    for ln in row.lines:
        if ln <= row.anchor:
            continue
        title = _title_part(src.clean[ln - 1].strip())
        if title and title.lstrip("-– ")[:1].isupper() and not _is_cell_start(tv_fold(title)):
            cut = ln
            if not _ACRONYM.match(title.lstrip("-–[ ")) and tv.starts_with_verb(_first_words(tv_fold(title))):
                verb_cut = ln
    cut = verb_cut or cut
    if cut is None:
        cut = i + 1
    keep = [ln for ln in row.lines if ln < cut]
    move = [ln for ln in row.lines if ln >= cut]
    row.lines = keep
    if keep:
        out.append(row)
    return RawRow(lines=move, group=row.group, cells=0)


def _merge_fragments(items: list[RawRow | Group]) -> list[RawRow | Group]:
    """A 'row' with neither a number nor any cell is a stray fragment (a header remnant, the
    tail of a title cut by a false start): it joins the row before it in the same group, or
    the row after it at the top of a group."""
    result: list[RawRow | Group] = []
    orphan: list[int] = []
    for item in items:
        if isinstance(item, RawRow) and item.anchor is None and item.cells == 0:
            prev = result[-1] if result else None
            if isinstance(prev, RawRow):
                prev.lines.extend(item.lines)
            else:
                orphan.extend(item.lines)
            continue
        if isinstance(item, RawRow) and orphan:
            item.lines[:0] = orphan
        orphan = []
        result.append(item)
    return result


def _number(items: list[RawRow | Group]) -> list[RawRow | Group]:
    """Number every row: as printed when the number fit the sequence, else by position;
    sub-items are numbered parent.k after the numbered task they follow. A table whose
    printed numbers restart at 1 after a group row restarts them after every group row, so
    a row of a later group whose number OCR lost counts from that group's start."""
    position = 0
    last_main: RawRow | None = None
    subs = 0
    restarts = _restarts(items)
    for item in items:
        if isinstance(item, Group):
            last_main, subs = None, 0
            if restarts:
                position = 0
            continue
        if item.label is not None:
            item.n = item.label
            item.parent = last_main.n if last_main is not None else None
            subs += 1
            continue
        if item.sub and item.printed is None and last_main is not None:
            subs += 1
            item.n = f"{last_main.n}.{subs}"
            item.parent = last_main.n
            continue
        position = item.printed if item.printed is not None else position + 1
        item.n = str(position)
        last_main, subs = item, 0
    return items


def _restarts(items: list[RawRow | Group]) -> bool:
    """Whether the printed numbering restarts at each group: some group row that follows
    rows is itself followed first by a row printed as number 1."""
    seen_row = False
    after_group = False
    for item in items:
        if isinstance(item, Group):
            after_group = seen_row
            continue
        if item.sub:
            continue
        if after_group and item.printed == 1:
            return True
        after_group = False
        seen_row = True
    return False
