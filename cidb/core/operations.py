"""One-line, actionable messages for the problems an operator meets before cidb can
do anything: a database that is missing, unreachable or unwritable, a data
directory that cannot be written, a setting that does not parse. `cidb` prints
these instead of a traceback (see cidb/cli.py). No Django import at module level:
the settings may be what failed."""

from __future__ import annotations

import re


def _database() -> dict:
    try:
        from django.conf import settings

        return dict(settings.DATABASES["default"])
    except Exception:  # the settings themselves failed  # noqa: BLE001
        return {}


def _where(db: dict) -> str:
    if "sqlite" in db.get("ENGINE", ""):
        return f"the SQLite database {db.get('NAME')}"
    host, port = db.get("HOST") or "localhost", db.get("PORT") or 5432
    return f'the PostgreSQL database "{db.get("NAME")}" at {host}:{port}'


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def problem(exc: BaseException) -> str | None:
    """The one-line explanation of ``exc``, or None when it is not an operational
    problem (then the traceback is what a developer needs)."""
    from django.core.exceptions import ImproperlyConfigured

    for error in _chain(exc):
        text = " ".join(str(error).split())
        name = type(error).__name__
        module = type(error).__module__
        if isinstance(error, ImproperlyConfigured):
            return f"configuration error: {text}"
        if name in ("OperationalError", "ProgrammingError", "InterfaceError") and (
            module.startswith(("django.db", "psycopg", "sqlite3"))
        ):
            return _database_problem(text)
        if isinstance(error, PermissionError | FileNotFoundError | NotADirectoryError) and getattr(
            error, "filename", None
        ):
            return (
                f"cannot write {error.filename} ({error.strerror}); set CIDB_DATA_DIR to a "
                "writable directory, or fix DATABASE_URL"
            )
    return None


def _database_problem(text: str) -> str:
    db = _database()
    where = _where(db)
    missing = re.search(r'database "([^"]+)" does not exist', text)
    if missing:
        return (
            f'{where} does not exist: create it (createdb "{missing.group(1)}") or fix '
            "DATABASE_URL, then run cidb migrate"
        )
    if "refused" in text.lower():
        return f"cannot connect to {where} (connection refused): is PostgreSQL running there? Check DATABASE_URL"  # fmt: skip
    if "timeout expired" in text or "timed out" in text:
        return f"cannot connect to {where} (timed out): check the host in DATABASE_URL and the network"  # fmt: skip
    if "translate host name" in text or "Name or service not known" in text:
        return f"cannot connect to {where}: unknown host name; check DATABASE_URL"
    if "password authentication failed" in text or re.search(r'role "[^"]+" does not exist', text):
        return f"{where} refused the user name or password in DATABASE_URL"
    if "unable to open database file" in text:
        return (
            f"cannot open {where}: its directory must exist and be writable; check "
            "DATABASE_URL or CIDB_DATA_DIR"
        )
    if "readonly database" in text or "read-only" in text:
        return f"{where} is read-only: make the file and its directory writable"
    if "no such table" in text or re.search(r'relation "[^"]+" does not exist', text):
        return f"{where} has no cidb tables yet: run cidb migrate (or cidb setup)"
    if "database is locked" in text:
        return f"{where} is locked by another process; try again when it has finished"
    first = text.split(" DETAIL:")[0][:200]
    return f"database error with {where}: {first}"
