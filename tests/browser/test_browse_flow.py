"""A visitor browses, filters and searches, opens an incident, logs in as a member
and sees the values that were hidden."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    IncidentFactory,
    OrganizationFactory,
    SourceFactory,
    TechniqueFactory,
    ThreatActorFactory,
    UserFactory,
)

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data():
    encrypt = TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact")
    gang = ThreatActorFactory(name="Nordgruppen", actor_type="organized_crime", country="RU")
    target = IncidentFactory(
        victim=OrganizationFactory(name="Region Västerbotten", country="SE"),
        country="SE",
        date=dt.date(2024, 2, 1),
        summary="Ransomware hit the region's hospital systems; patients were redirected.",
        attack_types=["ransomware"],
        motives=["Financial"],
        techniques=[encrypt],
        actors=[gang],
        sources=[SourceFactory(url="https://news.example.org/vasterbotten", title="Region hit")],
        integrity="affected",
        availability="affected",
    )
    IncidentFactory(  # same country and type, but not about a hospital
        victim=OrganizationFactory(name="Umeå kommun"),
        country="SE",
        summary="Ransomware encrypted the municipality's file servers.",
        attack_types=["ransomware"],
    )
    IncidentFactory(  # same words, other country
        victim=OrganizationFactory(name="Klinikum Nord", country="DE"),
        country="DE",
        summary="Ransomware hit the hospital.",
        attack_types=["ransomware"],
    )
    IncidentFactory(country="SE", attack_types=["ddos"], summary="Websites went down.")
    UserFactory(username="mona", tier="member")
    return target


def test_browse_filter_search_open_and_log_in(live_server, page, screenshot, data):
    page.goto(f"{live_server.url}/incidents/")
    expect(page.locator(".total")).to_contain_text("4 incidents,")
    screenshot("1-browse")

    page.locator(".facet", has_text="Country").get_by_role("link", name="Sweden").click()
    page.wait_for_url("**country=SE**")
    page.locator(".facet", has_text="Attack type").get_by_role("link", name="Ransomware").click()
    page.wait_for_url("**attack_type=ransomware**")
    expect(page.locator(".total")).to_contain_text("2 incidents,")
    assert "country=SE" in page.url and "attack_type=ransomware" in page.url

    page.locator("#q").fill("hospital")
    page.locator(".browse-search button").click()
    page.wait_for_url("**q=hospital**")
    expect(page.locator(".total")).to_contain_text("1 incident matching")
    assert "q=hospital" in page.url and "country=SE" in page.url
    screenshot("2-filtered")

    page.get_by_role("link", name="Region Västerbotten").click()
    page.wait_for_url(f"**{data.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Region Västerbotten"
    body = page.locator("main").inner_text()
    assert "Available to members" in body
    assert "1 technique" in body and "1 actor" in body and "1 source" in body
    assert "T1486" not in body and "Nordgruppen" not in body
    screenshot("3-incident-visitor")

    page.get_by_role("link", name="Log in").first.click()
    page.locator("#id_username").fill("mona")
    page.locator("#id_password").fill("correct horse battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)  # back on the incident
    page.goto(f"{live_server.url}{data.get_absolute_url()}")
    body = page.locator("main").inner_text()
    for value in ("T1486", "Data Encrypted for Impact", "Financial", "Nordgruppen",
                  "Organized crime", "Region hit"):  # fmt: skip
        assert value in body, value
    assert "Available to members" not in body
    screenshot("4-incident-member")
