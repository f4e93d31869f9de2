"""A wrong DATABASE_URL (missing PostgreSQL database, unreachable server, unwritable
SQLite path), an unwritable data directory or a malformed setting gives a one-line,
actionable error and a non-zero exit from any `cidb` command, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cidb.core import operations


def _cidb(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CIDB_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "cidb.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cidb: ") and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _postgres_available() -> bool:
    import socket

    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", 5432)) == 0


def test_missing_postgres_database(tmp_path):
    if not _postgres_available():
        pytest.skip("needs PostgreSQL at 127.0.0.1:5432 (not running)")
    url = "postgres://postgres@127.0.0.1:5432/cidb_harden_access_does_not_exist"
    result = _cidb("migrate", DATABASE_URL=url, CIDB_DATA_DIR=str(tmp_path))
    _one_line(result, "does not exist", "createdb", "DATABASE_URL")


def test_unreachable_postgres_server(tmp_path):
    # 8159: a port of this worktree's range where nothing listens
    url = "postgres://postgres@127.0.0.1:8159/cidb_harden_access"
    result = _cidb("createuser", "x", "--tier", "free", "--random-password",
                   DATABASE_URL=url, CIDB_DATA_DIR=str(tmp_path))  # fmt: skip
    _one_line(result, "cannot connect", "127.0.0.1:8159", "DATABASE_URL")


def test_unwritable_sqlite_path(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    url = f"sqlite:///{blocker}/cidb.sqlite3"
    result = _cidb("migrate", DATABASE_URL=url, CIDB_DATA_DIR=str(tmp_path / "data"))
    _one_line(result, "cannot open", str(blocker), "writable")


def test_unwritable_data_dir(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = _cidb("migrate", CIDB_DATA_DIR=str(blocker / "data"))
    _one_line(result, "cannot write", "CIDB_DATA_DIR")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('connection failed: FATAL:  database "cidb_x" does not exist', "createdb"),
        ("connection failed: connection to server at \"10.0.0.1\", port 5432 failed: Connection refused", "connection refused"),
        ("could not translate host name \"db.example\" to address: Name or service not known", "unknown host"),
        ('FATAL:  password authentication failed for user "cidb"', "user name or password"),
        ("unable to open database file", "writable"),
        ("attempt to write a readonly database", "read-only"),
        ("no such table: incidents_incident", "cidb migrate"),
        ("database is locked", "locked"),
    ],
)  # fmt: skip
def test_database_messages(settings, text, expected):
    from django.db.utils import OperationalError

    try:
        raise OperationalError(text)
    except OperationalError as exc:
        message = operations.problem(exc)
    assert expected in message and "\n" not in message


def test_other_errors_keep_their_traceback():
    assert operations.problem(ZeroDivisionError("x")) is None


def test_bad_setting_is_one_line(tmp_path):
    result = _cidb("check", CIDB_DATA_DIR=str(tmp_path), CIDB_TRUSTED_PROXIES="not-an-ip")
    _one_line(result, "configuration error", "CIDB_TRUSTED_PROXIES")
