"""Shared fixtures: named users for every tier, clients logged in as them, and an
incident whose member-only values are distinctive enough to search the HTML for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import (
    IncidentFactory,
    OrganizationFactory,
    SourceFactory,
    TechniqueFactory,
    ThreatActorFactory,
    UserFactory,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TIERS = ["anonymous", "free", "member", "editor", "admin"]
NON_MEMBERS = ["anonymous", "free"]
MEMBERS = ["member", "editor", "admin"]


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with a clear message."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the checkout); not present")
    return path


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def users(db):
    return {
        tier: UserFactory(username=f"{tier}-user", tier=tier)
        for tier in TIERS
        if tier != "anonymous"
    }


@pytest.fixture
def client_for(users):
    def make(tier: str) -> Client:
        client = Client()
        if tier != "anonymous":
            client.force_login(users[tier])
        return client

    return make


@pytest.fixture
def member_values():
    """Strings that only members may see, each unique to the rich incident."""
    return {
        "technique id": "T1486",
        "technique name": "Data Encrypted for Impact",
        "motive": "Grudge",
        "actor name": "Zetagrupp Kollektiv",
        "actor alias": "ZetaKollektiv",
        "actor type": "Hacktivist",
        "actor country": "Belarus",
        "cia value": "Not affected",
        "source url": "https://news.example.org/zeta-attack-report",
        "source title": "Zeta collective claims municipal attack",
        "source publisher": "Zeta Daily Wire",
    }


@pytest.fixture
def rich_incident(db):
    technique = TechniqueFactory(
        attack_id="T1486", name="Data Encrypted for Impact", tactics=["impact"]
    )
    actor = ThreatActorFactory(
        name="Zetagrupp Kollektiv", aliases=["ZetaKollektiv"], actor_type="hacktivist", country="BY"
    )
    source = SourceFactory(
        url="https://news.example.org/zeta-attack-report",
        title="Zeta collective claims municipal attack",
        publisher="Zeta Daily Wire",
    )
    victim = OrganizationFactory(name="Sundsvalls kommun", country="SE")
    incident = IncidentFactory(
        victim=victim,
        date=dt.date(2024, 11, 1),
        date_precision="month",
        country="SE",
        sector="local_government",
        summary="The municipality's e-services were knocked out by an attack on its servers.",
        description="Several services were down.\n\nThe municipality restored them in a week.",
        confidentiality="not_affected",
        integrity="affected",
        availability="affected",
        attack_types=["ransomware"],
        motives=["Grudge"],
        techniques=[technique],
        actors=[actor],
        sources=[source],
    )
    return incident


def pytest_unconfigure(config) -> None:
    """Say at the very end (after the counts line) when the browser tests did not run,
    and why: a green run without them has not looked at a single page in a browser."""
    terminalreporter = config.pluginmanager.get_plugin("terminalreporter")
    if terminalreporter is None:
        return
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if r.nodeid.startswith("tests/browser/")]  # fmt: skip
    if not skipped:
        return
    reasons = sorted({str(r.longrepr[2]).removeprefix("Skipped: ") if isinstance(r.longrepr, tuple)
                      else str(r.longrepr) for r in skipped})  # fmt: skip
    terminalreporter.write_sep("=", "browser tests skipped", yellow=True, bold=True)
    terminalreporter.write_line(f"{len(skipped)} browser test(s) did not run: {'; '.join(reasons)}")
