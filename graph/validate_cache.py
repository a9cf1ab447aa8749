"""Incremental whole-graph SHACL validation: a results cache beside the store, re-checking only
the focus nodes whose data changed since the last run.

Why: a whole-store run costs ~44 µs of CPU per triple (150 s at the national graph), but one
re-ingested plan changes a few thousand triples. Every named graph carries the IRI of the ingest
run that wrote it (``?g prov:wasGeneratedBy ?run``): an unchanged run IRI means an unchanged graph.

What a focus node's results depend on (its *view*), for the shapes in shapes/: its own triples in
both directions (properties, inverse paths such as ``^cchc:inDocument``, ``sh:targetObjectsOf``,
the citations or tasks a result is located by) and the forward triples of its neighbours
(``sh:class`` of a value, the plan period a task deadline is compared with, a neighbour's source
file and line), plus the SKOS schemes and class hierarchy (graph.validate.context_graph), which
are the only place a shape reads two hops away (level ranks, scheme membership). Results of a
node whose view did not change are the same, so a warm run

1. recomputes, for each graph whose run IRI changed (or that has none, or was added/removed),
   a digest of every node's forward and inverse triples (only the predicates the shapes read,
   graph.validate.shape_predicates) and compares it with the cached one;
2. re-validates the nodes whose digests changed and the neighbours (in any graph) of the nodes
   whose forward triples changed, on their views pulled from the union of all graphs, so that
   nodes shared between graphs (cited documents, issuing bodies, units, administrative units)
   are checked over everything every plan says about them;
3. keeps the cached results of every other focus node.

This equals a full validation (tests/test_validate.py checks full == cold == warm after a
re-ingest, on fixtures and on the 1 % store) as long as shapes read no further than stated above;
a shape that follows a path of two store edges would need a wider view here.

The cache lives beside the store (``<store>.shacl-cache/``), not in it as a named graph: a
graph of results would join the union graph every query and every validation reads, validation
would need the store's single writer lock (and wait for, or block, an ingest), and the per-node
digests are not RDF worth sharing. It is keyed on the content hash of shapes/, ontology/ (with
the schemes) and the validation code: any change there makes the next run a cold one.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path

from cchc_kg.graph import validate as v

from cchc_kg.resources import data_dir

FORMAT = 3
PROV_GENERATED = "http://www.w3.org/ns/prov#wasGeneratedBy"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_MASK = (1 << 64) - 1
Digests = dict[str, tuple[int, int, int]]  # node -> (forward, inverse, locating-only inverse) in one graph


def default_cache_dir(store_path: Path) -> Path:
    """``<store>.shacl-cache`` next to an on-disk store."""
    store_path = Path(store_path)
    return store_path.with_name(store_path.name + ".shacl-cache")


def config_hash() -> str:
    """Content hash of everything results depend on besides the data: shapes, ontology and
    schemes, and the validation code (engines, result location, this module)."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    files = sorted(data_dir("shapes").rglob("*.ttl")) + sorted(data_dir("ontology").rglob("*.ttl"))
    here = Path(__file__).parent
    files += [here / "validate.py", here / "validate_jena.py", here / "jena" / "CchcShacl.java", Path(__file__)]
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------- reading the store


@lru_cache(maxsize=1)
def locating_only() -> frozenset[str]:
    """Predicates a node's results read backwards only to be located (graph.validate.SourceIndex:
    the citations citing a document, the tasks naming a unit), never through a shape: not in an
    inverse path, a sh:targetObjectsOf or any SPARQL text. When only such triples into a node
    change (a re-ingested plan's citations of a national decree), its results stay and only
    their source file and line are looked up again: no re-validation of a hub cited 10,000 times."""
    return frozenset(p for _, p, forward in _LOCATE_VIA if not forward and not read_backwards(p))


