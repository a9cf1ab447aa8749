"""Plan-to-plan links: which higher-level plans a plan implements, and cited-document identity.

Conventions encoded (domain.md):
- A plan names the higher plans it concretises in its preamble ("Căn cứ / Thực hiện Quyết
  định số 2595/QĐ-UBND ... ban hành Kế hoạch CCHC ... của thành phố"). Such a citation
  becomes ``eli:applies`` to the cited document.
- A document number alone is not unique: 119/QĐ-UBND exists in every province every year.
  Identity of a cited local document therefore needs number (or, for an unnumbered ingested
  copy, form), issuer, place and year; a draft copy whose number is blank ("Số: /QĐ-UBND")
  is matched on issuer, form, place, year, period and title, and the evidence is kept.
- Communes concretise their own province's plans, never another province's: a commune is
  linked by hierarchy only to plans of its province (from its parent unit, or from the
  province named by the issuers it cites) and to national plans, with overlapping periods.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from cchc_kg.graph import iri
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.link.model import Citation, Corpus, Doc, overlaps, period_years

_UNIT_PREFIX = re.compile(
    r"^(?:(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|thanh uy|tinh uy|so noi vu)\s+)?"
    r"(?:thanh pho|tp\.?|tinh|xa|phuong|dac khu|quan|huyen|thi xa)\s+"
)
_PROVINCE_IN_TEXT = re.compile(r"(?<![a-z])(?:thanh pho|tinh)\s+((?:[a-z]+\s?){1,4})")
_NON_PLACE = {"thuoc", "trong", "ve", "cua", "nam", "giai", "doan", "ban", "hanh", "ngay", "so", "va", "theo"}
_PLAN_WORDS = re.compile(r"(?<![a-z])(?:ke hoach|chuong trinh)(?![a-z])")
_CCHC_WORDS = re.compile(r"(?<![a-z])(?:cai cach hanh chinh|cchc)(?![a-z])")
# Forms that are, or issue, a plan or programme (a Quyết định / Nghị quyết "ban hành Kế hoạch").
_PLAN_ISSUING = frozenset({"quyet_dinh", "nghi_quyet", None})
_TITLE_STOP = frozenset(
    ["ve", "viec", "ban", "hanh", "cua", "the", "cac", "va", "nha", "nuoc", "so", "ngay", "thang", "nam", "giai", "doan", "quyet", "dinh", "ke", "hoach"]
)


def place_key(name: str | None) -> str | None:
    """Comparable key of a place name: "thành phố Hà Nội", "TP Hà Nội", "Ha Noi" -> "ha noi"."""
    if not name:
        return None
    text = re.sub(r"[^a-z0-9 ]+", " ", fold(name))
    text = re.sub(r"\s+", " ", text).strip()
    text = _UNIT_PREFIX.sub("", text)
    return text or None


def province_in_text(text: str | None) -> str | None:
    """The province or centrally-run city named in a text ("... của UBND thành phố Hải Phòng")."""
    if not text:
        return None
    for m in _PROVINCE_IN_TEXT.finditer(re.sub(r"[^a-z ]+", " ", fold(text))):
        words = []
        for w in m.group(1).split():
            if w in _NON_PLACE:
                break
            words.append(w)
        if words:
            return " ".join(words[:3])
    return None


def _scope_place(cited: str) -> str | None:
    scope = iri.document_scope(cited)
    if scope and scope.startswith(("thanh-pho-", "tinh-")):
        return place_key(scope.replace("-", " "))
    return None


def _index(corpus: Corpus) -> dict[str, list[Doc]]:
    """Documents by place key (built once per corpus): linking a commune looks only at its
    province's documents and the national ones (linear, not quadratic, in the country)."""
    if corpus.by_place is None:
        corpus.by_place = {}
        corpus.national = []
        for d in corpus.docs.values():
            if d.level in ("national", None):  # unknown level: may be a national document
                corpus.national.append(d)
            key = place_key(d.admin_unit)
            if key:
                corpus.by_place.setdefault(key, []).append(d)
    return corpus.by_place


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a document sits: its province (None for national or unknown) and how we know."""

    province: str | None
    evidence: str


def province_of(doc: Doc, citations: list[Citation]) -> Scope:
    """The province of a document: its own unit (province level), its parent unit, or the
    province most often named by the local issuers it cites (never guessed otherwise)."""
    if doc.level == "national":
        return Scope(None, "national document")
    if doc.level == "province" and doc.admin_unit:
        return Scope(place_key(doc.admin_unit), f"province-level document of {doc.admin_unit}")
    if doc.parent_unit:
        return Scope(place_key(doc.parent_unit), f"parent unit {doc.parent_unit}")
    votes: Counter[str] = Counter()
    for c in citations:
        if c.number and iri.is_national_number(c.number):
            continue
        place = province_in_text(c.issuer) or _scope_place(c.cited)
        if place:
            votes[place] += 1
    if votes:
        place, n = votes.most_common(1)[0]
        return Scope(place, f"province named by {n} cited local issuer(s)")
    return Scope(None, "province unknown")


@dataclass(slots=True)
class Resolution:
    cited: str
    doc: Doc
    score: float
    evidence: list[str] = field(default_factory=list)
    citation: Citation | None = None


def _norm_number(number: str) -> str:
    return re.sub(r"\s+", "", fold(number))


def _issuer_matches(code: str | None, issuer: str | None) -> bool | None:
    """Does the issuer code of a number (UBND, HĐND, TU) fit the issuing body's name?"""
    if not code or not issuer:
        return None
    code_f = fold(code)
    words = re.sub(r"[^a-z0-9 ]+", " ", fold(issuer)).split()
    if not words:
        return None
    initials = "".join(w[0] for w in words[: len(code_f)])
    return words[0] == code_f or initials == code_f


