"""The API's one door to the graph, with two paths and a deadline on both:

* untrusted SPARQL (the ``/sparql`` endpoint) and the whole-graph reports (checks,
  validation) run in the killable sandbox (``api.sandbox``, decision 0009);
* trusted queries (the lookups' own api/queries/*.rq and the catalogue's named queries,
  parameters bound as single terms) run in this process (``api.direct``): no fork per query.

``SandboxStore`` lets the read-side library functions that take a ``Store`` (graph.checks,
graph.validate, graph.trace) run unchanged against the sandbox.
"""

from __future__ import annotations

import json
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, TypeVar

from cchc_kg.api.direct import DirectEvaluator
from cchc_kg.api.errors import ApiError, NotAvailable
from cchc_kg.api.facts import FactCache
from cchc_kg.api.sandbox import Answer, DataSpec, QuerySandbox
from cchc_kg.api.settings import Settings
from cchc_kg.graph import queries as named_queries
from cchc_kg.graph.errors import QueryError, StoreError
from cchc_kg.graph.sparql_bind import bind_values
from cchc_kg.graph.store.base import QueryOutcome, SelectResult
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

T = TypeVar("T")
JSON_RESULTS = ["application/sparql-results+json"]
API_QUERIES = Path(__file__).resolve().parent / "queries"


def data_spec(settings: Settings, *, scratch: Path) -> DataSpec:
    """How the query process finds the graph named by ``settings.store``."""
    loc = settings.store
    path = Path(loc)
    if loc.startswith(("http://", "https://")) or loc == "memory:":
        # Not an embedded store: take a snapshot through the Store interface.
        from cchc_kg.graph.store import open_store

        store = open_store(loc)
        try:
            target = scratch / "snapshot.nq"
            with target.open("wb") as fh:
                store.export(fh, fmt="nq")
        finally:
            store.close()
        return DataSpec("nquads", str(target))
    if path.is_file() and path.suffix.lower() in (".nq", ".nquads"):
        return DataSpec("nquads", str(path))
    if not path.is_dir():
        raise StoreError(f"no store at {path}: ingest plans first (cchc-kg ingest PATH --store {path})")
    return DataSpec("oxigraph", str(path), settings.mode)


def parse_json_results(body: bytes) -> SelectResult | bool:
    """SPARQL JSON results -> rdflib terms (small lookup results only)."""
    data = json.loads(body)
    if "boolean" in data:
        return bool(data["boolean"])
    variables = list(data["head"]["vars"])
    rows = []
    for b in data["results"]["bindings"]:
        rows.append(tuple(_term(b.get(v)) for v in variables))
    return SelectResult(variables, rows)


def _term(j: dict | None) -> Identifier | None:
    if j is None:
        return None
    if j["type"] == "uri":
        return URIRef(j["value"])
    if j["type"] == "bnode":
        return BNode(j["value"])
    if "xml:lang" in j:
        return Literal(j["value"], lang=j["xml:lang"])
    if "datatype" in j:
        return Literal(j["value"], datatype=URIRef(j["datatype"]))
    return Literal(j["value"])