def read_backwards(predicate: str) -> bool:
    """Can a shape follow ``predicate`` from its object to its subject: an inverse path, a
    sh:targetObjectsOf, or any SPARQL text naming it (conservatively)? Other triples into a
    node (a plan's eli:based_on into a decree) are never read from the decree's side."""
    return predicate in _read_back()


@lru_cache(maxsize=1)
def _read_back() -> frozenset[str]:
    from rdflib.namespace import SH

    g = v.shapes_graph()
    out = {str(o) for o in g.objects(None, SH.inversePath)} | _object_targets()
    sparql = " ".join(str(q) for q in g.objects(None, SH.select))
    predicates = v.shape_predicates() or frozenset(p for _, p, _ in _LOCATE_VIA)
    out |= {p for p in predicates if p.rsplit("#", 1)[-1].rsplit("/", 1)[-1] in sparql}
    return frozenset(out)


# graph.validate.SourceIndex's rule, in its order: (predicate, forward?) groups.
_LOCATE_VIA = [(0, v.CCHC + "inDocument", True), (0, v.CCHC + "citingDocument", True), (1, v.CCHC + "citedDocument", False)] + [
    (2, p, False) for p in (v.CCHC + "leadUnit", v.CCHC + "coordinatingUnit", v.CCHC + "adminUnit", v.ELI + "passed_by", v.CCHC + "parentUnit")]


def locate(native, node: str) -> tuple[str | None, int | None]:
    """Source file and line of a node as graph.validate.SourceIndex finds them, straight from
    the store (own, else the smallest among the related nodes of the first group that has one)."""
    import pyoxigraph as ox

    def own(term) -> tuple[str, int | None] | None:
        f = next(iter(native.quads_for_pattern(term, ox.NamedNode(v.CCHC + "sourceFile"), None, None)), None)
        if f is None:
            return None
        line = next(iter(native.quads_for_pattern(term, ox.NamedNode(v.CCHC + "sourceLine"), None, None)), None)
        text = line.object.value if line is not None else ""
        return f.object.value, int(text) if text.isdigit() and len(text) <= 18 else None

    term = _from(node)
    found = own(term)
    if found is not None:
        return found
    for group in range(3):
        best: tuple[str, int | None] | None = None
        for _, p, forward in (x for x in _LOCATE_VIA if x[0] == group):
            pattern = (term, ox.NamedNode(p), None, None) if forward else (None, ox.NamedNode(p), term, None)
            for q in native.quads_for_pattern(*pattern):
                other = own(q.object if forward else q.subject)
                if other is not None and (best is None or (other[0], other[1] or 0) < (best[0], best[1] or 0)):
                    best = other
        if best is not None:
            return best
    return None, None


def _term(t) -> str:
    """A node as the engines name a focus: the IRI itself, ``_:id`` for a blank node."""
    return ("_:" + t.value) if t.__class__.__name__ == "BlankNode" else t.value


