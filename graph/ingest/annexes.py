"""Annexes: what the body says is attached, and what the document really contains.

Convention encoded (plans under Nghị định 30/2020/NĐ-CP): detail that does not fit the body
is attached as annexes — ``PHỤ LỤC I`` / ``Phụ lục 2`` / ``DANH MỤC NHIỆM VỤ ...`` — each
titled at its start, usually followed by ``(Kèm theo Kế hoạch số ...)``. The body refers to
them: ``tại Phụ lục I kèm theo``, ``Phụ lục 2: Các chỉ tiêu ... Chỉ số CCHC - PAR INDEX``,
``(Chi tiết tại các Phụ lục kèm theo Kế hoạch)``, ``(Danh mục nhiệm vụ cụ thể kèm theo)``;
OCR spells the word ``Phu luc``, ``Phy lyc``, ``Phuy luc``, ``?hu luc``.

*References* are read in the body (before the first annex). The label (``I``, ``1``, ``02``)
is normalised to an integer string, None when unlabelled; the reference's clause gives the
indicators it names (indicator lexicon) and whether it describes tasks or targets. A
``Phụ lục`` of another, numbered document (``Phụ lục ban hành kèm theo Nghị định số
30/2020/NĐ-CP``) is not a reference to this document's annexes.

*Annexes present* are (a) annex titles — those of the outline and, inside the annex part, the
titles OCR damaged beyond the outline's pattern (``?hu luc 2``, ``vaeluc 4``) — and (b) annex
content whose title was lost: a task table, an index-criteria table per index. Content goes to
the annex whose title precedes it, unless that annex already holds other content (a second
index table is a second annex). Whether a referenced annex is missing is judged by the check
``queries/checks/missing-annex-violation.rq`` on these records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_kg.graph.ingest.lexicon import looks_damaged, phrase_hits, skeleton
from cchc_kg.graph.ingest.records import AnnexRecord, TargetRecord, TaskRecord
from cchc_kg.graph.ingest.sections import Outline
from cchc_kg.graph.ingest.sections import outline as build_outline
from cchc_kg.graph.ingest.text import SourceText

_WORD = r"ph[a-z?]{1,2}\s?[l1i][a-z]{1,2}c"
_LABEL = r"(?:\s+(?:so\s+)?(?P<label>[ivxl1]{1,5}|\d{1,2}|[a-h])(?![a-z0-9]))?"
_REFERENCE = re.compile(rf"(?<![a-z])(?P<plural>cac\s+)?{_WORD}{_LABEL}")
_LIST_ATTACHED = re.compile(r"(?<![a-z])danh m[a-z]{1,2}c\b(?P<desc>[^()]{0,120}?)\s*k[a-z]{1,2}m theo")
# An annex title that OCR damaged (first letters lost or garbled) on a short line of its own.
_DAMAGED_TITLE = re.compile(r"^[^a-z0-9]{0,3}[a-z?]{0,5}\s?[l1][uy]c\s+(?P<label>\d{1,2}|[ivxl]{1,4})\s*$")
_TITLE_LABEL = re.compile(r"^[^\w]*(?:ph[a-z?]{1,2}\s?[l1i][a-z]{1,2}c|danh m[a-z]{1,2}c)"
                          r"(?:\s+(?:so\s+)?(?P<label>[ivxl1]{1,5}|\d{1,2}|[a-h])(?![a-z0-9]))?")
_OTHER_DOCUMENT = re.compile(r"k[a-z]{1,2}m theo\s+(?:nghi dinh|thong tu|quyet dinh|nghi quyet|cong van|"
                             r"van ban|ke hoach)\s+(?:so\s+)?\d")
_THIS_DOCUMENT = re.compile(r"(?:quyet dinh|ke hoach|van ban) nay")
_TASKS = re.compile(r"nhi[a-z]{1,2}m v[a-z]|gi[a-z]{1,2}i ph[a-z]{1,2}p")
_TARGETS = re.compile(r"ch[a-z]\s?ti[a-z]{1,2}u|ch[a-z] s[a-z]")
_STRAY = re.compile(r"[~`'‘’\"“”_^|]")
_ROMAN = {"i": 1, "v": 5, "x": 10}
_INDEX_NOTATIONS = ("par_index", "sipas", "papi", "pci", "dti", "ddci")


def normalise_label(token: str | None) -> str | None:
    """``I``/``1``/``01`` -> ``"1"``, ``IV`` -> ``"4"``, ``a`` -> ``"A"``; None stays None."""
    if not token:
        return None
    token = token.strip().lower()
    if token.isdigit():
        return str(int(token))
    roman = token.replace("1", "i").replace("l", "i")
    if re.fullmatch(r"x{0,2}(?:ix|iv|v?i{0,3})", roman) and roman:
        total = 0
        for i, ch in enumerate(roman):
            v = _ROMAN[ch]
            total += -v if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > v else v
        return str(total)
    return token.upper() if len(token) == 1 and token.isalpha() else None


def extract_annexes(src: SourceText, *, outline: Outline | None = None, tasks: list[TaskRecord] | None = None,
                    targets: list[TargetRecord] | None = None) -> list[AnnexRecord]:
    """Annex references of the body, then the annexes present, in document order each.

    ``tasks`` and ``targets`` are the document's extracted records (task-table rows and
    index-criteria rows mark annex content); without them only annex titles count.
    """
    out = outline or build_outline(src)
    fuzzy = looks_damaged(src)
    return _references(src, out, fuzzy=fuzzy) + _present(src, out, tasks or [], targets or [], fuzzy=fuzzy)


# --- references ---------------------------------------------------------------------------

def _key(src: SourceText, i: int) -> str:
    return _STRAY.sub(" ", skeleton(src.clean[i]))


def _references(src: SourceText, out: Outline, *, fuzzy: bool) -> list[AnnexRecord]:
    end = out.appendix_start - 1 if out.appendix_start else len(src.clean)
    found: list[AnnexRecord] = []
    for i in range(end):
        key = _key(src, i)
        if "luc" not in key and "lyc" not in key and "danh m" not in key:
            continue
        spans: list[tuple[int, int, str | None, bool]] = []
        for m in _REFERENCE.finditer(key):
            spans.append((m.start(), m.end(), normalise_label(m.group("label")), bool(m.group("plural"))))
        for m in _LIST_ATTACHED.finditer(key):
            if not any(a <= m.start() < b for a, b, _, _ in spans):
                spans.append((m.start(), m.end(), None, False))
        for start, stop, label, plural in spans:
            clause, text = _clause(src, i, start)
            if _OTHER_DOCUMENT.search(clause) and not _THIS_DOCUMENT.search(clause):
                continue  # an annex of another, numbered document
            if plural:
                label = None
            found.append(AnnexRecord(line=i + 1, label=label, kind="reference",
                                     indicators=_indicators(clause, fuzzy=fuzzy),
                                     text=text, content=_content(clause)))
    return found


def _clause(src: SourceText, i: int, pos: int) -> tuple[str, str]:
    """The sentence or parenthesis holding a reference (wrapped lines joined), as a matching
    key and as clean text."""
    texts = [src.clean[i]]
    for j in range(i + 1, min(i + 3, len(src.clean))):
        if re.search(r"[.;)]\s*$", texts[-1]) or not src.clean[j].strip():
            break
        texts.append(src.clean[j])
    text = " ".join(texts)
    key = _STRAY.sub(" ", skeleton(text))
    opened = key.rfind("(", 0, pos)
    start = opened + 1 if opened != -1 and key.rfind(")", opened, pos) == -1 else 0
    for stop_mark in (". ", "; "):
        cut = key.rfind(stop_mark, start, pos)
        if cut != -1:
            start = cut + 2
    end = len(key)
    for stop_mark in (")", ". ", ";"):
        cut = key.find(stop_mark, pos)
        if cut != -1:
            end = min(end, cut)
    return key[start:end], text.strip()


def _indicators(key: str, *, fuzzy: bool) -> tuple[str, ...]:
    """Indicators named in a clause, in order of appearance; a component's broader index is
    dropped only when the index itself is not named (``SIPAS`` and its health component)."""
    hits = phrase_hits(key, "indicators", fuzzy_cutoff=86 if fuzzy else 0, both_ends=False)
    hits = [h for h in hits if h.concept.notation != "other"]
    named = {h.concept.notation for h in hits if h.score == 100.0}
    hits = [h for h in hits if h.score == 100.0 or h.concept.notation not in named]
    return tuple(h.concept.notation for h in sorted(hits, key=lambda h: h.start))


def _content(key: str) -> str | None:
    if _TASKS.search(key):
        return "tasks"
    if _TARGETS.search(key):
        return "targets"
    return None


# --- annexes present ------------------------------------------------------------------------

@dataclass(slots=True)
class _Annex:
    line: int
    label: str | None
    text: str
    indicators: list[str] = field(default_factory=list)
    content: str | None = None
    holds: set[str] = field(default_factory=set)  # content already assigned: tasks, index:<notation>


def _present(src: SourceText, out: Outline, tasks: list[TaskRecord], targets: list[TargetRecord],
             *, fuzzy: bool) -> list[AnnexRecord]:
    annexes: list[_Annex] = []
    for line in _title_lines(src, out):
        if annexes and line - annexes[-1].line <= 4 and annexes[-1].label is None:
            annexes.pop()  # "DANH MỤC" then its full title a line or two below: one annex
        i = line - 1
        m = _TITLE_LABEL.match(_key(src, i)) or _DAMAGED_TITLE.match(_key(src, i))
        label = normalise_label(m.group("label")) if m else None
        title = " ".join(c for c in src.clean[i:i + 3] if c.strip())
        title_key = _STRAY.sub(" ", skeleton(title))
        annexes.append(_Annex(line=line, label=label, text=title.strip(),
                              indicators=list(_indicators(title_key, fuzzy=fuzzy)), content=_content(title_key)))
    table_tasks = [t for t in tasks if t.kind == "table"]
    if table_tasks:
        _assign(annexes, min(t.line for t in table_tasks), "tasks", "tasks", None, src)
    first_row: dict[str, int] = {}
    for t in targets:
        if t.max_score is not None and t.indicator in _INDEX_NOTATIONS:
            first_row.setdefault(t.indicator, t.line)
    for notation, line in sorted(first_row.items(), key=lambda kv: kv[1]):
        _assign(annexes, line, f"index:{notation}", "targets", notation, src)
    return [AnnexRecord(line=a.line, label=a.label, kind="present", indicators=tuple(dict.fromkeys(a.indicators)),
                        text=a.text, content=a.content)  # type: ignore[arg-type]
            for a in sorted(annexes, key=lambda a: a.line)]


def _title_lines(src: SourceText, out: Outline) -> list[int]:
    lines = set(out.appendix_lines)
    if out.appendix_start is not None:
        for i in range(out.appendix_start - 1, len(src.clean)):
            key = _key(src, i).strip()
            if len(key) <= 20 and _DAMAGED_TITLE.match(key):
                lines.add(i + 1)
    return sorted(lines)


def _assign(annexes: list[_Annex], line: int, what: str, content: str, notation: str | None,
            src: SourceText) -> None:
    """Give content to the annex whose title precedes it, or to a new untitled annex when that
    annex already holds other content (its own title was lost)."""
    host = max((a for a in annexes if a.line <= line), key=lambda a: a.line, default=None)
    if host is None or (host.holds and what not in host.holds):
        host = _Annex(line=line, label=None, text=src.clean[line - 1].strip())
        annexes.append(host)
    host.holds.add(what)
    host.content = host.content or content
    if content == "tasks" and host.content == "targets" and not host.indicators:
        host.content = "tasks"
    if notation and notation not in host.indicators:
        host.indicators.append(notation)
