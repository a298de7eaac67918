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


# --- telex serve ------------------------------------------------------------------------------

# A scraped page that attacks whatever shows it: markup in the title, site, author, URL and text,
# and a quote whose words are a script. Ingested as JSONL, it is stored exactly as written.
HOSTILE_RECORD = {
    "url": "javascript:alert(document.domain)",
    "title": "<script>alert('title')</script> Poutine",
    "site": '"><img src=x onerror=alert(4)>',
    "authors": ["<b onmouseover=alert(5)>Mallory</b>"],
    "published": "2023-09-14",
    "text": (
        "Vladimir Poutine a déclaré mercredi à Moscou : « Nous ne céderons pas <script>alert(1)</script> aux"
        " pressions. »\n\n"
        'Le texte publié contenait aussi <img src=x onerror=alert(1)> et <img src=y onerror="window.__xss=1">'
        ' ainsi que <script>window.__xss=2</script> et "><svg onload=alert(2)>.\n\n'
        "La Russie a condamné les sanctions imposées par l'Union européenne, a indiqué le Kremlin."
    ),
}


@pytest.fixture(scope="session")
def web_store_path(tmp_path_factory) -> Path:
    """A store holding the seed and the hostile page, analysed by the real NLP (once per session).
    Read-only for the tests that share it: tests that write copy it first."""
    import json

    from telex.pipeline import ingest
    from telex.store import Store

    folder = tmp_path_factory.mktemp("web")
    (folder / "netafrique-2023-09-13.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    path = folder / "web.db"
    with Store(path) as store:
        report = ingest([folder / "netafrique-2023-09-13.txt", folder / "hostile.jsonl"], store)
    assert len(report.added) == 2 and not report.failed, report
    return path
