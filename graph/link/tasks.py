"""Task -> higher-level target / task-group links, scored from transparent evidence.

For every task of a lower-level plan, each target and task (lettered task groups a), b) ...,
duties of units, appendix rows) of the higher plans it implements is scored from four
measurable pieces of evidence, each shown to the reader:

- indicator: the task's text names the indicator the higher target measures (signal
  phrases of ontology/schemes/indicators.ttl; half weight for another component of the same
  index), or task and higher task name a common indicator. Named in the task's main clause
  it counts fully; named only after a ';' or ':' (context such as "...; những vấn đề ảnh
  hưởng đến Chỉ số SIPAS") it counts ``passing`` and never makes the link direct;
- lexical: normalised BM25 of the task's accent-folded text against the higher items, with
  the key phrases both share;
- area: both belong to the same reform area;
- restatement: the task restates a run of consecutive words of the higher item (communes
  copy the city's wording), the explicit form of "mentions".

score = w_lexical*lexical + w_indicator*indicator + w_area*area + w_restated*restated (<= 1).
A link is kept when score >= ``threshold`` (at most ``max_links`` per task); it is
``direct`` when the task acts on the measured indicator or restates / closely matches the
higher item (lexical >= ``direct_lexical``), else ``supporting``.

A lower plan's *targets* are linked the same way to the higher plan's tasks and task groups
(a commune's "100% TTHC đủ điều kiện cung cấp DVC trực tuyến toàn trình" serves the city's
group "Đổi mới toàn diện việc tiếp nhận, giải quyết TTHC, cung cấp DVC"); target-to-target
pairs are aligned by graph/link/targets.py instead. Weights and thresholds are set from
measured precision/recall (bench/eval_links.py), not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from cchc_kg.graph.link.evidence import area_label, original_phrases, quote
from cchc_kg.graph.link.higher import HigherSide, Named, grams, named_indicators, word_spans, words
from cchc_kg.graph.link.indicators import Lexicon
from cchc_kg.graph.link.lexical import stopwords
from cchc_kg.graph.link.model import Item

METHOD = "indicator+bm25+area+restatement v2"


@dataclass(frozen=True, slots=True)
class Params:
    w_lexical: float = 0.4
    w_indicator: float = 0.5
    w_area: float = 0.1
    w_restated: float = 0.2
    threshold: float = 0.3
    direct_lexical: float = 0.45
    restated_words: int = 6  # consecutive words shared to count as a restatement ...
    restated_share: float = 0.5  # ... covering at least this share of the shorter text
    max_links: int = 3  # 3 keeps the sample's recall (6: same recall, one more false link; 2: -0.04)
    passing: float = 0.2  # indicator strength of a mention outside the task's main clause
    max_target_links: int = 3  # links from one lower target to higher tasks


DEFAULT = Params()


@dataclass(slots=True)
class TaskLink:
    lower: Item
    higher: Item
    relation: str  # direct | supporting
    score: float
    lexical: float
    phrases: tuple[str, ...] = ()
    indicator: str | None = None
    area: str | None = None
    restated: str | None = None
    evidence: list[str] = field(default_factory=list)  # English (reports, tests; not stored)
    evidence_vi: list[str] = field(default_factory=list)  # stored as cchc:evidenceSummary@vi


def restatement(lower: str, higher: str, *, min_words: int, share: float) -> str | None:
    """The longest run of consecutive words both texts share, when it is long enough in words
    and covers enough of the shorter text (so a stock phrase such as "giải quyết thủ tục
    hành chính" inside two different tasks is not a restatement)."""
    run = _restated(words(lower), words(higher), min_words=min_words, share=share)
    return " ".join(words(lower)[run[0]:run[1]]) if run else None


def _restated(a: list[str], b: list[str], *, min_words: int, share: float,
              matcher: SequenceMatcher | None = None) -> tuple[int, int] | None:
    """(start, end) word indices in ``a`` of the restated run, or None."""
    if len(a) < min_words or len(b) < min_words or len(set(a) & set(b)) < min_words - 1:
        return None
    if matcher is None:
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(b)
    matcher.set_seq1(a)
    m = matcher.find_longest_match(0, len(a), 0, len(b))
    content = [w for w in a[m.a:m.a + m.size] if w not in stopwords()]
    if m.size >= min_words and m.size >= share * min(len(a), len(b)) and len(content) >= min_words // 2:
        return m.a, m.a + m.size
    return None


def _lower_named(low: Item, lexicon: Lexicon) -> Named:
    n = named_indicators(low.text, lexicon)
    if low.kind == "target" and low.indicator and low.indicator != "other":
        return Named(n.focal | {low.indicator}, n.passing - {low.indicator})
    return n


def _indicator(low: Named, high: Item, high_named: Named, lexicon: Lexicon,
               params: Params) -> tuple[float, str | None, str, str]:
    """(strength 0..1, shared indicator, evidence in English, evidence in Vietnamese)."""
    if high.kind == "target" and high.indicator:
        code = high.indicator
        label = lexicon.label(code)
        if code in low.focal:
            return 1.0, code, f"task names the target's indicator {code}", f"nêu đúng chỉ số của chỉ tiêu: {label}"
        fam = lexicon.family(code) - {code}
        if fam & low.focal:
            other = min(fam & low.focal)
            return (0.5, code, f"task names {other}, of the same index as {code}",
                    f"nêu {lexicon.label(other)}, cùng bộ chỉ số với {label}")
        if code in low.passing or fam & low.passing:
            return (params.passing, code, f"names {code} only in passing (outside the task's main clause)",
                    f"chỉ nhắc đến {label} ngoài nội dung chính của nhiệm vụ")
        return 0.0, None, "", ""
    focal = low.focal & high_named.all
    if focal:
        code = min(focal)
        return 1.0, code, f"both name the indicator {code}", f"cả hai cùng nêu chỉ số {lexicon.label(code)}"
    shared = low.all & high_named.all
    if shared:
        code = min(shared)
        return (params.passing, code, f"both name {code}, the task only in passing",
                f"cùng nhắc đến {lexicon.label(code)} (nhiệm vụ chỉ nhắc qua)")
    return 0.0, None, "", ""


def link_tasks(lower: list[Item], higher: list[Item] | HigherSide, *, lexicon: Lexicon,
               params: Params = DEFAULT) -> list[TaskLink]:
    """Scored links from every lower task (and target) to the higher items it serves."""
    side = higher if isinstance(higher, HigherSide) else HigherSide.build(higher, lexicon=lexicon)
    if not side.cands:
        return []
    out: list[TaskLink] = []
    for low in lower:
        if not low.text.strip() or low.kind not in ("task", "target"):
            continue
        out.extend(_link_one(low, side, lexicon=lexicon, params=params))
    return out


def _link_one(low: Item, side: HigherSide, *, lexicon: Lexicon, params: Params) -> list[TaskLink]:
    lex, query = side.index.vector(low.text)
    named = _lower_named(low, lexicon)
    ind = np.zeros(len(side.cands))
    ind_info: dict[int, tuple[float, str | None, str, str]] = {}
    for code in named.all | {f for c in named.all for f in lexicon.family(c)}:
        for i in side.by_indicator.get(code, ()):
            if i not in ind_info:
                ind_info[i] = _indicator(named, side.cands[i], side.named[i], lexicon, params)
                ind[i] = ind_info[i][0]
    area = (side.areas == low.area) if low.area else np.zeros(len(side.cands), dtype=bool)
    base = params.w_lexical * lex + params.w_indicator * ind + params.w_area * area
    allowed = side.is_task if low.kind == "target" else np.ones(len(side.cands), dtype=bool)
    reachable = np.nonzero(allowed & (base + params.w_restated >= params.threshold - 1e-9))[0]
    low_words: list[str] | None = None
    low_grams: frozenset[tuple[str, ...]] | None = None
    n = params.restated_words
    # Score every reachable candidate first, keep the best ``max_links``, and write the
    # evidence (key phrases, restated wording) only for those: the evidence cost more than
    # the scores and most candidates above the threshold are cut by the limit anyway.
    kept: list[tuple[float, int, float, tuple[int, int] | None]] = []
    for i in reachable:
        i = int(i)
        m = float(lex[i])
        run = None
        if m >= 0.1:
            low_words = low_words if low_words is not None else words(low.text)
            low_grams = low_grams if low_grams is not None else grams(low_words, n)
            # A restated run of n words or more needs a common run of n words: most pairs
            # share none, and the set test is far cheaper than the longest-match search.
            if n <= 0 or not low_grams.isdisjoint(side.grams(i, n)):
                run = _restated(low_words, side.words[i], min_words=n,
                                share=params.restated_share, matcher=side.matcher(i))
        score = round(min(1.0, float(base[i]) + (params.w_restated if run else 0.0)), 3)
        if score >= params.threshold:
            kept.append((score, i, m, run))
    kept.sort(key=lambda t: (-t[0], side.cands[t[1]].line, side.cands[t[1]].iri))
    limit = params.max_target_links if low.kind == "target" else params.max_links
    scored: list[TaskLink] = []
    for score, i, m, run in kept[:limit]:
        h = side.cands[i]
        strength, code, ind_en, ind_vi = ind_info.get(i, (0.0, None, "", ""))
        direct = strength >= 1.0 or run is not None or m >= params.direct_lexical
        phrases = side.index.phrases(query, i)[:8] if m > 0 else ()
        shared_area = low.area if bool(area[i]) else None
        ev_en, ev_vi = [], []
        if ind_en:
            ev_en.append(ind_en)
            ev_vi.append(ind_vi)
        restated = None
        if run:
            low_words = low_words if low_words is not None else words(low.text)
            restated = " ".join(low_words[run[0]:run[1]])
            spans = word_spans(low.text)
            ev_en.append(f"restates: \u201c{restated}\u201d")
            ev_vi.append(f"nhắc lại nguyên văn {quote(low.text[spans[run[0]][0]:spans[run[1] - 1][1]])}")
        if phrases:
            ev_en.append(f"shared key phrases: {', '.join(phrases[:6])} (BM25 {m:.2f})")
            ev_vi.append(f"cụm từ trùng: {', '.join(original_phrases(low.text, phrases))} (độ tương đồng {m:.2f})")
        if shared_area:
            ev_en.append(f"same reform area: {shared_area}")
            ev_vi.append(f"cùng lĩnh vực: {area_label(shared_area)}")
        scored.append(TaskLink(low, h, "direct" if direct else "supporting", score, round(m, 3), phrases,
                               code, shared_area, restated, ev_en, ev_vi))
    return scored
