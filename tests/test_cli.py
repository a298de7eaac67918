"""The command line as a user runs it (typer's runner; the crash test uses a real process)."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
from typer.testing import CliRunner

from telex.cli import app, parse_size

runner = CliRunner()
TEXT = (
    "Le président [bold]Ibrahim Traoré[/bold] a reçu mercredi 6 mars 2024 à Ouagadougou le ministre "
    "malien des Affaires étrangères, a indiqué la présidence."
)


def _ingest(tmp_path, *paths, extra=()):
    return runner.invoke(app, ["ingest", *map(str, paths), "--db", str(tmp_path / "t.db"), "--no-nlp", *extra])


def test_ingest_list_show_export(tmp_path, seed_text):
    source = tmp_path / "seed.txt"
    source.write_text(seed_text, encoding="utf-8")
    result = _ingest(tmp_path, source)
    assert result.exit_code == 0, result.output
    assert "ingested" in result.output and "1" in result.output

    listing = runner.invoke(app, ["list", "--db", str(tmp_path / "t.db")])
    assert "Netafrique.net" in listing.output and "2023-09-13" in listing.output

    record = json.loads(runner.invoke(app, ["show", "8e1edb", "--db", str(tmp_path / "t.db"), "--json"]).output)
    assert record["authors"] == [{"name": "Anne-Marie Nado KY", "role": "Stagiaire"}]
    assert record["text"].endswith("a déclaré le Président russe.")

    out = tmp_path / "out.jsonl"
    assert (
        runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", str(tmp_path / "t.db")]).exit_code
        == 0
    )
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert exported[0]["id"] == record["id"] and exported[0]["raw_text"] == seed_text

    folder = tmp_path / "csv"
    runner.invoke(app, ["export", "--format", "csv", "--out", str(folder), "--db", str(tmp_path / "t.db")])
    with (folder / "articles.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["site"] == "Netafrique.net"
    assert json.loads(rows[0]["authors"])[0]["role"] == "Stagiaire"

    folder = tmp_path / "parquet"
    runner.invoke(app, ["export", "--format", "parquet", "--out", str(folder), "--db", str(tmp_path / "t.db")])
    table = pq.read_table(folder / "articles.parquet")
    assert table.column("published").to_pylist() == ["2023-09-13"]
    assert {p.name for p in folder.iterdir()} >= {"articles.parquet", "mentions.parquet", "events.parquet"}


def test_failures_give_exit_status_one_and_a_reason_per_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _ingest(tmp_path, good, empty)
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "empty document" in result.output


def test_size_limit_option(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 40, encoding="utf-8")
    result = _ingest(tmp_path, big, extra=["--max-size", "1k"])
    assert result.exit_code == 1 and "size limit" in result.output
    assert parse_size("20MB") == 20 * 1024 * 1024 and parse_size("1.5k") == 1536


def test_missing_path_is_a_usage_error(tmp_path):
    result = _ingest(tmp_path, tmp_path / "nope.txt")
    assert result.exit_code == 2 and "nope.txt" in result.output


def test_article_text_is_shown_not_interpreted_as_markup(tmp_path):
    source = tmp_path / "markup.txt"
    source.write_text(TEXT, encoding="utf-8")
    _ingest(tmp_path, source)
    record = json.loads(runner.invoke(app, ["export", "--db", str(tmp_path / "t.db")]).output.splitlines()[0])
    shown = runner.invoke(app, ["show", record["id"], "--db", str(tmp_path / "t.db")])
    assert "[bold]Ibrahim Traoré[/bold]" in shown.output


def test_db_from_environment_variable(tmp_path, monkeypatch):
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("TELEX_DB", str(tmp_path / "env.db"))
    assert runner.invoke(app, ["ingest", str(source), "--no-nlp"]).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_gdelt_export_has_61_columns_and_no_negated_events(tmp_path):
    from telex.export.gdelt import GDELT_COLUMNS, gdelt_rows

    record = {
        "id": "abc",
        "url": "https://ex.org/a",
        "text": "Premier paragraphe.\n\nSecond.",
        "ingested_at": "2024-05-02T10:00:00Z",
        "actors": [
            {"id": "RUS", "name": "Russia", "type": "country", "country": "RUS", "code": "RUS"},
            {"id": "vladimir-putin", "name": "Vladimir Putin", "type": "person", "country": "RUS", "code": "RUSGOV"},
            {"id": "un", "name": "United Nations", "type": "organization", "country": None, "code": "IGOUNO"},
        ],
        "events": [
            {
                "start": 0,
                "end": 19,
                "cameo": "043",
                "source": ["vladimir-putin"],
                "target": ["un"],
                "status": "asserted",
                "date": "2024-05-01",
                "quad_class": 1,
                "goldstein": 2.8,
                "location": {"name": "Moscou", "country": "RUS"},
            },
            {
                "start": 21,
                "end": 28,
                "cameo": "040",
                "source": ["RUS"],
                "target": ["un"],
                "status": "negated",
                "date": "2024-05-01",
                "quad_class": 1,
                "goldstein": 1.0,
                "location": None,
            },
        ],
    }
    rows = list(gdelt_rows([record]))
    assert len(GDELT_COLUMNS) == 61 and len(rows) == 1 and len(rows[0]) == 61
    row = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert (row["SQLDATE"], row["Actor1Code"], row["Actor1Name"], row["Actor1Type1Code"]) == (
        "20240501",
        "RUSGOV",
        "VLADIMIR PUTIN",
        "GOV",
    )
    assert (row["Actor2Code"], row["Actor2KnownGroupCode"], row["EventRootCode"], row["IsRootEvent"]) == (
        "IGOUNO",
        "IGOUNO",
        "04",
        "1",
    )
    assert (row["ActionGeo_FullName"], row["ActionGeo_CountryCode"], row["SOURCEURL"]) == (
        "Moscou",
        "RUS",
        "https://ex.org/a",
    )
    assert row["GLOBALEVENTID"] == next(gdelt_rows([record]))[0]  # stable


def test_query_commands_load_neither_spacy_nor_trafilatura(tmp_path, seed_text):
    """They start in a fraction of a second: the parsers load only in the commands that run them."""
    import subprocess
    import sys

    source = tmp_path / "seed.txt"
    source.write_text(seed_text, encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert _ingest(tmp_path, source).exit_code == 0
    commands = [
        ["list"],
        ["show", "8e1edb"],
        ["show", "8e1edb", "--json"],
        ["actors"],
        ["quotes", "--speaker", "Poutine", "--search", "imperialisme"],
        ["events", "--actor", "PRK", "--code", "04"],
        ["export", "--format", "csv", "--out", str(tmp_path / "csv")],
    ]
    script = (
        "import json, sys\n"
        "from telex.cli import app\n"
        f"for command in {commands!r}:\n"
        f"    app([*command, '--db', {db!r}], standalone_mode=False)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'trafilatura'))\n"
        "sys.stderr.write(json.dumps(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stderr.splitlines()[-1]) == []
