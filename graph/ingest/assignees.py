"""Who a sentence assigns: its subject unit and the units named after ``phối hợp với``.

Shared by the duties of the implementation section (duties.py) and the prose tasks
(task_prose.py), which both write assignments into running text: ``Sở Tư pháp chủ trì,
phối hợp với các sở, ngành rà soát ...``, ``Phối hợp với Trường Chính trị tỉnh bồi dưỡng
...``. A unit's name has no closing mark, so where it stops is read from what follows it:
the verb, a locality word followed by lower-case text, or punctuation.
"""

from __future__ import annotations

import re

from cchc_kg.graph.ingest.deadlines import parse_deadline
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.prose_blocks import Item
from cchc_kg.graph.ingest.units import clean_name, looks_like_unit, split_units

# Words that open a heading before the unit's name ("Đề nghị", "Trách nhiệm của" ...).
_PREFIX = re.compile(
    r"^(?:[dbp]e nghi\s+|giao\s+(?=[a-z]+\s)|(?:trach nhiem|nhiem vu)(?:\s+cu the)?(?:\s+c[a-z]{1,3})?\s+)+")
# Where the subject of a sentence ends and its verb starts.
_VERB = re.compile(
    r"\s(?:chu tri|ch[a-z]?\s?tri,|ph[a-z]{0,2}i\s?h[a-z0-9]p|[a-z]{0,2}\s?trach nhiem|tham muu|theo doi|thuc hien"
    r"|trien khai|la co quan|can cu|chu dong|khan truong|tham gia|giam sat|tang cuong|day manh)\b|\s*[:(]")


# "phối hợp với <units>" inside a duty: the units it names coordinate. Where a unit's name
# stops: the verb that follows (no verb that also begins unit names: Xây dựng, Tổ chức,
# Quản lý, Tài chính), or the locality word a name ends with, when a lower-case word follows.
_PARTNER = re.compile(r"(?<![a-z])ph[a-z]{0,2}i\s?h[a-z0-9]p\s+v[a-z]{0,2}i\s+")
_PARTNER_STOP = re.compile(
    r"\s(?:bao dam|dam bao|ra soat|tuyen truyen|thu thap|cap nhat|trien khai|thuc hien|huong dan|kiem tra"
    r"|theo doi|tong hop|giai quyet|tham muu|don doc|cung cap|hoan thanh|xu ly|van hanh|ket noi|danh gia"
    r"|day manh|tang cuong|nang cao|chi dao|bo tri|phan bo|tiep nhan|giam sat|tiep tuc|thuong xuyen|kip thoi"
    r"|hoan thien|van dong|to chuc (?:thi|tuyen|hoi|thuc|trien)"
    r"|de|nham|trong|tren|theo|ve|khi|lam)(?![a-z])|\s*[;:.()]")
