"""Shared fixtures: the seed article (bundled example) and a temporary store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "netafrique-2023-09-13.txt"
SHARED = ROOT.parent / "shared"
# The fuzz suite's seed and size (tests/test_fuzz_readers.py): fixed by default so CI is reproducible.
FUZZ_SEED = int(os.environ.get("TELEX_FUZZ_SEED", "20261125"))
FUZZ_SCALE = float(os.environ.get("TELEX_FUZZ_SCALE", "1"))


def pytest_report_header(config) -> str:
    return f"telex fuzz seed: {FUZZ_SEED}, scale {FUZZ_SCALE} (TELEX_FUZZ_SEED, TELEX_FUZZ_SCALE)"


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


@pytest.fixture(scope="session")
def analyze():
    """Clean and analyse a text as telex does; returns (article, analysis, names by actor id).

    The spaCy pipeline loads once per test session (about 5 s)."""
    from telex.analysis import analyze_articles
    from telex.clean import clean_document
    from telex.records import RawDocument

    def run(text: str, published: str | None = "2023-09-13", language: str | None = None):
        article = clean_document(RawDocument(source="test", kind="text", text=text, published=published))
        if language is not None:
            article.language = language
        (analysis,) = analyze_articles([article])
        names = {actor.id: actor.name for actor in analysis.actors}
        return article, analysis, names

    return run


@pytest.fixture(scope="session")
def seed_analysis(analyze):
    return analyze(SEED.read_text(encoding="utf-8"), published=None)
