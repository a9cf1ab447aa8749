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

import re

from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.prose_blocks import Item, body_items, is_closing
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.task_prose import clean_title, find_deadline, plan_year
from cchc_kg.graph.ingest.text import SourceText
from cchc_kg.graph.ingest.units import clean_name, looks_like_unit, split_units

# Words that open a heading before the unit's name ("Đề nghị", "Trách nhiệm của" ...).
_PREFIX = re.compile(
    r"^(?:[dbp]e nghi\s+|giao\s+(?=[a-z]+\s)|(?:trach nhiem|nhiem vu)(?:\s+cu the)?(?:\s+c[a-z]{1,3})?\s+)+")
# Where the subject of a sentence ends and its verb starts.
_VERB = re.compile(
    r"\s(?:chu tri|ch[a-z]?\s?tri,|ph[a-z]{0,2}i\s?hop|[a-z]{0,2}\s?trach nhiem|tham muu|theo doi|thuc hien"
    r"|trien khai|la co quan|can cu|chu dong|khan truong|tham gia|giam sat|tang cuong|day manh)\b|\s*[:(]")


# "phối hợp với <units>" inside a duty: the units it names coordinate. Where a unit's name
# stops: the verb that follows (no verb that also begins unit names: Xây dựng, Tổ chức,
# Quản lý, Tài chính), or the locality word a name ends with, when a lower-case word follows.
_PARTNER = re.compile(r"(?<![a-z])ph[a-z]{0,2}i\s?hop\s+v[a-z]{0,2}i\s+")
_PARTNER_STOP = re.compile(
    r"\s(?:bao dam|dam bao|ra soat|tuyen truyen|thu thap|cap nhat|trien khai|thuc hien|huong dan|kiem tra"
    r"|theo doi|tong hop|giai quyet|tham muu|don doc|cung cap|hoan thanh|xu ly|van hanh|ket noi|danh gia"
    r"|day manh|tang cuong|nang cao|chi dao|bo tri|phan bo|tiep nhan|giam sat|tiep tuc|thuong xuyen|kip thoi"
    r"|hoan thien|van dong|to chuc (?:thi|tuyen|hoi|thuc|trien)"
    r"|de|nham|trong|tren|theo|ve|khi|lam)(?![a-z])|\s*[;:.()]")
# A collective closes with "(có) liên quan": "các cơ quan liên quan đẩy mạnh ..."
_RELATED_END = re.compile(r"(?<![a-z])lien quan(?![a-z])")
# Verbs that also begin unit names (Sở Xây dựng, Sở Tổ chức ...): a verb only in lower case
# ("phối hợp với Sở Nội vụ xây dựng chuyên trang", "... Việt Nam xã tổ chức lấy ý kiến"),
# and "tổ chức" not as a noun ("các tổ chức có liên quan", "tổ chức chính trị - xã hội").
_LOWER_VERB = re.compile(
    r"(?:\s(?:xay dung|quan ly)|(?<!cac)(?<!nhung)(?<!ca nhan,)\sto chuc"
    r"(?!\s+(?:chinh tri|xa hoi|doan the|hoi|dang|cong doan|ton giao|kinh te|tin dung|co lien quan|lien quan)))(?![a-z])")
_LOCALITY_END = re.compile(r"(?<![a-z])(?:phuong|xa|tinh|thanh pho|huyen)(?=\s+[a-z])(?!\s+hoi)")


def partners(text: str) -> list[str]:
    """Units named after ``phối hợp với`` in a duty's text (its coordinating units)."""
    folded = fold(text)
    if len(folded) != len(text):  # pragma: no cover - fold is length-preserving
        return []
    names: list[str] = []
    for m in _PARTNER.finditer(folded):
        stop = _PARTNER_STOP.search(folded, m.end())
        end = stop.start() if stop else len(text)
        verb = next((v for v in _LOWER_VERB.finditer(folded, m.end(), end) if text[v.start() + 1].islower()), None)
        if verb is not None:
            end = verb.start()
        related = _RELATED_END.search(folded, m.end(), end)
        if related:
            end = related.end()
        for loc in _LOCALITY_END.finditer(folded, m.end(), end):
            following = text[loc.end():].lstrip()[:1]
            # the locality written in lower case ("công phường", not "Văn hóa - Xã hội")
            if text[loc.start()].islower() and following.islower() and not folded[loc.end():].lstrip().startswith(("va ", "cac ")):
                end = loc.end()
                break
        for part in split_units(re.sub(r"^(?:và|va)\s+", "", text[m.end():end])):
            name = clean_name(part)
            if name and not fold(name).startswith("cac "):
                name = name[0].upper() + name[1:]  # "phòng Kinh tế" written mid-sentence
            if name and len(name.split()) <= 12 and looks_like_unit(name) and name not in names:
                names.append(name)
    return names


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


def subject_unit(item: Item) -> str | None:
    """The unit a sentence opens with (``Phòng Văn hóa - Xã hội chủ trì, ...``), if any."""
    prefix = _PREFIX.match(item.folded)  # "Giao Sở ... chủ trì", "Đề nghị Ủy ban MTTQ ... tham gia"
    start = prefix.end() if prefix else 0
    m = _VERB.search(item.folded, start)
    if not m or m.start() == start:
        return None
    head = clean_name(item.text[start: m.start()])
    parts = split_units(head)  # several units as subjects: each must be a unit name
    if not looks_like_unit(head) or any(len(p.split()) > 14 for p in parts) \
            or (len(head.split()) > 14 and not all(looks_like_unit(p) for p in parts)):
        return None
    return head


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
