"""Atom feeds: valid Atom, filtered like the browse page, gated by tier."""

from __future__ import annotations

import datetime as dt
import html

import feedparser
import pytest
from django.utils import timezone

from cidb.alerts.models import FeedToken
from cidb.incidents.models import Incident
from tests.alerts.atom import atom_errors
from tests.factories import IncidentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _published(victim: str, days_ago: int, **kwargs) -> Incident:
    incident = IncidentFactory(victim=OrganizationFactory(name=victim), **kwargs)
    when = timezone.now() - dt.timedelta(days=days_ago)
    Incident.objects.filter(pk=incident.pk).update(published_at=when)
    incident.refresh_from_db()
    return incident


def _parse(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    errors = atom_errors(response.content)
    assert errors == [], errors
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _text(response) -> str:
    """The feed with its entry HTML (escaped twice: HTML in XML) unescaped."""
    return html.unescape(html.unescape(response.content.decode()))


def test_public_feed_is_valid_atom_newest_publication_first(client):
    older = _published("Äldre kommun", days_ago=3)
    newer = _published("Nyare kommun", days_ago=1)
    IncidentFactory(victim=OrganizationFactory(name="Utkast AB"), status="draft")
    parsed = _parse(client.get("/feed/"))
    titles = [e.title for e in parsed.entries]
    assert titles == [
        f"{newer.victim_name}, {newer.date_display}",
        f"{older.victim_name}, Mar 2024",
    ]
    assert "Utkast AB" not in client.get("/feed/").content.decode()
    first = parsed.entries[0]
    assert first.id == f"urn:uuid:{newer.uuid}"
    assert first.link.endswith(f"/incidents/{newer.uuid}/")
    assert parsed.feed.author == "cidb"
    assert first.published_parsed[:3] == newer.published_at.utctimetuple()[:3]


def test_feed_takes_the_browse_filters(client):
    swedish = _published("Svensk kommun", days_ago=1, country="SE", attack_types=["ransomware"])
    norwegian = _published("Norsk kommune", days_ago=1, country="NO", attack_types=["ddos"])
    body = client.get("/feed/?country=SE&attack_type=ransomware").content.decode()
    assert swedish.victim_name in body and norwegian.victim_name not in body
    body = client.get("/feed/?q=Norsk").content.decode()
    assert norwegian.victim_name in body and swedish.victim_name not in body
    _parse(client.get("/feed/?country=SE"))


def test_feed_refuses_invalid_filters(client):
    response = client.get("/feed/?country=XX")
    assert response.status_code == 400
    assert b"country" in response.content


def test_anonymous_feed_has_no_member_only_value(client, rich_incident, member_values):
    response = client.get("/feed/")
    _parse(response)
    text = _text(response)
    assert rich_incident.victim_name in text
    assert rich_incident.summary in text
    assert "1 technique, 1 threat actor and 1 source" in text
    leaked = {name: value for name, value in member_values.items() if value in text}
    assert leaked == {}


def test_member_filters_are_dropped_from_an_anonymous_feed(client, rich_incident):
    response = client.get("/feed/?country=SE&technique=T1486&motive=Grudge")
    assert response.status_code == 302
    assert response["Location"] == "/feed/?country=SE"


def test_personal_feed_carries_member_fields(client, users, rich_incident, member_values):
    token = FeedToken.issue(users["member"])
    response = client.get(f"/feed/{token.token}/")
    _parse(response)
    text = _text(response)
    missing = {name: value for name, value in member_values.items() if value not in text}
    assert missing == {}
    assert response["Cache-Control"] == "private"
    # Member-only filters work in a member's feed.
    assert rich_incident.victim_name in _text(client.get(f"/feed/{token.token}/?technique=T1486"))
    other = client.get(f"/feed/{token.token}/?technique=T1566")
    assert other.status_code == 200 and rich_incident.victim_name not in _text(other)


def test_unknown_forged_and_revoked_tokens_are_404(client, users, rich_incident):
    token = FeedToken.issue(users["member"])
    old = token.token
    assert client.get(f"/feed/{old}/").status_code == 200
    forged = old[:16] + ("0" * 32 if old[16:] != "0" * 32 else "1" * 32)
    assert client.get(f"/feed/{forged}/").status_code == 404
    assert client.get("/feed/nonsense/").status_code == 404
    new = FeedToken.issue(users["member"]).token  # regenerate: the old address stops
    assert new != old
    assert client.get(f"/feed/{old}/").status_code == 404
    assert client.get(f"/feed/{new}/").status_code == 200
    FeedToken.objects.filter(user=users["member"]).delete()  # revoke
    assert client.get(f"/feed/{new}/").status_code == 404


def test_token_is_not_stored(users):
    token = FeedToken.issue(users["member"])
    row = FeedToken.objects.values().get(pk=token.pk)
    assert not any(token.token == str(value) for value in row.values())
    assert len(token.token) == 48


def test_a_former_member_gets_public_fields_only(client, users, rich_incident, member_values):
    user = users["member"]
    token = FeedToken.issue(user)
    user.tier = "free"
    user.save()
    response = client.get(f"/feed/{token.token}/")
    _parse(response)
    text = _text(response)
    assert rich_incident.victim_name in text
    assert {n: v for n, v in member_values.items() if v in text} == {}
    # ... and their member-only filters are dropped as for anybody else.
    response = client.get(f"/feed/{token.token}/?technique=T1486")
    assert response.status_code == 302 and response["Location"] == f"/feed/{token.token}/"


def test_browse_page_links_to_the_feed_of_its_filters(client_for, rich_incident):
    html_text = client_for("anonymous").get("/incidents/?country=SE&page=1").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml"' in html_text
        and 'href="/feed/?country=SE"' in html_text
    )
    assert "Atom feed of new incidents for these filters" in html_text
    assert "Members can save this search" in html_text


def test_account_page_issues_shows_and_revokes_the_personal_feed(client_for, users):
    member = client_for("member")
    page = member.get("/accounts/").content.decode()
    assert "Create a personal feed address" in page
    member.post("/alerts/feed-token/")
    token = FeedToken.objects.get(user=users["member"])
    page = member.get("/accounts/").content.decode()
    assert f"/feed/{token.token}/" in page
    member.post("/alerts/feed-token/revoke/")
    assert not FeedToken.objects.filter(user=users["member"]).exists()
    # Free users cannot have one.
    client_for("free").post("/alerts/feed-token/")
    assert not FeedToken.objects.filter(user=users["free"]).exists()


def test_the_atom_check_catches_broken_feeds(client, rich_incident):
    good = client.get("/feed/").content.decode()
    assert atom_errors(good.encode()) == []
    no_id = good.replace("<id>http://testserver/feed/</id>", "", 1)
    assert atom_errors(no_id.encode())
    no_author = good.replace(
        "<author><name>cidb</name><uri>http://127.0.0.1:8000/</uri></author>", ""
    )
    assert no_author != good
    assert any("author" in e for e in atom_errors(no_author.encode()))
    no_link = good.replace(f'<link href="http://127.0.0.1:8000/incidents/{rich_incident.uuid}/" '
                           'rel="alternate"/>', "")  # fmt: skip
    assert no_link != good
    assert any("alternate link" in e for e in atom_errors(no_link.encode()))
    bad_date = good.replace("<updated>", "<updated>yesterday ", 1)
    assert atom_errors(bad_date.encode())
