"""The editor review queue: gating, suggested duplicates, merge, split, publish and
suggestions, each a CSRF-protected POST recorded in the history."""

from __future__ import annotations

import pytest
from django.test import Client

from cidb.incidents.models import ChangeLog, Incident, IncidentRedirect
from cidb.ingest.models import Article, IncidentCluster


@pytest.fixture
def drafts(ingest, articles, write_jsonl):
    ingest(write_jsonl(articles))
    return Incident.objects.filter(status="draft")


@pytest.mark.parametrize("tier", ["anonymous", "free", "member"])
def test_gating(client_for, drafts, tier):
    incident = drafts.first()
    client = client_for(tier)
    for url in ("/review/", f"/review/{incident.uuid}/", "/review/suggestions/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if tier == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(f"/review/{incident.uuid}/publish/")
    assert response.status_code in (302, 403)
    incident.refresh_from_db()
    assert incident.status == "draft"


def test_queue_lists_drafts(client_for, drafts):
    response = client_for("editor").get("/review/")
    assert response.status_code == 200
    html = response.content.decode()
    for incident in drafts:
        assert incident.victim_name in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_publish_requires_csrf_and_records(users, drafts):
    incident = drafts.first()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["editor"])
    assert strict.post(f"/review/{incident.uuid}/publish/").status_code == 403
    client = Client()
    client.force_login(users["editor"])
    response = client.post(f"/review/{incident.uuid}/publish/", follow=True)
    assert "Published" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == "published"
    log = ChangeLog.objects.filter(incident=incident).first()
    assert log.user == users["editor"] and log.changes["status"] == ["draft", "published"]


def test_merge(client_for, users, drafts, articles):
    a = Article.objects.get(url=articles[0]["url"]).incident
    b = Article.objects.get(url=articles[2]["url"]).incident
    n_sources = a.sources.count() + b.sources.count()
    response = client_for("editor").post(
        f"/review/{a.uuid}/merge/", {"other": [str(b.uuid)]}, follow=True
    )
    assert "Merged 1 incident" in response.content.decode()
    a.refresh_from_db()
    assert not Incident.objects.filter(pk=b.pk).exists()
    assert IncidentRedirect.objects.filter(old_uuid=b.uuid, incident=a).exists()
    assert a.sources.count() == n_sources
    assert Article.objects.filter(incident=a).count() == n_sources
    assert a.ingest.state["n"] == n_sources
    assert ChangeLog.objects.filter(incident=a, action="merge", user=users["editor"]).exists()


def test_split(client_for, drafts, articles):
    incident = Article.objects.get(url=articles[0]["url"]).incident
    english = incident.sources.get(url=articles[1]["url"])
    response = client_for("editor").post(
        f"/review/{incident.uuid}/split/", {"source": [str(english.pk)]}, follow=True
    )
    assert "Moved 1 source(s) to a new draft" in response.content.decode()
    new = Article.objects.get(url=articles[1]["url"]).incident
    assert new != incident and new.status == "draft"
    assert list(new.sources.all()) == [english]
    assert not incident.sources.filter(pk=english.pk).exists()
    assert IncidentCluster.objects.get(incident=new).state["n"] == 1
    assert IncidentCluster.objects.get(incident=incident).state["n"] == 1
    # splitting off every source is refused
    only = incident.sources.get()
    response = client_for("editor").post(
        f"/review/{incident.uuid}/split/", {"source": [str(only.pk)]}, follow=True
    )
    assert "Cannot split" in response.content.decode()


def test_suggested_duplicates(client_for, ingest, articles, write_jsonl):
    ingest(write_jsonl(articles[:1], "a.jsonl"))
    first = Article.objects.get(url=articles[0]["url"]).incident
    # a second draft about the same victim that grouping kept apart
    clone = Incident.objects.create(
        victim=first.victim, date=first.date, country="SE", summary="Same attack.", status="draft"
    )
    html = client_for("editor").get(f"/review/{clone.uuid}/").content.decode()
    assert "similar victim" in html and str(first.uuid) in html


def test_suggestions_page(client_for, drafts, articles):
    incident = Article.objects.get(url=articles[0]["url"]).incident
    cluster = incident.ingest
    incident.status = "published"
    incident.save()
    cluster.suggestions = {"country": {"value": "NO", "current": "SE"}}
    cluster.save()
    client = client_for("editor")
    assert "Suggested" in client.get("/review/suggestions/").content.decode()
    client.post(f"/review/{incident.uuid}/suggestions/", {"field": ["country"], "action": "accept"})
    incident.refresh_from_db()
    assert incident.country == "NO"
    cluster.refresh_from_db()
    assert cluster.suggestions == {}
