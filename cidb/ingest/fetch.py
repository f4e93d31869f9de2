"""HTTP fetching with httpx: timeouts, a size limit, bounded redirects, content-type
checks, conditional requests and a clear user agent. No ORM here."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import httpx

from . import conf

ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason shown to users."""


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    charset: str | None
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def client() -> httpx.Client:
    timeout = float(conf.get("INGEST_TIMEOUT"))
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=int(conf.get("INGEST_MAX_REDIRECTS")),
        headers={"User-Agent": conf.user_agent(), "Accept-Encoding": "gzip, deflate"},
    )


def fetch(
    url: str,
    accept: tuple[str, ...] = ARTICLE_TYPES,
    etag: str = "",
    last_modified: str = "",
    http: httpx.Client | None = None,
) -> Fetched:
    """GET ``url``; raises FetchError with a readable reason for anything unusable."""
    if not url.startswith(("http://", "https://")):
        raise FetchError("only http(s) URLs can be fetched")
    limit = int(conf.get("INGEST_MAX_BYTES"))
    headers = {"Accept": ", ".join(accept) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = http is None
    http = http or client()
    try:
        with http.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(str(response.url), 304, b"", "", None, etag, last_modified)
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and ctype not in accept:
                raise FetchError(
                    f"unexpected content type {ctype!r} (expected {', '.join(accept)})"
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"too large: {int(declared)} bytes (limit {limit})")
            body = bytearray()
            # the declared length can lie or be missing: count what arrives
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"too large: more than {limit} bytes")
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                content=bytes(body),
                content_type=ctype,
                charset=response.charset_encoding,
                etag=response.headers.get("etag", ""),
                last_modified=response.headers.get("last-modified", ""),
            )
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects") from None
    except httpx.TimeoutException:
        raise FetchError("timed out") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect: {exc}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"HTTP error: {exc.__class__.__name__}: {exc}") from None
    finally:
        if own:
            http.close()


def as_raw(url: str, page: Fetched, language: str = "") -> dict:
    """A fetched page as a raw article for the NLP (bytes: it detects the charset)."""
    key = "text" if page.content_type == "text/plain" else "html"
    raw: dict = {"url": url, key: page.content}
    if page.charset and key == "text":
        # undecodable: left as bytes, the NLP detects and repairs the encoding
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            raw[key] = page.content.decode(page.charset)
    if language:
        raw["language"] = language
    return raw
