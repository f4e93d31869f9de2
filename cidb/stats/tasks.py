"""Periodic warming of the whole-database statistics (see warm.py)."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .warm import warm

if settings.STATS_WARM_MINUTES > 0:

    @db_periodic_task(crontab(minute=f"*/{settings.STATS_WARM_MINUTES}"))
    @lock_task("cidb-stats-warm")
    def warm_statistics() -> int:
        return warm()
