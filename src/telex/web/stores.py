"""Read-only connections to the store for the requests a server answers at the same time.

Every read request borrows a :class:`~telex.store.Store` opened read-only, so no request can write,
whatever its parameters; connections are reused rather than opened per request (SQLite's page
cache lives in the connection). Writes (ingest jobs) open their own read-write store.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from telex.store import Store


class ReadOnlyStores:
    """A pool of read-only stores over one SQLite file: one per request in flight, kept for the next."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A read-only store for the time of one request (or one streamed response)."""
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = Store(self.path, read_only=True)
        try:
            yield store
        finally:
            if store.connection.in_transaction:  # a reader interrupted mid-statement
                store.connection.rollback()
            self._idle.put(store)

    def close(self) -> None:
        """Close every idle connection (those lent out close when the pool is collected)."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