def _title_tokens(text: str | None) -> set[str]:
    words = re.sub(r"[^a-z0-9 ]+", " ", fold(text or "")).split()
    return {w for w in words if w not in _TITLE_STOP and not w.isdigit() and len(w) > 1}


def _quote_period(quote: str) -> tuple[int, int] | None:
    m = re.search(r"(?:giai doan|nam)\s+((?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)", fold(quote))
    return period_years(m.group(1)) if m else None


def _cited_year(c: Citation) -> int | None:
    if c.number:
        m = re.search(r"/((?:19|20)\d{2})/", c.number)
        if m:
            return int(m.group(1))
    return int(c.date[:4]) if c.date and re.match(r"\d{4}", c.date) else None


def resolve_citation(c: Citation, *, citing_scope: Scope, corpus: Corpus,
                     citing: Doc | None = None) -> Resolution | None:
    """The ingested document a citation refers to, when its IRI is not already that document.

    Numbered ingested documents match on the same number, place and year. Unnumbered ones
    (drafts, copies with a blank number) match on form, issuer code, place, year, period and
    title; the best candidate wins only if it is clearly better than the next one.
    """
    if c.cited in corpus.docs or not c.number:
        return None
    national = iri.is_national_number(c.number)
    place = None if national else (
        province_in_text(c.issuer) or _scope_place(c.cited) or province_in_text(c.quote)
        or citing_scope.province
    )
    year = _cited_year(c)
    qperiod = _quote_period(" ".join(x for x in (c.quote, c.cited_title) if x))
    citing_period = period_years(citing.period) if citing is not None and citing.is_plan else None
    code = iri.number_issuer_code(c.number)
    candidates: list[Resolution] = []
    by_place = _index(corpus)
    if national:  # an ingested national document, or one whose level is unknown
        pool = corpus.national
    else:
        pool = by_place.get(place, []) if place else []
    for e in pool:
        if e.iri == c.citing:
            continue
        ev: list[str] = []
        e_place = place_key(e.admin_unit)
        if not national:
            if place is None or e_place != place:
                continue
            ev.append(f"same place: {e.admin_unit}")
        e_year = int(e.date[:4]) if e.date and re.match(r"\d{4}", e.date) else None
        if year and e_year and year != e_year:
            continue
        if c.date and e.date and len(c.date) == len(e.date) == 10 and c.date != e.date:
            continue
        if e.number:
            if _norm_number(e.number) != _norm_number(c.number):
                continue
            ev.append(f"same number {c.number}")
            candidates.append(Resolution(c.cited, e, 1.0, ev, c))
            continue
        # An unnumbered ingested copy: compare what both sides say.
        score = 0.3 if not national else 0.0
        if c.type and e.form:
            if c.type != e.form:
                continue
            score += 0.2
            ev.append(f"same form: {e.form}")
        issuer_ok = _issuer_matches(code, e.issuer)
        if issuer_ok is False:
            continue
        if issuer_ok:
            score += 0.1
            ev.append(f"issuer code {code} fits {e.issuer}")
        if year and e_year:
            ev.append(f"same year {year}")
        if qperiod and e.period:
            if qperiod != period_years(e.period):
                continue
            score += 0.2
            ev.append(f"same period {e.period}")
        elif citing_period and e.period:
            # The quote does not state the period: plans concretise plans of their own span
            # (a 2026-2030 commune plan rests on the 2026-2030 city plan, an annual plan on
            # the annual plan), so the citing plan's period stands in for it.
            if citing_period != period_years(e.period):
                continue
            score += 0.15
            ev.append(f"citing plan's period {e.period} is the candidate's")
        shared = _title_tokens(c.quote) & (_title_tokens(e.title) | _title_tokens(e.attached_title))
        title_ref = _title_tokens(e.attached_title or e.title)
        sim = len(shared & title_ref) / len(title_ref) if title_ref else 0.0
        if sim:
            score += 0.2 * sim
            ev.append(f"title words shared {sim:.0%}: {' '.join(sorted(shared)[:8])}")
        if score >= 0.6 and (qperiod is not None or citing_period is not None):
            candidates.append(Resolution(c.cited, e, round(min(score, 1.0), 3), ev, c))
    if not candidates:
        return None
    candidates.sort(key=lambda r: r.score, reverse=True)
    if len(candidates) > 1 and candidates[0].score - candidates[1].score < 0.05:
        return None  # ambiguous: never guess between two documents
    return candidates[0]


