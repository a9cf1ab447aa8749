"""Task -> higher-level target / task-group links, scored from transparent evidence.

For every task of a lower-level plan, each target and task (lettered task groups a), b) ...,
duties of units, appendix rows) of the higher plans it implements is scored from four
measurable pieces of evidence, each shown to the reader:

- indicator: the task's text names the indicator the higher target measures (signal
  phrases of ontology/schemes/indicators.ttl; half weight for another component of the same
  index), or task and higher task name a common indicator;
- lexical: normalised BM25 of the task's accent-folded text against the higher items, with
  the key phrases both share;
- area: both belong to the same reform area;
- restatement: the task restates a run of consecutive words of the higher item (communes
  copy the city's wording), the explicit form of "mentions".

score = w_lexical*lexical + w_indicator*indicator + w_area*area + w_restated*restated (<= 1).
A link is kept when score >= ``threshold`` (at most ``max_links`` per task); it is
``direct`` when the task acts on the measured indicator or restates / closely matches the
higher item (lexical >= ``direct_lexical``), else ``supporting``. Weights and thresholds are
set from measured precision/recall (bench/eval_links.py), not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from cchc_kg.graph.ingest.lexicon import skeleton
from cchc_kg.graph.link.indicators import Lexicon
from cchc_kg.graph.link.lexical import Index, stopwords
from cchc_kg.graph.link.model import Item

METHOD = "indicator+bm25+area+restatement v1"


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
    max_links: int = 6


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
    evidence: list[str] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", skeleton(text))


def restatement(lower: str, higher: str, *, min_words: int, share: float) -> str | None:
    """The longest run of consecutive words both texts share, when it is long enough in words
    and covers enough of the shorter text (so a stock phrase such as "giải quyết thủ tục
    hành chính" inside two different tasks is not a restatement)."""
    return _restated(_words(lower), _words(higher), min_words=min_words, share=share)


def _restated(a: list[str], b: list[str], *, min_words: int, share: float,
              matcher: SequenceMatcher | None = None) -> str | None:
    if len(a) < min_words or len(b) < min_words or len(set(a) & set(b)) < min_words - 1:
        return None
    if matcher is None:
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(b)
    matcher.set_seq1(a)
    m = matcher.find_longest_match(0, len(a), 0, len(b))
    run = a[m.a:m.a + m.size]
    content = [w for w in run if w not in stopwords()]
    if m.size >= min_words and m.size >= share * min(len(a), len(b)) and len(content) >= min_words // 2:
        return " ".join(run)
    return None


def _indicator_evidence(low: Item, high: Item, low_ind: set[str], high_ind: set[str],
                        lexicon: Lexicon) -> tuple[float, str | None, str | None]:
    """(strength 0..1, shared indicator notation, wording for the evidence)."""
    if high.kind == "target" and high.indicator:
        if high.indicator in low_ind:
            return 1.0, high.indicator, f"task names the target's indicator {high.indicator}"
        fam = lexicon.family(high.indicator) & low_ind
        if fam:
            other = sorted(fam)[0]
            return 0.5, high.indicator, f"task names {other}, of the same index as {high.indicator}"
        return 0.0, None, None
    shared = low_ind & high_ind
    if shared:
        ind = sorted(shared)[0]
        return 1.0, ind, f"both name the indicator {ind}"
    return 0.0, None, None


def link_tasks(
    lower: list[Item], higher: list[Item], *, lexicon: Lexicon, params: Params = DEFAULT
) -> list[TaskLink]:
    """Scored links from every lower task to the higher targets and tasks it serves."""
    tasks = [i for i in lower if i.kind == "task" and i.text.strip()]
    cands = [h for h in higher if h.text.strip()]
    if not tasks or not cands:
        return []
    index = Index([h.text for h in cands])
    high_words = [_words(h.text) for h in cands]
    matchers = []
    for hw in high_words:  # SequenceMatcher indexes its second sequence once
        sm = SequenceMatcher(None, autojunk=False)
        sm.set_seq2(hw)
        matchers.append(sm)
    high_ind = [{m.notation for m in lexicon.mentions(h.text)} | ({h.indicator} if h.indicator else set())
                for h in cands]
    out: list[TaskLink] = []
    for low in tasks:
        low_ind = {m.notation for m in lexicon.mentions(low.text)}
        low_words = _words(low.text)
        matches = index.scores(low.text)
        scored: list[TaskLink] = []
        for h, hi, hw, sm, m in zip(cands, high_ind, high_words, matchers, matches, strict=True):
            ind, ind_code, ind_text = _indicator_evidence(low, h, low_ind, hi, lexicon)
            area = low.area if low.area and low.area == h.area else None
            restated = _restated(low_words, hw, min_words=params.restated_words, share=params.restated_share,
                                 matcher=sm) if m.score >= 0.1 else None
            score = (params.w_lexical * m.score + params.w_indicator * ind
                     + params.w_area * (1.0 if area else 0.0) + params.w_restated * (1.0 if restated else 0.0))
            score = round(min(1.0, score), 3)
            if score < params.threshold:
                continue
            direct = ind >= 1.0 or restated is not None or m.score >= params.direct_lexical
            ev: list[str] = []
            if ind_text:
                ev.append(ind_text)
            if restated:
                ev.append(f"restates: \u201c{restated}\u201d")
            if m.phrases:
                ev.append(f"shared key phrases: {', '.join(m.phrases[:6])} (BM25 {m.score:.2f})")
            if area:
                ev.append(f"same reform area: {area}")
            scored.append(TaskLink(low, h, "direct" if direct else "supporting", score, round(m.score, 3),
                                   m.phrases[:8], ind_code, area, restated, ev))
        scored.sort(key=lambda t: (-t.score, t.higher.line))
        out.extend(scored[: params.max_links])
    return out
