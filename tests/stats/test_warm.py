"""Warming fills the very cache entries the statistics page reads, for visitors and
members, and a change makes the page count afresh (never a stale warm copy)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cidb.stats import tasks
from cidb.stats.warm import warm
from tests.factories import IncidentFactory


def counted(client) -> bool:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/stats/")
    assert response.status_code == 200
    # link tables, link rows or the summary counts
    tables = ("incidents_incident_", "incidents_incidentlinks", "incidents_statscount")
    return any(t in q["sql"] for q in ctx.captured_queries for t in tables)


@pytest.mark.django_db
@pytest.mark.parametrize("tier", ["anonymous", "member"])
def test_warm_page_needs_no_counting(client_for, users, dataset, tier):
    client = client_for(tier)
    assert warm() == 6
    assert not counted(client)
    IncidentFactory(country="DK")
    assert counted(client)
    assert client.get("/stats/").context["total"] == 7


def test_periodic_task_runs_warm(db, dataset):
    assert tasks.warm_statistics.call_local() == 6
