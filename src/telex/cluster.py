"""``telex ingest --ray``: the same job on a Ray cluster, for archive backfills.

A pool of Ray actors, each a :class:`telex.unit_workers.UnitWorker` that loads the NLP once, reads and
cleans its units' files itself and sends back plain records (or writes them to a Parquet
dataset). Big WARC and JSONL files are cut into record ranges by Ray tasks that run where the
files are. The driver (the ``telex ingest`` process) only stores, in input order, one unit per
transaction: :func:`telex.pipeline.ingest` does that part, the same as for local workers.

A worker that dies (killed, out of memory, its node lost) is restarted by Ray, which loads the
model again and retries the unit it held (``max_task_retries``); a unit that fails that often
stops the job, and a re-run skips the units already stored.

Ray is an optional dependency (``pip install 'telex[ray]'``), imported only here and only when
``--ray`` is asked for.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telex.errors import TelexError
from telex.ingest.units import WorkUnit, file_cuts
from telex.unit_workers import UnitResult, UnitWorker, WorkerOptions

LOCAL = "local"  # --ray with no address: start a cluster on this machine
RETRIES = 3  # times Ray retries a unit whose worker died


class RayUnavailable(TelexError):
    """--ray without Ray installed, or a cluster that cannot be reached."""


def _ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise RayUnavailable("--ray needs Ray, an optional extra: pip install 'telex[ray]'") from error
    return ray


class _Worker:
    """The Ray actor: a :class:`UnitWorker` for as long as its process lives."""

    def __init__(self, options: WorkerOptions) -> None:
        self.worker = UnitWorker(options)

    def process(self, unit: WorkUnit) -> UnitResult:
        return self.worker.process(unit)

    def pid(self) -> int:
        return os.getpid()


def _plan(path: str, documents_per_range: int) -> list[tuple[int, int]] | None:
    return file_cuts(Path(path), documents_per_range)


class RayWorkers:
    """Ray actors doing units of an ingest, as :class:`telex.unit_workers.Workers`.

    ``address`` is ``"local"`` (start a cluster here, stopped at the end), ``"auto"`` (the cluster
    this machine belongs to, e.g. after ``ray start --head``) or a cluster's address
    (``ray://head:10001``, ``head:6379``). ``workers`` defaults to one per CPU of the cluster;
    ``num_cpus`` limits a local cluster.
    """

    def __init__(
        self,
        options: WorkerOptions,
        address: str = LOCAL,
        *,
        workers: int | None = None,
        num_cpus: int | None = None,
        retries: int = RETRIES,
    ) -> None:
        ray = _ray()
        from ray.util import ActorPool

        self.ray = ray
        self.started = False
        if not ray.is_initialized():
            try:
                if address == LOCAL:
                    ray.init(
                        num_cpus=num_cpus,
                        include_dashboard=False,
                        logging_level=logging.WARNING,
                        log_to_driver=False,
                    )
                else:
                    ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise RayUnavailable(f"cannot reach the Ray cluster at {address!r}: {error}") from error
            self.started = True
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1, max_restarts=retries, max_task_retries=retries)(_Worker)
        self.actors = [actor.remote(options) for _ in range(count)]
        self.pool = ActorPool(self.actors)
        self.plan_task = ray.remote(num_cpus=0.25, max_retries=retries)(_plan)

    @property
    def window(self) -> int:
        """Units in flight: four per actor, so that none waits while the driver stores or an earlier,
        longer unit is still being done elsewhere (results are stored in order)."""
        return 4 * len(self.actors)

    def wait_ready(self) -> list[int]:
        """Wait until every actor has loaded the NLP; their pids."""
        return self.ray.get([actor.pid.remote() for actor in self.actors])

    def plan_files(self, paths: list[Path], documents_per_range: int) -> list[list[tuple[int, int]] | None]:
        """Cut big files into ranges, in parallel, on the cluster's nodes."""
        return self.ray.get([self.plan_task.remote(str(path), documents_per_range) for path in paths])

    def submit(self, unit: WorkUnit) -> Callable[[], UnitResult]:
        self.pool.submit(lambda actor, value: actor.process.remote(value), unit)
        return self.pool.get_next  # called in submission order, it returns this unit's result

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        if self.started:
            self.ray.shutdown()

    def __enter__(self) -> RayWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
