"""The lookups behind both the JSON API and the web pages (one source of truth).

Each function takes the QueryService and returns plain JSON-ready dicts whose keys are
mapped to ontology terms by the JSON-LD context (static/context.jsonld). Unknown resources
raise NotFound; named queries that this installation lacks raise NotAvailable (501).
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import URIRef

from cchc_kg.api.errors import BadParameter, NotAvailable, NotFound
from cchc_kg.api.resolve import IndexedDoc, index_doc, resolve
from cchc_kg.api.service import QueryService
from cchc_kg.graph.results import plain
from cchc_kg.graph.sparql_bind import term_n3
from cchc_kg.graph.store.base import SelectResult

CONTEXT = "/api/context.jsonld"
MAX_IRI = 2000


def iri_param(value: str, *, name: str) -> URIRef:
    """A user-supplied IRI, refused unless it is one absolute IRI without spaces or brackets."""
    value = (value or "").strip().strip("<>")
    if not value or len(value) > MAX_IRI or ":" not in value:
        raise BadParameter(f"{name} must be an absolute IRI")
    try:
        term_n3(URIRef(value))
    except ValueError as exc:
        raise BadParameter(f"{name} is not a valid IRI: {exc}") from exc
    return URIRef(value)


def rows(result: SelectResult) -> list[dict[str, Any]]:
    """Rows as dicts of strings (numbers stay strings as printed; unbound keys left out)."""
    out = []
    for row in result.dicts():
        out.append({k: _value(v) for k, v in row.items() if v is not None})
    return out


def _value(term: Any) -> Any:
    text = plain(term)
    dt = str(getattr(term, "datatype", "") or "")
    if dt.endswith(("#integer", "#positiveInteger", "#int", "#long", "#nonNegativeInteger")):
        try:
            return int(text)
        except ValueError:
            return text
    if dt.endswith(("#decimal", "#double", "#float")):
        try:
            number = float(text)
            return int(number) if number.is_integer() else number
        except ValueError:
            return text
    return text


# ------------------------------------------------------------------ resolve


def doc_index(service: QueryService) -> list[IndexedDoc]:
    def build() -> list[IndexedDoc]:
        res = service.select(service.api_query("doc-index"), timeout=service.settings.report_timeout)
        return [index_doc(r) for r in rows(res)]

    return service.cached("doc-index", build)


def resolve_citation(service: QueryService, text: str, *, limit: int = 10) -> dict[str, Any]:
    if len(text) > 500:
        raise BadParameter("q is too long (at most 500 characters)")
    found = resolve(text, doc_index(service), limit=limit * 3)
    results: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for d, s in found:
        # One entry per number: citing documents that disagree on a cited document's year
        # give it two IRIs; the best-scoring one leads, the others are listed with it.
        key = d.number or d.doc
        if key in seen:
            seen[key].setdefault("alsoAs", []).append(d.doc)
            continue
        if len(results) >= limit:
            continue
        item = {"@id": d.doc, "number": d.number, "form": d.form, "issuer": d.issuer, "date": d.date,
                "title": d.title, "source": d.source, "citedBy": d.cited_by, "ingested": d.source is not None,
                "resolvedTo": d.resolved, "score": round(s, 1)}
        entry = {k: v for k, v in item.items() if v is not None}
        seen[key] = entry
        results.append(entry)
    return {"@context": CONTEXT, "query": text, "results": results}


# ------------------------------------------------------------------ documents


def documents(service: QueryService) -> dict[str, Any]:
    res = service.run_named("documents", {})
    items = [{"@id": r.pop("doc"), **r} for r in rows(res)]
    return {"@context": CONTEXT, "documents": items}


def document(service: QueryService, doc: str) -> dict[str, Any]:
    node = iri_param(doc, name="iri")
    b = {"doc": node}
    meta = rows(service.select(service.api_query("document"), bindings=b))
    if not meta or "plan" not in meta[0]:
        raise NotFound(f"no document {node} in the graph")
    info = meta[0]
    info["plan"] = bool(info.get("plan"))
    info["law"] = bool(info.get("law"))
    cites = rows(service.select(service.api_query("document-cites"), bindings=b))
    cited_by = rows(service.select(service.api_query("document-cited-by"), bindings=b))
    dependants = rows(service.select(service.api_query("document-dependants"), bindings=b))
    items = rows(service.select(service.api_query("document-items"), bindings=b))
    return {
        "@context": CONTEXT, "@id": str(node), "@type": "Plan" if info["plan"] else "Document", **info,
        "ingested": "source" in info,
        "cites": [{"@id": r.pop("cited"), **r} for r in cites],
        "citedBy": [{"@id": r.pop("citing"), **r} for r in cited_by],
        "restsOnIt": [{"@id": r.pop("node"), **r} for r in dependants],
        "items": [{"@id": r.pop("node"), **r} for r in items],
    }


def summaries(service: QueryService, nodes: list[str]) -> dict[str, dict[str, Any]]:
    """Type, label, number, level, source and line of many nodes in one request."""
    if not nodes:
        return {}
    values = " ".join(f"({term_n3(URIRef(n))})" for n in sorted(set(nodes)))
    text = service.api_query("nodes")
    where = text.index("WHERE {") + len("WHERE {")
    sparql = text[:where] + f" VALUES (?node) {{ {values} }} " + text[where:]
    return {r["node"]: r for r in rows(service.select(sparql))}


# ------------------------------------------------------------------ trace


def trace(service: QueryService, node: str) -> dict[str, Any]:
    start = iri_param(node, name="node")
    q = service.named("trace")
    res = service.select(q.text, bindings=q.bind({q.params[0].name: str(start)}))
    steps = rows(res)
    if not any(s.get("step") == 0 for s in steps):
        raise NotFound(f"no task, target or plan {start} in the graph")
    info = summaries(service, [s["node"] for s in steps])
    out = []
    for s in steps:
        extra = info.get(s["node"], {})
        number = extra.get("number")
        national = extra.get("level") == "national" or _is_national_number(number)
        out.append({"@id": s.pop("node"), **s, "number": number, "source": extra.get("source"),
                    "line": extra.get("line"), "national": national})
    out.sort(key=lambda s: (s.get("step", 0), s.get("type", ""), s["@id"]))
    return {"@context": CONTEXT, "@id": str(start), "steps": out,
            "nationalActs": sorted({s["number"] for s in out if s["national"] and s.get("number")})}


def _is_national_number(number: str | None) -> bool:
    """National acts carry a national issuer code (CP, TTg, QH, TW ...): see issuers.ttl."""
    if not number:
        return False
    from cchc_kg.api.resolve import fold, national_issuer_codes

    tail = fold(number).rsplit("/", 1)[-1]
    return any(part in national_issuer_codes() for part in tail.replace("-", " ").split())


# ------------------------------------------------------------------ targets


def target(service: QueryService, node: str) -> dict[str, Any]:
    t = iri_param(node, name="iri")
    detail = rows(service.select(service.api_query("target"), bindings={"target": t}))
    if not detail or "doc" not in detail[0]:
        raise NotFound(f"no target {t} in the graph")
    out: dict[str, Any] = {"@context": CONTEXT, "@id": str(t), "@type": "Target", **detail[0], "notAvailable": []}
    for key, name in (("implementingTasks", "implementing-tasks"), ("alignedTargets", "aligned-targets")):
        try:
            out[key] = linked(service, name, str(t))
        except NotAvailable:
            out[key] = None
            out["notAvailable"].append(name)
    return out


def linked(service: QueryService, name: str, node: str) -> list[dict[str, Any]]:
    """Rows of a one-parameter named query (implementing-tasks, aligned-targets) about ``node``."""
    t = iri_param(node, name="target")
    q = service.named(name)
    res = service.select(q.text, bindings=q.bind({q.params[0].name: str(t)}))
    first = res.variables[0] if res.variables else "node"
    return [{"@id": r.pop(first), **r} for r in rows(res)]


# ------------------------------------------------------------------ reports


def checks_report(service: QueryService) -> dict[str, Any]:
    try:
        from cchc_kg.graph import checks
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise NotAvailable("the consistency checks are not available in this installation") from exc

    def build() -> dict[str, Any]:
        report = checks.run_checks(service.store())
        return {"@context": CONTEXT, **json.loads(checks.to_json(report))}

    return service.cached("checks", build)


def validation_report(service: QueryService) -> dict[str, Any]:
    try:
        from cchc_kg.graph import validate
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise NotAvailable("SHACL validation is not available in this installation") from exc

    def build() -> dict[str, Any]:
        reports = validate.validate_store(service.store())
        report = validate.merge_reports(reports) if len(reports) != 1 else reports[0]
        return {"@context": CONTEXT, **json.loads(validate.to_json(report))}

    return service.cached("validation", build)
