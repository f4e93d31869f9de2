"""The article fetcher refuses loopback, link-local and private addresses (every
address a host resolves to, every redirect, and the address actually connected to),
unless CIDB_INGEST_ALLOW_PRIVATE allows them."""

from __future__ import annotations

import socket

import pytest

from cidb.ingest import fetch as fetch_module
from cidb.ingest.fetch import FetchError, fetch

HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def strict(settings):
    settings.INGEST_ALLOW_PRIVATE = False


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:9/", "loopback"),
        ("http://localhost:9/", "loopback"),
        ("http://[::1]:9/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://[fd00::1]/", "private"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "private or reserved"),
    ],
)
def test_private_addresses_refused(strict, url, reason):
    with pytest.raises(FetchError, match=reason) as info:
        fetch(url)
    assert "CIDB_INGEST_ALLOW_PRIVATE" in str(info.value)


def test_refused_before_connecting(strict, http_server):
    http_server.routes["/a"] = (200, HTML, b"<p>secret</p>")
    with pytest.raises(FetchError, match="loopback"):
        fetch(f"{http_server.base}/a")
    assert http_server.requests == []


def test_allowed_when_configured(settings, http_server):
    settings.INGEST_ALLOW_PRIVATE = True
    http_server.routes["/a"] = (200, HTML, b"<p>fine</p>")
    assert fetch(f"{http_server.base}/a").content == b"<p>fine</p>"


def _treat_as_public(monkeypatch, *addresses: str) -> None:
    real = fetch_module._refused
    monkeypatch.setattr(fetch_module, "_refused", lambda a: "" if a in addresses else real(a))


def test_redirect_to_private_refused(strict, http_server, monkeypatch):
    # The test server plays a public site (127.0.0.1 counts as public here) that
    # redirects to another loopback address.
    _treat_as_public(monkeypatch, "127.0.0.1")
    port = http_server.server_address[1]
    http_server.routes["/r"] = (302, {"Location": f"http://127.0.0.2:{port}/x"}, b"")
    with pytest.raises(FetchError, match="127.0.0.2 is a loopback"):
        fetch(f"{http_server.base}/r")
    assert [path for path, _ in http_server.requests] == ["/r"]


def test_redirect_chain_checked_each_hop(strict, http_server, monkeypatch):
    _treat_as_public(monkeypatch, "127.0.0.1")
    http_server.routes["/1"] = (301, {"Location": "/2"}, b"")
    http_server.routes["/2"] = (200, HTML, b"<p>ok</p>")
    assert fetch(f"{http_server.base}/1").url.endswith("/2")


def test_dns_rebinding_caught_at_connection(strict, http_server, monkeypatch):
    # The name resolves to a public address when checked, to loopback when connected.
    real = socket.getaddrinfo
    calls = {"n": 0}

    def resolve(host, port, *args, **kwargs):
        if host == "rebind.test":
            calls["n"] += 1
            address = "93.184.216.34" if calls["n"] == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    http_server.routes["/a"] = (200, HTML, b"<p>secret</p>")
    port = http_server.server_address[1]
    with pytest.raises(FetchError, match="connected to 127.0.0.1 is a loopback"):
        fetch(f"http://rebind.test:{port}/a")


def test_unresolvable_host(strict, monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)  # no DNS query in tests
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch("http://does-not-exist.invalid/")


def test_setting_is_strict(monkeypatch, settings):
    del settings.INGEST_ALLOW_PRIVATE
    monkeypatch.setenv("CIDB_INGEST_ALLOW_PRIVATE", "maybe")
    with pytest.raises(ValueError, match="CIDB_INGEST_ALLOW_PRIVATE"):
        fetch_module.conf.get("INGEST_ALLOW_PRIVATE")
    monkeypatch.setenv("CIDB_INGEST_ALLOW_PRIVATE", "0")
    assert fetch_module.conf.get("INGEST_ALLOW_PRIVATE") is False