def is_plan_citation(c: Citation, resolved: Doc | None) -> bool:
    """A legal-basis citation of a plan or programme (what a plan implements)."""
    if c.role != "legal_basis" or c.clause == "theo_de_nghi":
        return False
    if resolved is not None and resolved.is_plan:
        return True
    if c.type in ("ke_hoach", "chuong_trinh"):
        return bool(_CCHC_WORDS.search(fold(c.quote))) or c.clause == "thuc_hien"
    if c.type not in _PLAN_ISSUING:
        return False  # letters, reports, decrees may speak of plans but are not plans
    if c.clause == "thuc_hien":
        return True  # "Thực hiện Quyết định / Nghị quyết ...": what the plan carries out
    after = fold(" ".join(x for x in (c.quote, c.cited_title) if x))
    if c.number:
        pos = after.find(fold(c.number.split("/")[0]))
        after = after[pos:] if pos >= 0 else after
    return bool(_PLAN_WORDS.search(after) and _CCHC_WORDS.search(after))


@dataclass(slots=True)
class PlanLink:
    lower: str
    higher: str  # an ingested document, or the cited-document resource
    relation: str  # "applies" (cited as basis) or "contributes" (inferred from the hierarchy)
    score: float
    evidence: list[str] = field(default_factory=list)
    citation: Citation | None = None
    ingested: bool = False  # the higher plan is ingested (its targets and tasks can be aligned)
    evidence_vi: list[str] = field(default_factory=list)


