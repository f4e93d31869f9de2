"""Cached values are namespaced by what they hold: the country list's counts and the
statistics page's country codes once shared one key, so whichever page came second
read the other's data (a 500 on /stats/, garbage on /countries/)."""

from __future__ import annotations

import pytest

from cidb.incidents import facets
from tests.factories import IncidentFactory


@pytest.fixture
def incidents(db):
    IncidentFactory(country="SE")
    IncidentFactory(country="NO")
    IncidentFactory(country="NO")


@pytest.mark.parametrize("tier", ["anonymous", "member", "editor"])
def test_countries_then_stats(incidents, client_for, tier):
    client = client_for(tier)
    countries = client.get("/countries/")
    assert countries.status_code == 200
    stats = client.get("/stats/")
    assert stats.status_code == 200
    assert "Norway" in stats.content.decode()


@pytest.mark.parametrize("tier", ["anonymous", "member", "editor"])
def test_stats_then_countries(incidents, client_for, tier):
    client = client_for(tier)
    assert client.get("/stats/").status_code == 200
    page = client.get("/countries/").content.decode()
    # The counts of the country list, not the bare codes of the stats filter form.
    assert "Norway" in page and "Sweden" in page
    assert client.get("/countries/").context["countries"] == [
        ("NO", "Norway", 2),
        ("SE", "Sweden", 1),
    ]


def test_same_name_different_kind_do_not_collide(db):
    assert facets.cached_by_generation("one-kind", "x", lambda: [1]) == [1]
    assert facets.cached_by_generation("other-kind", "x", lambda: {"a": 2}) == {"a": 2}


@pytest.mark.parametrize("kind", ["", "a|b", "a:b"])
def test_kind_must_be_a_plain_name(db, kind):
    with pytest.raises(ValueError):
        facets.cached_by_generation(kind, "x", lambda: 1)
