"""Demo accounts for local trials: one user per tier, sharing one password."""

from __future__ import annotations

import os
import secrets

from .models import Tier, User

DEMO_TIERS = (Tier.FREE, Tier.MEMBER, Tier.EDITOR, Tier.ADMIN)
DEMO_USERNAMES = tuple(f"demo-{tier}" for tier in DEMO_TIERS)


def create_demo_users() -> str:
    """Create (or reset) demo-free, demo-member, demo-editor and demo-admin; returns
    their password: CIDB_DEMO_PASSWORD, else a generated one."""
    password = os.environ.get("CIDB_DEMO_PASSWORD") or secrets.token_urlsafe(9)
    for tier, username in zip(DEMO_TIERS, DEMO_USERNAMES, strict=True):
        user, _ = User.objects.get_or_create(username=username)
        user.tier = tier
        user.set_password(password)
        user.save()
    return password


def announcement(password: str) -> str:
    return f"Demo accounts {', '.join(DEMO_USERNAMES)}; password: {password}"