# A collective closes with "(có) liên quan": "các cơ quan liên quan đẩy mạnh ..."
_RELATED_END = re.compile(r"(?<![a-z])lien quan(?![a-z])")
# Verbs that may also stand in unit names (Sở Xây dựng, Chi cục Tiêu chuẩn Đo lường ...): a
# verb only in lower case
# ("phối hợp với Sở Nội vụ xây dựng chuyên trang", "... Việt Nam xã tổ chức lấy ý kiến"),
# and "tổ chức" not as a noun ("các tổ chức có liên quan", "tổ chức chính trị - xã hội").
_LOWER_VERB = re.compile(
    r"(?:\s(?:xay dung|quan ly|lap dat|tham dinh|boi duong|do luong|so hoa|khao sat|cai thien|duy tri"
    r"|mo rong|rut ngan|cat giam|cong khai|niem yet|ban hanh|phat trien|hoan thanh)|(?<!cac)(?<!nhung)(?<!ca nhan,)\sto chuc"
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


_SUBJECT_LEADS = re.compile(r"\s(?:ch[a-z]?\s?tri)(?![a-z])")
_OPENS_WITH_PARTNER = re.compile(r"^\W*ph[a-z]{0,2}i\s?h[a-z0-9]p\s+v[a-z]{0,2}i\s")


def assigned_in_text(text: str) -> tuple[str | None, list[str]]:
    """(lead, coordinating) a task's own sentence names, when it names them as plans do:
    ``Sở Tư pháp chủ trì, phối hợp với các sở, ngành rà soát ...`` (the subject before
    ``chủ trì`` leads, the units after ``phối hợp với`` coordinate) or ``Phối hợp với
    Trường Chính trị tỉnh bồi dưỡng ...`` (no lead). Other sentences name no one: the
    object of a verb (``hỗ trợ doanh nghiệp``) is not an assignee."""
    folded = fold(text)
    if len(folded) != len(text):  # pragma: no cover - fold is length-preserving
        return None, []
    if _OPENS_WITH_PARTNER.match(folded):
        return None, partners(text)
    prefix = _PREFIX.match(folded)
    start = prefix.end() if prefix else 0
    m = _SUBJECT_LEADS.search(folded, start)
    if m is None or m.start() <= start:
        return None, []
    head = text[start:m.start()].strip(" ,")
    if len(head.split()) > 14 or not head[:1].isupper():
        return None, []
    names = [n for n in (clean_name(x) for x in split_units(head)) if n]
    if not names or not all(looks_like_unit(n) for n in names):
        return None, []
    coordinating = names[1:] + [p for p in partners(text[m.end():]) if p not in names]
    return names[0], coordinating


# Where plans append the assignment to a task's own wording: in closing brackets
# ("... (Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp; Quý III/2027).", "(Sở Tư pháp; thường
# xuyên)"), after a colon ("...: Sở Tài chính chủ trì, phối hợp với ...; hoàn thành trong Quý
# IV/2026.") or as a sentence of its own ("... . Sở Nội vụ chủ trì thực hiện sau khi ...").
_CLOSING_BRACKET = re.compile(r"\(([^()]{3,})\)\s*[.;]?\s*$")
_CLAUSE_OPENERS = re.compile(r"(?::|\.)\s+(?=[A-ZĐÀ-Ỹ])")
_LEADS_AFTER = re.compile(r"\s(?:ch[a-z]?\s?tri)(?![a-z])")
_PARTNERS_AFTER = re.compile(r"\s(?:ph[a-z]{0,2}i\s?h[a-z0-9]p)\s*$")


def _part_units(part: str) -> list[str] | None:
    """A part that is only unit names ("Sở Tư pháp", "Thanh tra tỉnh, Sở Tài chính")."""
    names = [n for n in (clean_name(x) for x in split_units(part)) if n]
    return names if names and all(looks_like_unit(n) and len(n.split()) <= 14 for n in names) else None


def appended_assignment(text: str) -> tuple[str | None, list[str], str | None]:
    """(lead, coordinating, deadline wording) of an assignment appended to a task's wording,
    or (None, [], None). Each ``;``-part of the appended clause is the lead with its partners
    (``X chủ trì, phối hợp với Y``; ``X chủ trì, Y phối hợp``), a bare unit list (the lead
    first), or the time (``Quý III/2027``, ``hoàn thành trong năm 2026``, ``thường xuyên``)."""
    clause = None
    bracket = _CLOSING_BRACKET.search(text)
    if bracket is not None:
        clause = bracket.group(1)
    else:
        for m in _CLAUSE_OPENERS.finditer(text):
            rest = text[m.end():]
            if _LEADS_AFTER.search(fold(rest.split(";")[0])):
                clause = rest.rstrip(" .")
                break
    if clause is None:
        return _given(text)
    lead: str | None = None
    coordinating: list[str] = []
    times: list[str] = []
    for part in (p.strip(" ,.") for p in clause.split(";")):
        if not part:
            continue
        folded = fold(part)
        if _LEADS_AFTER.search(folded) and lead is None:
            head_lead, partners_found = assigned_in_text(part)
            if head_lead is None:
                return None, [], None  # "chủ trì" without a unit before it: not an assignment
            lead = head_lead
            coordinating += [p for p in partners_found if p not in coordinating]
            tail = _LEADS_AFTER.search(folded)
            after = part[tail.end():].strip(" ,") if tail else ""
            if _PARTNERS_AFTER.search(fold(after)):  # "X chủ trì, Y phối hợp"
                names = _part_units(after[: _PARTNERS_AFTER.search(fold(after)).start()])
                coordinating += [n for n in names or [] if n not in coordinating]
            elif not partners_found and parse_deadline(after) is not None:
                times.append(after)  # "Sở Nội vụ chủ trì thực hiện sau khi HĐND tỉnh ban hành ..."
            continue
        names = _part_units(part)
        if names is not None:
            if lead is None:
                lead, names = names[0], names[1:]
            coordinating += [n for n in names if n not in coordinating]
        else:
            times.append(part)
    if lead is None and not coordinating:
        return None, [], None
    return lead, coordinating, ("; ".join(times) or None)


# "... . Giao Phòng Văn hóa - Xã hội thực hiện thường xuyên." (a sentence handing the task to a unit)
_GIVEN = re.compile(r"(?:^|[.;]\s+)giao\s+(?P<unit>.+?)\s+(?:ch[a-z]?\s?tri\s*,?\s*)?th[a-z]{1,2}c\s*hi\S{1,2}n\b(?P<rest>[^.;]*)")


def _given(text: str) -> tuple[str | None, list[str], str | None]:
    folded = fold(text)
    m = _GIVEN.search(folded)
    if m is None or len(folded) != len(text):
        return None, [], None
    unit = text[m.start("unit"): m.end("unit")]
    names = _part_units(unit) if unit[:1].isupper() or fold(unit).startswith("cac ") else None
    if not names:
        return None, [], None
    rest = text[m.start("rest"): m.end("rest")].strip(" ,.")
    return names[0], names[1:], (rest if rest and parse_deadline(rest) is not None else None)

