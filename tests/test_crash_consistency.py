"""Kill a real ingest mid-batch, re-run it, and compare with an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

PARAGRAPH = "Le ministre a rencontré son homologue à Niamey pour parler de sécurité et de coopération. "


def _articles(db):
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT content_hash, text, version FROM articles").fetchall())


def _count(db):
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _command(folder, db):
    return [
        sys.executable,
        "-m",
        "telex.cli",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--no-nlp",
        "--batch-size",
        "7",
    ]


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(1500):
        (folder / f"{number:05d}.txt").write_text(f"Dépêche {number}. " + PARAGRAPH * 3, encoding="utf-8")
    reference_db, crashed_db = tmp_path / "reference.db", tmp_path / "crashed.db"
    environment = {**os.environ, "COLUMNS": "100"}
    subprocess.run(_command(folder, reference_db), check=True, capture_output=True, env=environment)

    process = subprocess.Popen(
        _command(folder, crashed_db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    deadline = time.monotonic() + 120
    while _count(crashed_db) < 30 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    stored_at_kill = _count(crashed_db)
    assert 0 < stored_at_kill < 1500
    assert stored_at_kill % 7 == 0  # whole batches only

    rerun = subprocess.run(_command(folder, crashed_db), capture_output=True, env=environment, text=True)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert _articles(crashed_db) == _articles(reference_db)
    assert len(_articles(crashed_db)) == 1500
