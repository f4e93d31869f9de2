"""Nothing member-only reaches a non-member on any page; members see it all."""

from __future__ import annotations

import re

import pytest

from tests.conftest import MEMBERS, NON_MEMBERS


def page_urls(incident) -> dict[str, str]:
    actor = incident.actors.get()
    return {
        "home": "/",
        "browse": "/incidents/",
        "browse search": "/incidents/?q=municipality",
        "browse facets": "/incidents/?country=SE&attack_type=ransomware&year=2024",
        "browse member filter": f"/incidents/?technique=T1486&motive=Grudge&actor={actor.pk}",
        "incident": incident.get_absolute_url(),
        "organization": incident.victim.get_absolute_url(),
        "organizations": "/organizations/",
        "country": "/countries/SE/",
        "countries": "/countries/",
        "actor": actor.get_absolute_url(),
        "actors": "/actors/",
        "technique": "/techniques/T1486/",
        "techniques": "/techniques/",
        "not found": "/incidents/00000000-0000-0000-0000-000000000000/",
        "bad filter": "/incidents/?country=XX&technique=T1486",
    }


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_no_member_value_reaches_non_members(tier, client_for, rich_incident, member_values):
    client = client_for(tier)
    for page, url in page_urls(rich_incident).items():
        response = client.get(url, follow=True)
        assert response.status_code in (200, 400, 403, 404), (page, response.status_code)
        # The "log in and come back" links carry the visitor's own address; that is
        # their input, not data, so it is the one thing removed before checking.
        html = re.sub(r"next=[^\"&]*", "next=", response.content.decode())
        leaked = {name: value for name, value in member_values.items() if value in html}
        assert not leaked, f"{page} ({url}) shows {leaked} to {tier}"


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_non_members_see_public_fields_and_counts(tier, client_for, rich_incident):
    html = client_for(tier).get(rich_incident.get_absolute_url()).content.decode()
    assert "Sundsvalls kommun" in html
    assert "Nov 2024" in html
    assert "Sweden" in html
    assert "e-services were knocked out" in html
    assert "The municipality restored them in a week." in html
    assert "Available to members" in html
    for count in ("1 motive", "1 technique", "1 actor", "1 source"):
        assert count in html


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_member_filters_are_ignored_for_non_members(tier, client_for, rich_incident):
    # Filtering by a hidden value would reveal it through the result count.
    response = client_for(tier).get("/incidents/?motive=Financial&country=SE", follow=True)
    assert response.redirect_chain == [("/incidents/?country=SE", 302)]
    html = response.content.decode()
    assert "1 incident," in html
    assert "Filtering by motive is available to members" in html


@pytest.mark.parametrize("tier", MEMBERS)
def test_members_see_every_value(tier, client_for, rich_incident, member_values):
    client = client_for(tier)
    detail = client.get(rich_incident.get_absolute_url()).content.decode()
    actor_page = client.get(rich_incident.actors.get().get_absolute_url()).content.decode()
    for name, value in member_values.items():
        where = actor_page if name == "actor alias" else detail
        assert value in where, f"{tier} does not see the {name} {value!r}"
    assert "Available to members" not in detail


@pytest.mark.parametrize("tier", MEMBERS)
def test_members_see_values_in_lists_and_facets(tier, client_for, rich_incident):
    html = client_for(tier).get("/incidents/").content.decode()
    for value in ("T1486", "Grudge", "Zetagrupp Kollektiv", "Threat actor", "Motive"):
        assert value in html


@pytest.mark.parametrize("tier", MEMBERS)
def test_member_filters_work_for_members(tier, client_for, rich_incident):
    client = client_for(tier)
    assert "1 incident," in client.get("/incidents/?motive=Grudge").content.decode()
    assert "0 incidents," in client.get("/incidents/?motive=Financial").content.decode()
    html = client.get("/incidents/?technique=T1486&integrity=affected").content.decode()
    assert "1 incident," in html


@pytest.mark.parametrize("url", ["/actors/", "/techniques/", "/techniques/T1486/"])
@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_member_pages_refuse_non_members(tier, url, client_for, rich_incident):
    response = client_for(tier).get(url)
    assert response.status_code == 403
    assert "Available to members" in response.content.decode()


@pytest.mark.parametrize("tier", ["anonymous", "free", "member"])
def test_drafts_are_invisible_below_editor(tier, client_for, rich_incident):
    rich_incident.status = "draft"
    rich_incident.save()
    client = client_for(tier)
    assert client.get(rich_incident.get_absolute_url()).status_code == 404
    assert "Sundsvalls kommun" not in client.get("/incidents/").content.decode()
    assert "Sundsvalls kommun" not in client.get("/incidents/?q=Sundsvalls").content.decode()


@pytest.mark.parametrize("tier", ["editor", "admin"])
def test_editors_see_drafts_marked(tier, client_for, rich_incident):
    rich_incident.status = "draft"
    rich_incident.save()
    html = client_for(tier).get(rich_incident.get_absolute_url()).content.decode()
    assert "Draft: not public" in html
