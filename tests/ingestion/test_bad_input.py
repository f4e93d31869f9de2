"""Bad input: each item gives a clear error in the summary and the run goes on."""

from __future__ import annotations

from cidb.incidents.models import Incident
from cidb.ingest.models import Article


def test_bad_jsonl_lines(ingest, articles, write_jsonl, tmp_path):
    path = write_jsonl(
        [
            articles[0],
            "{not json",
            '["a", "list"]',
            '{"title": "no url", "text": "x"}',
            '{"url": "https://x.example/empty", "text": ""}',
            '{"url": "https://x.example/none"}',
            {"url": "https://x.example/binary", "text": "%PDF-1.4\x00\x00\x01\x02" * 50},
            articles[2],
        ]
    )
    with path.open("ab") as fh:
        fh.write(b'{"url": "https://x.example/latin1", "text": "caf\xe9"}\n')
        fh.write(b'{"url": "https://x.example/truncated", "text": "Ransomw')  # cut off
    out = ingest(path)
    assert "read 10 articles: 2 new (stored), 0 already ingested (skipped), 8 errors" in out
    assert "8 of 10 article(s) failed" in out  # non-zero exit
    assert "articles.jsonl:2: invalid JSON" in out
    assert "articles.jsonl:3: a line must be a JSON object" in out
    assert 'articles.jsonl:4: missing "url"' in out
    assert 'articles.jsonl:5: missing "text" or "html"' in out
    assert "articles.jsonl:7: binary content" in out
    assert "articles.jsonl:9: not UTF-8" in out
    assert "articles.jsonl:10: invalid JSON" in out
    assert Article.objects.filter(status="error").count() == 3  # the ones with a URL
    assert Article.objects.filter(url=articles[2]["url"], status="grouped").exists()


def test_errors_are_retried_and_nothing_stored_is_lost(ingest, articles, write_jsonl):
    ingest(write_jsonl([{"url": articles[0]["url"], "text": ""}], "bad.jsonl"))
    assert Article.objects.get(url=articles[0]["url"]).status == "error"
    ingest(write_jsonl(articles[:1], "good.jsonl"))
    article = Article.objects.get(url=articles[0]["url"])
    assert article.status == "grouped" and not article.error
    # a later error for a stored article does not touch it
    ingest(write_jsonl([{"url": articles[0]["url"], "text": ""}], "bad2.jsonl"))
    assert Article.objects.get(url=articles[0]["url"]).status == "grouped"


def test_huge_inputs(ingest, articles, write_jsonl, settings, tmp_path):
    settings.INGEST_MAX_BYTES = 2000
    big = dict(articles[0], text="Ransomware. " * 400)
    out = ingest(write_jsonl([big, articles[2]]))
    assert "articles.jsonl:1: too large" in out
    page = tmp_path / "huge.html"
    page.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    out = ingest(page)
    assert "huge.html: too large: 5007 bytes (limit 2000)" in out


def test_files_html_text_and_hostile(ingest, articles, tmp_path):
    from tests.ingestion.conftest import html_page

    good = tmp_path / "ostervik.html"
    good.write_bytes(html_page(articles[0]))
    hostile = tmp_path / "hostile.html"
    hostile.write_bytes(
        b"<html><body><script>alert('x')</script><iframe src=javascript:1></iframe>"
        b"<div onload=evil()><p>" + articles[2]["text"].encode() + b"</p></div><img src=x "
        b"onerror=alert(1)><style>body{}</style><!-- <script> --><p>unclosed <b><i></body>"
    )
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(articles[3]["text"].encode("cp1252", errors="replace"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    unknown = tmp_path / "data.pdf"
    unknown.write_bytes(b"%PDF")
    # (a missing path fails the run: tests/ingestion/test_missing_input.py)
    out = ingest(good, hostile, latin, empty, binary, unknown)
    assert "read 6 articles: 3 new (stored), 0 already ingested (skipped), 3 errors" in out
    assert "empty.txt: no text found" in out
    assert "blob.txt: binary content" in out
    assert "data.pdf: unknown input type .pdf" in out
    stored = Article.objects.get(url=hostile.resolve().as_uri())
    source_text = stored.source.text if stored.source_id else stored.analysis.get("title", "")
    assert "alert" not in source_text and "<script" not in source_text
    assert Article.objects.get(url=good.resolve().as_uri()).incident is not None
    assert Incident.objects.count() >= 2
