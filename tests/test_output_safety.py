"""Issue 15, faults half: what telex writes never acts outside telex.

Rows of the issue's table: escape sequences in an article reach the terminal through ``show``
and ``actors`` (window title, hyperlinks); a title like ``=HYPERLINK(…)`` goes verbatim into CSV
exports; ``telex export --out S.db --db S.db`` truncates the store; export path errors give a
traceback. Now: control characters are shown as visible stand-ins, formula cells get an
apostrophe, an export never overwrites the store or (without ``--force``) any file, and a path
the system refuses is one ``error:`` line.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from telex.cli import app
from telex.export.writers import neutralise_formula
from telex.terminal import printable

runner = CliRunner()
ESC = "\x1b"
# a window title (OSC 0), a hyperlink (OSC 8), red text and a screen clear (CSI), 8-bit CSI and OSC
HOSTILE = (
    f"{ESC}]0;pwned{ESC}\\ {ESC}]8;;https://evil.example/{ESC}\\lien{ESC}]8;;{ESC}\\"
    f" {ESC}[31m{ESC}[2J \x9b31m \x9d0;t\x07"
)
CONTROLS = [ESC, "\x9b", "\x9d", "\x07"]
TEXT = (
    f"Le président burkinabè {HOSTILE} a reçu mercredi à Ouagadougou le ministre malien des Affaires étrangères."
    " « Nous sommes unis face au terrorisme », a déclaré le ministre."
)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    lines = [
        {"url": "https://exemple.org/a", "title": f"=HYPERLINK(\"https://evil.example\",\"clic\") {HOSTILE}",
         "site": f"Site{ESC}[5m", "text": TEXT, "published": "2023-09-13"},
        {"url": "https://exemple.org/b", "title": "+cmd|' /C calc'!A0", "text": "@SUM(1+1)*cmd|' /C calc'!A0 " + TEXT,
         "published": "2023-09-13"},
    ]  # fmt: skip
    source = folder / f"dump{ESC}[31m.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db = folder / "t.db"
    result = runner.invoke(app, ["ingest", str(source), "--db", str(db), "--doc-timeout", "0"])
    assert result.exit_code == 0, result.output
    assert all(control not in result.output for control in CONTROLS)  # the file name, in the summary
    return db


def _first_id(db: Path) -> str:
    exported = runner.invoke(app, ["export", "--db", str(db)])
    return json.loads(exported.stdout.splitlines()[0])["id"]


@pytest.mark.slow
@pytest.mark.parametrize("command", [["list"], ["show", "ID"], ["actors"], ["quotes"], ["events"]], ids=lambda c: c[0])
def test_escape_sequences_in_articles_never_reach_the_terminal(hostile_db, command):
    arguments = [_first_id(hostile_db) if part == "ID" else part for part in command]
    result = runner.invoke(app, [*arguments, "--db", str(hostile_db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert all(control not in result.output for control in CONTROLS), repr(result.output)
    if command[0] in ("list", "show"):
        assert "␛]0;pwned" in result.output  # shown as what it is


def test_printable_keeps_length_tabs_and_newlines():
    text = f"a{ESC}[31mb\tc\nd\x00e\x7f\x9b"
    shown = printable(text)
    assert len(shown) == len(text) and shown == "a␛[31mb\tc\nd␀e␡\ufffd"
    assert printable("Ouagadougou « citée » – déjà") == "Ouagadougou « citée » – déjà"


@pytest.mark.slow
def test_csv_cells_that_start_like_a_formula_get_an_apostrophe(hostile_db, tmp_path):
    out = tmp_path / "csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    titles = sorted(row["title"] for row in rows)
    assert titles[0].startswith("'+cmd|") and titles[1].startswith("'=HYPERLINK(")
    cells = [value for row in rows for value in row.values()]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells)
    jsonl = json.loads(runner.invoke(app, ["export", "--db", str(hostile_db)]).stdout.splitlines()[0])
    assert jsonl["title"].startswith("=HYPERLINK(")  # JSONL keeps the data as it is


def test_formula_neutralisation_follows_owasp():
    for value in ("=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert neutralise_formula(value) == "'" + value
    for value in ("Ouagadougou", "", "1-2", "'=déjà"):
        assert neutralise_formula(value) == value


# --- exports never destroy a file ---------------------------------------------------------------------


@pytest.fixture
def db(tmp_path) -> Path:
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(source), "--db", str(path), "--no-nlp"]).exit_code == 0
    return path


def _error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("fmt", ["jsonl", "gdelt"])
def test_export_refuses_to_write_over_the_store_even_with_force(db, fmt):
    before = db.read_bytes()
    for extra in ([], ["--force"]):
        line = _error_line(runner.invoke(app, ["export", "--format", fmt, "--out", str(db), "--db", str(db), *extra]))
        assert line == f"error: refusing to export to '{db}': it is the store being exported"
    assert db.read_bytes() == before
    wal = Path(f"{db}-wal")
    line = _error_line(runner.invoke(app, ["export", "--out", str(wal), "--db", str(db), "--force"]))
    assert "it is the store being exported" in line


def test_export_refuses_an_existing_file_without_force(db, tmp_path):
    out = tmp_path / "articles.jsonl"
    out.write_text("à garder\n", encoding="utf-8")
    line = _error_line(runner.invoke(app, ["export", "--out", str(out), "--db", str(db)]))
    assert line == f"error: '{out}' already exists; give --force to overwrite it"
    assert out.read_text(encoding="utf-8") == "à garder\n"
    assert runner.invoke(app, ["export", "--out", str(out), "--db", str(db), "--force"]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == TEXT


def test_export_refuses_existing_table_files_without_force(db, tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "quotes.csv").write_text("à garder\n", encoding="utf-8")
    line = _error_line(runner.invoke(app, ["export", "--format", "csv", "--out", str(folder), "--db", str(db)]))
    assert "quotes.csv' already exists; give --force" in line
    assert sorted(p.name for p in folder.iterdir()) == ["quotes.csv"]
    forced = runner.invoke(app, ["export", "--format", "csv", "--out", str(folder), "--db", str(db), "--force"])
    assert forced.exit_code == 0 and (folder / "articles.csv").exists()


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("/dev/full", "No space left on device"),
        ("FILE/x.jsonl", "is a file, not a folder"),
        ("/proc/telex-export.jsonl", ""),
    ],
    ids=["full disk", "under a file", "system folder"],
)
def test_export_path_the_system_refuses_is_one_error_line(db, tmp_path, out, expected):
    if out == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    target = out.replace("FILE", str(db))
    line = _error_line(runner.invoke(app, ["export", "--out", target, "--db", str(db)]))
    assert line.startswith(f"error: cannot write the export to '{target}'") and expected in line


def test_export_to_a_full_disk_leaves_the_old_file_whole(db, tmp_path, monkeypatch):
    out = tmp_path / "articles.jsonl"
    out.write_text("ancien\n", encoding="utf-8")

    def full(records, handle):
        handle.write("début")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("telex.export.writers.write_jsonl", full)
    line = _error_line(runner.invoke(app, ["export", "--out", str(out), "--db", str(db), "--force"]))
    assert "No space left on device" in line
    assert out.read_text(encoding="utf-8") == "ancien\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
