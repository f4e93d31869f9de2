"""Articles become draft incidents with sources, provenance, conflicts and a timeline."""

from __future__ import annotations

from cidb.incidents.models import ChangeLog, Incident
from cidb.ingest.models import Article, IncidentCluster


def test_drafts_with_sources_and_provenance(ingest, articles, write_jsonl):
    out = ingest(write_jsonl(articles))
    assert ", 0 errors" in out
    ostervik = Article.objects.get(url=articles[0]["url"]).incident
    assert ostervik is not None and ostervik.status == "draft"
    # the Swedish and the English report are one incident
    assert Article.objects.get(url=articles[1]["url"]).incident == ostervik
    assert ostervik.victim.name.startswith("Östervik")
    assert ostervik.country == "SE"
    assert ostervik.date_iso.startswith("2024-03")
    assert "ransomware" in set(ostervik.attack_types.values_list("slug", flat=True))
    assert "Östervik" in ostervik.summary and ostervik.description
    source = ostervik.sources.get(url=articles[0]["url"])
    assert source.language == "sv" and source.publisher == "nyheter.example.se"
    assert source.text and source.content_hash
    cluster = ostervik.ingest
    assert cluster.provenance["victim"][0]["sentence"]
    assert cluster.timeline and cluster.timeline[0]["date"].startswith("2024-03")
    assert cluster.state["n"] == 2 and not cluster.dirty
    assert ChangeLog.objects.filter(incident=ostervik, action="create").exists()
    # the advice article is stored but makes no incident
    advice = Article.objects.get(url=articles[4]["url"])
    assert advice.status in (Article.Status.IRRELEVANT, Article.Status.BORDERLINE)
    assert advice.incident is None
    # any URI is a URL
    assert Article.objects.get(url="urn:example:nl:gemeente-duinwijk").incident is not None


def test_grouping_state_continues_across_runs(ingest, articles, write_jsonl):
    ingest(write_jsonl(articles[:1], "one.jsonl"))
    ingest(write_jsonl(articles[1:2], "two.jsonl"))
    assert Article.objects.get(url=articles[1]["url"]).incident == (
        Article.objects.get(url=articles[0]["url"]).incident
    )
    assert IncidentCluster.objects.count() == Incident.objects.count() == 1
