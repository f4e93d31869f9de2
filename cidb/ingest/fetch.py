"""HTTP fetching with httpx: timeouts, a size limit, bounded redirects, content-type
checks, conditional requests and a clear user agent. No ORM here.

Only public addresses are fetched: the host of the URL and of every redirect is
resolved and each of its addresses checked, and the address actually connected to is
checked again (DNS can change between the two), so a feed or article URL cannot make
the server read its own loopback, link-local (cloud metadata) or private networks.
``CIDB_INGEST_ALLOW_PRIVATE=1`` lifts this for sites that ingest from an intranet.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

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
        # redirects are followed by fetch(), which checks each address first
        follow_redirects=False,
        headers={"User-Agent": conf.user_agent(), "Accept-Encoding": "gzip, deflate"},
    )


def _refused(address: str) -> str:
    """Why connecting to ``address`` is refused ("" if it is a public address)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_private or ip.is_reserved or ip.is_unspecified or ip.is_multicast:
        return f"{ip} is a private or reserved address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return ""


def check_host(url: str) -> None:
    """Raise FetchError unless every address ``url``'s host resolves to is public
    (or private addresses are allowed)."""
    if conf.get("INGEST_ALLOW_PRIVATE"):
        return
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise FetchError("the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    for info in infos:
        reason = _refused(info[4][0])
        if reason:
            raise FetchError(
                f"refused: {host} resolves to {reason} (set CIDB_INGEST_ALLOW_PRIVATE=1 to allow)"
            )


def _check_peer(response: httpx.Response) -> None:
    """The address actually connected to, checked again after DNS resolution."""
    if conf.get("INGEST_ALLOW_PRIVATE"):
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        reason = _refused(str(peer[0]))
        if reason:
            raise FetchError(f"refused: connected to {reason}")


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
        target = url
        for _ in range(int(conf.get("INGEST_MAX_REDIRECTS")) + 1):
            check_host(target)
            with http.stream("GET", target, headers=headers) as response:
                _check_peer(response)
                if response.is_redirect and response.has_redirect_location:
                    target = str(response.next_request.url)
                    if not target.startswith(("http://", "https://")):
                        raise FetchError("redirected to a non-http(s) URL")
                    continue
                return _read(response, accept, limit, etag, last_modified)
        raise FetchError("too many redirects")
    except httpx.TimeoutException:
        raise FetchError("timed out") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect: {exc}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"HTTP error: {exc.__class__.__name__}: {exc}") from None
    finally:
        if own:
            http.close()


def _read(
    response: httpx.Response, accept: tuple[str, ...], limit: int, etag: str, last_modified: str
) -> Fetched:
    if response.status_code == 304:
        return Fetched(str(response.url), 304, b"", "", None, etag, last_modified)
    if response.status_code >= 400:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and ctype not in accept:
        raise FetchError(f"unexpected content type {ctype!r} (expected {', '.join(accept)})")
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
