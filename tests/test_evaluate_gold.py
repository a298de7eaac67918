"""``telex eval`` on the shipped gold files with the real pipeline: the seed's regression floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from telex.evaluate.baseline import BASELINE_FILE, load_baseline, regressions
from telex.evaluate.runner import evaluate, render_report

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_report():
    return evaluate(GOLD / "seed.jsonl")


@pytest.fixture(scope="module")
def dev_report():
    # same process as the seed run: the spaCy pipeline is loaded once and cached by telex.nlp
    return evaluate(GOLD / "dev.jsonl")


def test_seed_scores_stay_at_or_above_the_baseline(seed_report):
    failures = [f"{item.id}: {item.error}" for item in seed_report.items if item.error]
    assert regressions(seed_report, load_baseline(BASELINE_FILE)) == [], failures or "raise it only on purpose"


def test_seed_metadata_is_extracted(seed_report):
    for field in ("site", "authors", "published", "language"):
        assert seed_report.totals[f"metadata.{field}"].f1 == 1.0, field


def test_dev_set_runs_and_reports_every_article(dev_report):
    assert len(dev_report.items) >= 25
    assert dev_report.totals["metadata.language"].gold == len(dev_report.items)
    assert render_report(dev_report, details=True) is not None
