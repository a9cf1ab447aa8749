"""Where a remote SPARQL 1.1 store listens: query, update and Graph Store Protocol URLs.

One URL (``--store http://...``) is enough for the common servers, whose URL layouts we
recognise:

- Virtuoso: ``.../sparql`` (query and update); Graph Store Protocol at
  ``.../sparql-graph-crud``. The ``-auth`` variants (``/sparql-auth``,
  ``/sparql-graph-crud-auth``) take HTTP digest authentication.
- Apache Jena Fuseki: ``.../DATASET`` (query, update and GSP on the dataset URL),
  or ``.../DATASET/sparql`` / ``/query`` with ``/update`` and ``/data`` beside it.
- GraphDB and other RDF4J servers: ``.../repositories/REPO`` with
  ``/statements`` (update) and ``/rdf-graphs/service`` (GSP).

Anything else, or any of these set up differently, is configured through environment
variables (they win over the guess): ``CCHC_SPARQL_UPDATE``, ``CCHC_SPARQL_GSP`` (``none``
to use SPARQL Update only), ``CCHC_SPARQL_USER``, ``CCHC_SPARQL_PASSWORD``,
``CCHC_SPARQL_AUTH`` (``basic`` or ``digest``). Credentials may also be given in the
URL (``http://user:password@host/...``); they are removed from the URL before use.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from cchc_kg.graph.errors import StoreError


@dataclass(frozen=True, slots=True)
class Endpoints:
    query: str
    update: str
    gsp: str | None = None  # Graph Store HTTP Protocol service; None: SPARQL Update only
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # basic | digest
    server: str = "generic"  # virtuoso | fuseki | rdf4j | generic (what the URL looked like)

    def __repr__(self) -> str:  # never print the password
        return f"Endpoints(query={self.query!r}, update={self.update!r}, gsp={self.gsp!r}, server={self.server!r})"


def guess(url: str) -> Endpoints:
    """Endpoints from the shape of a query URL (see the module docstring)."""
    path = url.rstrip("/")
    if path.endswith("/sparql-auth"):
        return Endpoints(path, path, path[: -len("/sparql-auth")] + "/sparql-graph-crud-auth",
                         auth="digest", server="virtuoso")
    m = re.match(r"^(.*/repositories/[^/]+)$", path)
    if m:
        base = m.group(1)
        return Endpoints(base, base + "/statements", base + "/rdf-graphs/service", server="rdf4j")
    if path.endswith("/sparql") and (":8890/" in path or "virtuoso" in path.lower()):
        return Endpoints(path, path, path[: -len("/sparql")] + "/sparql-graph-crud", server="virtuoso")
    for suffix in ("/sparql", "/query"):
        if path.endswith(suffix) and ":3030" in path:
            base = path[: -len(suffix)]
            return Endpoints(path, base + "/update", base + "/data", server="fuseki")
    if ":3030/" in path and path.count("/") == 3:
        return Endpoints(path, path, path, server="fuseki")
    if path.endswith("/sparql"):  # most servers: query and update on one URL, GSP unknown
        return Endpoints(path, path, None)
    return Endpoints(path, path, None)


def from_location(location: str, *, env: Mapping[str, str] | None = None) -> Endpoints:
    """Endpoints for ``--store URL``: guessed from the URL, overridden by CCHC_SPARQL_* variables."""
    env = os.environ if env is None else env
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"not an http(s) SPARQL endpoint URL: {location!r}")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    ep = guess(clean)
    gsp = env.get("CCHC_SPARQL_GSP", ep.gsp)
    auth = env.get("CCHC_SPARQL_AUTH", ep.auth).lower()
    if auth not in ("basic", "digest"):
        raise StoreError(f"CCHC_SPARQL_AUTH must be basic or digest, not {auth!r}")
    return Endpoints(
        query=ep.query,
        update=env.get("CCHC_SPARQL_UPDATE", ep.update),
        gsp=None if gsp in (None, "", "none") else gsp,
        user=env.get("CCHC_SPARQL_USER", user),
        password=env.get("CCHC_SPARQL_PASSWORD", password),
        auth=auth,
        server=ep.server,
    )