_CLAUSE_VI = {"can_cu": "Căn cứ", "thuc_hien": "Thực hiện", "theo_de_nghi": "Theo đề nghị của"}
_LEVEL_VI = {"commune": "cấp xã", "province": "cấp tỉnh", "national": "trung ương"}


def citation_evidence(c: Citation) -> tuple[str, str]:
    """What the citation says, in English and Vietnamese: line, clause, number, and the cited
    document's subject when the citation states one (cchc:statedSubject), else the quote."""
    what = c.subject or c.cited_title
    head = f"line {c.line}: {_CLAUSE_VI.get(c.clause or '', c.clause or 'cites')} {c.number or ''}".strip()
    head_vi = f"dòng {c.line}: {_CLAUSE_VI.get(c.clause or '', 'trích dẫn')} {c.number or ''}".strip()
    if what:
        return f"{head}, about: {what.strip()[:160]}", f"{head_vi}, về: {what.strip()[:160]}"
    q = c.quote.strip()[:160]
    return f"{head}: {q}", f"{head_vi}: {q}"


def plan_links(doc: Doc, *, corpus: Corpus, scope: Scope) -> tuple[list[PlanLink], list[Resolution]]:
    """Links from ``doc`` to the plans it implements, and the citations resolved on the way."""
    links: dict[str, PlanLink] = {}
    resolved: dict[str, Resolution] = {}
    for c in corpus.citations.get(doc.iri, []):
        res = resolve_citation(c, citing_scope=scope, corpus=corpus, citing=doc)
        if res is not None:
            best = resolved.get(res.cited)
            if best is None or res.score > best.score:  # one resolution per cited document
                resolved[res.cited] = res
        target = res.doc if res else corpus.docs.get(c.cited)
        if not is_plan_citation(c, target):
            continue
        higher = target.iri if target else c.cited
        if higher == doc.iri or higher in links:
            continue
        en, vi = citation_evidence(c)
        ev, ev_vi = [en], [vi]
        if res:
            ev.append(f"{c.number} resolved to ingested {res.doc.source} ({'; '.join(res.evidence)})")
            ev_vi.append(f"số {c.number} là văn bản đã nạp {res.doc.source} "
                         f"(cùng địa phương, năm, hình thức; {res.doc.attached_title or res.doc.title or ''})")
        links[higher] = PlanLink(doc.iri, higher, "applies", 1.0 if not res else res.score, ev, c,
                                 ingested=target is not None, evidence_vi=ev_vi)
    years = doc.years
    by_place = _index(corpus)
    near = [d for d in corpus.national if d.level == "national"] + (
        by_place.get(scope.province, []) if scope.province else [])
    for e in near:
        if e.iri in links or e.iri == doc.iri or not e.is_plan or e.rank <= doc.rank or doc.rank == 0:
            continue
        if e.level == "province":
            if scope.province is None or place_key(e.admin_unit) != scope.province:
                continue
            where = f"same province ({e.admin_unit}; {scope.evidence})"
        elif e.level == "national":
            where = "national plan"
        else:
            continue
        ov = overlaps(years, e.years)
        if ov is False:
            continue
        period = f"periods {doc.period or '?'} and {e.period or '?'} overlap" if ov else "period unknown"
        vi_where = f"cùng tỉnh/thành phố {e.admin_unit}" if e.level == "province" else "kế hoạch trung ương"
        vi_period = (f"giai đoạn {doc.period or '?'} và {e.period or '?'} chồng lấn" if ov
                     else "chưa rõ giai đoạn")
        links[e.iri] = PlanLink(doc.iri, e.iri, "contributes", 0.8 if ov else 0.6,
                                [f"{where}; {doc.level} plan under a {e.level} plan; {period}"],
                                ingested=True,
                                evidence_vi=[(f"{vi_where}; kế hoạch {_LEVEL_VI.get(doc.level or '', '')} thuộc kế hoạch "
                                              f"{_LEVEL_VI.get(e.level or '', '')}; {vi_period}")])
    return list(links.values()), list(resolved.values())
