"""Prose tasks: the task lists written in the body of a plan (kind ``prose``).

Conventions encoded (as CCHC plans write them, from the province down to the commune):

- The task part is a roman-numbered section whose heading names tasks: ``II. CÁC NHÓM
  NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM``, ``II. MỤC TIÊU VÀ NHIỆM VỤ CỤ THỂ``, ``II. CHỈ TIÊU ... VÀ
  NHÓM NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM``. Inside it, each arabic-numbered heading is one
  reform area (``3. Cải cách thủ tục hành chính``).
- Under an area, tasks are lettered items ``a)``, ``b)`` ... and the ``-`` entries (and
  ``+`` sub-entries) below them. A short lettered line without closing punctuation is a
  sub-heading (``a) Hoàn thiện thể chế``), not a task; an entry ending with ``:`` that
  introduces sub-entries is their group, not a task.
- An area may be split into sub-sections: objectives/targets (``a) Mục tiêu``, ``1.1. Chỉ
  tiêu kết quả cần đạt được``: skipped, they are targets), tasks (``b) Nhiệm vụ``, ``1.2.
  Nhóm nhiệm vụ, giải pháp trọng tâm``) and responsible bodies (``1.3. Cơ quan thực hiện``
  with ``Chủ trì: ...`` / ``Phối hợp: ...`` lines, which apply to every task of the area).
- A ``Cơ quan chủ trì: X; cơ quan phối hợp: Y`` line right after a task applies to it.

The number is the printed marker qualified by its enclosing numbers (``3.b``, ``3.b.2``);
entries that carry no printed number get their position (``1.2.4``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_kg.graph.ingest.assignees import appended_assignment, assigned_in_text
from cchc_kg.graph.ingest.deadlines import parse_deadline
from cchc_kg.graph.ingest.normalise import fold, repair_ocr, squash_spaces
from cchc_kg.graph.ingest.prose_blocks import Item, body_items, is_closing
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.text import SourceText
from cchc_kg.graph.ingest.units import clean_name, split_units
from rapidfuzz import fuzz

# "Chủ trì:" / "Phối hợp:" as OCR renders them (Chi tri, Phéi hop, Phdi hop, phéi hgp).
_ROLE = r"(ch[a-z]{1,2}\s?tri|ph[a-z]{0,2}i\s?h[a-z0-9]p)"
_ASSIGN = re.compile(
    r"^(?:-\s*)?(?:(?:co quan|don vi|bo phan)\s*(?:,\s*nguoi\s*)?)?" + _ROLE + r"\s*(?:thuc hien)?\s*:\s*",
)
# Where a unit name written in running text stops: the verb that follows it.
_NAME_STOP = re.compile(
    r"\s(?:ph[a-z]{0,2}i\s?h[a-z0-9]p|thuc hien|trien khai|xay dung|tham muu|chiu trach nhiem|co trach nhiem"
    r"|theo huong|nham|de)\b|\s*:")
# "trước" as OCR without diacritics reads it: truoc, truéc (-> truec), trudc, tru6c
_DEADLINE = re.compile(
    # a report due every period: "báo cáo ... định kỳ hằng quý", "báo cáo ... trước ngày 15 tháng cuối quý"
    # (a bare "báo cáo định kỳ" names a kind of report, not when it is due)
    r"(?P<report>(?:bao cao|tong hop)[^.;:]{0,90}?(?:dinh ky\s+(?:h[a-z]ng\s+)?(?:quy|thang|nam|tuan|\d{1,2}\s+thang)|h[a-z]ng\s+(?:quy|thang|tuan)|(?:cuoi|moi)\s+(?:quy|thang))"
    r"|(?:dinh ky|h[a-z]ng\s+(?:quy|thang))[^.;:]{0,40}?bao cao)"
    r"|(?:(?:hoan thanh|ban hanh|thuc hien|xong)\s+(?:trong|tru[oe6d]c|vao|cham nhat)(?:\s+ngay)?"
    r"|tru[oe6d]c ngay|cham nhat(?:\s+la)?(?:\s+ngay)?|vao n[a-z]m|trong n[a-z]m)"  # OCR: nim, ndm for năm
    r"\s+(?:n[a-z]m|thang|quy|ngay)?\s*[0-9ivx]{1,4}(?:\s*[/.\-]\s*\d{1,4}){0,2}(?:\s+hang n[a-z]m)?"
    r"|(?:thuc hien|trien khai)\s+thuong xuyen|(?<=[,;]\s)thuong xuyen(?=\s*[.;]?$)"
    # "(trước tháng 9/2026)", "vào cuối năm 2026", "từ tháng 3/2026 đến tháng 12/2026"
    r"|(?<![a-z])tru[oe6d]c\s+(?:ngay|thang|quy)\s*[0-9ivx]{1,4}(?:\s*[/.\-]\s*\d{1,4}){1,2}"
    r"|(?:vao|den|tru[oe6d]c)\s+cuoi\s+n[a-z]m\s+\d{4}"
    r"|(?<![a-z])tu\s+thang\s+\d{1,2}\s*/\s*\d{4}\s+den\s+thang\s+\d{1,2}\s*/\s*\d{4}"
    # an entry closing with how often it recurs: "..., thực hiện hằng tháng."
    r"|(?<=[,;]\s)(?:thuc hien\s+)?(?:dinh ky\s+)?h[a-z]ng\s+(?:nam|quy|thang|tuan)(?=\s*[.;]?\s*$)"
    # timing left to another body's plan, closing the task: "... theo kế hoạch của UBND tỉnh."
    # ("theo chỉ đạo của ..." closing an entry is how it is done, not when: not read)
    r"|theo ke hoach cua [^.;,:]{3,40}(?=\s*[.;]?\s*$)"
)


# An assignment written after the task's own sentence, on the same item: "Rà soát ... . Cơ quan
# chủ trì: Sở Tư pháp; cơ quan phối hợp: các sở, ngành. Thời gian hoàn thành: Quý II/2026.", or
# in brackets, often italic in Markdown: "... của xã. *(Chủ trì: Phòng Kinh tế; phối hợp: ...;
# thời gian: Quý IV/2026)*"
# "Thời gian" / "Thời hạn" / "Tiến độ" as OCR renders them (thdi gian, th0i gian, tién do)
_TIME_WORD = r"th[a-z0-9]{1,2}i\s*(?:gian|han)|tien\s*do"
_EMBEDDED_ROLE = re.compile(
    r"(?:(?<=[.;,]\s)|(?<=\())(?:(?:co quan|don vi|bo phan)\s*)?" + _ROLE + r"\s*(?:thuc hien)?\s*:\s*")
_DEADLINE_LABEL = re.compile(
    r"(?:(?<=[.;,]\s)|(?<=\()|^)(?:" + _TIME_WORD + r")(?:\s+(?:hoan thanh|thuc hien))?\s*:\s*")
_LABEL_END = re.compile(r"\.\s+(?=\S)|;\s*(?=(?:" + _TIME_WORD + r"|san pham)\b)|$")


def embedded_assignment(text: str) -> tuple[str, list[tuple[str, str]], str | None]:
    """(task text without its trailing labels, [(role, units)], deadline wording) of an item
    whose sentence is followed by ``Chủ trì: ...; Phối hợp: ...`` and ``Thời gian hoàn thành:
    ...`` labels. Returns the text unchanged and no roles when there are none."""
    folded = fold(text)
    if len(folded) != len(text):  # pragma: no cover - fold is length-preserving
        return text, [], None
    roles = list(_EMBEDDED_ROLE.finditer(folded))
    label = _DEADLINE_LABEL.search(folded, 1)
    if not roles and label is None:
        return text, [], None
    starts = [m.start() for m in roles] + ([label.start()] if label else [])
    cut = min(starts)
    out: list[tuple[str, str]] = []
    for m in roles:
        later = [s for s in starts if s > m.start()]
        stop_at = min(later) if later else len(text)
        end = _LABEL_END.search(folded, m.end(), stop_at)
        value = text[m.end():end.start() if end else stop_at].strip(" ;,.)*_")
        out.append((m.group(1), value))
    wording = None
    if label is not None:
        end = _LABEL_END.search(folded, label.end())
        wording = text[label.end():end.start() if end else len(text)].strip(" ;,.)*_") or None
    return text[:cut].rstrip(" ;,(*_"), out, wording


@dataclass(slots=True)
class _Block:
    """One reform area's part of the task section."""

    number: str
    title: str
    line: int
    mode: str = "tasks"  # tasks | targets | units
    group: str | None = None
    tasks: list[TaskRecord] = field(default_factory=list)
    lead: str | None = None
    coordinating: list[str] = field(default_factory=list)


