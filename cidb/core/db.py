"""Database helpers shared by the writers: which errors are worth a retry, and a
retry loop for work whose transaction rolls back whole (an import batch, an ingest
batch), so repeating it is safe."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

log = logging.getLogger(__name__)
T = TypeVar("T")

# SQLite: another connection held the write lock past the busy timeout. PostgreSQL:
# the deadlock detector or a serialization check chose this transaction.
_TRANSIENT = ("database is locked", "database table is locked", "deadlock detected",
              "could not serialize access")  # fmt: skip


def is_transient(exc: BaseException) -> bool:
    """True for a lock or deadlock error after which the same transaction may succeed."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc).lower()
    return any(marker in text for marker in _TRANSIENT)


def retrying(work: Callable[[], T], *, attempts: int = 5, pause: float = 0.5) -> T:
    """Run ``work`` (which must open and fully roll back its own transaction on error),
    again after a transient error, up to ``attempts`` times."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except OperationalError as exc:
            if attempt == attempts or not is_transient(exc) or connection.in_atomic_block:
                raise
            log.warning("retrying after %s (attempt %d of %d)", exc, attempt, attempts)
            time.sleep(pause * attempt)
    raise AssertionError("unreachable")