def _h(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _is_node(t) -> bool:
    return t.__class__.__name__ in ("NamedNode", "BlankNode")


def graph_keys(native) -> dict[str, str | None]:
    """Every named graph with its ingest run IRI (None for a graph without one: reference data)."""
    import pyoxigraph as ox

    keys: dict[str, str | None] = {g.value: None for g in native.named_graphs() if isinstance(g, ox.NamedNode)}
    query = f"SELECT ?g ?run WHERE {{ GRAPH ?g {{ ?g <{PROV_GENERATED}> ?run }} }}"
    for row in native.query(query):
        if row["g"].value in keys:
            keys[row["g"].value] = row["run"].value
    return keys


def digests(native, graphs: list[str] | None, predicates: frozenset[str] | None) -> dict[str, Digests]:
    """Per graph and node: an order-free digest of the node's forward and of its inverse triples
    (shape predicates only; rdf:type values are classes, not nodes). ``graphs`` None: all."""
    import pyoxigraph as ox

    out: dict[str, dict[str, list[int]]] = {}
    located = locating_only()

    def add(quad) -> None:
        g = quad.graph_name
        if not isinstance(g, ox.NamedNode):
            return
        p = quad.predicate.value
        if predicates is not None and p not in predicates:
            return
        nodes = out.setdefault(g.value, {})
        s, o = _term(quad.subject), quad.object
        entry = nodes.setdefault(s, [0, 0, 0])
        entry[0] = (entry[0] + _h(f"{p} {o}")) & _MASK
        if _is_node(o) and p != RDF_TYPE:
            slot = 1 if read_backwards(p) else 2 if p in located else 0
            if slot:  # triples no shape reads backwards do not concern their object
                back = nodes.setdefault(_term(o), [0, 0, 0])
                back[slot] = (back[slot] + _h(f"{quad.subject} {p}")) & _MASK

    if graphs is None and predicates is not None:
        for p in sorted(predicates):  # the predicate index: only what the shapes read
            for quad in native.quads_for_pattern(None, ox.NamedNode(p), None, None):
                add(quad)
    else:
        for g in graphs if graphs is not None else [n.value for n in native.named_graphs()]:
            out.setdefault(g, {})
            for quad in native.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                add(quad)
    return {g: {n: (a, b, c) for n, (a, b, c) in nodes.items()} for g, nodes in out.items()}


def _from(node: str):
    import pyoxigraph as ox

    return ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)


def neighbours(native, nodes: set[str], predicates: frozenset[str] | None) -> tuple[set[str], set[str]]:
    """Nodes linked to ``nodes`` in either direction, in any graph, which read those nodes'
    forward triples (sh:class of a value, a plan's period, a task's document); and those that
    read them only to be located (a decree cited by a citation: see locating_only)."""
    out: set[str] = set()
    relocate: set[str] = set()
    located = locating_only()
    for node in nodes:
        term = _from(node)
        for q in native.quads_for_pattern(term, None, None, None):
            p = q.predicate.value
            if _is_node(q.object) and p != RDF_TYPE and (predicates is None or p in predicates):
                if read_backwards(p):
                    out.add(_term(q.object))
                elif p in located:
                    relocate.add(_term(q.object))
        for q in native.quads_for_pattern(None, None, term, None):
            if q.predicate.value != RDF_TYPE and (predicates is None or q.predicate.value in predicates):
                out.add(_term(q.subject))
    return out, relocate - out


@lru_cache(maxsize=1)
def _object_targets() -> frozenset[str]:
    """Predicates whose objects the shapes target (sh:targetObjectsOf)."""
    from rdflib.namespace import SH

    return frozenset(str(o) for o in v.shapes_graph().objects(None, SH.targetObjectsOf))


def focus_candidates(native, nodes: set[str], predicates: frozenset[str] | None) -> set[str]:
    """The nodes a shape can target: subjects of store triples (class, subjects-of and SPARQL
    targets all start from a node's own triples) and objects of sh:targetObjectsOf predicates.
    Scheme concepts and classes, which only the context describes, are left out: they are no
    focus, and their inverse triples (every task of an area) would make the view the store."""
    import pyoxigraph as ox

    out: set[str] = set()
    targets = [ox.NamedNode(p) for p in sorted(_object_targets())]
    for node in nodes:
        term = _from(node)
        if any(predicates is None or q.predicate.value in predicates for q in native.quads_for_pattern(term, None, None, None)) or any(next(iter(native.quads_for_pattern(None, p, term, None)), None) is not None for p in targets):
            out.add(node)
    return out


