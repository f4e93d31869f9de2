"""The client address behind rate limits and log-in throttling: X-Forwarded-For is
read only from proxies configured in CIDB_TRUSTED_PROXIES, parsed strictly."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from cidb.config.settings import env_networks
from cidb.core.ratelimit import client_ip


def _request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_header_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_header_ignored_from_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = env_networks_of("10.0.0.0/8")
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_rightmost_untrusted_hop_from_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = env_networks_of("10.0.0.0/8,192.0.2.1")
    # the client can prepend anything; only what trusted proxies appended counts
    request = _request("10.0.0.5", "1.2.3.4, 203.0.113.9, 192.0.2.1")
    assert client_ip(request) == "203.0.113.9"


def test_malformed_hop_stops_the_walk(settings):
    settings.TRUSTED_PROXIES = env_networks_of("10.0.0.0/8")
    assert client_ip(_request("10.0.0.5", "203.0.113.9, not-an-ip")) == "10.0.0.5"


def test_ipv6_and_ports(settings):
    settings.TRUSTED_PROXIES = env_networks_of("::1")
    assert client_ip(_request("::1", "[2001:db8::5]:4711")) == "2001:db8::5"
    assert client_ip(_request("::1", "203.0.113.9:80")) == "203.0.113.9"


def env_networks_of(value: str):
    os.environ["CIDB_TEST_NETWORKS"] = value
    try:
        return env_networks("CIDB_TEST_NETWORKS")
    finally:
        del os.environ["CIDB_TEST_NETWORKS"]


def test_parsing():
    assert env_networks_of(" 10.0.0.0/8 , ::1 ") == [
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1"),
    ]
    assert env_networks_of("") == []


@pytest.mark.parametrize("bad", ["10.0.0.0/33", "proxy.example.org", "10.0.0.1/8", "*"])
def test_strict_parsing_stops_start_up(bad):
    env = {**os.environ, "CIDB_TRUSTED_PROXIES": bad}
    result = subprocess.run(
        [sys.executable, "-c", "import cidb.config.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CIDB_TRUSTED_PROXIES" in result.stderr and repr(bad) in result.stderr
