"""A document's targets and tasks for ``/api/document`` (``items``), assembled from the
property rows of api/queries/document-items.rq.

Why in Python: the query reads each item's properties with one range read per node; nine
OPTIONALs (one index lookup each per node) cost 2-4x more at full size. Where a property has
several values (a fact restated by two graphs) the smallest is shown, as everywhere in the
lookups, so answers do not depend on evaluation order. Lead units are shown by label (the
per-snapshot label memo), else by the last segment of their IRI.
"""

from __future__ import annotations

from typing import Any

CCHC = "https://w3id.org/cchc-kg/ontology#"
KEYS = {
    CCHC + "sourceLine": "line", "http://purl.org/dc/terms/title": "title", CCHC + "originalText": "text",
    CCHC + "taskNumber": "n", CCHC + "leadUnit": "leadIri", CCHC + "deadline": "deadline",
    CCHC + "indicator": "indicatorIri", CCHC + "comparator": "comparator", CCHC + "targetValue": "value",
    CCHC + "unit": "unit",
}


def collect(prop_rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """node -> {"kind": task|target, key: [values]} from (node, cls, p, o) rows."""
    nodes: dict[str, dict[str, Any]] = {}
    for r in prop_rows:
        node = nodes.setdefault(r["node"], {"kinds": set()})
        node["kinds"].add("task" if str(r["cls"]).endswith("#Task") else "target")
        key = KEYS.get(str(r["p"]))
        if key is not None and "o" in r:
            node.setdefault(key, []).append(r["o"])
    return nodes


def lead_iris(nodes: dict[str, dict[str, Any]]) -> list[str]:
    return sorted({str(x) for v in nodes.values() for x in v.get("leadIri", [])})


def assemble(nodes: dict[str, dict[str, Any]], *, unit_labels: dict[str, str]) -> list[dict[str, Any]]:
    """One item per node, in line order (then IRI); keys as the previous one-row-per-node query."""
    items = []
    for node, v in nodes.items():
        kind = "task" if "task" in v["kinds"] else "target"
        lines = sorted(x for x in v.get("line", []) if isinstance(x, int))
        if not lines:
            continue  # not an item of the document's text (no line of its own)
        leads = sorted({str(x) for x in v.get("leadIri", [])}, key=lambda u: (unit_labels.get(u) or u))
        indicator = _first(v, "indicatorIri")
        item = {
            "node": node, "kind": kind, "n": _first(v, "n"),
            "label": _first(v, "title" if kind == "task" else "text"), "line": lines[0],
            # every lead unit (a table cell may name several), joined as the named queries do
            "lead": "; ".join(unit_labels.get(u) or u.rsplit("/", 1)[-1] for u in leads) or None,
            "deadline": _first(v, "deadline"),
            "indicator": str(indicator).rsplit("/", 1)[-1] if indicator else None,
            "comparator": _first(v, "comparator"), "value": _first(v, "value"), "unit": _first(v, "unit"),
        }
        items.append({k: x for k, x in item.items() if x is not None})
    items.sort(key=lambda r: (r["line"], r["node"]))
    return items


def _first(values: dict[str, Any], key: str) -> Any:
    found = values.get(key) or []
    return min(found, key=str) if found else None
