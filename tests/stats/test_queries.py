"""The statistics page runs a constant number of SQL queries, whatever the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cidb.incidents import facets
from tests.factories import IncidentFactory, TechniqueFactory, ThreatActorFactory


def make(n: int) -> None:
    techniques = [
        TechniqueFactory(attack_id=f"T15{i:02d}", tactics=["execution"]) for i in range(3)
    ]
    for i in range(n):
        IncidentFactory(
            date=dt.date(2015 + i % 9, 1 + i % 12, 1),
            country=["SE", "DE", "NO", "FR", "PL"][i % 5],
            attack_types=[["ransomware"], ["ddos", "extortion"]][i % 2],
            motives=["Financial"],
            techniques=techniques[: 1 + i % 3],
            actors=[ThreatActorFactory()],
        )


def queries(client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


URLS = [
    "/stats/",
    "/stats/?country=SE&attack_type=ransomware",
    "/stats/?q=disrupted",
    "/countries/SE/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("tier", ["anonymous", "member"])
@pytest.mark.parametrize("large", [False, True], ids=["counted in Python", "grouped in SQL"])
def test_query_count_does_not_grow_with_data(client_for, tier, large, monkeypatch):
    if large:
        monkeypatch.setattr(facets, "SMALL_RESULT", 0)
    client = client_for(tier)
    make(3)
    few = [queries(client, url) for url in URLS]
    make(40)
    many = [queries(client, url) for url in URLS]
    assert few == many
    assert max(many) <= 30
