"""OWL 2 DL reasoning over the cchc-kg ontology and instance data with HermiT (owlready2).

SHACL (graph/validate.py) checks each node against a closed description of what the extractors
must produce; it does not infer. The reasoner works the other way round: it takes the open-world
axioms of ontology/ (cchc.ttl, axioms.ttl, the SKOS schemes) with the imported vocabularies, adds
instance data, and (1) decides whether the whole is consistent — a functional property with two
values, an individual in two disjoint classes, a range violated — and (2) classifies individuals
into the classes their descriptions entail (a cited "Kế hoạch" is a plan, an issuing body is an
ELI agent). See docs/reasoning.md.

The input is prepared for HermiT by graph/owl2_profile.py (the upward import module of the pinned
vocabularies, the OWL 2 datatype map, merged partial dates, unique names); this module loads the
ontology, runs HermiT in a subprocess with a deadline and reads its verdict.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cchc_kg.graph.owl2_profile import import_module, owl2_projection
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from cchc_kg.resources import data_dir

_SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*")
_TYPE_LINE = re.compile(r"^Type\( <([^>]+)> <([^>]+)> \)$", re.MULTILINE)
_NOTHING_SUB = re.compile(r"^SubClassOf\( <([^>]+)> owl:Nothing \)$", re.MULTILINE)
_NOTHING_EQ = re.compile(r"^EquivalentClasses\((.*owl:Nothing.*)\)$", re.MULTILINE)


class ReasonerError(RuntimeError):
    """The reasoner could not run (no Java, a HermiT failure): not a verdict on the data."""


@dataclass(slots=True)
class ReasoningReport:
    """Outcome of one reasoner run: a value, not an exception, whatever the verdict."""

    consistent: bool
    seconds: float
    ontology_triples: int
    module_triples: int
    data_triples: int
    inferred_types: list[tuple[str, str]] = field(default_factory=list)  # (individual, class)
    unsatisfiable_classes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # likely causes when inconsistent
    label: str = ""  # what was reasoned over (a named graph, "sample", ...)

    def summary(self) -> str:
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        return (
            f"{self.label or 'data'}: {verdict}; {self.data_triples} data triples, "
            f"{len(self.inferred_types)} inferred class memberships, "
            f"{len(self.unsatisfiable_classes)} unsatisfiable classes, {self.seconds:.1f} s"
        )


# ---------------------------------------------------------------- loading the ontology


def ontology_graph() -> Graph:
    """The project's own ontology: ontology/*.ttl and ontology/schemes/*.ttl (a fresh copy)."""
    g = Graph()
    for t in _ontology_cached():
        g.add(t)
    return g


