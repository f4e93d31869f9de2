"""Periodic alert runs with huey: immediate alerts every few minutes, daily digests
every day and weekly digests on Mondays (at CIDB_ALERTS_DIGEST_HOUR, UTC).

The lock keeps two runs of one kind apart inside huey; the unique (search, incident)
pair and the claim in services.py keep a cron `cidb send-alerts` from duplicating them.
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from . import conf, services
from .models import Frequency

log = logging.getLogger(__name__)
HOUR = str(int(conf.get("ALERTS_DIGEST_HOUR")))


def _run(frequency: str) -> str:
    line = services.run(frequency).line()
    log.info("alerts: %s", line)
    return line


@db_periodic_task(crontab(minute=f"*/{int(conf.get('ALERTS_IMMEDIATE_MINUTES'))}"))
@lock_task("cidb-alerts-immediate")
def send_immediate_alerts() -> str:
    return _run(Frequency.IMMEDIATE)


@db_periodic_task(crontab(minute="0", hour=HOUR))
@lock_task("cidb-alerts-daily")
def send_daily_digests() -> str:
    return _run(Frequency.DAILY)


@db_periodic_task(crontab(minute="0", hour=HOUR, day_of_week="1"))
@lock_task("cidb-alerts-weekly")
def send_weekly_digests() -> str:
    return _run(Frequency.WEEKLY)
