"""Log-in throttling: wrong passwords lock the account for that address (and, past a
higher limit, the address) for a window that always ends; a clear message; other
addresses are not locked out; TAXII's Basic log-in counts too."""

from __future__ import annotations

import base64
import time

import pytest
from django.test import Client

from cidb.core import ratelimit

PASSWORD = "correct horse battery"  # tests.factories.UserFactory


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURES = 5
    settings.LOGIN_IP_FAILURES = 8
    settings.LOGIN_LOCKOUT_SECONDS = 900


def _login(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_right_password_refused_after_failures(users, limits):
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        assert _login(client, "member-user", "wrong").status_code == 200
    response = _login(client, "member-user", PASSWORD)
    assert response.status_code == 200  # the form again, not a redirect
    page = response.content.decode()
    assert "Too many failed log-ins" in page and "15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_other_address_not_locked_out(users, limits):
    attacker = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(6):
        _login(attacker, "member-user", "wrong")
    owner = Client(REMOTE_ADDR="198.51.100.2")
    assert _login(owner, "member-user", PASSWORD).status_code == 302


def test_forwarded_for_does_not_reset_the_count(users, limits, settings):
    settings.TRUSTED_PROXIES = []
    client = Client(REMOTE_ADDR="198.51.100.1")
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"username": "member-user", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert _login(client, "member-user", PASSWORD).status_code == 200


def test_address_limit_across_accounts(users, limits):
    client = Client(REMOTE_ADDR="198.51.100.3")
    for n in range(8):
        _login(client, f"nobody{n}", "wrong")
    assert "Too many failed log-ins" in _login(client, "member-user", PASSWORD).content.decode()


def test_lock_expires(users, limits, monkeypatch):
    client = Client(REMOTE_ADDR="198.51.100.4")
    for _ in range(5):
        _login(client, "member-user", "wrong")
    assert _login(client, "member-user", PASSWORD).status_code == 200
    later = time.time() + 901
    # the file-lock path computes expiry with time.time() too
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    response = _login(client, "member-user", PASSWORD)
    assert response.status_code == 302, response.context["form"].errors


def test_success_resets_the_account_count(users, limits, settings):
    settings.LOGIN_IP_FAILURES = 20  # the address's count is never reset by a success
    client = Client(REMOTE_ADDR="198.51.100.5")
    for _ in range(4):
        _login(client, "member-user", "wrong")
    assert _login(client, "member-user", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "member-user", "wrong")
    assert _login(client, "member-user", PASSWORD).status_code == 302


def test_admin_login_is_throttled(users, limits):
    client = Client(REMOTE_ADDR="198.51.100.6")
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin-user", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "admin-user", "password": PASSWORD})
    assert "Too many failed log-ins" in response.content.decode()


def test_taxii_basic_is_throttled(users, limits):
    client = Client(REMOTE_ADDR="198.51.100.7")

    def basic(password: str) -> dict:
        token = base64.b64encode(f"member-user:{password}".encode()).decode()
        return {"HTTP_AUTHORIZATION": f"Basic {token}"}

    for _ in range(5):
        assert client.get("/taxii2/", **basic("wrong")).status_code == 401
    response = client.get("/taxii2/", **basic(PASSWORD))
    assert response.status_code == 401
    assert "Too many failed log-ins" in response.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.8").get("/taxii2/", **basic(PASSWORD)).status_code == 200


def test_with_redis_counters(users, limits, settings):
    redis = pytest.importorskip("redis")
    server = redis.Redis.from_url("redis://127.0.0.1:6379/5", socket_timeout=1)
    try:
        server.ping()
    except redis.RedisError:
        pytest.skip("needs Redis at 127.0.0.1:6379 (not running)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/5",
            "KEY_PREFIX": "test-login-throttle",
        }
    }

    def clean() -> None:  # only this test's keys (other tests may share the database)
        for key in server.scan_iter("test-login-throttle:*"):
            server.delete(key)

    clean()
    try:
        client = Client(REMOTE_ADDR="198.51.100.9")
        for _ in range(4):
            _login(client, "member-user", "wrong")
        assert _login(client, "member-user", PASSWORD).status_code == 302  # resets
        client.logout()
        for _ in range(5):
            _login(client, "member-user", "wrong")
        page = _login(client, "member-user", PASSWORD).content.decode()
        assert "Too many failed log-ins" in page and "15 minutes" in page
    finally:
        clean()
