"""API rate limits: keyed on the real client (a new X-Forwarded-For per request no
longer buys a new allowance) and counted atomically (concurrent clients cannot
overrun the limit), with Redis and with the other caches."""

from __future__ import annotations

import ipaddress
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client

from cidb.core import ratelimit


@pytest.fixture
def low_rate(settings):
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], anonymous="5/min")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    from rest_framework.settings import api_settings

    api_settings.reload()
    yield
    api_settings.reload()


def test_forwarded_for_does_not_bypass(db, low_rate, settings):
    settings.TRUSTED_PROXIES = []
    client = Client()
    statuses = [
        client.get("/api/v1/organizations/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(8)
    ]
    assert statuses.count(200) == 5 and statuses.count(429) == 3


def test_trusted_proxy_clients_counted_apart(db, low_rate, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1")]
    client = Client(REMOTE_ADDR="127.0.0.1")
    first = [
        client.get("/api/v1/organizations/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code
        for _ in range(6)
    ]
    other = client.get("/api/v1/organizations/", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert first[-1] == 429 and other.status_code == 200


def test_retry_after_header(db, low_rate):
    client = Client()
    for _ in range(5):
        client.get("/api/v1/organizations/")
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def _redis_cache():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/5", socket_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("needs Redis at 127.0.0.1:6379 (not running)")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/5",
    }


@pytest.mark.parametrize("backend", ["locmem", "file", "redis"])
def test_concurrent_hits_never_overrun(settings, tmp_path, backend):
    if backend == "redis":
        settings.CACHES = {"default": _redis_cache()}
    elif backend == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    settings.DATA_DIR = tmp_path
    key = f"test-{uuid.uuid4().hex}"
    limit = 60
    with ThreadPoolExecutor(max_workers=16) as pool:
        counts = list(pool.map(lambda _: ratelimit.hit(key, 60)[0], range(100)))
    ratelimit.reset(key)
    # every hit got its own number, so exactly `limit` of 100 are within the limit
    assert sorted(counts) == list(range(1, 101))
    assert sum(1 for c in counts if c <= limit) == limit
