"""Shared fixtures: the project's seed article and, when present, the shared development material."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import paths

SEED = paths.SEEDS_DIR / "000_6314efe423f439f1.txt"
WIKINEWS = paths.SHARED_DIR / "corpora" / "wikinews"
GOLD = paths.SHARED_DIR / "gold"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article exactly as read."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def wikinews_dir() -> Path:
    """The shared Wikinews corpus (skips when ../shared is not beside the project)."""
    if not WIKINEWS.is_dir():
        pytest.skip("../shared/corpora/wikinews is not available")
    return WIKINEWS
