"""Who the client is, and counting its requests atomically.

The client is the connecting address unless that address is one of the reverse
proxies configured in ``CIDB_TRUSTED_PROXIES``: only then is ``X-Forwarded-For``
read, from the right, skipping trusted proxies. A header sent by anybody else is
ignored, so a client cannot pick a new identity per request.

Counters start at the first event and expire ``window`` seconds later; they are
incremented atomically: Redis ``INCR`` when the cache is Redis (shared by every
worker and machine), a read and write under a file lock otherwise (the file cache's
own ``incr`` is an unlocked read and write).
"""

from __future__ import annotations

import fcntl
import hashlib
import ipaddress
import math
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks: list) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the real client of ``request`` (see the module docstring)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return "unknown"
    networks = settings.TRUSTED_PROXIES
    if not networks or not _trusted(remote, networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = remote
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break  # a malformed hop: trust nothing left of it
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


def digest(*parts: str) -> str:
    """A short key part for user-supplied text (user names): fixed length, no spaces."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


@contextmanager
def _file_lock():
    path = Path(settings.DATA_DIR) / "ratelimit.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _name(key: str) -> str:
    return f"ratelimit:{key}"


def hit(key: str, window: int) -> tuple[int, int]:
    """Count one event under ``key``; the count starts at the first event and lasts
    ``window`` seconds. Returns the count including this event and the seconds until
    it expires."""
    name = _name(key)
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(name, write=True)
        redis_key = backend.make_and_validate_key(name)
        pipe = client.pipeline()
        pipe.incr(redis_key)
        pipe.expire(redis_key, window, nx=True)
        pipe.ttl(redis_key)
        count, _, ttl = pipe.execute()
        return int(count), max(1, int(ttl))
    now = time.time()
    with _file_lock():
        value = cache.get(name)
        count, expires = value if value and value[1] > now else (0, now + window)
        count += 1
        cache.set(name, (count, expires), max(1, math.ceil(expires - now)))
    return count, max(1, math.ceil(expires - now))


def count(key: str, window: int) -> tuple[int, int]:
    """The current count under ``key`` without adding to it, and the seconds left."""
    name = _name(key)
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(name)
        redis_key = backend.make_and_validate_key(name)
        pipe = client.pipeline()
        pipe.get(redis_key)
        pipe.ttl(redis_key)
        value, ttl = pipe.execute()
        return int(value or 0), max(0, int(ttl))
    now = time.time()
    value = cache.get(name)
    if not value or value[1] <= now:
        return 0, 0
    return value[0], math.ceil(value[1] - now)


def reset(key: str) -> None:
    cache.delete(_name(key))
