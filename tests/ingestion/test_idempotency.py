"""A second run over the same input creates nothing new."""

from __future__ import annotations

from cidb.incidents.models import ChangeLog, Incident, Source
from cidb.ingest.models import Article, IncidentCluster


def counts() -> tuple[int, ...]:
    return (
        Article.objects.count(),
        Source.objects.count(),
        Incident.objects.count(),
        IncidentCluster.objects.count(),
        ChangeLog.objects.count(),
    )


def test_second_run_creates_nothing(ingest, articles, write_jsonl):
    path = write_jsonl(articles)
    first = ingest(path)
    assert "read 5 articles: 5 new (stored)" in first
    before = counts()
    assert before[0] == 5 and before[2] >= 3
    second = ingest(path)
    assert "read 5 articles: 0 new (stored), 5 already ingested (skipped)" in second
    assert "incidents created 0, updated 0" in second
    assert counts() == before


def test_same_content_under_another_url_is_one_more_source(ingest, articles, write_jsonl):
    ingest(write_jsonl(articles[:1], "a.jsonl"))
    copy = dict(articles[0], url="https://mirror.example.se/ostervik")
    out = ingest(write_jsonl([copy], "b.jsonl"))
    assert "1 copy of another article" in out
    article = Article.objects.get(url=copy["url"])
    assert article.status == Article.Status.DUPLICATE
    assert article.incident == Article.objects.get(url=articles[0]["url"]).incident
    assert article.incident.sources.count() == 2


def test_limit_stops_reading(ingest, articles, write_jsonl):
    out = ingest(write_jsonl(articles), "--limit", "2")
    assert "read 2 articles:" in out
    assert Article.objects.count() == 2
    ingest(write_jsonl(articles))  # the rest later, nothing twice
    assert Article.objects.count() == 5


def test_gold_labels_are_ignored(ingest, articles, write_jsonl):
    ingest(write_jsonl(articles))
    for article in Article.objects.all():
        assert "incident" not in article.raw
    assert not Incident.objects.filter(summary__contains="gold-label").exists()