def _has(phrase: str, folded: str) -> bool:
    """OCR-tolerant containment of a folded phrase."""
    if phrase in folded:
        return True
    return len(phrase) >= 7 and fuzz.partial_ratio(phrase, folded) >= 82


def classify_heading(folded: str) -> str:
    """What a sub-heading introduces: ``targets``, ``tasks`` or ``units``."""
    if folded.startswith(("co quan", "don vi", "chu tri", "trach nhiem")) \
            or (_has("co quan", folded) and (_has("thuc hien", folded) or _has("chu tri", folded))):
        return "units"
    if _has("nhiem vu", folded) or _has("giai phap", folded):
        return "tasks"
    if _has("muc tieu", folded) or _has("chi tieu", folded) or _has("ket qua can dat", folded):
        return "targets"
    return "tasks"


def is_task_section(folded: str) -> bool:
    """A roman-numbered section whose heading announces tasks (not the implementation part)."""
    return _has("nhiem vu", folded) and not _has("to chuc thuc hien", folded)


def plan_year(document: DocumentRecord) -> int | None:
    for value in (document.period, document.date):
        if value and re.match(r"\d{4}", value):
            return int(value[:4])
    return None


def find_deadline(text: str, *, year: int | None) -> tuple[str | None, str | None]:
    """(normalised deadline, wording) of a deadline clause inside a task's text."""
    folded = fold(text)
    if len(folded) != len(text):  # pragma: no cover - fold is length-preserving
        return None, None
    label = _DEADLINE_LABEL.search(folded)
    if label is not None:  # "Thời gian hoàn thành: Quý II/2026"
        end = _LABEL_END.search(folded, label.end())
        wording = text[label.end():end.start() if end else len(text)].strip(" ,;.")
        deadline = parse_deadline(wording, plan_year=year) if wording else None
        if deadline is not None:
            return deadline, wording
    matches = list(_DEADLINE.finditer(folded))
    if not matches:
        return None, None
    m = matches[-1]
    wording = text[m.start():m.end()].strip(" ,;.")
    if m.group("report"):
        return "periodic", wording
    return parse_deadline(wording, plan_year=year), wording


