"""What a citation without a stated subject is cited for: the task it stands in.

Why: plans often cite an act only as the rule a task follows — "Rà soát, ban hành tiêu
chuẩn, định mức sử dụng máy móc, thiết bị chuyên dùng theo quy định tại Nghị định số ...;
Quyết định số ..." — with no trích yếu after the number. What the act is about is then the
task the citation stands in. Two plans that give the same task under different acts of one
series (an older decree in one, its successor in the other) reveal a superseded act.

Computed in the link stage from the graph, not at extraction: the task extractors already
reassemble an OCR-scrambled table row into one title (cchc:cleanTitle) with its line span
(cchc:sourceLine .. cchc:endLine), while the raw lines of such a row interleave the other
columns. Convention encoded: the citation's line lies in the task's span (the innermost task
when spans nest); the context is the title up to the first numbered document named in it
("Nghị định số 15,2/2017/..." with OCR damage), without the words that introduce the
citation ("theo quy định tại", "theo", "tại", "căn cứ"). A title that opens with the
citation has no context (the citation's stated subject, if any, says it instead).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cchc_kg.graph.ingest.lexicon import skeleton
from cchc_kg.graph.link.fetch import PREFIXES, _select, _select_docs
from cchc_kg.graph.store.base import Store

TASK_CONTEXT = PREFIXES + """
SELECT ?c ?task ?start ?end ?title
WHERE {
  GRAPH ?g {  # a citation and the tasks of its document: both in the citing document's graph
    ?c a cchc:Citation ; cchc:citingDocument ?doc ; cchc:sourceLine ?line .
    FILTER NOT EXISTS { ?c cchc:statedSubject ?s }
    ?task a cchc:Task ; cchc:inDocument ?doc ; cchc:sourceLine ?start .
    OPTIONAL { ?task cchc:endLine ?e }
    BIND(COALESCE(?e, ?start) AS ?end)
    FILTER(?start <= ?line && ?line <= ?end)
    { ?task cchc:cleanTitle ?title } UNION { FILTER NOT EXISTS { ?task cchc:cleanTitle ?t0 } ?task dcterms:title ?title }
  }
}
"""
# A document type (OCR: letters may be damaged to digits/symbols, skeleton() repairs most),
# then within a few words a number with a slash: the first citation in a title.
_DOC_TYPE = (r"nghi\s*dinh|quyet\s*dinh|nghi\s*quyet|thong\s*tu|chi\s*thi|ke\s*hoach|cong\s*van"
             r"|ket\s*luan|chuong\s*trinh|luat")
_FIRST_CITATION = re.compile(rf"\b(?:{_DOC_TYPE})\b[^;\n]{{0,30}}?\d[\d,.\s]*/")
_INTRO = re.compile(r"(?:[\s,;:.\-]*\b(?:theo quy dinh tai|theo quy dinh cua|quy dinh tai|theo|tai|can cu|cua"
                    r"|va|quy dinh|huong dan tai|theo tinh than|theo yeu cau)\b)+[\s,;:.\-]*$")
MIN_CHARS = 12


def context_before_citation(title: str) -> str | None:
    """The part of a task title before its first numbered citation, or None when the title
    names no numbered document or opens with it."""
    key = skeleton(title)  # length-preserving: offsets hold in ``title``
    m = _FIRST_CITATION.search(key)
    if not m:
        return None
    head = key[: m.start()]
    intro = _INTRO.search(head)
    cut = intro.start() if intro else len(head)
    text = re.sub(r"\s+", " ", title[:cut]).strip(" ,;:.-")
    return text if len(text) >= MIN_CHARS else None


def read_contexts(store: Store, *, docs: Iterable[str] | None = None) -> dict[str, str]:
    """citation IRI -> its task context, for citations that state no subject (of the citing
    documents ``docs`` only, when given: the join of citations and tasks is the costly part)."""
    best: dict[str, tuple[int, str]] = {}
    rows = _select(store, TASK_CONTEXT) if docs is None else _select_docs(store, TASK_CONTEXT, docs)
    for r in rows:
        span = int(r["end"]) - int(r["start"])
        c = r["c"]
        if c in best and best[c][0] <= span:  # the innermost task wins
            continue
        best[c] = (span, r["title"])
    out = {}
    for c, (_, title) in best.items():
        context = context_before_citation(title)
        if context:
            out[c] = context
    return out
