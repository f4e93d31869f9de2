"""SQLite connections wait for a busy writer instead of failing with "database is
locked" (busy timeout), and readers never wait (WAL): every connection gets both
from the settings' connection options."""

from __future__ import annotations

import copy
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper


def wrapper(path, alias: str) -> DatabaseWrapper:
    config = copy.deepcopy(settings.DATABASES["default"])
    config["NAME"] = str(path)
    return DatabaseWrapper(config, alias)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking")
@pytest.mark.django_db
def test_a_write_waits_for_a_busy_writer_and_reads_do_not_wait(tmp_path):
    path = tmp_path / "site.sqlite3"
    writer, other = wrapper(path, "writer"), wrapper(path, "other")
    with writer.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("CREATE TABLE t (n INTEGER)")
        cursor.execute("INSERT INTO t VALUES (1)")
    holding = threading.Event()
    errors: list[BaseException] = []

    def long_transaction() -> None:
        try:
            writer.inc_thread_sharing()
            writer.set_autocommit(False)  # BEGIN IMMEDIATE (transaction_mode)
            with writer.cursor() as cursor:
                cursor.execute("INSERT INTO t VALUES (2)")
                holding.set()
                time.sleep(1.5)  # an import batch holding the write lock
            writer.commit()
            writer.set_autocommit(True)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
            holding.set()

    thread = threading.Thread(target=long_transaction)
    thread.start()
    try:
        assert holding.wait(5) and not errors
        t0 = time.monotonic()
        with other.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")  # a reader: no wait
            assert cursor.fetchone()[0] == 1
            assert time.monotonic() - t0 < 1
            cursor.execute("INSERT INTO t VALUES (3)")  # a log-in's write: waits
            waited = time.monotonic() - t0
            cursor.execute("SELECT count(*) FROM t")
            assert cursor.fetchone()[0] == 3
        assert waited > 0.5
    finally:
        thread.join(10)
        writer.close()
        other.close()
