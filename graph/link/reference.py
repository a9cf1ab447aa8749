"""Load reference data (ontology/reference/*.ttl) into the store, one named graph per file.

Why at linking time: reference facts (which national act supersedes which) are about cited
documents, so they must use the IRIs citations get. The file keys each act by a file-local
node carrying its number (eli:id_local) and optionally its date; this loader mints the data
IRI with graph/iri.py (number + year, national scope), rewrites every statement onto those
IRIs and replaces the graph ``iri.reference_graph(<file stem>)``. Loading is idempotent and
runs on every ``link`` (``ingest`` links after loading), so editing the file and relinking
is enough. An act whose year is neither in its number nor in its date cannot be keyed and is
reported as an error: reference data must be exact.
"""

from __future__ import annotations

import re
from pathlib import Path

from cchc_kg.graph import iri
from cchc_kg.graph.store.base import Store
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from cchc_kg.resources import data_dir

ELI = Namespace("http://data.europa.eu/eli/ontology#")


def reference_files() -> list[Path]:
    folder = data_dir("ontology") / "reference"
    return sorted(folder.glob("*.ttl")) if folder.is_dir() else []


def _year(number: str, date: str | None) -> int:
    m = re.search(r"/((?:19|20)\d{2})/", number)
    if m:
        return int(m.group(1))
    if date and re.match(r"\d{4}", date):
        return int(date[:4])
    raise ValueError(f"reference act {number}: no year in its number and no eli:date_document")


def reference_graph(path: Path) -> Graph:
    """The statements of one reference file, on the acts' data IRIs."""
    src = Graph().parse(path, format="turtle")
    mapping: dict[URIRef, URIRef] = {}
    for node, number in src.subject_objects(ELI.id_local):
        date = src.value(node, ELI.date_document)
        key = iri.document_key(str(number), year=_year(str(number), str(date) if date else None), scope=None)
        mapping[URIRef(node)] = iri.document(key)
    out = Graph()
    out.bind("eli", ELI)
    out.bind("dcterms", DCTERMS)
    for s, p, o in src:
        s2 = mapping.get(s, s)  # type: ignore[arg-type]
        o2 = mapping.get(o, o) if isinstance(o, URIRef) else o  # type: ignore[arg-type]
        out.add((s2, p, o2))
    out.add((iri.reference_graph(path.stem), DCTERMS.source, Literal(f"ontology/reference/{path.name}")))
    return out


def load_references(store: Store) -> list[str]:
    """(Re)load every reference file into its named graph; returns the graph names."""
    names = []
    for path in reference_files():
        name = iri.reference_graph(path.stem)
        store.replace_graph(name, reference_graph(path))
        names.append(str(name))
    return names
