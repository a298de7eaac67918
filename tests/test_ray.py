"""`telex ingest --ray` on a real local Ray cluster (2 CPUs): same store as a local ingest, even when
a worker is killed mid-job. Skipped when Ray is not installed (it is in the test extra)."""

from __future__ import annotations

import logging
import os
import shutil
import signal

import pytest
from typer.testing import CliRunner

from conftest import requires_shared

ray = pytest.importorskip("ray")

from telex.cli import app  # noqa: E402
from telex.cluster import RayWorkers  # noqa: E402
from telex.export import article_records  # noqa: E402
from telex.pipeline import ingest  # noqa: E402
from telex.store import Store  # noqa: E402
from telex.unit_workers import WorkerOptions  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.ray]
runner = CliRunner()
PAGES = 30


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    corpus = requires_shared("corpus/orangesum/pages")
    folder = tmp_path_factory.mktemp("ray") / "pages"
    folder.mkdir()
    for page in sorted(corpus.iterdir())[:PAGES]:
        shutil.copy(page, folder / page.name)
    return folder


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    yield
    ray.shutdown()


def _records(db) -> list[dict]:
    with Store(db) as store:
        records = list(article_records(store.articles_with_analyses()))
    for record in records:
        record.pop("ingested_at")
    return records


@pytest.fixture(scope="module")
def local(pages, tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "local.db"
    with Store(db) as store:
        report = ingest([pages], store)
    assert len(report.added) >= PAGES - 2 and not report.failed
    return _records(db)


def test_a_ray_ingest_stores_what_a_local_ingest_stores(cluster, pages, local, tmp_path):
    db = tmp_path / "ray.db"
    result = runner.invoke(app, ["ingest", str(pages), "--db", str(db), "--batch-size", "8", "--ray"])
    assert result.exit_code == 0, result.output
    assert _records(db) == local
    again = runner.invoke(app, ["ingest", str(pages), "--db", str(db), "--batch-size", "8", "--ray"])
    assert "units done by an earlier run" in again.output and _records(db) == local


def test_a_worker_killed_mid_job_is_replaced_and_the_job_completes_with_the_same_store(cluster, pages, local, tmp_path):
    db = tmp_path / "killed.db"
    killed: list[int] = []
    with RayWorkers(WorkerOptions(), workers=2) as workers, Store(db) as store:
        first_pids = workers.wait_ready()

        def kill_once(_path, _share) -> None:
            if not killed:  # the first unit is stored: the others are in flight on both workers
                os.kill(first_pids[0], signal.SIGKILL)
                killed.append(first_pids[0])

        report = ingest([pages], store, workers=workers, batch_size=5, on_progress=kill_once)
        assert killed and not report.failed
        assert first_pids[0] not in workers.wait_ready()  # Ray started another worker in its place
    assert _records(db) == local
