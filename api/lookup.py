"""The lookups behind both the JSON API and the web pages (one source of truth).

Each function takes the QueryService and returns plain JSON-ready dicts whose keys are
mapped to ontology terms by the JSON-LD context (static/context.jsonld). Unknown resources
raise NotFound; named queries that this installation lacks raise NotAvailable (501).
"""

from __future__ import annotations

import json
from typing import Any

from cchc_kg.api import items as items_mod
from cchc_kg.api.errors import BadParameter, NotAvailable, NotFound
from cchc_kg.api.resolve import IndexedDoc, index_doc, resolve
from cchc_kg.api.service import QueryService
from cchc_kg.graph.results import plain
from cchc_kg.graph.sparql_bind import term_n3
from cchc_kg.graph.store.base import SelectResult
from rdflib import URIRef

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


# ------------------------------------------------------------------ properties
# Why not one SELECT with many OPTIONALs: the default graph is the union of the named graphs
# and keeps duplicates, and every citing document restates what it cites (76/NQ-CP's number,
# type and date appear once per citing plan), so chained OPTIONALs multiply rows (n^k for a
# document cited n times). Reading distinct (node, property, value) triples and assembling in
# Python stays linear.

ELI = "http://data.europa.eu/eli/ontology#"
CCHC = "https://w3id.org/cchc-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT_TITLE = "http://purl.org/dc/terms/title"
DOC_PROPS = {
    "number": ELI + "id_local", "formIri": ELI + "type_document", "date": ELI + "date_document",
    "title": ELI + "title", "planTitle": CCHC + "attachedPlanTitle", "issuerIri": ELI + "passed_by",
    "resolved": CCHC + "resolvedTo",
}
NODE_PROPS = {
    **DOC_PROPS, "type": RDF_TYPE, "taskTitle": DCT_TITLE, "text": CCHC + "originalText",
    "levelIri": CCHC + "level", "adminUnitIri": CCHC + "adminUnit", "period": CCHC + "period",
    "source": CCHC + "sourceFile", "line": CCHC + "sourceLine", "signer": CCHC + "signer",
}


def _inject(text: str, values: str) -> str:
    where = text.index("WHERE {") + len("WHERE {")
    return text[:where] + values + text[where:]


def props(service: QueryService, nodes: list[str] | None, wanted: dict[str, str],
          *, timeout: float | None = None) -> dict[str, dict[str, list[Any]]]:
    """node -> key -> distinct values, for the properties in ``wanted`` (key -> IRI).

    ``nodes=None`` reads every subject with one of the properties. Given nodes, each node's
    NODE_PROPS are read once per snapshot and remembered (api.facts: the national acts every
    plan cites are restated in thousands of graphs and cost ~100 ms a read at 100 %). Node
    IRIs are serialised one term each (term_n3), never formatted into the query as text.
    """
    if nodes is not None and not nodes:
        return {}
    if nodes is None or not set(wanted.items()) <= set(NODE_PROPS.items()):
        return _read_props(service, nodes, wanted, timeout=timeout)
    facts = service.node_facts.get_many(
        sorted(set(nodes)), lambda missing: _read_props(service, missing, NODE_PROPS, timeout=timeout), default={},
    )
    out: dict[str, dict[str, list[Any]]] = {}
    for node, found in facts.items():
        kept = {k: v for k, v in found.items() if k in wanted}
        if kept:
            out[node] = kept
    return out


def _read_props(service: QueryService, nodes: list[str] | None, wanted: dict[str, str],
                *, timeout: float | None = None, isolated: bool = False) -> dict[str, dict[str, list[Any]]]:
    by_iri = {iri: key for key, iri in wanted.items()}
    preds = [term_n3(URIRef(i)) for i in by_iri]
    if nodes is None:
        # One branch per property: each uses the predicate index (a FILTER would scan all).
        values = " UNION ".join(f"{{ ?node {p} ?o BIND({p} AS ?p) }}" for p in preds)
        res = service.select(f"SELECT DISTINCT ?node ?p ?o WHERE {{ {values} }}", timeout=timeout, isolated=isolated)
    else:
        # VALUES on the nodes and a FILTER on the property: measured 1.6 s for 800 nodes on a
        # 1.34 M-quad graph, where a second VALUES block on ?p took 6.7 s for 50.
        values = (" VALUES ?node { " + " ".join(term_n3(URIRef(n)) for n in sorted(set(nodes))) + " } "
                  f" FILTER(?p IN ({', '.join(preds)})) ")
        res = service.select(_inject(service.api_query("props"), values), timeout=timeout)
    out: dict[str, dict[str, list[Any]]] = {}
    for node, p, o in res.rows:
        values_of = out.setdefault(str(node), {}).setdefault(by_iri[str(p)], [])
        value = _value(o)
        if value not in values_of:
            values_of.append(value)
    return out


