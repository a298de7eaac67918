"""The query commands on an analysed article: actors, quotes, events, show, reprocess."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from telex.cli import app

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    from conftest import SEED

    db = tmp_path_factory.mktemp("cli") / "seed.db"
    result = runner.invoke(app, ["ingest", str(SEED), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _json_lines(output):
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_actors_lists_mention_counts(seed_db):
    result = runner.invoke(app, ["actors", "--db", str(seed_db), "--type", "person"])
    assert "Vladimir Putin" in result.output and "Kim Jong-un" in result.output and "Dmitry Peskov" in result.output


def test_quotes_by_french_alias_and_full_text_search(seed_db):
    by_speaker = _json_lines(
        runner.invoke(app, ["quotes", "--db", str(seed_db), "--speaker", "Poutine", "--json"]).output
    )
    assert by_speaker and {q["speaker"] for q in by_speaker} == {"Vladimir Putin"}
    assert any("Je suis heureux de vous voir." in q["text"] for q in by_speaker)
    searched = _json_lines(
        runner.invoke(app, ["quotes", "--db", str(seed_db), "--search", "imperialisme", "--json"]).output
    )
    assert searched and all("impérialisme" in q["text"] for q in searched)
    assert runner.invoke(app, ["quotes", "--db", str(seed_db), "--since", "2024-01-01", "--json"]).output == ""


def test_events_by_actor_and_code(seed_db):
    meetings = _json_lines(
        runner.invoke(app, ["events", "--db", str(seed_db), "--actor", "PRK", "--code", "04", "--json"]).output
    )
    assert meetings and all(e["cameo"].startswith("04") for e in meetings)
    assert (
        _json_lines(runner.invoke(app, ["events", "--db", str(seed_db), "--until", "2023-01-01", "--json"]).output)
        == []
    )


def test_show_marks_text_and_lists_findings(seed_db):
    record = json.loads(runner.invoke(app, ["export", "--db", str(seed_db)]).output.splitlines()[0])
    shown = runner.invoke(app, ["show", record["id"][:8], "--db", str(seed_db)]).output
    for title in ("Actors", "Quotes", "Events"):
        assert title in shown
    assert record["actors"] and record["mentions"] and record["quotes"] and record["events"]


def test_reprocess_only_touches_stale_articles(seed_db):
    fresh = runner.invoke(app, ["reprocess", "--db", str(seed_db)])
    assert fresh.exit_code == 0 and "reprocessed 0 articles" in fresh.output
    forced = runner.invoke(app, ["reprocess", "--db", str(seed_db), "--all"])
    assert "reprocessed 1 articles" in forced.output
    record = json.loads(runner.invoke(app, ["export", "--db", str(seed_db)]).output.splitlines()[0])
    assert len([q for q in record["quotes"] if q["kind"] == "direct"]) == 3  # replaced, not duplicated


def test_ingest_with_two_worker_processes_stores_the_same_analysis(tmp_path, seed_db):
    from conftest import SEED

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "other.txt").write_text(
        "Emmanuel Macron a reçu hier à Paris le président sénégalais Bassirou Diomaye Faye.", encoding="utf-8"
    )
    db = tmp_path / "parallel.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--processes", "2"])
    assert result.exit_code == 0, result.output
    parallel = {r["id"]: r for r in _json_lines(runner.invoke(app, ["export", "--db", str(db)]).output)}
    single = _json_lines(runner.invoke(app, ["export", "--db", str(seed_db)]).output)[0]
    assert len(parallel) == 2
    for layer in ("actors", "mentions", "quotes", "events"):
        assert parallel[single["id"]][layer] == single[layer]
