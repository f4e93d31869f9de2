"""Saving, renaming and deleting searches from the pages, and unsubscribing from the
links in alert e-mails without logging in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from cidb.alerts import services
from cidb.alerts.models import SavedSearch
from tests.factories import IncidentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_member_saves_the_current_browse_filter(client_for, users):
    member = client_for("member")
    page = member.get("/incidents/?country=SE&attack_type=ransomware&page=1").content.decode()
    assert "Save this search" in page
    hidden = re.search(r'name="query" value="([^"]*)"', page).group(1)
    assert hidden == "attack_type=ransomware&amp;country=SE"
    response = member.post(
        "/alerts/searches/",
        {"name": "Ransomware in Sweden", "query": "attack_type=ransomware&country=SE",
         "frequency": "daily"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/incidents/?attack_type=ransomware&country=SE"
    search = SavedSearch.objects.get(user=users["member"])
    assert (search.name, search.frequency) == ("Ransomware in Sweden", "daily")
    account = member.get("/accounts/").content.decode()
    assert "Ransomware in Sweden" in account
    assert 'href="/incidents/?attack_type=ransomware&amp;country=SE"' in account


def test_member_only_filters_can_be_saved_by_members_only(client_for, users):
    client_for("member").post(
        "/alerts/searches/", {"name": "Encryption", "query": "technique=T1486", "frequency": "none"}
    )
    assert SavedSearch.objects.filter(user=users["member"], query="technique=T1486").exists()
    with pytest.raises(services.SavedSearchError):
        services.save_search(users["free"], "x", "country=SE", "none")


def test_non_members_see_an_invitation_and_cannot_save(client_for, users):
    for tier in ("anonymous", "free"):
        page = client_for(tier).get("/incidents/?country=SE").content.decode()
        assert "Members can save this search" in page
        assert 'action="/alerts/searches/"' not in page
    response = client_for("free").post(
        "/alerts/searches/", {"name": "x", "query": "country=SE", "frequency": "none"}
    )
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()
    response = client_for("anonymous").post(
        "/alerts/searches/", {"name": "x", "query": "country=SE", "frequency": "none"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SavedSearch.objects.exists()


def test_invalid_or_duplicate_searches_are_refused(users):
    member = users["member"]
    services.save_search(member, "Sweden", "country=SE", "none")
    with pytest.raises(services.SavedSearchError, match="already have"):
        services.save_search(member, "Sweden", "country=NO", "none")
    with pytest.raises(services.SavedSearchError, match="cannot be saved"):
        services.save_search(member, "Bad", "country=XX", "none")
    with pytest.raises(services.SavedSearchError, match="name"):
        services.save_search(member, "  ", "country=SE", "none")
    assert SavedSearch.objects.count() == 1


def test_rename_change_alerts_and_delete_from_the_account_page(client_for, users):
    search = services.save_search(users["member"], "Sweden", "country=SE", "none")
    member = client_for("member")
    member.post(f"/alerts/searches/{search.pk}/", {"name": "Sverige", "frequency": "weekly"})
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Sverige", "weekly")
    # Somebody else's search is not theirs to change.
    other = client_for("editor")
    assert other.post(f"/alerts/searches/{search.pk}/", {"name": "Mine"}).status_code == 404
    assert other.post(f"/alerts/searches/{search.pk}/delete/").status_code == 404
    member.post(f"/alerts/searches/{search.pk}/delete/")
    assert not SavedSearch.objects.exists()


def _alert(users) -> tuple[SavedSearch, str]:
    search = services.save_search(users["member"], "Sweden", "country=SE", "immediate")
    IncidentFactory(victim=OrganizationFactory(name="Alfa kommun"), country="SE")
    from django.utils import timezone

    services.run("immediate", now=timezone.now() + timezone.timedelta(minutes=1))
    message = mail.outbox[-1]
    link = re.search(r"Stop these e-mails: (\S+)", message.body).group(1)
    return search, link


def test_unsubscribe_link_works_without_logging_in(users):
    search, link = _alert(users)
    message = mail.outbox[-1]
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.alternatives[0][0]
    path = link.removeprefix("http://127.0.0.1:8000")
    browser = Client(enforce_csrf_checks=True)
    # GET only asks (mail scanners follow links).
    page = browser.get(path)
    assert page.status_code == 200 and "Stop these e-mails" in page.content.decode()
    search.refresh_from_db()
    assert search.frequency == "immediate"
    # One-click POST from a mail client: no session, no CSRF token.
    done = browser.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "no more e-mails" in done.content.decode()
    search.refresh_from_db()
    assert search.frequency == "none"
    assert SavedSearch.objects.filter(pk=search.pk).exists()  # the search itself stays


def test_tampered_unsubscribe_token_fails(users):
    search, link = _alert(users)
    path = link.removeprefix("http://127.0.0.1:8000")
    token = path.rstrip("/").rsplit("/", 1)[1]
    other = services.save_search(users["member"], "Norway", "country=NO", "daily")
    # Point the signed payload at another search: the signature no longer matches.
    forged = services.unsubscribe_token(other).split(":", 1)[0] + ":" + token.split(":", 1)[1]
    for bad in (token[:-2] + "xx", forged, "not-a-token"):
        response = Client().post(f"/alerts/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "not valid" in response.content.decode()
    search.refresh_from_db()
    other.refresh_from_db()
    assert (search.frequency, other.frequency) == ("immediate", "daily")


def test_unsubscribe_link_of_a_deleted_search(users):
    search, link = _alert(users)
    search.delete()
    response = Client().post(link.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200 and "no longer exists" in response.content.decode()


def test_a_former_member_still_manages_searches_and_feed(client_for, users):
    from cidb.alerts.models import FeedToken

    user = users["member"]
    search = services.save_search(user, "Sweden", "country=SE", "daily")
    FeedToken.issue(user)
    user.tier = "free"
    user.save()
    client = client_for("member")  # the same user, now free
    page = client.get("/accounts/").content.decode()
    assert "Sweden" in page and "public fields and counts while you are not a member" in page
    assert "Revoke" in page and "New address" not in page
    client.post(f"/alerts/searches/{search.pk}/", {"name": "Sweden", "frequency": "none"})
    search.refresh_from_db()
    assert search.frequency == "none"
    client.post("/alerts/feed-token/revoke/")
    assert not FeedToken.objects.filter(user=user).exists()
    client.post(f"/alerts/searches/{search.pk}/delete/")
    page = client.get("/accounts/").content.decode()
    assert "Saved searches" not in page and "Personal feed" not in page
