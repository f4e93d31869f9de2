"""Provenance and timeline on the incident page: members and editors only."""

from __future__ import annotations

import pytest

from cidb.ingest.models import Article


@pytest.fixture
def published(ingest, articles, write_jsonl):
    ingest(write_jsonl(articles[:2]))
    incident = Article.objects.get(url=articles[0]["url"]).incident
    incident.status = "published"
    incident.save()
    return incident


@pytest.mark.parametrize("tier", ["member", "editor", "admin"])
def test_members_see_provenance(client_for, published, tier):
    html = client_for(tier).get(published.get_absolute_url()).content.decode()
    assert "Where the facts come from" in html
    sentence = published.ingest.provenance["victim"][0]["sentence"]
    assert sentence[:40] in html
    assert "Timeline" in html


@pytest.mark.parametrize("tier", ["anonymous", "free"])
def test_non_members_do_not(client_for, published, tier):
    html = client_for(tier).get(published.get_absolute_url()).content.decode()
    assert "Where the facts come from" not in html
    for items in published.ingest.provenance.values():
        for p in items:
            assert p["source"] not in html
            assert p["sentence"][:40] not in html