def labels(service: QueryService, nodes: list[str], *, lang: str = "vi",
           timeout: float | None = None) -> dict[str, str]:
    """skos:prefLabel of each node, in ``lang`` when there is one (remembered per snapshot)."""
    nodes = sorted({n for n in nodes if n})
    if not nodes:
        return {}

    def fetch(missing: list[str]) -> dict[str, list[tuple[str, str | None]]]:
        values = " VALUES ?node { " + " ".join(term_n3(URIRef(n)) for n in missing) + " } "
        res = service.select(_inject(service.api_query("labels"), values), timeout=timeout)
        found: dict[str, list[tuple[str, str | None]]] = {}
        for node, label in res.rows:
            found.setdefault(str(node), []).append((str(label), getattr(label, "language", None)))
        return found

    out: dict[str, str] = {}
    for key, names in service.node_labels.get_many(nodes, fetch, default=[]).items():
        for text, language in names:
            if key not in out or language == lang:
                out[key] = text
    return out


def _first(values: dict[str, list[Any]], key: str) -> Any:
    found = values.get(key) or []
    return min(found, key=str) if found else None


def _tail(iri: Any) -> str | None:
    return str(iri).rsplit("/", 1)[-1] if iri else None


# ------------------------------------------------------------------ resolve


def doc_index(service: QueryService) -> list[IndexedDoc]:
    """Every document (ingested or cited) with what the resolver matches on; built once."""

    def build() -> list[IndexedDoc]:
        # Whole-graph reads: in the sandbox (killable, its own process), not on the lookup pool.
        t = service.settings.report_timeout
        found = _read_props(service, None, DOC_PROPS, timeout=t, isolated=True)
        cited = {r["doc"]: r["citedBy"] for r in rows(service.select(service.api_query("cited-count"), timeout=t,
                                                                      isolated=True))}
        sources = {str(n): str(s) for n, s in service.select(
            "PREFIX cchc: <https://w3id.org/cchc-kg/ontology#> "
            "SELECT DISTINCT ?doc ?s WHERE { ?doc a cchc:Document ; cchc:sourceFile ?s }", timeout=t,
            isolated=True).rows}
        issuers = labels(service, [str(i) for v in found.values() for i in v.get("issuerIri", [])], timeout=t)
        index = []
        for doc, v in found.items():
            if not (v.get("number") or v.get("title") or v.get("planTitle")):
                continue
            dates = sorted(str(d) for d in v.get("date", []))
            index.append(index_doc({
                "doc": doc, "number": _first(v, "number"), "form": _tail(_first(v, "formIri")),
                "issuer": issuers.get(str(_first(v, "issuerIri"))), "date": dates[0] if dates else None,
                "title": _first(v, "title") or _first(v, "planTitle"), "source": sources.get(doc),
                "citedBy": cited.get(doc, 0), "resolved": _first(v, "resolved"),
            }))
        return index

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
    found = props(service, [str(node)], NODE_PROPS).get(str(node), {})
    types = {str(t).rsplit("#", 1)[-1] for t in found.get("type", [])}
    if not types & {"Document", "Plan", "Law"}:
        raise NotFound(f"no document {node} in the graph")
    # The document's own reads are independent: evaluated at once (api.direct).
    own, cites, cited_by, dependants, items = (rows(r) for r in service.select_all(
        [(service.api_query(name), b) for name in ("document-own-title", "document-cites", "document-cited-by",
                                                    "document-dependants", "document-items")]))
    item_facts = items_mod.collect(items)
    names = labels(service, [str(x) for k in ("issuerIri", "adminUnitIri") for x in found.get(k, [])]
                   + items_mod.lead_iris(item_facts))
    items = items_mod.assemble(item_facts, unit_labels=names)
    dates = sorted(str(d) for d in found.get("date", []))
    lines = sorted(x for x in found.get("line", []) if isinstance(x, int))
    info = {
        "number": _first(found, "number"), "form": _tail(_first(found, "formIri")),
        "issuer": names.get(str(_first(found, "issuerIri"))), "adminUnit": names.get(str(_first(found, "adminUnitIri"))),
        "level": _tail(_first(found, "levelIri")), "date": dates[0] if dates else None,
        "period": _first(found, "period"),
        "title": next((r["title"] for r in own if r.get("title")), None) or _first(found, "title"),
        "planTitle": next((r["planTitle"] for r in own if r.get("planTitle")), None) or _first(found, "planTitle"),
        "source": _first(found, "source"), "line": lines[0] if lines else None, "signer": _first(found, "signer"),
        "plan": "Plan" in types, "law": "Law" in types,
    }
    about = props(service, [r["cited"] for r in cites] + [r["citing"] for r in cited_by]
                  + [r["node"] for r in dependants], NODE_PROPS)
    for r in cites:
        v = about.get(r["cited"], {})
        r.update({k: x for k, x in (("title", _first(v, "title")), ("resolved", _first(v, "resolved"))) if x})
    for r in cited_by:
        v = about.get(r["citing"], {})
        r.update({k: x for k, x in (("number", _first(v, "number")),
                                     ("title", _first(v, "planTitle") or _first(v, "title"))) if x})
    for r in dependants:
        v = about.get(r["node"], {})
        label = (_first(v, "planTitle") or _first(v, "title") or _first(v, "number") if r["kind"] == "plan"
                 else _first(v, "taskTitle") or _first(v, "text"))
        r.update({k: x for k, x in (("label", label), ("source", _first(v, "source")),
                                     ("line", _first(v, "line"))) if x is not None})
    dependants.sort(key=lambda r: (r["kind"], r.get("source", ""), r.get("line") or 0))
    return {
        "@context": CONTEXT, "@id": str(node), "@type": "Plan" if info["plan"] else "Document",
        **{k: v for k, v in info.items() if v is not None}, "ingested": info["source"] is not None,
        "cites": [{"@id": r.pop("cited"), **r} for r in cites],
        "citedBy": [{"@id": r.pop("citing"), **r} for r in cited_by],
        "restsOnIt": [{"@id": r.pop("node"), **r} for r in dependants],
        "items": [{"@id": r.pop("node"), **r} for r in items],
    }


