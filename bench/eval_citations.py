"""Evaluate document metadata and citations against hand-labelled gold.

Usage (from the repository root)::

    python3 bench/eval_citations.py                      # dev-gold (001, 002) + tests/data/citations_manual.json
    python3 bench/eval_citations.py --gold FILE.json     # other gold files (same format)
    python3 bench/eval_citations.py --dump SEED.txt ...  # print what is extracted, to read by hand

Gold format: ``{source: {"document": {...}, "citations": [...], "named_laws": [...]}}`` as in
../shared/dev-gold/citations.json. Numbered citations are scored as a set of normalised
numbers per document (precision, recall); for each number found, the type, issuer, date and
role (legal_basis if any occurrence is) are checked, and whether an extracted occurrence sits
on a line containing the gold quote. Laws cited by name are scored by folded name (without
"(sửa đổi)") and year. Gold level "city" is the contract's "province".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

from cchc_kg.graph.ingest import laws
from cchc_kg.graph.ingest.citations import extract_citations
from cchc_kg.graph.ingest.metadata import extract_document
from cchc_kg.graph.ingest.normalise import fold
from cchc_kg.graph.ingest.records import CitationRecord, DocumentRecord
from cchc_kg.graph.ingest.text import SourceText

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEV_GOLD = ROOT.parent / "shared" / "dev-gold" / "citations.json"
MANUAL_GOLD = ROOT / "tests" / "data" / "citations_manual.json"
META_FIELDS = ("number", "form", "issuer", "admin_unit", "level", "date", "period", "title", "attached_plan_title", "signer")


def key(text: str | None) -> str:
    """Comparison key: folded, punctuation-free, single-spaced; '(sửa đổi)' dropped."""
    if text is None:
        return ""
    text = re.sub(r"\(\s*s[uử]a đ[oổ]i\s*\)", "", text, flags=re.I)
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def issuer_keys(c: CitationRecord) -> set[str]:
    """Ways an extracted issuer may equal the gold one: as stated, or with its admin unit
    spelt out ("UBND Thành phố" + thành phố Hải Phòng = "UBND thành phố Hải Phòng")."""
    out = {key(c.issuer), key(f"{c.issuer} {c.issuer_admin_unit}")}
    if c.issuer and c.issuer_admin_unit:
        body = re.sub(r"\s+(?:thành phố|tỉnh|xã|phường)$", "", c.issuer, flags=re.I)
        out.add(key(f"{body} {c.issuer_admin_unit}"))
    return out


def _listed(name: str) -> str | None:
    """The curated list's label of a gold law name given in a short form, if any."""
    entry = laws.snap(name)
    return entry.label if entry else None


def near(src: SourceText, line: int) -> str:
    """The lines a citation starting at ``line`` may spread over (number or date wrapped)."""
    return "\n".join(src.lines[line - 1 : line + 2])


def same(a: str | None, b: str | None, *, fuzzy: bool) -> bool:
    """Equal keys; with ``fuzzy``, OCR spellings within a small edit distance also match."""
    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    return fuzzy and bool(ka and kb) and fuzz.ratio(ka, kb) >= 80


def run(path: Path) -> tuple[SourceText, DocumentRecord, list[CitationRecord], float]:
    text = path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    src = SourceText.from_text(text, source=path.name)
    doc = extract_document(src)
    cits = extract_citations(src, document=doc)
    return src, doc, cits, time.perf_counter() - t0


def meta_scores(doc: DocumentRecord, gold: dict, *, ocr: bool) -> dict[str, bool]:
    out = {}
    for field in META_FIELDS:
        if field not in gold:
            continue
        want, got = gold[field], getattr(doc, field)
        if field == "level" and want == "city":
            want = "province"
        if field == "admin_unit" and want and got:
            ok = key(want) in (key(got), key(f"{got}, {doc.parent_admin_unit}")) or key(want).startswith(key(got) + " ")
        else:
            ok = same(want, got, fuzzy=ocr and field in ("title", "attached_plan_title")) if isinstance(want, str) or isinstance(got, str) else want == got
        out[field] = ok
    return out


