"""Feeds: RSS and Atom from a local server, a feed that is not a feed, conditional
requests (ETag / Last-Modified → 304), feed management and the huey task."""

from __future__ import annotations

from cidb.ingest.models import Article, Feed
from tests.ingestion.conftest import ARTICLES, FOLLOW_UP, html_page


def rss(items: list[dict]) -> bytes:
    entries = "".join(
        f"<item><title>{a['title']}</title><link>{a['url']}</link>"
        f"<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[{a['text']}]]></description></item>"
        for a in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Exempelnytt</title><language>sv-SE</language>{entries}</channel></rss>"
    ).encode()


def atom(base: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Beispiel</title><id>urn:x</id><updated>2024-05-15T00:00:00Z</updated>"
        f'<entry><title>Kurz</title><link href="{base}/page"/><id>urn:e1</id>'
        "<updated>2024-05-15T08:00:00Z</updated><summary>Teaser.</summary></entry>"
        "</feed>"
    ).encode()


def test_rss_and_atom(ingest, http_server):
    base = http_server.base
    long_item = dict(ARTICLES[0], text=ARTICLES[0]["text"] * 2)
    http_server.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, rss([long_item]))
    http_server.routes["/atom"] = (200, {"Content-Type": "application/atom+xml"}, atom(base))
    http_server.routes["/page"] = (200, {"Content-Type": "text/html"}, html_page(ARTICLES[2]))
    ingest("--add-feed", f"{base}/rss", "--language", "sv")
    ingest("--add-feed", f"{base}/atom")
    out = ingest("--feed")
    assert "read 2 articles: 2 new (stored), 0 already ingested (skipped), 0 errors" in out
    sv = Article.objects.get(url=ARTICLES[0]["url"])
    assert sv.feed.url == f"{base}/rss" and sv.incident is not None
    assert sv.source.publisher == "Exempelnytt"
    # the Atom teaser was replaced by its linked page
    de = Article.objects.get(url=f"{base}/page")
    assert "Bergheide" in de.source.text
    feed = Feed.objects.get(url=f"{base}/rss")
    assert feed.last_polled and not feed.last_error and feed.title == "Exempelnytt"
    listing = ingest("--list-feeds")
    assert f"{base}/rss  [sv] enabled" in listing


def test_not_a_feed_and_errors(ingest, http_server):
    base = http_server.base
    http_server.routes["/html"] = (200, {"Content-Type": "text/html"}, b"<html>hi</html>")
    http_server.routes["/xml"] = (200, {"Content-Type": "application/xml"}, b"<a><b>no</b></a>")
    for path in ("/html", "/xml", "/missing"):
        Feed.objects.create(url=f"{base}{path}")
    out = ingest("--feed")
    assert f"feed {base}/html: unexpected content type 'text/html'" in out
    assert f"feed {base}/xml: not an RSS or Atom feed" in out
    assert f"feed {base}/missing: HTTP 404" in out
    feed = Feed.objects.get(url=f"{base}/xml")
    assert feed.error_count == 1 and "not an RSS" in feed.last_error


def test_conditional_requests(ingest, http_server):
    base = http_server.base
    body = rss([dict(FOLLOW_UP, text=FOLLOW_UP["text"] * 3)])

    def conditional(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return None
        return (
            200,
            {
                "Content-Type": "application/rss+xml",
                "ETag": '"v1"',
                "Last-Modified": "Wed, 06 Mar 2024 10:00:00 GMT",
            },
            body,
        )

    http_server.routes["/rss"] = conditional
    Feed.objects.create(url=f"{base}/rss")
    assert "1 new (stored)" in ingest("--feed")
    feed = Feed.objects.get()
    assert feed.etag == '"v1"' and feed.last_modified.startswith("Wed, 06 Mar 2024")
    out = ingest("--feed")
    assert "read 0 articles:" in out
    sent = http_server.requests[-1][1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"].startswith("Wed")


def test_disabled_feeds_are_skipped_and_task_polls(ingest, http_server, settings):
    base = http_server.base
    http_server.routes["/rss"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        rss([dict(ARTICLES[0], text=ARTICLES[0]["text"] * 2)]),
    )
    ingest("--add-feed", f"{base}/rss")
    ingest("--disable-feed", f"{base}/rss")
    assert "read 0 articles" in ingest("--feed")
    ingest("--enable-feed", f"{base}/rss")
    from cidb.ingest.tasks import poll_feeds

    lines = poll_feeds.call_local()
    assert lines[0].startswith("read 1 article: 1 new (stored)")
    assert Article.objects.filter(url=ARTICLES[0]["url"]).exists()