def view(native, foci: set[str], predicates: frozenset[str] | None) -> str:
    """N-Triples of the foci's views over the union of all graphs: their own triples both ways
    and their neighbours' forward triples (duplicates across graphs merged, as in the union)."""
    import pyoxigraph as ox

    lines: set[str] = set()
    near: set[str] = set()
    locating: set[str] = set()
    located = locating_only()

    def keep(q) -> bool:
        return predicates is None or q.predicate.value in predicates

    for node in foci:
        term = _from(node)
        for q in native.quads_for_pattern(term, None, None, None):
            if keep(q):
                lines.add(f"{q.subject} {q.predicate} {q.object} .\n")
                if _is_node(q.object) and q.predicate.value != RDF_TYPE:
                    near.add(_term(q.object))
        for q in native.quads_for_pattern(None, None, term, None):
            p = q.predicate.value
            if keep(q) and p != RDF_TYPE and (read_backwards(p) or p in located):
                lines.add(f"{q.subject} {q.predicate} {q.object} .\n")
                (near if read_backwards(p) else locating).add(_term(q.subject))
    for node in near - foci:
        for q in native.quads_for_pattern(_from(node), None, None, None):
            if keep(q):
                lines.add(f"{q.subject} {q.predicate} {q.object} .\n")
    for node in locating - near - foci:  # what locates a result: the source file and line only
        for p in (v.CCHC + "sourceFile", v.CCHC + "sourceLine"):
            for q in native.quads_for_pattern(_from(node), ox.NamedNode(p), None, None):
                lines.add(f"{q.subject} {q.predicate} {q.object} .\n")
    return "".join(sorted(lines))


# ---------------------------------------------------------------- the cache


