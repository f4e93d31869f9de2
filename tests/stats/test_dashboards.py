"""Entity pages show their charts: a country's attack types and sectors, an
organization's incidents over time, an actor's techniques, a technique's actors."""

from __future__ import annotations

import pytest

from cidb.incidents.models import ThreatActor


def keys(response) -> list[str]:
    return [chart.key for chart in response.context["charts"]]


@pytest.mark.django_db
def test_country_page(client_for, users, dataset):
    anonymous = client_for("anonymous").get("/countries/SE/")
    assert keys(anonymous) == ["timeline", "attack-types", "sectors"]
    html = anonymous.content.decode()
    assert 'href="/stats/attack-types.csv?country=SE"' in html
    assert 'href="/stats/?country=SE">All statistics for Sweden' in html
    charts = {c.key: c for c in anonymous.context["charts"]}
    assert charts["sectors"].rows == [["Education and research", 1], ["Healthcare", 1],
                                      ["Local and regional government", 1]]  # fmt: skip
    member = client_for("member").get("/countries/SE/")
    assert keys(member) == ["timeline", "attack-types", "sectors", "actors", "techniques"]


@pytest.mark.django_db
def test_organization_page(client, dataset):
    victim = dataset[0].victim
    response = client.get(victim.get_absolute_url())
    assert keys(response) == ["timeline", "attack-types"]
    assert response.context["charts"][0].rows == [["2023-01", 1, 1]]
    assert f"/stats/timeline.csv?organization={victim.pk}" in response.content.decode()


@pytest.mark.django_db
def test_actor_page_shows_its_techniques(client_for, users, dataset):
    gang = ThreatActor.objects.get(name="Nordgruppen")
    response = client_for("member").get(gang.get_absolute_url())
    assert keys(response) == ["timeline", "techniques", "sectors", "countries"]
    techniques = response.context["charts"][1]
    assert [row[0] for row in techniques.rows] == ["T1486", "T1566"]
    assert 'href="/techniques/T1486/"' in techniques.svg


@pytest.mark.django_db
def test_technique_page_shows_its_actors_and_sectors(client_for, users, dataset):
    response = client_for("member").get("/techniques/T1566/")  # includes T1566.001
    charts = {c.key: c for c in response.context["charts"]}
    assert list(charts) == ["timeline", "actors", "sectors", "countries"]
    assert dict(charts["actors"].rows) == {"Nordgruppen": 1, "Bytecrew": 1, "Polar Bear Unit": 1}
    assert dict(charts["sectors"].rows) == {"Healthcare": 1, "Energy and utilities": 1}


@pytest.mark.django_db
def test_actor_and_technique_pages_stay_member_only(client_for, users, dataset):
    gang = ThreatActor.objects.get(name="Nordgruppen")
    for url in (gang.get_absolute_url(), "/techniques/T1566/"):
        response = client_for("free").get(url)
        assert response.status_code == 403
        assert "Nordgruppen" not in response.content.decode()
