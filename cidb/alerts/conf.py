"""Alert settings: Django settings override environment variables, which override the
defaults (so tests can use ``settings.ALERTS_MAX_PER_MESSAGE = ...``)."""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS: dict[str, int] = {
    "ALERTS_IMMEDIATE_MINUTES": 5,  # how often the huey task sends immediate alerts
    "ALERTS_DIGEST_HOUR": 6,  # hour (UTC) of the daily digest and Monday's weekly one
    "ALERTS_MAX_PER_MESSAGE": 50,  # incidents listed in full in one e-mail
    "ALERTS_MAX_MATCHES": 1000,  # new matches recorded per saved search and run
}
ENV = {name: f"CIDB_{name}" for name in DEFAULTS}


def get(name: str) -> int:
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(ENV[name], "")
    return DEFAULTS[name] if raw == "" else int(raw)