def clean_title(text: str) -> str:
    """The task text with whitespace normalised, OCR damage repaired, closing marks trimmed."""
    return squash_spaces(repair_ocr(text)).strip(" ;.:")


def _task(item: Item, *, n: str, block: _Block, document: DocumentRecord, outline: Outline | None) -> TaskRecord:
    title, roles, labelled = embedded_assignment(item.text)
    year = plan_year(document)
    deadline, wording = (parse_deadline(labelled, plan_year=year), labelled) if labelled else (None, None)
    if deadline is None:
        deadline, wording = find_deadline(item.text, year=year)
    area = outline.area_at(item.line) if outline is not None and outline.headings else None
    lead, coordinating = None, []
    for role, value in roles:
        names = [x for x in (clean_name(v) for v in split_units(cut_unit_phrase(value))) if x]
        if role.startswith("ch") and names:
            lead = lead or names[0]
            coordinating.extend(names[1:])
        else:
            coordinating.extend(names)
    if lead is None and not coordinating:  # "Sở Tư pháp chủ trì, phối hợp với các sở, ngành ..."
        lead, coordinating = assigned_in_text(title)
    if lead is None and not coordinating:  # "... (Sở Nội vụ chủ trì, phối hợp với ...; Quý III/2027)."
        lead, coordinating, when = appended_assignment(title)
        if when and deadline is None:
            deadline, wording = parse_deadline(when, plan_year=year), when
    return TaskRecord(
        line=item.line, end_line=item.end_line, title=title, n=n, clean_title=clean_title(title),
        area=area or _area_of(block.title), group=block.group or block.title, lead=lead,
        coordinating=tuple(coordinating), deadline=deadline, deadline_text=wording, kind="prose",
    )


