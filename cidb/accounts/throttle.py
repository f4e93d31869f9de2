"""Log-in throttling with a lockout window.

Wrong passwords are counted per (account, client address) and per client address
for ``LOGIN_LOCKOUT_SECONDS`` from the first one. Once either count reaches its
limit, log-ins from that address (for that account, or at all) are refused until the
count expires (refused attempts are not counted, so they do not extend it):
the lock always expires, and an attacker elsewhere cannot lock a user out, since the
account's counter is kept per address. Every way to log in with a password (the
log-in form, the admin, TAXII's HTTP Basic) goes through the authentication backend
below.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from cidb.core import ratelimit


def _keys(request, username: str) -> tuple[str, str]:
    ip = ratelimit.client_ip(request) if request is not None else "unknown"
    account = ratelimit.digest((username or "").strip().lower())
    return f"login-account-{account}-{ip}", f"login-ip-{ip}"


def locked_message(request, username: str) -> str:
    """Why log-ins are refused now, or "" when they are not."""
    window = settings.LOGIN_LOCKOUT_SECONDS
    account_key, ip_key = _keys(request, username)
    for key, limit in (
        (account_key, settings.LOGIN_FAILURES),
        (ip_key, settings.LOGIN_IP_FAILURES),
    ):
        failures, left = ratelimit.count(key, window)
        if limit and failures >= limit:
            minutes = max(1, math.ceil(left / 60))
            return (
                "Too many failed log-ins from your address. Log-ins are paused for "
                f"{minutes} minute{'s' if minutes != 1 else ''}; try again then, or "
                "reset your password."
            )
    return ""


def record_failure(request, username: str) -> None:
    window = settings.LOGIN_LOCKOUT_SECONDS
    for key in _keys(request, username):
        ratelimit.hit(key, window)


def record_success(request, username: str) -> None:
    ratelimit.reset(_keys(request, username)[0])


class LoginLocked(PermissionDenied):
    pass


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, refusing while locked and counting wrong passwords."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field(), "")
        if password is None:
            return None
        message = locked_message(request, username or "")
        if message:
            # PermissionDenied stops authenticate() from trying other backends.
            raise LoginLocked(message)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, username or "")
        else:
            record_success(request, username or "")
        return user

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
