"""Fetching URLs from a local HTTP server: timeouts, size limit, redirects, content
types, HTTP errors, unreachable ports, and the user agent."""

from __future__ import annotations

import socket

import pytest

from cidb.ingest.fetch import FetchError, fetch
from cidb.ingest.models import Article
from tests.ingestion.conftest import html_page

HTML = {"Content-Type": "text/html; charset=utf-8"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ingest_urls(ingest, http_server, articles):
    http_server.routes["/a"] = (200, HTML, html_page(articles[0]))
    http_server.routes["/b"] = (301, {"Location": "/b2"}, b"")
    http_server.routes["/b2"] = (200, HTML, html_page(articles[1]))
    http_server.routes["/gone"] = (404, HTML, b"no")
    http_server.routes["/broken"] = (500, HTML, b"oops")
    http_server.routes["/pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")
    base = http_server.base
    unreachable = f"http://127.0.0.1:{free_port()}/x"
    out = ingest(
        f"{base}/a", f"{base}/b", f"{base}/gone", f"{base}/broken", f"{base}/pdf", unreachable
    )
    assert "read 6 articles: 2 new (stored)" in out
    assert f"{base}/gone: HTTP 404 Not Found" in out
    assert f"{base}/broken: HTTP 500 Internal Server Error" in out
    assert f"{base}/pdf: unexpected content type 'application/pdf'" in out
    assert f"{unreachable}: cannot connect" in out
    a = Article.objects.get(url=f"{base}/a")
    assert a.incident is not None and "Östervik" in a.source.text
    assert Article.objects.get(url=f"{base}/b").incident == a.incident
    agent = http_server.requests[0][1]["User-Agent"]
    assert agent.startswith("cidb/0.1.0 (+http")
    # stored URLs are not fetched again
    n = len(http_server.requests)
    out = ingest(f"{base}/a")
    assert "1 already ingested" in out and len(http_server.requests) == n


def test_timeout(http_server, settings):
    settings.INGEST_TIMEOUT = 0.3
    http_server.routes["/slow"] = ("sleep", 1.5, b"")
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{http_server.base}/slow")


def test_size_limit_declared_and_streamed(http_server, settings):
    settings.INGEST_MAX_BYTES = 1000
    http_server.routes["/big"] = (200, HTML, b"x" * 5000)
    with pytest.raises(FetchError, match="too large: 5000 bytes"):
        fetch(f"{http_server.base}/big")

    def lying(handler):  # no Content-Length: the limit applies to what arrives
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b"y" * 5000)
        handler.close_connection = True

    http_server.routes["/chunked"] = lying
    with pytest.raises(FetchError, match="more than 1000 bytes"):
        fetch(f"{http_server.base}/chunked")


def test_redirects_are_bounded(http_server, settings):
    settings.INGEST_MAX_REDIRECTS = 3
    for i in range(6):
        http_server.routes[f"/r{i}"] = (302, {"Location": f"/r{i + 1}"}, b"")
    http_server.routes["/r6"] = (200, HTML, b"<p>end</p>")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(f"{http_server.base}/r0")
    page = fetch(f"{http_server.base}/r4")
    assert page.url.endswith("/r6") and page.content == b"<p>end</p>"


def test_only_http(db):
    with pytest.raises(FetchError, match="only http"):
        fetch("file:///etc/passwd")
