"""Typed records that the extractors produce and the RDF mapper consumes.

Ingestion is a set of pure functions from text to these records; nothing here knows about
RDF or stores. Every record carries the 1-based source line where its text starts, so the
graph can point back to the original document (provenance), and keeps the original text
alongside any normalised value.

Value conventions follow ../shared/design/contract.md (document numbers normalised with
proper Vietnamese letters, partial ISO dates, deadline codes, comparators).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["national", "province", "commune"]
Role = Literal["legal_basis", "mentioned"]
Comparator = Literal[">=", ">", "=", "<=", "<", "top_n"]


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """The ingested document's own metadata (one per file).

    ``form`` is the document-type key (``quyet_dinh``, ``ke_hoach`` ...; see
    ontology/doc-types.ttl). ``number`` is None when the printed number is blank
    (a draft or an unnumbered copy). ``date`` is a partial ISO date (``2026``,
    ``2026-02``, ``2026-02-13``) because OCR or drafts often lose the day.
    """

    source: str
    number: str | None = None
    form: str | None = None
    issuer: str | None = None
    admin_unit: str | None = None
    admin_unit_type: str | None = None  # xa, phuong, dac_khu, tinh, thanh_pho
    parent_admin_unit: str | None = None  # e.g. "thành phố Hà Nội" for a ward of Hà Nội
    level: Level | None = None
    date: str | None = None
    date_text: str | None = None
    period: str | None = None  # "2026-2030" or "2026"
    title: str | None = None
    attached_plan_title: str | None = None
    signer: str | None = None
    line: int = 1


@dataclass(frozen=True, slots=True)
class CitationRecord:
    """One occurrence of a numbered document (or a law cited by name) in the text.

    ``number`` is normalised (``59/2019/NĐ-CP``); None for laws cited by name, which
    carry ``name`` and ``year`` instead. ``issuer`` is the issuer as stated in the text
    (``Chính phủ``), or derived from the number's issuer code when not stated
    (``issuer_source`` says which). ``clause`` is the basis clause that introduced it
    (``can_cu``, ``thuc_hien``, ``theo_de_nghi``) or None.
    """

    line: int
    quote: str
    number: str | None = None
    type: str | None = None  # document-type key, e.g. nghi_quyet, luat
    issuer: str | None = None
    issuer_source: Literal["stated", "code", "context"] | None = None
    issuer_admin_unit: str | None = None  # admin unit of a local issuer (UBND thành phố Hà Nội)
    date: str | None = None
    role: Role = "mentioned"
    clause: str | None = None
    name: str | None = None  # for laws cited by name: "Luật Thủ đô"
    year: int | None = None
    subject: str | None = None  # what the citation says the cited document is about, as printed


@dataclass(frozen=True, slots=True)
class TargetRecord:
    """A quantified target (chỉ tiêu): indicator, comparator, value, unit and period."""

    line: int
    text: str
    indicator: str  # skos:notation of the indicator concept
    comparator: Comparator
    value: float
    unit: str  # %, level, rank, count, points, days ...
    period: str | None = None
    area: str | None = None  # reform-area notation
    section: str | None = None  # heading number such as "I.2.1"
    aspiration: bool = False  # "phấn đấu"
    baseline: float | None = None  # last year's result (index tables)
    max_score: float | None = None  # index tables
    criterion_code: str | None = None  # index tables: criterion code such as "3.2"
    responsible: str | None = None  # index tables: responsible unit as printed


@dataclass(frozen=True, slots=True)
class UnitMention:
    """An organisational unit as written in a document (original spelling kept)."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """A task (nhiệm vụ) from an appendix table, a prose task list or a unit's duties.

    ``n`` is the number as printed (or the row's position when OCR lost it).
    ``deadline`` is normalised per contract.md; ``deadline_text`` keeps the wording.
    ``lead`` is the (first) lead unit; ``co_leads`` the others a shared lead cell names.
    """

    line: int
    title: str
    n: str | None = None
    clean_title: str | None = None
    area: str | None = None
    group: str | None = None  # heading of the task group it belongs to, as printed
    lead: str | None = None
    coordinating: tuple[str, ...] = ()
    lead_official: str | None = None
    deadline: str | None = None
    deadline_text: str | None = None
    product: str | None = None
    kind: Literal["table", "prose", "duty"] = "table"
    end_line: int | None = None
    # Further lead units when one cell names several ("Văn phòng UBND Thành phố; Sở Nội vụ",
    # "Các Sở: Nội vụ, Tư pháp" -> "Sở Nội vụ", "Sở Tư pháp"), in printed order; ``lead`` is the first.
    co_leads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """A resolved organisational unit of the gazetteer with every spelling seen."""

    key: str  # accent-folded canonical key, stable across spellings
    label: str  # best display label (with diacritics when any spelling has them)
    variants: tuple[str, ...] = ()
    collective: bool = False  # "Các phòng, ban, đơn vị liên quan"
    kind: str | None = None  # so, phong, van_phong, cong_an, trung_tam, ubnd ...


@dataclass(frozen=True, slots=True)
class AnnexRecord:
    """An annex (phụ lục, danh mục) that the body refers to, or one the document contains.

    ``kind`` is ``reference`` for a mention in the body (``tại Phụ lục I kèm theo``) and
    ``present`` for an annex found in the document (its title, or unlabelled annex content:
    a task table, an index-criteria table). ``label`` is the annex number normalised to an
    integer string (``I`` and ``1`` -> ``"1"``), None when unlabelled. ``indicators`` are the
    notations of the indicators the reference or the annex names; ``content`` is ``tasks`` or
    ``targets`` when the wording or the content says which.
    """

    line: int
    label: str | None
    kind: Literal["reference", "present"]
    indicators: tuple[str, ...] = ()
    text: str = ""
    content: Literal["tasks", "targets"] | None = None


@dataclass(slots=True)
class ExtractionResult:
    """Everything extracted from one document; the unit of atomic ingestion."""

    document: DocumentRecord
    citations: list[CitationRecord] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)
    units: list[UnitRecord] = field(default_factory=list)
    annexes: list[AnnexRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text_style: Literal["clean", "markdown", "ocr"] = "clean"
