"""Trusted queries evaluated in the server process: no fork, no pipe, no JSON round trip.

Why: the lookup API's queries are the project's own (api/queries/*.rq, the named queries)
with parameters bound as single RDF terms, so they cannot become a cross product, and they
are point lookups that finish in milliseconds. Sending them through the sandbox (decision
0009) cost more than the queries: forking the zygote that holds a 4.8 M-quad in-memory copy
took 140-260 ms per query on a loaded 2-core machine (a trivial ``SELECT`` measured 250 ms),
and the forks are serialised by the zygote, which capped throughput at ~20 queries/s.

How: the server opens the Oxigraph folder read-only once (for an N-Quads file, ``memory:``
or a remote store: an in-memory pyoxigraph copy of the sandbox's snapshot) and evaluates on
a small thread pool. pyoxigraph releases the GIL while it evaluates, so two cores serve two
queries at once; the pool bounds how many run together. The on-disk store, not an
in-memory copy: with Oxigraph's index choices the 6-hop ``trace`` took 43-118 ms on the
read-only folder and 5-7 s on the in-memory copy of the same 4.8 M quads (measured at 100 %,
load ~6). A deadline still applies: the caller stops waiting and answers 503; the query,
being a bounded lookup, finishes on its own in the background (it cannot be interrupted,
which is why untrusted ``/sparql`` queries stay in the killable sandbox).
"""

from __future__ import annotations

import concurrent.futures as cf
import threading
from typing import Any

from cchc_kg.api import sparql_formats
from cchc_kg.api.errors import ApiError
from cchc_kg.api.sandbox import Answer, DataSpec, QueryTimeout
from cchc_kg.graph.store.base import SelectResult
from cchc_kg.graph.store.oxigraph import from_ox
from rdflib import Graph
from rdflib.term import Identifier


class DirectEvaluator:
    """Evaluates trusted SPARQL on a store opened once in this process."""

    def __init__(self, spec: DataSpec, *, max_concurrent: int = 4) -> None:
        self.spec = spec
        self._store: Any = None
        self._lock = threading.Lock()
        self._pool = cf.ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="cchc-kg-lookup")

    def open(self) -> None:
        with self._lock:
            if self._store is None:
                self._store = _open(self.spec)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            self._store = None

    def _run(self, fn: Any, *, timeout: float) -> Any:
        return self._run_all([fn], timeout=timeout)[0]

    def _run_all(self, fns: list[Any], *, timeout: float) -> list[Any]:
        """Run independent reads at once (two cores answer one lookup's queries together)."""
        if self._store is None:
            self.open()
        futures = [self._pool.submit(fn, self._store) for fn in fns]
        try:
            done, _ = cf.wait(futures, timeout=timeout)
            if len(done) < len(futures):
                raise QueryTimeout(timeout)
            return [f.result() for f in futures]
        finally:
            for f in futures:
                f.cancel()

    # ---------------------------------------------------------------- results
    def outcome(self, sparql: str, *, timeout: float, max_rows: int | None = None) -> SelectResult | Graph | bool:
        """The result as rdflib terms (what the lookups assemble JSON from)."""
        return self.outcomes([sparql], timeout=timeout, max_rows=max_rows)[0]

    def outcomes(self, queries: list[str], *, timeout: float,
                 max_rows: int | None = None) -> list[SelectResult | Graph | bool]:
        """Several independent queries evaluated concurrently, results in order."""
        return self._run_all([self._work(q, max_rows=max_rows) for q in queries], timeout=timeout)

    @staticmethod
    def _work(sparql: str, *, max_rows: int | None) -> Any:
        def work(store: Any) -> SelectResult | Graph | bool:
            import pyoxigraph as ox

            result = _query(store, sparql)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows = []
                for solution in result:
                    if max_rows is not None and len(rows) >= max_rows:
                        raise ApiError(422, "result_too_large", f"the result has more than {max_rows} rows")
                    rows.append(tuple(_rdf(solution[i]) for i in range(len(variables))))
                return SelectResult(variables, rows)
            g = Graph()
            for n, t in enumerate(result):
                if max_rows is not None and n >= max_rows:
                    raise ApiError(422, "result_too_large", f"the result has more than {max_rows} triples")
                g.add((_rdf(t.subject), _rdf(t.predicate), _rdf(t.object)))
            return g

        return work

    def answer(self, sparql: str, *, accept: list[str], timeout: float, max_rows: int | None) -> Answer:
        """The result serialised in the first acceptable format (named queries over HTTP)."""

        def work(store: Any) -> tuple[dict, bytes]:
            return sparql_formats.evaluate(store, sparql, accept=accept, max_rows=max_rows)

        header, body = self._run(work, timeout=timeout)
        if not header.get("ok"):
            raise ApiError(int(header.get("status", 400)), header.get("code", "query_failed"),
                           header.get("message", "the query failed"))
        return Answer(header["kind"], header["media_type"], body, int(header.get("count", 0)))


def _open(spec: DataSpec) -> Any:
    import pyoxigraph as ox

    try:
        if spec.kind == "oxigraph":
            return ox.Store.read_only(spec.path)
        store = ox.Store()
        store.bulk_load(path=spec.path, format=ox.RdfFormat.N_QUADS)
        return store
    except OSError as exc:
        raise ApiError(503, "store_unavailable", f"the store could not be opened: {exc}") from exc


def _query(store: Any, sparql: str) -> Any:
    try:
        return store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise ApiError(400, "malformed_query", f"malformed SPARQL query: {exc}") from exc


def _rdf(term: Any) -> Identifier | None:
    """A pyoxigraph term as the rdflib term the lookups expect (None when unbound)."""
    try:
        return from_ox(term)
    except TypeError as exc:
        raise ApiError(500, "internal_error", str(exc)) from exc
