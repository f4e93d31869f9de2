"""Batched storing: only the embeddings grouping needs, one search-index pass per
transaction, copies inside one run, and a failing article that costs only itself."""

from __future__ import annotations

import numpy as np

from cidb.incidents import services as incident_services
from cidb.incidents.models import Incident
from cidb.ingest import inputs, services
from cidb.ingest.models import Article
from cidb.ingest.nlp.embed import HashEmbedder
from tests.ingestion.conftest import ARTICLES, FOLLOW_UP


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.texts += texts
        return super().embed(texts)


def run(path, embedder=None) -> services.Summary:
    ingestor = services.Ingestor(embedder=embedder or HashEmbedder(), batch=4)
    return ingestor.run(inputs.items_for(str(path)))


def test_only_articles_grouping_needs_are_embedded(db, write_jsonl):
    embedder = CountingEmbedder()
    summary = run(write_jsonl([*ARTICLES, FOLLOW_UP]), embedder)
    assert summary.new == 6 and not summary.errors
    sv, en, de, nl, advice, follow = (
        Article.objects.get(url=a["url"]) for a in [*ARTICLES, FOLLOW_UP]
    )
    # the English report and the follow-up repeat a victim already named (Östervik):
    # they join by name and are never embedded; the advice is not relevant
    assert summary.embedded == len(embedder.texts) == 3
    assert sv.vector() is not None and de.vector() is not None and nl.vector() is not None
    assert en.vector() is None and follow.vector() is None and advice.vector() is None
    assert sv.incident == en.incident == follow.incident
    assert len({sv.incident_id, de.incident_id, nl.incident_id}) == 3
    assert sv.incident.ingest.state["centroid"]  # the incident still has a centroid


def test_search_index_and_generation_once_per_transaction(db, write_jsonl):
    before = incident_services.generation()
    run(write_jsonl([*ARTICLES, FOLLOW_UP]))
    # two batches, the rescue pass and one draft-rebuild transaction: a bump each at
    # most (a bump per save and per many-to-many change would be dozens)
    assert 1 <= incident_services.generation() - before <= 4
    ostervik = Article.objects.get(url=ARTICLES[0]["url"]).incident
    assert list(Incident.objects.search("Östervik").values_list("pk", flat=True)) == [ostervik.pk]
    duinwijk = Article.objects.get(url=ARTICLES[3]["url"]).incident
    assert duinwijk.pk in Incident.objects.search("Duinwijk").values_list("pk", flat=True)


def test_same_content_twice_in_one_run_is_analysed_once(db, write_jsonl):
    mirror = dict(ARTICLES[0], url="https://mirror.example.se/ostervik")
    summary = run(write_jsonl([ARTICLES[0], mirror, ARTICLES[2]]))
    assert summary.analysed == 2 and summary.copies == 1 and not summary.errors
    original = Article.objects.get(url=ARTICLES[0]["url"])
    copy = Article.objects.get(url=mirror["url"])
    assert copy.status == Article.Status.DUPLICATE and copy.duplicate_of == original
    assert copy.incident == original.incident
    assert original.incident.sources.count() == 2


def test_a_failing_article_costs_only_itself(db, write_jsonl, monkeypatch):
    real = services.intake.apply_draft

    def failing(cluster, draft, *args, **kwargs):
        if "Bergheide" in str(draft.get("victim")):
            raise RuntimeError("disk full")
        return real(cluster, draft, *args, **kwargs)

    monkeypatch.setattr(services.intake, "apply_draft", failing)
    summary = run(write_jsonl(ARTICLES))
    assert [reason for _, reason in summary.errors] == ["RuntimeError: disk full"]
    assert summary.new == 4 and len(summary.created) == 2
    stored = set(Article.objects.values_list("url", flat=True))
    assert stored == {a["url"] for a in ARTICLES} - {ARTICLES[2]["url"]}
    sv = Article.objects.get(url=ARTICLES[0]["url"])
    assert sv.incident == Article.objects.get(url=ARTICLES[1]["url"]).incident
    assert sv.incident.sources.count() == 2 and not sv.incident.ingest.dirty
    # the next run stores the article that failed, and nothing else
    monkeypatch.setattr(services.intake, "apply_draft", real)
    again = run(write_jsonl(ARTICLES))
    assert again.new == 1 and again.already == 4 and not again.errors


def test_history_records_what_was_written(db, write_jsonl):
    """The change log's values (computed from what a draft wrote, not read back) are
    the incident's values."""
    run(write_jsonl(ARTICLES[:1], "a.jsonl"))
    incident = Article.objects.get(url=ARTICLES[0]["url"]).incident
    created = incident.changes.get(action="create").changes
    now = incident_services.snapshot(incident)
    assert {k: v[1] for k, v in created.items()} == {k: v for k, v in now.items() if v is not None}
    assert created["sources"][1] == [ARTICLES[0]["url"]] and created["attack_types"][1]
    run(write_jsonl([ARTICLES[1], FOLLOW_UP], "b.jsonl"))
    incident.refresh_from_db()
    updated = incident.changes.filter(action="update").latest("pk").changes
    now = incident_services.snapshot(incident)
    assert len(now["sources"]) == 3  # linked as the articles arrived, before the rebuild
    assert updated and all(now[k] == v[1] for k, v in updated.items())