def _is_sub_heading(item: Item, nxt: Item | None) -> bool:
    """A lettered line that heads entries rather than stating a task: short, or unpunctuated
    and followed by ``-`` entries (``b) Phát triển dữ liệu số, ... phục vụ cho phát triển
    Chính quyền số``)."""
    if item.is_heading_like:
        return True
    unpunctuated = not re.search(r"[.;:!?]\s*$", item.text)
    return unpunctuated and nxt is not None and nxt.marker in ("bullet", "plus")


def _area_of(title: str) -> str | None:
    """Reform area of an area heading, from the areas scheme (used when no outline is given)."""
    try:
        from cchc_kg.graph.ingest import lexicon
    except ImportError:  # pragma: no cover
        return None
    try:
        found = lexicon.best_concept(lexicon.skeleton(title), "areas", fuzzy_cutoff=85)
    except (FileNotFoundError, AttributeError):  # pragma: no cover - scheme not installed
        return None
    return found[0].notation if found else None


def cut_unit_phrase(text: str) -> str:
    """A unit list written in running text, without the verb phrase that follows it
    (``Các phòng, ban thuộc phường phối hợp xây dựng ...`` -> ``Các phòng, ban thuộc phường``)."""
    folded = fold(text)
    # "Sở Xây dựng": a capitalised verb word begins a unit's name, it does not end one
    m = next((m for m in _NAME_STOP.finditer(folded)
              if not (folded[m.start():].lstrip().startswith("xay dung") and text[m.start() + 1:m.start() + 2].isupper())), None)
    return text[: m.start()] if m and m.start() > 0 else text


def _apply_assignment(role: str, value: str, *, block: _Block, target: int | None) -> None:
    """Apply a ``Chủ trì: X`` / ``Phối hợp: Y`` line to one task (by index) or the whole area."""
    value = cut_unit_phrase(value)
    names = [n for n in (clean_name(x) for x in split_units(value)) if n] if value.strip() else []
    if not names:
        return
    if target is not None:
        t = block.tasks[target]
        if role.startswith("ch"):
            block.tasks[target] = _replace(t, lead=t.lead or names[0],
                                           coordinating=tuple(t.coordinating) + tuple(names[1:]))
        else:
            block.tasks[target] = _replace(t, coordinating=tuple(t.coordinating) + tuple(names))
        return
    if role.startswith("ch"):
        block.lead = block.lead or names[0]
        block.coordinating.extend(names[1:])
    else:
        block.coordinating.extend(names)


def _replace(t: TaskRecord, **changes) -> TaskRecord:
    from dataclasses import replace

    return replace(t, **changes)


def _split_inline(folded: str, text: str) -> list[tuple[str, str]]:
    """``Cơ quan chủ trì: X; cơ quan phối hợp: Y; Thời gian hoàn thành: Z`` ->
    [(chu tri, X), (phoi hop, Y), (thoi gian, Z)]: the deadline label ends the units before it
    (a unit list may itself hold ``;``: ``các sở, ban, ngành; UBND các xã, phường``)."""
    spans = [(m.group(1), m.start(), m.end()) for m in re.finditer(
        r"(?:(?:co quan|don vi)\s+)?" + _ROLE + r"\s*(?:thuc hien)?\s*:\s*", folded)]
    spans += [("thoi gian", m.start(), m.end()) for m in _DEADLINE_LABEL.finditer(folded, 1)]
    spans.sort(key=lambda s: s[1])
    out = []
    for i, (role, _start, end) in enumerate(spans):
        stop = spans[i + 1][1] if i + 1 < len(spans) else len(text)
        out.append((role, text[end:stop].strip(" ;,.")))
    return out