class ResultsCache:
    """``manifest.json`` (config hash, graph -> run IRI and digest file), ``results.pkl``
    (focus -> result tuples) and one digest file per graph; every file replaced atomically."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def load(self, config: str) -> tuple[dict, dict[str, list[tuple]]] | None:
        try:
            manifest = json.loads((self.root / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("config") != config or manifest.get("format") != FORMAT:
                return None
            with open(self.root / "results.pkl", "rb") as fh:
                results = pickle.load(fh)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            return None  # no cache, or a broken one: a cold run rebuilds it
        return manifest, results

    def graph_file(self, graph: str) -> str:
        return "graphs/" + hashlib.sha256(graph.encode()).hexdigest()[:24] + ".pkl"

    def load_digests(self, name: str | None) -> Digests:
        if not name:
            return {}
        try:
            with open(self.root / name, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            return {}

    def _write(self, name: str, data: bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    def save(self, *, config: str, keys: dict[str, str | None], digests: dict[str, Digests],
             results: dict[str, list[tuple]], old: dict | None = None) -> None:
        graphs = {}
        for g, key in keys.items():
            name = self.graph_file(g)
            if g in digests:
                self._write(name, pickle.dumps(digests[g], protocol=pickle.HIGHEST_PROTOCOL))
            graphs[g] = {"run": key, "file": name}
        self._write("results.pkl", pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
        manifest = {"format": FORMAT, "config": config, "graphs": graphs}
        self._write("manifest.json", json.dumps(manifest, ensure_ascii=False).encode())
        for g, entry in (old or {}).get("graphs", {}).items():
            if g not in keys:  # a removed graph's digests
                (self.root / entry["file"]).unlink(missing_ok=True)


# ---------------------------------------------------------------- validation


def _by_focus(results: list[v.ValidationResult]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for r in results:
        out.setdefault(r.focus, []).append(astuple(r))
    return out


def _validate_text(text: str, *, engine: str) -> list[v.ValidationResult]:
    if engine == "jena":
        from cchc_kg.graph import validate_jena

        return validate_jena.validate_ntriples(text.encode("utf-8")).results
    from rdflib import Graph

    return v.validate_graph(Graph().parse(data=text, format="nt")).results


def validate_store(store, *, cache_dir: Path, engine: str = "jena") -> v.ValidationReport:
    """Validate the union of the store's named graphs, re-checking only what changed since the
    cached run (a cold, full run when there is no valid cache). ``engine``: jena or pyshacl."""
    if not hasattr(getattr(store, "native", None), "quads_for_pattern"):
        raise v.ShapesError("incremental validation needs an on-disk Oxigraph store")
    native = store.native
    try:
        return _run(store, native, cache=ResultsCache(cache_dir), engine=engine)
    finally:
        # pySHACL keeps a traceback holding its callers' frames: no Oxigraph handle may stay in
        # them, or the store's file lock outlives store.close().
        native = None


def _run(store, native, *, cache: ResultsCache, engine: str) -> v.ValidationReport:
    started = time.perf_counter()
    config = config_hash()
    predicates = v.shape_predicates()
    keys = graph_keys(native)
    loaded = cache.load(config)
    timings: dict[str, float] = {}
    if loaded is None:
        report = v.validate_store(store, engine=engine)[0]  # (this frame may outlive the call)
        timings["full"] = time.perf_counter() - started
        mark = time.perf_counter()
        all_digests = digests(native, None, predicates)
        timings["digests"] = time.perf_counter() - mark
        cache.save(config=config, keys=keys, digests=all_digests, results=_by_focus(report.results))
        report.scope, report.seconds = "union (cold: cache rebuilt)", time.perf_counter() - started
        report.timings = {**report.timings, **timings, "revalidated_foci": -1.0}
        native = None
        return report
    manifest, results = loaded
    old_graphs = manifest["graphs"]
    changed = [g for g, key in keys.items() if key is None or g not in old_graphs or old_graphs[g]["run"] != key]
    removed = [g for g in old_graphs if g not in keys]
    mark = time.perf_counter()
    fresh = digests(native, changed, predicates) if changed else {}
    touched: set[str] = set()
    forward_changed: set[str] = set()
    moved: set[str] = set()  # only locating triples into them changed
    for g in changed + removed:
        before = cache.load_digests(old_graphs.get(g, {}).get("file"))
        after = fresh.get(g, {})
        for node in before.keys() | after.keys():
            a, b = before.get(node, (0, 0, 0)), after.get(node, (0, 0, 0))
            if a[:2] != b[:2] or (a != b and (node not in after or node not in before)):
                touched.add(node)
                if a[0] != b[0]:
                    forward_changed.add(node)
            elif a != b:
                moved.add(node)
    near, located_by = neighbours(native, forward_changed, predicates)
    stale = touched | near  # cached results to drop
    foci = focus_candidates(native, stale, predicates)  # what is left to validate
    moved = (moved | located_by) - stale
    timings["diff"] = time.perf_counter() - mark
    new_results: list[v.ValidationResult] = []
    triples = 0
    if foci:
        mark = time.perf_counter()
        text = view(native, foci, predicates)
        triples = text.count("\n")
        timings["view"] = time.perf_counter() - mark
        mark = time.perf_counter()
        new_results = [r for r in _validate_text(text, engine=engine) if r.focus in foci]
        timings["validate"] = time.perf_counter() - mark
    for node in stale:  # includes nodes gone from the store, whose results go with them
        results.pop(node, None)
    results.update(_by_focus(new_results))
    for node in moved & results.keys():  # same results, perhaps another first place in the sources
        source, line = locate(native, node)
        results[node] = [(*t[:6], source, line, *t[8:]) for t in results[node]]
    mark = time.perf_counter()
    if changed or removed:
        cache.save(config=config, keys=keys, digests=fresh, results=results, old=manifest)
    timings["save"] = time.perf_counter() - mark
    native = None
    merged = sorted((v.ValidationResult(*t) for rs in results.values() for t in rs), key=v.result_order)
    timings["revalidated_foci"] = float(len(foci))
    timings["relocated_nodes"] = float(len(moved))
    timings["changed_graphs"] = float(len(changed) + len(removed))
    return v.ValidationReport(
        conforms=not any(r.severity == "Violation" for r in merged), results=merged, data_triples=triples,
        seconds=time.perf_counter() - started, scope=f"union (incremental: {len(foci)} focus nodes re-validated)",
        engine=engine, timings=timings,
    )


__all__ = ["ResultsCache", "config_hash", "default_cache_dir", "digests", "graph_keys", "neighbours", "validate_store", "view"]
