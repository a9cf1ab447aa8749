"""Every Python folder is installed under the cchc_kg namespace (docs/decisions/0001)."""

from __future__ import annotations

import tomllib

from .conftest import REPO

MAPPED = {"graph": "cchc_kg.graph", "api": "cchc_kg.api", "cchc_kg": "cchc_kg"}


def test_every_python_package_is_listed() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(project["tool"]["setuptools"]["packages"])
    missing = []
    for top, dotted in MAPPED.items():
        for init in (REPO / top).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO / top)
            name = ".".join([dotted, *rel.parts]) if rel.parts else dotted
            if name not in listed:
                missing.append(name)
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_data_folders_are_listed() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(project["tool"]["setuptools"]["packages"])
    for top in ("ontology", "shapes", "queries"):
        for folder in [REPO / top, *(p for p in (REPO / top).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts or not any(f.is_file() for f in folder.iterdir()):
                continue
            name = ".".join(["cchc_kg", top, *folder.relative_to(REPO / top).parts])
            assert name in listed, f"add {name} to [tool.setuptools] packages in pyproject.toml"