@lru_cache(maxsize=1)
def _ontology_cached() -> Graph:
    # ontology/*.ttl and the SKOS schemes; not imports/ (see import_module) nor other folders
    # such as reference/, which hold reference data loaded into the store, not ontology.
    g = Graph()
    root = data_dir("ontology")
    for path in sorted(root.glob("*.ttl")) + sorted((root / "schemes").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def imports_graph() -> Graph:
    """All pinned imported vocabularies (ontology/imports/), merged (cached: do not modify)."""
    return _imports_cached()


@lru_cache(maxsize=1)
def _imports_cached() -> Graph:
    g = Graph()
    for path in sorted((data_dir("ontology") / "imports").glob("*.ttl")):
        g.parse(path, format="turtle")
    g.remove((None, OWL.imports, None))
    return g


# ---------------------------------------------------------------- running HermiT


def reason(
    data: Graph | None = None, *, label: str = "", with_imports: bool = True, timeout: float = 300.0
) -> ReasoningReport:
    """Check consistency of ontology + import module + ``data`` and classify the individuals."""
    started = time.perf_counter()
    onto = _ontology_cached()
    data = data if data is not None else Graph()
    combined = Graph()
    for t in onto:
        combined.add(t)
    for t in data:
        combined.add(t)
    module = import_module(combined, imports_graph()) if with_imports else Graph()
    for t in module:
        combined.add(t)
    projected = owl2_projection(combined)
    asserted = {(str(s), str(o)) for s, o in projected.subject_objects(RDF.type)}
    report = ReasoningReport(
        consistent=True, seconds=0.0, ontology_triples=len(onto), module_triples=len(module),
        data_triples=len(data), label=label,
    )
    consistent, inferred, unsat = _run_hermit(projected, timeout=timeout)
    report.consistent = consistent
    report.inferred_types = sorted(
        (i, c) for i, c in inferred if (i, c) not in asserted and c != str(OWL.Thing)
    )
    report.unsatisfiable_classes = unsat
    if not consistent:
        report.conflicts = explain_conflicts(projected)
    report.seconds = time.perf_counter() - started
    return report


def _run_hermit(graph: Graph, *, timeout: float) -> tuple[bool, list[tuple[str, str]], list[str]]:
    """Load ``graph`` in owlready2 (it must parse as OWL) and run HermiT on it.

    HermiT is called through its command line with class classification and instance
    realisation only (``-c -I``). owlready2's ``sync_reasoner_hermit`` also classifies object and
    data properties (``-O -D``), which we do not use and which costs ten times as much.
    """
    import owlready2
    import owlready2.reasoning as owl_reasoning

    with tempfile.TemporaryDirectory(prefix="cchc-reason-") as tmp:
        path = Path(tmp) / "input.nt"
        path.write_text(graph.serialize(format="nt"), encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(path.as_uri()).load()
        except Exception as exc:  # owlready2 raises assorted parser errors
            raise ReasonerError(f"owlready2 could not load the ontology: {exc}") from exc
        finally:
            world.close()
        command = [
            owlready2.JAVA_EXE, f"-Xmx{owl_reasoning.JAVA_MEMORY}M", "-cp", owl_reasoning._HERMIT_CLASSPATH,
            "org.semanticweb.HermiT.cli.CommandLine", "-c", "-I", path.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except FileNotFoundError as exc:
            raise ReasonerError("Java was not found: HermiT needs a Java runtime (17+)") from exc
        except subprocess.TimeoutExpired as exc:
            raise ReasonerError(f"HermiT did not finish within {timeout:.0f} s") from exc
    if done.returncode != 0:
        message = done.stderr + done.stdout
        if "Inconsistent ontology" in message or "InconsistentOntologyException" in message:
            return False, [], []
        last = [line for line in message.strip().splitlines() if line.strip()][-3:]
        raise ReasonerError("HermiT failed: " + " | ".join(last)[:800])
    inferred = _TYPE_LINE.findall(done.stdout)
    unsat = sorted(
        {c for c in _NOTHING_SUB.findall(done.stdout)}
        | {c for group in _NOTHING_EQ.findall(done.stdout) for c in re.findall(r"<([^>]+)>", group)}
    )
    return True, inferred, unsat


def explain_conflicts(graph: Graph) -> list[str]:
    """Likely causes of an inconsistency: functional properties with several values and
    individuals asserted in two disjoint classes. HermiT itself gives no explanation."""
    out: list[str] = []
    for prop in sorted(set(graph.subjects(RDF.type, OWL.FunctionalProperty))):
        seen: dict = {}
        for s, o in graph.subject_objects(prop):
            seen.setdefault(s, set()).add(o)
        for s, values in sorted(seen.items()):
            if len(values) > 1:
                shown = ", ".join(sorted(str(v) for v in values))
                out.append(f"{s} has {len(values)} values of functional {prop}: {shown}")
    pairs = {(a, b) for a, b in graph.subject_objects(OWL.disjointWith)}
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Graph.items(graph, graph.value(group, OWL.members)))
        pairs |= {(a, b) for i, a in enumerate(members) for b in members[i + 1:]}
    types: dict = {}
    for s, c in graph.subject_objects(RDF.type):
        types.setdefault(s, set()).add(c)
    for s, cs in sorted(types.items()):
        for a, b in sorted(pairs):
            if a in cs and b in cs:
                out.append(f"{s} is asserted both {a} and {b}, which are disjoint")
    return out


# ---------------------------------------------------------------- over a store


def graph_data(store, graph: URIRef) -> Graph:
    """The triples of one named graph of a store."""
    if not _SAFE_IRI.fullmatch(str(graph)):
        raise ReasonerError(f"not a graph IRI: {graph!r}")
    # A CONSTRUCT's graph name cannot be pre-bound by every store; the IRI is checked above.
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    if not isinstance(result, Graph):
        raise ReasonerError(f"the store returned no graph for {graph}")
    return result


def reason_store(store, *, sample: int | None = None) -> list[ReasoningReport]:
    """Reason per named graph (one ingested document each), over the first ``sample`` graphs."""
    reports = []
    for g in store.graphs()[:sample]:
        reports.append(reason(graph_data(store, g), label=str(g)))
    return reports


def main(argv: list[str] | None = None) -> int:
    """``python -m cchc_kg.graph.reason [--store DIR] [--sample N] [--union]``: one line per graph."""
    import argparse
    import sys

    from cchc_kg.graph.store import open_store

    parser = argparse.ArgumentParser(prog="python -m cchc_kg.graph.reason", description=main.__doc__)
    parser.add_argument("--store", default=None, help="store folder (default ./cchc-store or $CCHC_STORE)")
    parser.add_argument("--sample", type=int, default=None, help="reason over the first N named graphs only")
    parser.add_argument("--union", action="store_true", help="one run over the union of the sampled graphs")
    args = parser.parse_args(argv)
    store = open_store(args.store)
    try:
        if args.union:
            union = Graph()
            for g in store.graphs()[: args.sample]:
                for t in graph_data(store, g):
                    union.add(t)
            reports = [reason(union, label="union")]
        else:
            reports = reason_store(store, sample=args.sample)
    except ReasonerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    for r in reports:
        print(r.summary())
        for c in r.conflicts:
            print(f"  conflict: {c}")
    return 0 if all(r.consistent for r in reports) else 1


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "ReasonerError",
    "ReasoningReport",
    "explain_conflicts",
    "graph_data",
    "import_module",
    "imports_graph",
    "ontology_graph",
    "owl2_projection",
    "reason",
    "reason_store",
]
