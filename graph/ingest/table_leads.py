"""Several lead units in one lead cell of a task table.

Convention encoded: a CCHC task table's lead column (cơ quan chủ trì) usually names one
unit, but a task led jointly names several in the same cell, in two printed forms:

- a list of units separated by semicolons (or by commas that open a new unit name):
  "Văn phòng UBND Thành phố; Sở Nội vụ", "Trung tâm Phục vụ hành chính công; Văn phòng
  HĐND&UBND";
- a shared head word with a colon, then the distinctive parts: "Các Sở: Nội vụ, Tư pháp,
  Tài chính" stands for "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính" (the same with
  "Các Phòng: ..." and "Các Ban: ..."). Without the colon "Các sở, ban, ngành" is one
  collective unit and stays whole.

``split_leads`` gives the units in printed order; the first is the task's ``lead``, the
others its ``co_leads`` (records.TaskRecord).
"""

from __future__ import annotations

import re

from cchc_kg.graph.ingest import table_vocab as tv
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.table_values import _slips as short_slips
from cchc_kg.graph.ingest.table_values import skeleton
from cchc_kg.graph.ingest.units import looks_like_unit

# "Các Sở:" / "Cac So :" / "Các Phòng:" opening a list of distinctive names (folded; OCR may
# read "Sở" as "S0", "S&", "So", "Sd" and "Các" as "Cac", "Céc", "C4c").
_LIST_HEAD = re.compile(r"^\s*-?\s*c[a-z0-9&]{1,2}c\s+(s[a-z0-9&¢]|phong|ban)\s*:\s*", re.IGNORECASE)
_HEADS = {"phong": "Phòng", "ban": "Ban"}  # anything else matched is "Sở"


def expand_list(part: str) -> tuple[str, ...]:
    """A "Các Sở: A, B, C" cell part as "Sở A", "Sở B", "Sở C"; any other part unchanged.

    The head word is written with its proper letters ("Sở"), the distinctive names as
    printed; an item that already carries a head ("Sở Tài chính") is kept as it is."""
    folded = fold(part)
    m = _LIST_HEAD.match(folded)
    if m is None:
        return (part.strip(),) if part.strip() else ()
    head = _HEADS.get(m.group(1), "Sở")
    rest = part[m.end():]  # fold is length-preserving, so the offsets hold in the original
    items = [i.strip(" -.,") for i in re.split(r"\s*,\s*", rest)]
    out: list[str] = []
    for item in items:
        if not item:
            continue
        if fold(item).startswith(fold(head).lower() + " "):
            out.append(item)
        else:
            out.append(f"{head} {item}")
    return tuple(out)


def split_leads(text: str | None) -> tuple[str, ...]:
    """The lead units a lead cell names, in printed order (see the module docstring); the
    cell is split as a coordinating cell is (``split_units``), then lists expanded."""
    if not text or not text.strip():
        return ()
    out: list[str] = []
    for part in split_units(text):
        for unit in expand_list(part):
            if unit and unit not in out:
                out.append(unit)
    return tuple(out)


def split_units(text: str) -> tuple[str, ...]:
    """Split a coordinating-units cell into unit names as written.

    Semicolons always separate; a comma separates only when the next words open a new unit
    name (Sở ..., UBND ..., Văn phòng ...), so a collective ("Các phòng, ban, đơn vị liên
    quan", "Các sở, ban, ngành") stays whole.
    """
    if not text:
        return ()
    heads = tv.vocabulary().unit_heads
    units: list[str] = []
    for part in re.split(r"\s*;\s*", text):
        pieces = [p.strip() for p in part.split(",")]
        current = ""
        for piece in pieces:
            head = fold(piece).lstrip("- ")
            opens = any(head == h or head.startswith(h + " ") for h in heads)
            collective = fold(current).lstrip("- ").startswith("cac ")
            if current and opens and not (collective and head.startswith("cac ")):
                units.append(current)
                current = piece
            else:
                current = f"{current}, {piece}" if current else piece
        if current:
            units.append(current)
    return tuple(u.strip(" -,.") for u in units if u.strip(" -,."))


def placed_units(text: str, *, lead: bool) -> tuple[str, ...]:
    """The units of a lead (``lead``) or coordinating cell whose words the page layout
    placed (``table_layout``): the cell is split as printed (semicolons, a comma opening a
    new unit, a "Các Sở:" list) and every part must read as a unit, its two-letter head
    word ("Sở") repaired when OCR misread it ("S¢ Tư pháp"); () when some part does not
    (the snapped values then stand)."""
    parts = split_leads(text) if lead else split_units(text)
    kept = tuple(p for p in parts if looks_like_unit(p))
    return kept if kept and len(kept) == len(parts) else ()


def repair_heads(text: str) -> str:
    """The text with each OCR reading of the head word "Sở" spelt right (``_head_repaired``);
    run before specks are cleaned, which would take "S¢" for one."""
    return " ".join(_head_repaired(w) for w in text.split())


def _head_repaired(word: str) -> str:
    """"Sở" for its usual OCR readings ("S0", "S¢", "S&"), punctuation kept."""
    core = word.rstrip(",;:")
    if len(core) == 2 and core[:1] in "Ss" and not core[1:].isalpha():
        key = skeleton(core)
        if key == "so" or key in short_slips().get("so", ()):
            return ("Sở" if core[0] == "S" else "sở") + word[len(core):]
    return word
