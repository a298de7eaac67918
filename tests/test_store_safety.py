"""Issue 15, faults half: the store never acts outside telex, and its failures are one line.

Rows of the issue's table: ``telex list --db other_app.sqlite`` (a foreign database gets no
tables and no WAL mode), a mistyped ``--db`` (no store is created), a store of a newer schema,
``--db`` on a text file, a folder, a read-only file or folder, a full disk; and several processes
creating one new store at once. Each ends in one ``error:`` line and status 2, the file as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from telex.clean import clean_document
from telex.cli import app
from telex.errors import ArticleNotStored, StoreUnavailable, StoreWriteFailed
from telex.pipeline import ingest
from telex.records import Analysis, Mention, RawDocument
from telex.store import Store
from telex.store.migrate import available_migrations, latest_version

runner = CliRunner()
TEXT = "Le président burkinabè a reçu mercredi à Ouagadougou le ministre malien des Affaires étrangères."
READING = [["list"], ["show", "abc"], ["actors"], ["quotes"], ["events"], ["export", "--format", "jsonl"]]


def error_line(result) -> str:
    """The one stderr line of a failed command: exactly one, an ``error:`` line, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def article(text: str = TEXT, source: str = "a.txt"):
    return clean_document(RawDocument(source=source, kind="text", text=text))


def foreign_database(path: Path) -> bytes:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('mes notes')")
        connection.commit()
    return path.read_bytes()