def extract_prose_tasks(
    src: SourceText, *, document: DocumentRecord, outline: Outline | None = None
) -> list[TaskRecord]:
    """Tasks of the body's task section(s), one record per lettered item or list entry."""
    items = body_items(src, outline)
    tasks: list[TaskRecord] = []
    in_section = False
    block: _Block | None = None
    blocks: list[_Block] = []
    letter: str | None = None  # current lettered statement's number
    parent: TaskRecord | None = None  # last top-level task (for + sub-entries)
    last: TaskRecord | None = None
    counters: dict[str, int] = {}
    group_intro: str | None = None

    def next_n(prefix: str) -> str:
        counters[prefix] = counters.get(prefix, 0) + 1
        return f"{prefix}.{counters[prefix]}"

    for pos, it in enumerate(items):
        nxt = items[pos + 1] if pos + 1 < len(items) else None
        if it.marker == "roman":
            in_section = is_task_section(it.folded)
            block, letter, parent, last = None, None, None, None
            continue
        if is_closing(it):  # closing formula or signature: the section (and the body) ends
            in_section = False
        if not in_section:
            continue
        folded = it.folded.strip()
        if it.marker == "number" and "." not in it.number:
            block = _Block(it.number, it.text.strip(" .:"), it.line)
            blocks.append(block)
            letter, parent, last, group_intro = None, None, None, None
            continue
        if block is None:
            continue
        if it.marker == "number" or (it.marker == "letter" and _is_sub_heading(it, nxt)):
            block.mode = classify_heading(folded)
            block.group = it.text.strip(" .:") if it.marker == "letter" and block.mode == "tasks" \
                and not _has("nhiem vu", folded) else None
            letter = f"{block.number}.{it.number}" if it.marker == "letter" else it.number
            parent, last, group_intro = None, None, None
            continue
        label = _DEADLINE_LABEL.match(folded)
        if label is not None and len(folded) < 120:  # "+ Thời hạn: Quý I/2026": the last task's deadline
            if block.mode == "tasks" and last is not None and block.tasks:
                wording = it.text[label.end():].strip(" ;,.") or None
                deadline = parse_deadline(wording, plan_year=plan_year(document)) if wording else None
                t = block.tasks[-1]  # (an assignment line may have replaced ``last``)
                last = _replace(t, deadline=deadline or t.deadline, deadline_text=wording if deadline else t.deadline_text)
                block.tasks[-1] = last
            continue
        inline = _split_inline(folded, it.text) if _ASSIGN.match(folded) else []
        if inline:
            target = len(block.tasks) - 1 if block.mode == "tasks" and last is not None else None
            for role, value in inline:
                if value.endswith(":") or not value:
                    continue
                if role == "thoi gian":  # "...; Thời gian hoàn thành: Quý II/2027." on the assignment line
                    deadline = parse_deadline(value, plan_year=plan_year(document))
                    if target is not None and deadline is not None:
                        t = block.tasks[target]
                        block.tasks[target] = last = _replace(t, deadline=deadline, deadline_text=value)
                    continue
                _apply_assignment(role, value, block=block, target=target)
            continue
        if block.mode == "units":
            if it.marker == "plus" and ":" in it.text:  # "+ Văn phòng HĐND và UBND: Thực hiện ..."
                name = clean_name(it.text.split(":", 1)[0])
                if name:
                    block.coordinating.append(name)
            elif re.search(_ROLE, folded) and block.lead is None:
                m = re.search(r"\s+(?:chiu trach nhiem|co trach nhiem|" + _ROLE + r")\b|[:(]", folded)
                head = it.text[: m.start()] if m else ""
                if head and len(head.split()) <= 12:
                    block.lead = clean_name(head)
            continue
        if block.mode != "tasks":
            continue
        if it.text.startswith("(") or len(folded) < 12:
            continue
        if it.marker == "letter":
            letter = f"{block.number}.{it.number}"
            n = letter
        elif it.marker == "plus" and parent is not None:
            n = next_n(parent.n or letter or block.number)
        else:
            n = next_n(letter or block.number)
        task = _task(it, n=n, block=block, document=document, outline=outline)
        if it.marker == "plus" and group_intro:
            task = _replace(task, group=group_intro)
        if it.ends_with_colon and it.marker != "plus" and len(it.text.split()) <= 15:
            # An entry that only introduces sub-entries is their group, not a task.
            group_intro = it.text.rstrip(" :")
            parent = task
            last = None
            continue
        block.tasks.append(task)
        last = task
        if it.marker != "plus":
            parent, group_intro = task, None
    for b in blocks:
        for t in b.tasks:
            lead = t.lead or b.lead
            coordinating = tuple(t.coordinating) or tuple(dict.fromkeys(b.coordinating))
            tasks.append(_replace(t, lead=lead, coordinating=coordinating) if (lead, coordinating) != (t.lead, t.coordinating) else t)
    return tasks
