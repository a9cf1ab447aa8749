"""Duties of named units in the implementation section (kind ``duty``).

Convention encoded: the last body section of a plan, ``TỔ CHỨC THỰC HIỆN``, assigns duties
to units, each under a heading that names the unit (``2.1. Sở Nội vụ``, ``2. Phòng Văn
hóa - Xã hội``, ``b) Văn phòng HĐND và UBND``, ``3. Đề nghị Ủy ban Mặt trận Tổ quốc ...``,
``1. Trách nhiệm của Chủ tịch UBND phường``), with one duty per ``-`` entry or paragraph
below it. Shorter plans put the unit and its duty on one line (``1. Sở Nội vụ: theo dõi,
đôn đốc ...``) or open a paragraph with the unit as subject (``Phòng Văn hóa - Xã hội chủ
trì, theo dõi ...``). Each duty is a task led by that unit; a heading naming several units
makes the first the lead and the others coordinating. Introductions that end with ``:``
(``Là cơ quan thường trực ..., có trách nhiệm:``) are not duties; when they name the
subject of a generic heading (``Thủ trưởng các cơ quan, đơn vị có trách nhiệm ... sau:``)
that subject becomes the lead of the entries that follow.
"""

from __future__ import annotations

from cchc_kg.graph.ingest.assignees import _PREFIX, partners, subject_unit
from cchc_kg.graph.ingest.prose_blocks import Item, body_items, is_closing
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.task_prose import clean_title, find_deadline, plan_year
from cchc_kg.graph.ingest.text import SourceText
from cchc_kg.graph.ingest.units import clean_name, looks_like_unit, split_units

__all__ = ["extract_duties", "is_implementation_section", "partners", "subject_unit", "unit_of_heading"]


def is_implementation_section(folded: str) -> bool:
    return "to chuc thuc hien" in folded or "to chuc trien khai" in folded


def unit_of_heading(item: Item) -> tuple[list[str], str | None]:
    """Units named by a heading and, for ``Unit: duty`` lines, the inline duty text."""
    m = _PREFIX.match(item.folded)
    start = m.end() if m else 0
    text, folded = item.text[start:], item.folded[start:]
    colon = text.find(":")
    inline = None
    if 0 < colon and len(text[:colon].split()) <= 14 and text[colon + 1:].strip():
        inline = text[colon + 1:].strip()
        text, folded = text[:colon], folded[:colon]
    paren = text.find("(")
    if paren > 0:
        text = text[:paren]
    names = [clean_name(n) for n in split_units(text)]
    names = [n for n in names if n and looks_like_unit(n)]
    return names, inline


def extract_duties(
    src: SourceText, *, document: DocumentRecord, outline: Outline | None = None
) -> list[TaskRecord]:
    """Duties assigned to named units in the implementation section(s)."""
    items = body_items(src, outline)
    year = plan_year(document)
    duties: list[TaskRecord] = []
    in_section = False
    units: list[str] = []
    number = ""
    heading = ""
    count = 0

    def add(item: Item, text: str, lead: str, coordinating: list[str], n: str) -> None:
        deadline, wording = find_deadline(text, year=year)
        coordinating = coordinating + [p for p in partners(text) if p != lead and p not in coordinating]
        duties.append(TaskRecord(
            line=item.line, end_line=item.end_line, title=text, n=n, clean_title=clean_title(text),
            group=heading or None, lead=lead, coordinating=tuple(coordinating), deadline=deadline,
            deadline_text=wording, kind="duty",
        ))

    for it in items:
        if it.marker == "roman":
            in_section = is_implementation_section(it.folded)
            units, number, heading, count = [], "", "", 0
            continue
        if is_closing(it):  # closing formula or signature ends the section
            in_section = False
        if not in_section or len(it.folded) < 3:
            continue
        if it.marker in ("number", "letter") and (it.marker == "number" or it.is_heading_like or ":" in it.text):
            names, inline = unit_of_heading(it)
            number = it.number if it.marker == "number" or not number else f"{number.split('.')[0]}.{it.number}"
            heading, count = it.text.strip(" .:"), 0
            units = names
            if names and inline:
                add(it, inline, names[0], names[1:], number)
                units = []  # the line was the whole duty
            elif not inline and not it.is_heading_like and (subject := subject_unit(it)):
                # a numbered sentence with the unit as subject: "2. Giao Sở ... chủ trì, phối hợp ..."
                lead_units = [n for n in (clean_name(x) for x in split_units(subject)) if n] or [subject]
                add(it, it.text, lead_units[0], lead_units[1:], number)
                units = []
            continue
        if it.text.startswith("("):
            continue
        if it.ends_with_colon and len(it.text.split()) <= 60:
            subject = subject_unit(it) if not units else None
            if subject:
                units = [subject]
            continue
        lead_units = units
        text = it.text
        if not lead_units:
            names, inline = unit_of_heading(it) if ":" in it.text else ([], None)
            if names and inline:
                lead_units, text = names, inline
            else:
                subject = subject_unit(it)
                # "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường căn cứ ...":
                # several subjects, the first leads
                lead_units = ([n for n in (clean_name(x) for x in split_units(subject)) if n] or [subject]) \
                    if subject else []
        if not lead_units:
            continue
        count += 1
        add(it, text, lead_units[0], lead_units[1:], f"{number}.{count}" if number else str(count))
    return duties