def journal_mode(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute("PRAGMA journal_mode").fetchone()[0]


# --- a database that is not a telex store, or not of this telex ------------------------------------


@pytest.mark.parametrize("command", [*READING, ["ingest", "PAGE", "--no-nlp"], ["reprocess"]], ids=lambda c: c[0])
def test_another_applications_database_is_refused_and_left_untouched(tmp_path, command):
    other = tmp_path / "other_app.sqlite"
    before = foreign_database(other)
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    arguments = [str(page) if part == "PAGE" else part for part in command]
    line = error_line(runner.invoke(app, [*arguments, "--db", str(other)]))
    assert "is an SQLite database but not a telex store (tables notes); give another --db" in line
    assert other.read_bytes() == before and journal_mode(other) == "delete"
    assert not Path(f"{other}-wal").exists()


def test_a_rails_schema_migrations_table_does_not_make_a_telex_store(tmp_path):
    other = tmp_path / "development.sqlite3"
    with contextlib.closing(sqlite3.connect(other)) as connection:
        connection.execute('CREATE TABLE "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY)')
        connection.execute("INSERT INTO schema_migrations VALUES ('20240101120000')")
        connection.commit()
    before = other.read_bytes()
    with pytest.raises(StoreUnavailable, match="not a telex store"):
        Store(other)
    assert other.read_bytes() == before


def test_a_store_of_a_newer_schema_is_refused_for_reading_and_writing(tmp_path):
    path = tmp_path / "t.db"
    Store(path).close()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future.sql')")
        connection.commit()
    before = path.read_bytes()
    for command in (["list"], ["ingest", str(tmp_path), "--no-nlp"]):
        line = error_line(runner.invoke(app, [*command, "--db", str(path)]))
        assert f"written by a newer telex (schema version 99; this telex knows up to {latest_version()})" in line
    assert path.read_bytes() == before


# --- commands that read never create, migrate or switch journal mode -------------------------------


@pytest.mark.parametrize("command", [*READING, ["reprocess"], ["upgrade"]], ids=lambda c: c[0])
def test_a_mistyped_db_is_refused_and_no_file_is_created(tmp_path, command):
    missing = tmp_path / "telx.db"
    line = error_line(runner.invoke(app, [*command, "--db", str(missing)]))
    assert line == f"error: cannot open the store '{missing}': no such file (telex ingest creates a store)"
    assert list(tmp_path.iterdir()) == []


def _old_store(path: Path, version: int) -> None:
    """A store as an older telex left it: the first ``version`` migrations, rollback journal."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL"
            " DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
        )
        for number, name, sql in available_migrations()[:version]:
            connection.executescript(sql)
            connection.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (number, name))
        connection.commit()


def test_commands_that_read_leave_an_older_store_as_it_is_and_say_how_to_upgrade(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path, 3)
    before = path.read_bytes()
    line = error_line(runner.invoke(app, ["list", "--db", str(path)]))
    assert f"was made by an older telex (schema version 3 of {latest_version()})" in line
    assert f"run 'telex upgrade --db {path}' once" in line
    assert path.read_bytes() == before and journal_mode(path) == "delete"
    upgraded = runner.invoke(app, ["upgrade", "--db", str(path)])
    applied = ", ".join(name for _number, name, _sql in available_migrations()[3:])  # 0004_event_repeats.sql, …
    assert upgraded.exit_code == 0 and upgraded.stdout == f"{path}: upgraded ({applied}), 0 articles\n"
    assert runner.invoke(app, ["list", "--db", str(path)]).exit_code == 0


def test_commands_that_read_open_the_store_read_only(tmp_path):
    path = tmp_path / "t.db"
    with Store(path) as store:
        store.add([(article(), None)])
    with Store(path, read_only=True) as store:
        assert store.count() == 1
        with pytest.raises(StoreWriteFailed, match="readonly database"):
            store.add([(article(TEXT + " Encore."), None)])


# --- --db on things that are not stores ----------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["ingest", "PAGE", "--no-nlp"]], ids=["list", "ingest"])
def test_db_on_a_text_file_a_folder_or_under_a_missing_folder_is_one_error_line(tmp_path, command):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("mes notes\n", encoding="utf-8")
    arguments = [str(page) if part == "PAGE" else part for part in command]
    for path in (notes, tmp_path, tmp_path / "missing" / "t.db"):
        line = error_line(runner.invoke(app, [*arguments, "--db", str(path)]))
        assert line.startswith(f"error: cannot open the store '{path}'")
    assert notes.read_text(encoding="utf-8") == "mes notes\n"


@contextlib.contextmanager
def read_only(path: Path):
    """``path`` read-only for this process, root included (an immutable file when running as root)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root without chattr +i: nothing is read-only for root")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_store_or_folder_is_read_and_refuses_writes_with_one_error_line(tmp_path, what):
    folder = tmp_path / "stores"
    folder.mkdir()
    path = folder / "t.db"
    with Store(path) as store:
        store.add([(article(), None)])
    page = tmp_path / "page.txt"
    page.write_text(TEXT + " Et un autre texte.", encoding="utf-8")
    before = path.read_bytes()
    with read_only(path if what == "file" else folder):
        listed = runner.invoke(app, ["list", "--db", str(path)])
        assert listed.exit_code == 0 and "1 articles" in listed.stdout, listed.output
        line = error_line(runner.invoke(app, ["ingest", str(page), "--db", str(path), "--no-nlp"]))
        assert str(path) in line and ("read-only" in line or "readonly" in line or "unable to open" in line), line
    assert path.read_bytes() == before


# --- a full disk ------------------------------------------------------------------------------------


def test_a_full_disk_while_ingesting_is_one_error_line_and_the_batches_before_stay(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(60):
        (folder / f"{number:02d}.txt").write_text(f"Dépêche {number}. {TEXT} " * 30, encoding="utf-8")
    path = tmp_path / "t.db"

    class FullDisk(Store):
        """SQLite's "database or disk is full" once the file has grown a few pages, as on a full disk."""

        def __init__(self, *arguments, **options) -> None:
            super().__init__(*arguments, **options)
            pages = self.connection.execute("PRAGMA page_count").fetchone()[0]
            self.connection.execute(f"PRAGMA max_page_count = {pages + 12}")

    monkeypatch.setattr("telex.cli.Store", FullDisk)
    line = error_line(runner.invoke(app, ["ingest", str(folder), "--db", str(path), "--no-nlp", "--batch-size", "4"]))
    assert line.startswith(f"error: cannot write to the store '{path}': database or disk is full")
    assert line.endswith("(free some space, then re-run the same command); everything stored before is intact")
    monkeypatch.undo()
    with Store(path, read_only=True) as store:
        stored = store.count()
    assert stored % 4 == 0 and 0 < stored < 60  # whole batches
    rerun = runner.invoke(app, ["ingest", str(folder), "--db", str(path), "--no-nlp", "--batch-size", "4"])
    assert rerun.exit_code == 0
    with Store(path, read_only=True) as store:
        assert store.count() == 60


# --- one article the database refuses -------------------------------------------------------------------


def test_an_article_the_database_refuses_is_reported_and_the_rest_of_the_batch_stored(tmp_path, store):
    good, bad, other = article(source="a.txt"), article(TEXT + " Deux.", "b.txt"), article(TEXT + " Trois.", "c.txt")
    bad.title = "\ud83d titre"  # a lone surrogate: SQLite cannot encode it
    results = store.add_each([(good, None), (bad, None), (other, None)])
    assert [type(result).__name__ for result in results] == ["AddResult", "ArticleNotStored", "AddResult"]
    assert isinstance(results[1], ArticleNotStored) and results[1].source == "b.txt"
    assert store.count() == 2 and store.get(other.id).article.text == other.text


def test_ingest_reports_an_analysis_the_store_cannot_hold_and_stores_the_others(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"{TEXT} {name}", encoding="utf-8")

    def analyzer(articles):
        broken = Analysis(mentions=[Mention(0, 2, "\udc80", "BFA", "name")])  # unencodable text
        return [broken if a.source.endswith("b.txt") else Analysis() for a in articles]

    report = ingest([folder], store, analyzer=analyzer)
    assert len(report.added) == 2 and store.count() == 2
    (failure,) = report.failed
    assert failure.source.endswith("b.txt") and failure.reason == "could not be stored"


# --- several processes creating one store ------------------------------------------------------------------

CREATE = """
import sys, time
from telex.clean import clean_document
from telex.records import RawDocument
from telex.store import Store
start, number = float(sys.argv[2]), sys.argv[3]
while time.time() < start:
    pass
with Store(sys.argv[1]) as store:
    text = f"Dépêche {number} : le ministre a rencontré son homologue."
    store.add([(clean_document(RawDocument(source=f"{number}.txt", kind="text", text=text)), None)])
"""


def test_several_processes_creating_one_new_store_at_once_all_succeed(tmp_path):
    import time

    path = tmp_path / "new.db"
    start = time.time() + 3  # all start together, past their imports
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CREATE, str(path), str(start), str(number)], stderr=subprocess.PIPE, text=True
        )
        for number in range(8)
    ]
    failures = [process.stderr.read() for process in processes if process.wait() != 0]
    assert failures == []
    with Store(path, read_only=True) as store:
        assert store.count() == 8
        versions = [row[0] for row in store.connection.execute("SELECT version FROM schema_migrations")]
    assert versions == [number for number, _name, _sql in available_migrations()]
