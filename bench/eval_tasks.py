"""Precision/recall and per-field accuracy of the table-task extractor against hand labels.

Gold: ``../shared/dev-gold/tasks.json`` (seed 000, rows 1-20) and the manual readings in
``tests/data/tasks_manual_*.json`` (000 rows 21-43; samples of 003 and 004). Usage::

    python3 bench/eval_tasks.py [--seeds DIR] [--gold FILE ...] [--graph] [--verbose]
    python3 bench/eval_tasks.py --heldout    # the OCR fixtures the rules were not tuned on

Two modes measure the same gold:

- records (default): ``extract_table_tasks`` on each seed, fields as the extractor returns them;
- ``--graph``: what users see. Each seed is ingested (whole pipeline, RDF mapping, gazetteer)
  into a memory store and the ``tasks`` named query is run; ``lead`` and ``coordinating`` are
  then the gazetteer's unit labels (coordinating joined with "; "), ``title`` is the query's
  title. The leader in charge is not a column of the contract's query, so it is read from
  the same graph with a side query on ``cchc:leadOfficial``; only table rows
  (``cchc:taskKind "table"``) are compared.

Matching: a gold row matches the extracted row of the same reform area and number whose
title is similar enough (accent-folded token-set ratio >= 50), else the most similar title
(>= 70) in the same area. Row recall counts matched gold rows; row precision is reported for
documents whose whole table is labelled (every extracted row should match). Fields compare
accent-folded, whitespace-normalised text with a fuzzy threshold (OCR keeps its damage in
the original wording); deadlines compare exactly; coordinating compares as a list (records)
or as a set of unit labels (graph); lead compares as a set of units (a gold cell naming
several, "Văn phòng UBND; Sở Nội vụ" or "Các Sở: Nội vụ, Tư pháp", is split by the
extractor's convention, ``table_leads.split_leads``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cchc_kg.graph.ingest.normalise import fold, squash_spaces
from cchc_kg.graph.ingest.records import DocumentRecord, TaskRecord
from cchc_kg.graph.ingest.sections import outline
from cchc_kg.graph.ingest.table_leads import split_leads
from cchc_kg.graph.ingest.task_tables import extract_table_tasks
from cchc_kg.graph.ingest.text import SourceText
from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
GOLD = [
    REPO.parent / "shared" / "dev-gold" / "tasks.json",
    *sorted((REPO / "tests" / "data").glob("tasks_manual_*.json")),
]
HELDOUT = REPO / "tests" / "data" / "task_tables" / "heldout"
FIELDS = ("n", "area", "title", "lead_official", "lead", "coordinating", "deadline", "product")
FULLY_LABELLED = {"000_d447d9ceaf123079.txt"}

_SIDE_QUERY = """
PREFIX cchc: <https://w3id.org/cchc-kg/ontology#>
SELECT ?task ?kind ?official WHERE {
  ?task a cchc:Task ; cchc:taskKind ?kind .
  OPTIONAL { ?task cchc:leadOfficial ?official }
}
"""


@dataclass(frozen=True, slots=True)
class Row:
    """One extracted task as either mode sees it."""

    line: int
    n: str
    area: str | None
    title: str
    lead_official: str | None
    lead: str | None
    coordinating: tuple[str, ...]
    deadline: str | None
    product: str | None
    unordered: bool = False  # coordinating is a set (graph) rather than a list (records)
    co_leads: tuple[str, ...] = ()  # records: the further lead units (graph: all in ``lead``)


def from_record(t: TaskRecord) -> Row:
    return Row(t.line, t.n or "", t.area, t.clean_title or t.title, t.lead_official, t.lead,
               tuple(t.coordinating), t.deadline, t.product, co_leads=tuple(t.co_leads))


def norm(text: str | None) -> str:
    return squash_spaces(fold(text or "")).strip(" .,;-")


def similar(a: str | None, b: str | None, *, threshold: int = 80) -> bool:
    if not a and not b:
        return True
    if not a or not b:
        return False
    return fuzz.ratio(norm(a), norm(b)) >= threshold


def field_ok(name: str, gold: dict, got: Row) -> bool:
    if name == "n":
        return gold["n"] == got.n
    if name == "area":
        return gold.get("group") == got.area
    if name == "title":
        return fuzz.token_set_ratio(norm(gold["title"]), norm(got.title)) >= 80
    if name == "deadline":
        return gold.get("deadline") == got.deadline
    if name == "coordinating":
        want = list(gold.get("coordinating") or [])
        have = list(got.coordinating)
        if len(want) != len(have):
            return False
        if not got.unordered:
            return all(similar(w, h) for w, h in zip(want, have))
        return all(any(similar(w, h) for h in have) for w in want) and all(
            any(similar(w, h) for w in want) for h in have)
    if name == "lead":
        return same_units(lead_units_of_gold(gold.get("lead")), lead_units(got))
    if name == "lead_official":
        return similar(gold.get("lead_official"), got.lead_official)
    return similar(gold.get(name), getattr(got, name))


def lead_units_of_gold(text: str | None) -> tuple[str, ...]:
    """A gold lead cell as its units: a multi-unit cell ("Văn phòng UBND Thành phố; Sở Nội
    vụ", "Các Sở: Nội vụ, Tư pháp") read by the extractor's convention (``split_leads``)."""
    return split_leads(text) if text else ()


def lead_units(got: Row) -> tuple[str, ...]:
    """The extracted lead units: the record's lead and co-leads, or the graph's ``lead``
    column split on "; "."""
    if got.unordered:
        return tuple(u for u in (got.lead or "").split("; ") if u)
    return tuple(u for u in (got.lead, *got.co_leads) if u)


def same_units(want: tuple[str, ...], have: tuple[str, ...]) -> bool:
    """Two lists of units are the same set (each unit fuzzily matched, OCR keeps its damage)."""
    if len(want) != len(have):
        return False
    return all(any(similar(w, h) for h in have) for w in want) and all(
        any(similar(w, h) for w in want) for h in have)


def match(gold_rows: list[dict], tasks: list[Row]) -> list[tuple[dict, Row | None]]:
    free = list(tasks)
    pairs: list[tuple[dict, Row | None]] = []
    for g in gold_rows:
        best, best_score = None, 0.0
        for t in free:
            if t.area != g.get("group") and g.get("group"):
                continue
            score = fuzz.token_set_ratio(norm(g["title"]), norm(t.title))
            need = 50 if t.n == g["n"] else 70
            if score >= need and score + (30 if t.n == g["n"] else 0) > best_score:
                best, best_score = t, score + (30 if t.n == g["n"] else 0)
        if best is not None:
            free.remove(best)
        pairs.append((g, best))
    return pairs


def load_gold(paths: list[Path]) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    for path in paths:
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for source, rows in data.items():
            if not source.startswith("_"):
                gold.setdefault(source, []).extend(rows)
    return gold


def fully_labelled(paths: list[Path]) -> set[str]:
    """Documents whose whole table is labelled: the seed ward plan, and every source a gold
    file lists under ``_complete`` (the held-out fixtures), so row precision is reported."""
    out = set(FULLY_LABELLED)
    for path in paths:
        if path.is_file():
            out.update(json.loads(path.read_text(encoding="utf-8")).get("_complete", []))
    return out


def record_rows(path: Path) -> list[Row]:
    src = SourceText.from_text(path.read_text(encoding="utf-8"), source=path.name)
    tasks = extract_table_tasks(src, document=DocumentRecord(source=path.name), outline=outline(src))
    return [from_record(t) for t in tasks]


def graph_rows(path: Path) -> list[Row]:
    """Ingest one file into a fresh memory store; its table tasks as the ``tasks`` query gives them."""
    from cchc_kg.graph import queries
    from cchc_kg.graph.loader import load_files
    from cchc_kg.graph.store import open_store

    store = open_store("memory:")
    try:
        report = load_files(store, [path])
        if report.failed:
            raise RuntimeError(f"{path.name}: {report.failed[0].error}")
        side = store.query(_SIDE_QUERY)
        kinds = {str(d["task"]): (str(d["kind"]), d["official"]) for d in side.dicts()}  # type: ignore[union-attr]
        result = store.query(queries.load("tasks").text)
        rows: list[Row] = []
        for d in result.dicts():  # type: ignore[union-attr]
            kind, official = kinds.get(str(d["task"]), ("", None))
            if kind != "table":
                continue
            co = str(d["coordinating"]) if d.get("coordinating") is not None else ""
            rows.append(Row(
                line=int(d["line"]),  # type: ignore[arg-type]
                n=str(d["n"]) if d.get("n") is not None else "",
                area=str(d["area"]) if d.get("area") is not None else None,
                title=str(d["title"]),
                lead_official=str(official) if official is not None else None,
                lead=str(d["lead"]) if d.get("lead") is not None else None,
                coordinating=tuple(c for c in co.split("; ") if c),
                deadline=str(d["deadline"]) if d.get("deadline") is not None else None,
                product=str(d["product"]) if d.get("product") is not None else None,
                unordered=True,
            ))
        return sorted(rows, key=lambda r: r.line)
    finally:
        store.close()


def evaluate(
    seeds: Path, gold_paths: list[Path], *, graph: bool = False, verbose: bool = False
) -> dict[str, dict]:
    report: dict[str, dict] = {}
    read = graph_rows if graph else record_rows
    complete = fully_labelled(gold_paths)
    for source, rows in sorted(load_gold(gold_paths).items()):
        path = seeds / source
        if not path.is_file():
            continue
        started = time.perf_counter()
        tasks = read(path)
        elapsed = time.perf_counter() - started
        pairs = match(rows, tasks)
        matched = [(g, t) for g, t in pairs if t is not None]
        scores = {f: sum(field_ok(f, g, t) for g, t in matched) for f in FIELDS}
        want_units = [(lead_units_of_gold(g.get("lead")), lead_units(t)) for g, t in matched]
        gold_units = sum(len(w) for w, _ in want_units)
        got_units = sum(len(h) for _, h in want_units)
        found = sum(sum(any(similar(x, y) for y in h) for x in w) for w, h in want_units)
        right = sum(sum(any(similar(y, x) for x in w) for y in h) for w, h in want_units)
        entry = {
            "gold_rows": len(rows),
            "extracted_rows": len(tasks),
            "matched": len(matched),
            "recall": len(matched) / len(rows) if rows else 0.0,
            "precision": (len(matched) / len(tasks) if tasks else 0.0)
            if source in complete else None,
            "field_accuracy": {f: scores[f] / len(matched) if matched else 0.0 for f in FIELDS},
            # lead units one by one (a cell naming several gets partial credit here)
            "lead_units": {"precision": right / got_units if got_units else 0.0,
                           "recall": found / gold_units if gold_units else 0.0},
            "seconds": round(elapsed, 3),
        }
        report[source] = entry
        if verbose:
            _explain(source, pairs)
    return report


def _explain(source: str, pairs: list[tuple[dict, Row | None]]) -> None:
    for g, t in pairs:
        if t is None:
            print(f"  MISSED {source} n={g['n']} {g['title'][:60]}")
            continue
        bad = [f for f in FIELDS if not field_ok(f, g, t)]
        if bad:
            print(f"  {source} n={g['n']} L{t.line} wrong: {', '.join(bad)}")
            for f in bad:
                got = getattr(t, f)
                want = g.get("group") if f == "area" else g.get(f)
                print(f"      {f}: want {want!r}\n      {' ' * len(f)}  got  {got!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--gold", type=Path, nargs="*", default=GOLD)
    parser.add_argument("--graph", action="store_true", help="measure the tasks query of an ingested memory store")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--heldout", action="store_true",
                        help=f"score the held-out OCR fixtures ({HELDOUT.relative_to(REPO)}) instead of the seeds")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.heldout:
        args.seeds, args.gold = HELDOUT, [HELDOUT / "expected.json"]
    if not args.seeds.is_dir():
        print(f"seeds folder not found: {args.seeds}", file=sys.stderr)
        return 2
    report = evaluate(args.seeds, args.gold, graph=args.graph, verbose=args.verbose)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    for source, e in report.items():
        prec = "n/a (sample)" if e["precision"] is None else f"{e['precision']:.2f}"
        print(
            f"{source}: gold {e['gold_rows']} extracted {e['extracted_rows']} matched {e['matched']}"
            f"  recall {e['recall']:.2f}  precision {prec}  ({e['seconds']}s)"
        )
        print("   " + "  ".join(f"{f} {v:.2f}" for f, v in e["field_accuracy"].items()))
        print(f"   lead units: precision {e['lead_units']['precision']:.2f}  recall {e['lead_units']['recall']:.2f}")
    rows = sum(e["matched"] for e in report.values())
    if len(report) > 1 and rows:  # one number per field over all documents, weighted by matched rows
        pooled = {f: sum(e["field_accuracy"][f] * e["matched"] for e in report.values()) / rows for f in FIELDS}
        print(f"pooled over {len(report)} documents, {rows} matched rows:")
        print("   " + "  ".join(f"{f} {v:.2f}" for f, v in pooled.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
