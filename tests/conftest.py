"""Shared fixtures: paths to the repository's examples and the shared seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SEEDS = REPO.parent / "shared" / "seeds"
GOLD = REPO.parent / "shared" / "dev-gold"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/dev-gold is not available")
    return GOLD
