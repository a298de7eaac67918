"""Shared fixtures: the seed article (bundled example) and a temporary store."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "netafrique-2023-09-13.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def store(tmp_path):
    from telex.store import Store

    with Store(tmp_path / "telex.db") as opened:
        yield opened


def requires_shared(path: str) -> Path:
    """A path under ../shared, or skip the test when the shared data sets are absent."""
    full = SHARED / path
    if not full.exists():
        pytest.skip(f"{full} not available")
    return full