class QueryService:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._scratch = tempfile.TemporaryDirectory(prefix="cchc-kg-serve-")
        spec = data_spec(settings, scratch=Path(self._scratch.name))
        self.sandbox = QuerySandbox(spec, max_concurrent=settings.max_concurrent,
                                    max_memory_mb=settings.max_memory_mb)
        self.direct = DirectEvaluator(spec, max_concurrent=settings.max_concurrent)
        self._cache: dict[str, Any] = {}
        self._cache_lock = threading.Lock()
        self._pending: dict[str, threading.Lock] = {}
        # Facts about single nodes (properties, labels): immutable while the snapshot is served.
        self.node_facts = FactCache(max_items=50_000)
        self.node_labels = FactCache(max_items=50_000)

    def start(self) -> None:
        self.sandbox.start()
        self.direct.open()

    def close(self) -> None:
        self.direct.close()
        self.sandbox.close()
        self._scratch.cleanup()

    # ---------------------------------------------------------------- running
    def raw(self, sparql: str, *, accept: list[str], default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None) -> Answer:
        """A client's query (the SPARQL endpoint): the configured deadline and row cap."""
        return self.sandbox.run(
            sparql, accept=accept, timeout=self.settings.query_timeout, max_rows=self.settings.max_rows,
            default_graphs=default_graphs or None, named_graphs=named_graphs or None,
        )

    def named_answer(self, sparql: str, *, accept: list[str], parameterless: bool) -> Answer:
        """A catalogue query over HTTP (``/queries/NAME``), its parameters already bound as
        terms. With parameters it is a point lookup: evaluated in process. Without, it is a
        whole-graph listing (documents, tasks, citations ...): evaluated in the sandbox, which
        can stop it and holds the in-memory copy (an ``ORDER BY`` over 280 k tasks took 71 s on
        the read-only folder), and computed once per snapshot and format."""
        if not parameterless:
            return self.direct.answer(sparql, accept=accept, timeout=self.settings.query_timeout,
                                      max_rows=self.settings.max_rows)
        return self.cached("named\n" + ",".join(accept) + "\n" + sparql, lambda: self.raw(sparql, accept=accept))

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              timeout: float | None = None, max_rows: int | None = None,
              isolated: bool = False) -> QueryOutcome:
        """A trusted query: parameters bound as terms, result as rdflib terms. In process
        unless ``isolated`` (whole-graph reports: the sandbox can kill them and caps memory)."""
        seconds = timeout or self.settings.lookup_timeout
        run = self._isolated if isolated else self._direct
        try:
            return run(bind_values(sparql, bindings), seconds=seconds, max_rows=max_rows)
        except ApiError as exc:
            if not bindings or exc.code != "malformed_query":
                raise
            # A parameter used where a constant cannot stand (GROUP BY ?p): VALUES only.
            return run(bind_values(sparql, bindings, substitute=False), seconds=seconds, max_rows=max_rows)

    def _direct(self, sparql: str, *, seconds: float, max_rows: int | None) -> QueryOutcome:
        return self.direct.outcome(sparql, timeout=seconds, max_rows=max_rows)

    def _isolated(self, sparql: str, *, seconds: float, max_rows: int | None) -> QueryOutcome:
        accept = JSON_RESULTS + ["application/n-triples"]
        answer = self.sandbox.run(sparql, accept=accept, timeout=seconds, max_rows=max_rows)
        if answer.kind == "graph":
            g = Graph()
            g.parse(data=answer.body.decode("utf-8"), format="nt")
            return g
        return parse_json_results(answer.body)

    def select(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
               timeout: float | None = None, isolated: bool = False) -> SelectResult:
        res = self.query(sparql, bindings=bindings, timeout=timeout, isolated=isolated)
        if not isinstance(res, SelectResult):
            raise ApiError(500, "internal_error", "expected a SELECT result")
        return res

    def select_all(self, queries: list[tuple[str, Mapping[str, Identifier] | None]], *,
                   timeout: float | None = None) -> list[SelectResult]:
        """Independent trusted SELECTs of one lookup, evaluated at once in process."""
        texts = [bind_values(q, b) for q, b in queries]
        out = self.direct.outcomes(texts, timeout=timeout or self.settings.lookup_timeout)
        if not all(isinstance(r, SelectResult) for r in out):
            raise ApiError(500, "internal_error", "expected SELECT results")
        return out  # type: ignore[return-value]

    def api_query(self, name: str) -> str:
        """The text of one of the API's own queries (api/queries/NAME.rq)."""
        path = API_QUERIES / f"{name}.rq"
        return named_queries.parse_query_file(path).text

    def named(self, name: str) -> named_queries.NamedQuery:
        """A named query from queries/; 501 not_available when this installation lacks it."""
        catalogue = named_queries.catalogue()
        if name not in catalogue:
            raise NotAvailable(f"the named query {name!r} is not available in this installation")
        return catalogue[name]

    def run_named(self, name: str, values: dict[str, str]) -> SelectResult:
        q = self.named(name)
        return self.select(q.text, bindings=q.bind(values))

    # ---------------------------------------------------------------- reports
    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Reports and listings over the whole graph are computed once: the served graph is a
        snapshot. One lock per key, so a slow report does not hold up other keys."""
        with self._cache_lock:
            if key in self._cache:
                return self._cache[key]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._cache_lock:
                if key in self._cache:
                    return self._cache[key]
            value = compute()
            with self._cache_lock:
                self._cache[key] = value
                self._pending.pop(key, None)
            return value

    def peek(self, key: str) -> Any:
        """A cached value, or None when it has not been computed (yet)."""
        with self._cache_lock:
            return self._cache.get(key)

    def store(self, *, timeout: float | None = None) -> SandboxStore:
        return SandboxStore(self, timeout=timeout or self.settings.report_timeout)


class SandboxStore:
    """The read-only ``Store`` protocol over the sandbox, for graph.checks/validate/trace."""

    def __init__(self, service: QueryService, *, timeout: float) -> None:
        self._service = service
        self._timeout = timeout

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None) -> QueryOutcome:
        try:
            return self._service.query(sparql, bindings=bindings, timeout=self._timeout, isolated=True)
        except ApiError as exc:
            if exc.code == "malformed_query":
                raise QueryError(exc.message) from exc
            raise

    def graphs(self) -> list[URIRef]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(res, SelectResult)
        return sorted(r[0] for r in res.rows if isinstance(r[0], URIRef))

    def replace_graph(self, graph: URIRef, data: Graph) -> None:
        raise StoreError("the served store is read-only")

    def remove_graph(self, graph: URIRef) -> None:
        raise StoreError("the served store is read-only")

    def export(self, out: IO[bytes], *, fmt: str) -> None:
        raise StoreError("export is not offered by the server; use cchc-kg export")

    def quad_count(self) -> int:
        return max(self._service.sandbox.quads, 0)

    def close(self) -> None:
        pass
