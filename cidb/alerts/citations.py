"""An incident's citation: its public fields plus a version read from the change log.

The version counts the recorded changes (updates and merges; the change log only
records saves that changed something), so edits to other records and saves that
change nothing leave a citation as it was, and any real change gives a new version.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from cidb.exchange.records import incident_url
from cidb.incidents.citation import Citation
from cidb.incidents.models import ChangeLog, Incident

VERSION_ACTIONS = (ChangeLog.Action.UPDATE, ChangeLog.Action.MERGE)


def record_version(incident: Incident) -> tuple[int, dt.datetime]:
    """(version number, when that version came to be), in UTC."""
    changes = ChangeLog.objects.filter(incident=incident, action__in=VERSION_ACTIONS)
    found = changes.aggregate(n=Count("id"), last=Max("time"))
    when = found["last"] or incident.published_at or incident.created
    return 1 + found["n"], when.astimezone(dt.UTC)


def citation_for(incident: Incident, accessed: dt.date | None = None) -> Citation:
    version, when = record_version(incident)
    return Citation(
        uuid=str(incident.uuid),
        victim=incident.victim_name,
        date_display=incident.date_display,
        url=incident_url(incident),
        site_name=settings.SITE_NAME,
        version=version,
        version_date=when,
        accessed=accessed or timezone.now().astimezone(dt.UTC).date(),
    )
