"""Statistics are cached per data generation, so they follow every change at once:
a new incident, an edit, a retraction, a new link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cidb.incidents import services
from tests.factories import IncidentFactory


def countries(client, query: str = "") -> dict:
    (chart,) = [c for c in client.get(f"/stats/?{query}").context["charts"] if c.key == "countries"]
    return dict(chart.rows)


@pytest.mark.django_db
def test_repeated_requests_are_served_from_the_cache(client, dataset):
    client.get("/stats/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/stats/")
    # The generation and the country list's cached counts; nothing counts incidents.
    assert all("incidents_incident_" not in q["sql"] for q in ctx.captured_queries)
    assert len(ctx.captured_queries) <= 2


@pytest.mark.django_db
def test_created_edited_and_retracted_incidents_show_at_once(client, dataset):
    assert countries(client)["Sweden"] == 3
    assert countries(client, "attack_type=ransomware") == {"Sweden": 3}
    new = IncidentFactory(country="DK", date=dt.date(2024, 5, 1), attack_types=["ransomware"])
    assert countries(client)["Denmark"] == 1
    assert countries(client, "attack_type=ransomware") == {"Sweden": 3, "Denmark": 1}

    new.country = "FI"
    new.save()
    after_edit = countries(client)
    assert "Denmark" not in after_edit and after_edit["Finland"] == 1

    new.attack_types.set([])  # a link change alone also counts
    assert countries(client, "attack_type=ransomware") == {"Sweden": 3}

    dataset[0].status = "retracted"
    dataset[0].save()
    assert countries(client)["Sweden"] == 2
    response = client.get("/stats/")
    assert response.context["total"] == 6  # 6 - 1 retracted + 1 new
    timeline = response.context["charts"][0]
    assert dict((r[0], r[1]) for r in timeline.rows)["2024-05"] == 1


@pytest.mark.django_db
def test_cache_key_follows_the_generation(client, dataset):
    before = client.get("/stats/").context["total"]
    services.bump_generation()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/stats/").context["total"] == before
    assert any("incidents_incident" in q["sql"] for q in ctx.captured_queries)  # recounted
