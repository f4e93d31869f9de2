"""Member-only breakdowns (motives, actors, CIA posture, techniques) reach members only:
on the page, in the CSV downloads and through the filters."""

from __future__ import annotations

import re

import pytest

from cidb.stats.charts import CHARTS
from tests.conftest import MEMBERS, NON_MEMBERS

MEMBER_CHARTS = [key for key, (_, member_only) in CHARTS.items() if member_only]
PUBLIC_CHARTS = [key for key, (_, member_only) in CHARTS.items() if not member_only]


def stats_urls(incident) -> list[str]:
    actor = incident.actors.get()
    query = "country=SE&attack_type=ransomware&year=2024"
    return [
        "/stats/",
        f"/stats/?{query}",
        "/stats/?q=municipality",
        *(f"/stats/{key}.csv" for key in CHARTS),
        *(f"/stats/{key}.csv?{query}" for key in CHARTS),
        f"/stats/?technique=T1486&motive=Grudge&actor={actor.pk}",
        "/stats/techniques.csv?technique=T1486",
        "/stats/countries.csv?motive=Grudge",
        "/stats/?country=XX&technique=T1486",
        "/countries/SE/",
        incident.victim.get_absolute_url(),
    ]


def visible_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # The "log in and come back" links carry the visitor's own address (their input).
    return re.sub(r"next=[^\"&]*", "next=", body.decode())


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_no_member_value_in_anonymous_statistics(tier, client_for, rich_incident, member_values):
    client = client_for(tier)
    for url in stats_urls(rich_incident):
        response = client.get(url, follow=True)
        assert response.status_code in (200, 400, 403), (url, response.status_code)
        text = visible_text(response)
        leaked = {name: value for name, value in member_values.items() if value in text}
        assert not leaked, f"{url} shows {leaked} to {tier}"


@pytest.mark.parametrize("tier", NON_MEMBERS)
@pytest.mark.parametrize("chart", MEMBER_CHARTS)
def test_member_only_csv_is_refused(tier, chart, client_for, rich_incident):
    response = client_for(tier).get(f"/stats/{chart}.csv")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_non_members_see_only_public_charts(tier, client_for, rich_incident):
    response = client_for(tier).get("/stats/")
    assert [c.key for c in response.context["charts"]] == PUBLIC_CHARTS
    html = response.content.decode()
    assert "Members also see" in html
    assert "chart-techniques" not in html


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_member_filters_are_dropped_for_non_members(tier, client_for, rich_incident):
    response = client_for(tier).get("/stats/?motive=Grudge&country=SE", follow=True)
    assert response.redirect_chain == [("/stats/?country=SE", 302)]
    assert "Filtering by motive is available to members" in response.content.decode()
    response = client_for(tier).get("/stats/countries.csv?motive=Grudge&country=SE")
    assert response.status_code == 302 and response["Location"] == "/stats/countries.csv?country=SE"


@pytest.mark.parametrize("tier", MEMBERS)
def test_members_see_every_chart_and_value(tier, client_for, rich_incident, member_values):
    client = client_for(tier)
    response = client.get("/stats/")
    assert [c.key for c in response.context["charts"]] == list(CHARTS)
    html = response.content.decode()
    for name in (
        "technique id",
        "technique name",
        "motive",
        "actor name",
        "actor type",
        "cia value",
    ):
        assert member_values[name] in html, name
    assert 'href="/techniques/T1486/"' in html  # heatmap cells link to the technique
    csv = client.get("/stats/techniques.csv").content.decode()
    assert "T1486,Data Encrypted for Impact,Impact,1" in csv
    assert client.get("/stats/?motive=Grudge").context["total"] == 1
