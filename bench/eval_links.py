"""Precision/recall of cross-level links against the hand-made sample tests/data/links_manual.json.

Ingests the seeds with the real extractors into a throw-away store, links them, and for each
sampled higher-level target compares the lower-level items linked to it (task links and
target alignments) with the items a careful reader names. Items are located by quote: an
extracted item matches a gold entry when the gold quote's line lies within ``window`` lines
after the item's first line. Any link from a negative source (another province) is a false
positive. A sweep over the task-link threshold shows where precision and recall trade off.

    python bench/eval_links.py [--seeds DIR] [--gold FILE] [--sweep]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

from cchc_kg.graph.link.run import link_store
from cchc_kg.graph.link.tasks import DEFAULT
from cchc_kg.graph.loader import discover, load_files
from cchc_kg.graph.store import open_store
from rdflib import URIRef

REPO = Path(__file__).resolve().parent.parent
ITEMS = """PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
SELECT ?item ?source ?line ?indicator WHERE {
  { ?item a cchc:Task } UNION { ?item a cchc:Target }
  ?item cchc:sourceFile ?source ; cchc:sourceLine ?line .
  OPTIONAL { ?item cchc:indicator ?ic . BIND(REPLACE(STR(?ic), "^.*/", "") AS ?indicator) }
}"""
LINKED = """PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?lower ?source ?line ?kind ?relation ?score WHERE {
  ?lower prov:qualifiedInfluence ?l . ?l prov:influencer ?higher ; a ?kind ; cchc:relation ?relation ; cchc:score ?score .
  FILTER(?kind IN (cchc:TaskLink, cchc:TargetAlignment))
  ?lower cchc:sourceFile ?source ; cchc:sourceLine ?line .
}"""


def quote_line(seeds: Path, source: str, quote: str) -> int | None:
    for i, line in enumerate((seeds / source).read_text(encoding="utf-8").split("\n"), 1):
        if quote in line:
            return i
    return None


def evaluate(store, gold: dict, seeds: Path, *, min_task_score: float = 0.0) -> dict:
    window = int(gold.get("window", 6))
    before = int(gold.get("before", 0))
    negatives = set(gold.get("negative_sources", []))
    items = [{k: str(v) for k, v in r.items() if v is not None} for r in store.query(ITEMS).dicts()]
    tp = fp = fn = 0
    details = []
    # per kind of link: predicted TaskLink / TargetAlignment (tp, fp); gold kind task / target (n, missed)
    kinds: dict[str, list[int]] = {"TaskLink": [0, 0], "TargetAlignment": [0, 0]}
    gold_kinds: dict[str, list[int]] = {}
    relations: dict[str, list[int]] = {}
    for entry in gold["links"]:
        h = entry["higher"]
        q = quote_line(seeds, h["source"], h["quote"])
        highers = [i["item"] for i in items if i["source"] == h["source"] and q is not None
                   and int(i["line"]) == q and i.get("indicator") == h.get("indicator")]
        expected = [(e["source"], quote_line(seeds, e["source"], e["quote"]), e["quote"]) for e in entry["expected"]]
        predicted: dict[str, tuple[str, int, str, float, str]] = {}
        for hi in highers:
            res = store.query(LINKED, bindings={"higher": URIRef(hi)})
            for r in res.dicts():
                kind = str(r["kind"]).rsplit("#", 1)[-1]
                score = float(r["score"].toPython())
                if kind == "TaskLink" and score < min_task_score:
                    continue
                predicted[str(r["lower"])] = (str(r["source"]), int(r["line"].toPython()), str(r["relation"]), score, kind)
        found = set()
        hits = 0
        for src, line, rel, score, kind in predicted.values():
            match = next((k for k, (s, ql, _) in enumerate(expected)
                          if s == src and ql is not None and line - before <= ql <= line + window), None)
            ok = match is not None and src not in negatives
            kinds[kind][0 if ok else 1] += 1
            relations.setdefault(rel, [0, 0])[0 if ok else 1] += 1
            if ok:
                found.add(match)
                hits += 1
            else:
                fp += 1
                details.append(f"  FP {h['quote'][:40]!r} <- {src}:{line} {rel} {score:.2f}")
        tp += hits
        for k, (s, ql, quote) in enumerate(expected):
            gk = gold_kinds.setdefault(entry["expected"][k].get("kind", "any"), [0, 0])
            gk[0] += 1
            if k not in found:
                gk[1] += 1
                fn += 1
                details.append(f"  FN {h['quote'][:40]!r} missing {s}:{ql} {quote[:50]!r}")
        if not highers:
            details.append(f"  !! higher target not extracted: {h['source']}:{q} {h['quote']!r}")
    # recall counts gold entries; precision counts predicted items (several items may hit one entry)
    gold_n = sum(len(e["expected"]) for e in gold["links"])
    recall = (gold_n - fn) / gold_n if gold_n else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    return {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn, "details": details,
            "by_kind": {k: {"tp": v[0], "fp": v[1], "precision": v[0] / (v[0] + v[1]) if v[0] + v[1] else None}
                        for k, v in kinds.items()},
            "by_relation": {k: {"tp": v[0], "fp": v[1]} for k, v in sorted(relations.items())},
            "recall_by_gold_kind": {k: {"n": v[0], "missed": v[1], "recall": (v[0] - v[1]) / v[0]}
                                    for k, v in sorted(gold_kinds.items())}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    ap.add_argument("--gold", type=Path, default=REPO / "tests" / "data" / "links_manual.json")
    ap.add_argument("--store", help="evaluate on an already-ingested store instead of ingesting the seeds")
    ap.add_argument("--sweep", action="store_true", help="sweep the task-link threshold")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not args.seeds.is_dir():
        print(f"no seeds at {args.seeds}", file=sys.stderr)
        return 2
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    if args.store:
        store = open_store(args.store)
    else:
        store = open_store("memory:")
        files, _ = discover([args.seeds])
        loaded = load_files(store, files)
        for o in loaded.failed:
            print(f"ingest failed: {o.path.name}: {o.error}", file=sys.stderr)
    t1 = time.perf_counter()
    thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6] if args.sweep else [DEFAULT.threshold]
    for th in thresholds:
        params = dataclasses.replace(DEFAULT, threshold=th)
        t2 = time.perf_counter()
        report = link_store(store, params=params)
        t3 = time.perf_counter()
        r = evaluate(store, gold, args.seeds)
        print(f"threshold {th:.2f}: precision {r['precision']:.2f} recall {r['recall']:.2f} "
              f"(tp {r['tp']} fp {r['fp']} fn {r['fn']}); ingest {t1 - t0:.1f} s, link {t3 - t2:.1f} s")
        if args.verbose or not args.sweep:
            print("\n".join(r["details"]))
            print("  precision by kind of link:", json.dumps(r["by_kind"]))
            print("  predictions by relation (tp, fp):", json.dumps(r["by_relation"]))
            print("  recall by gold kind:", json.dumps(r["recall_by_gold_kind"]))
    print("links per document (plans, resolved, target alignments, task links):")
    for row in report.counts():
        print("  ", *row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
