"""``telex serve`` from the command line: it starts fast, binds to loopback, and loads no NLP for reads."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import httpx2 as httpx
import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in ("TELEX_TOKEN", "TELEX_DB")}


def test_serve_answers_on_loopback_within_seconds(web_store_path, tmp_path):
    path = tmp_path / "served.db"
    shutil.copy(web_store_path, path)
    port = _free_port()
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "telex.cli", "serve", "--db", str(path), "--port", str(port)],
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        answered = None
        while time.monotonic() - started < 30 and answered is None:
            try:
                answered = httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2)
            except httpx.TransportError:
                time.sleep(0.05)
        elapsed = time.monotonic() - started
        assert answered is not None and answered.json()["articles"] == 2
        assert elapsed < 10, f"telex serve took {elapsed:.1f} s to answer"
        assert httpx.post(f"http://127.0.0.1:{port}/api/v1/ingest", content=b"x", timeout=5).status_code == 403
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"serving {path} at http://127.0.0.1:{port}/ (read-only)" in output


def test_reads_and_pages_never_load_the_nlp_model(web_store_path):
    script = f"""
import sys
from pathlib import Path
from fastapi.testclient import TestClient
from telex.web.app import ServerSettings, create_app
with TestClient(create_app(ServerSettings(Path({str(web_store_path)!r})))) as client:
    for url in ("/", "/?q=Poutine", "/articles", "/actors", "/actors/vladimir-putin", "/events",
                "/quotes?speaker=Poutine", "/api/v1/articles?q=Poutine", "/api/v1/events?actor=PRK",
                "/api/v1/quotes?speaker=Putin", "/api/v1/export?format=jsonl"):
        assert client.get(url).status_code == 200, url
    article = client.get("/api/v1/articles").json()["items"][0]["id"]
    assert client.get("/articles/" + article).status_code == 200
print(sorted(name for name in ("spacy", "telex.analysis", "trafilatura") if name in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=_environment())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_serve_without_a_store_says_so_in_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "telex.cli", "serve", "--db", str(tmp_path / "none.db"), "--port", str(_free_port())],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: no store at") and result.stderr.count("\n") == 1
    assert not (tmp_path / "none.db").exists()
