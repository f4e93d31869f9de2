"""Periodic feed polling with huey (SqliteHuey by default, RedisHuey with CIDB_REDIS_URL)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from . import conf, services

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute=f"*/{int(conf.get('INGEST_FEED_MINUTES'))}"))
@lock_task("cidb-ingest-feeds")  # one poll at a time: the grouping state is loaded once
def poll_feeds() -> list[str]:
    """Ingest new entries of every enabled feed; returns the summary lines."""
    summary = services.Ingestor().run(services.all_feed_items())
    lines = summary.lines()
    for line in lines:
        log.info("feeds: %s", line)
    return lines
