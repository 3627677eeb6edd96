"""SQLite concurrency (issue #6's web server, found by its browser test): a read-only unit of
work takes no write lock, so readers never wait for a writer holding the database (a timeline
request used to fail with "database is locked" behind other requests on a slow machine)."""

from __future__ import annotations

import threading
import time


def test_reader_does_not_wait_for_a_writer(sqlite_store) -> None:  # type: ignore[no-untyped-def]
    writing = threading.Event()
    done = threading.Event()

    def writer() -> None:
        with sqlite_store.unit_of_work():  # BEGIN IMMEDIATE: holds the write lock
            writing.set()
            done.wait(20)

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert writing.wait(10)
        t0 = time.monotonic()
        with sqlite_store.unit_of_work(readonly=True) as uow:
            assert uow.get_event("no-such-event") is None
        assert time.monotonic() - t0 < 2.0
    finally:
        done.set()
        t.join()