def citation_scores(src: SourceText, cits: list[CitationRecord], gold: dict) -> dict:
    by_number: dict[str, list[CitationRecord]] = {}
    for c in cits:
        if c.number:
            by_number.setdefault(c.number, []).append(c)
    gold_numbers = {g["number"]: g for g in gold.get("citations", [])}
    found = set(by_number)
    tp = found & set(gold_numbers)
    details = {"type": 0, "issuer": 0, "date": 0, "role": 0, "line": 0}
    errors = []
    for n in sorted(tp):
        g, occ = gold_numbers[n], by_number[n]
        checks = {
            "type": any(c.type == g.get("type") for c in occ),
            "issuer": not g.get("issuer")
            or any(key(g["issuer"]) in issuer_keys(c) for c in occ),
            "date": any(c.date in (g.get("dates") or [g.get("date")]) for c in occ) if g.get("date") else True,
            "role": ("legal_basis" if any(c.role == "legal_basis" for c in occ) else "mentioned") == g.get("role"),
            "line": any(g["quote"] in near(src, c.line) for c in occ)
            if g.get("quote")
            else True,
        }
        for k, ok in checks.items():
            details[k] += ok
            if not ok:
                errors.append(f"{n}: {k} wrong (gold {g.get(k if k != 'line' else 'quote')!r}; got "
                              f"{sorted({str(getattr(c, k if k != 'line' else 'line')) for c in occ})})")
    laws_gold = {key(law["name"]): law for law in gold.get("named_laws", [])}
    laws_got: dict[str, list[CitationRecord]] = {}
    for c in cits:
        if c.number is None and c.name:
            # Attribute an extracted name to the gold law it spells (OCR: fuzzily).
            # A gold name in a short form ("Luật Ban hành VBQPPL") is the listed law it names.
            cands = [k for k in laws_gold if same(k, c.name, fuzzy=src.style == "ocr")
                     or _listed(laws_gold[k]["name"]) == c.name]
            match = max(cands, key=lambda k: fuzz.ratio(k, key(c.name))) if cands else key(c.name)
            laws_got.setdefault(match, []).append(c)
    law_tp = set(laws_gold) & set(laws_got)
    law_year = sum(any(c.year == laws_gold[n].get("year") for c in laws_got[n]) for n in law_tp)
    return {
        "tp": len(tp), "found": len(found), "gold": len(gold_numbers),
        "missed": sorted(set(gold_numbers) - found), "spurious": sorted(found - set(gold_numbers)),
        "details": details, "errors": errors,
        "law_tp": len(law_tp), "law_found": len(laws_got), "law_gold": len(laws_gold), "law_year": law_year,
        "law_missed": sorted(set(laws_gold) - set(laws_got)), "law_spurious": sorted(set(laws_got) - set(laws_gold)),
    }


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "  n/a"


def evaluate(gold_files: list[Path], seeds: Path) -> int:
    totals = {"tp": 0, "found": 0, "gold": 0, "law_tp": 0, "law_found": 0, "law_gold": 0}
    meta_ok = meta_n = 0
    for gold_file in gold_files:
        gold_all = json.loads(gold_file.read_text(encoding="utf-8"))
        print(f"# {gold_file}")
        for source, gold in gold_all.items():
            if source.startswith("_"):
                continue
            path = seeds / source
            if not path.is_file():
                print(f"{source}: seed not found, skipped")
                continue
            src, doc, cits, secs = run(path)
            meta = meta_scores(doc, gold.get("document", {}), ocr=src.style == "ocr")
            meta_ok += sum(meta.values())
            meta_n += len(meta)
            s = citation_scores(src, cits, gold)
            for k in totals:
                totals[k] += s[k]
            print(f"\n{source} ({src.style}, {secs * 1000:.0f} ms)")
            print(f"  metadata  {sum(meta.values())}/{len(meta)} fields right; wrong: "
                  + (", ".join(f"{f}={getattr(doc, f)!r}" for f, ok in meta.items() if not ok) or "-"))
            print(f"  numbers   P {pct(s['tp'], s['found'])}  R {pct(s['tp'], s['gold'])}  ({s['tp']}/{s['found']} found, {s['gold']} gold)")
            d = s["details"]
            print("  of found  " + "  ".join(f"{k} {d[k]}/{s['tp']}" for k in d))
            print(f"  laws      P {pct(s['law_tp'], s['law_found'])}  R {pct(s['law_tp'], s['law_gold'])}  year {s['law_year']}/{s['law_tp']}")
            for label in ("missed", "spurious", "law_missed", "law_spurious"):
                if s[label]:
                    print(f"  {label}: {s[label]}")
            for e in s["errors"]:
                print(f"  ! {e}")
    print("\n== overall")
    print(f"numbers P {pct(totals['tp'], totals['found'])}  R {pct(totals['tp'], totals['gold'])}"
          f"   laws P {pct(totals['law_tp'], totals['law_found'])}  R {pct(totals['law_tp'], totals['law_gold'])}"
          f"   metadata {meta_ok}/{meta_n}")
    return 0


def dump(paths: list[Path]) -> int:
    for path in paths:
        src, doc, cits, secs = run(path)
        print(f"== {path.name} ({src.style}, {secs * 1000:.0f} ms)")
        for f in DocumentRecord.__slots__:
            print(f"  {f}: {getattr(doc, f)!r}")
        for c in cits:
            what = c.number or f"{c.name} ({c.year})"
            print(f"  L{c.line:<5} {what:<28} {c.type or '-':<13} {c.date or '-':<10} {c.role:<11} "
                  f"{c.issuer or '-'} [{c.issuer_source or '-'}; {c.issuer_admin_unit or '-'}]  | {c.quote[:80]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, action="append", help="gold JSON file(s)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder holding the gold's source files")
    parser.add_argument("--dump", type=Path, nargs="+", help="print the extraction of these files")
    args = parser.parse_args(argv)
    if args.dump:
        return dump(args.dump)
    gold = args.gold or [p for p in (DEV_GOLD, MANUAL_GOLD) if p.is_file()]
    if not gold:
        print("no gold file found", file=sys.stderr)
        return 2
    return evaluate(gold, args.seeds)


if __name__ == "__main__":
    sys.exit(main())
