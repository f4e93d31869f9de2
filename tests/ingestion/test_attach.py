"""New articles about a known incident: drafts are rebuilt, published incidents get
suggestions instead of overwrites, and editors see what changed."""

from __future__ import annotations

from cidb.incidents.models import ChangeLog
from cidb.ingest import services
from cidb.ingest.models import Article
from tests.ingestion.conftest import FOLLOW_UP


def test_draft_is_updated(ingest, articles, write_jsonl):
    ingest(write_jsonl(articles[:1], "a.jsonl"))
    incident = Article.objects.get(url=articles[0]["url"]).incident
    assert incident.sources.count() == 1
    out = ingest(write_jsonl([FOLLOW_UP], "b.jsonl"))
    assert "updated 1" in out
    incident.refresh_from_db()
    assert Article.objects.get(url=FOLLOW_UP["url"]).incident == incident
    assert incident.sources.count() == 2
    # the rebuilt text states what only the follow-up reported (data leaked on the darknet)
    assert "dark web" in incident.summary
    assert ChangeLog.objects.filter(incident=incident, action="update").exists()
    assert not incident.ingest.suggestions


def test_published_incident_gets_suggestions_not_overwrites(ingest, articles, write_jsonl):
    ingest(write_jsonl(articles[:1], "a.jsonl"))
    incident = Article.objects.get(url=articles[0]["url"]).incident
    incident.summary = "Approved by an editor."
    incident.status = "published"
    incident.attack_types.clear()
    incident.save()
    ingest(write_jsonl([FOLLOW_UP], "b.jsonl"))
    incident.refresh_from_db()
    assert incident.summary == "Approved by an editor."
    assert incident.attack_types.count() == 0
    assert incident.sources.count() == 2  # the new source is attached
    suggestions = incident.ingest.suggestions
    assert "ransomware" in suggestions["attack_types"]["value"]
    assert suggestions["attack_types"]["current"] == []
    log = ChangeLog.objects.filter(incident=incident, action="update").first()
    assert "suggested change" in log.comment
    services.accept_suggestions(incident.ingest, ["attack_types"])
    incident.refresh_from_db()
    assert "ransomware" in set(incident.attack_types.values_list("slug", flat=True))
    assert "attack_types" not in incident.ingest.suggestions
