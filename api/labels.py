"""Labels of the project's SKOS concepts (document types, levels, reform areas, indicators)
for the pages, read from ontology/schemes/*.ttl: the graph stores notations and concept
IRIs, and the schemes are not part of the served graph."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from cchc_kg.resources import data_dir

SCHEMES = {"doc-types.ttl": "doc-type", "levels.ttl": "level", "areas.ttl": "area", "indicators.ttl": "indicator"}


@lru_cache(maxsize=1)
def labels() -> dict[tuple[str, str], dict[str, str]]:
    """(scheme, notation) -> {lang: prefLabel}."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    folder = data_dir("ontology") / "schemes"
    for name, scheme in SCHEMES.items():
        path = folder / name
        if not path.is_file():
            continue
        g = Graph().parse(path, format="turtle")
        for concept, notation in g.subject_objects(SKOS.notation):
            names = {lab.language: str(lab) for lab in g.objects(concept, SKOS.prefLabel)
                     if isinstance(lab, Literal) and lab.language}
            if names:
                out[(scheme, str(notation))] = names
    return out


def label(scheme: str, notation: object, lang: str = "vi") -> str:
    """The concept's label in ``lang`` (else Vietnamese), or the notation itself."""
    if notation is None or notation == "":
        return ""
    names = labels().get((scheme, str(notation)), {})
    return names.get(lang) or names.get("vi") or str(notation)