def summaries(service: QueryService, nodes: list[str]) -> dict[str, dict[str, Any]]:
    """Type, label, number, level, source and line of many nodes in one request."""
    found = props(service, nodes, NODE_PROPS)
    out = {}
    for node, v in found.items():
        types = sorted(str(t).rsplit("#", 1)[-1] for t in v.get("type", []) if str(t).startswith(CCHC))
        kind = next((k for k in ("Task", "Target", "Plan", "Law", "Document") if k in types), types[0] if types else None)
        out[node] = {
            "node": node, "type": kind, "number": _first(v, "number"), "level": _tail(_first(v, "levelIri")),
            "label": _first(v, "taskTitle") or _first(v, "text") or _first(v, "planTitle") or _first(v, "title"),
            "source": _first(v, "source"), "line": _first(v, "line"),
        }
    return out


# ------------------------------------------------------------------ trace


def trace(service: QueryService, node: str) -> dict[str, Any]:
    """The named query ``trace``'s answer, from two reads: the paths (api/queries/trace-steps.rq,
    ~10 ms at 100 %) and each node's facts from the per-snapshot memo. The named query also
    reads every node's type and label, which for a national act restated by every plan cost
    ~130 ms a trace."""
    start = iri_param(node, name="node")
    service.named("trace")  # 501 when this installation lacks the trace (trace-steps mirrors it)
    steps = rows(service.select(service.api_query("trace-steps"), bindings={"focus": start}))
    if not any(s.get("step") == 0 for s in steps):
        raise NotFound(f"no task, target or plan {start} in the graph")
    facts = props(service, [s["node"] for s in steps], NODE_PROPS)
    out = []
    for s in steps:
        v = facts.get(s["node"], {})
        types = {str(t).rsplit("#", 1)[-1] for t in v.get("type", []) if str(t).startswith(CCHC)}
        number = _first(v, "number")
        label = (_first(v, "taskTitle") or _first(v, "text") or _first(v, "planTitle") or _first(v, "title")
                 or number)
        national = _tail(_first(v, "levelIri")) == "national" or _is_national_number(number)
        out.append({"@id": s.pop("node"), "step": s.get("step"),
                    "type": next((k for k in ("Task", "Target", "Plan", "Law") if k in types), "Document"),
                    **({"label": label} if label is not None else {}), **({"via": s["via"]} if "via" in s else {}),
                    "number": number, "source": _first(v, "source"), "line": _first(v, "line"),
                    "national": national})
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
