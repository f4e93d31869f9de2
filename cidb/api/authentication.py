"""`Authorization: Token <key>` (or `Bearer <key>`) with a member's API token."""

from __future__ import annotations

from rest_framework import authentication, exceptions

from .models import APIToken


def token_user(header: str):
    """The active user of an Authorization header's token, None if there is no token
    header; raises AuthenticationFailed for a bad one."""
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() not in ("token", "bearer"):
        return None
    token = APIToken.objects.find(parts[1])
    if token is None or not token.user.is_active:
        raise exceptions.AuthenticationFailed("Invalid or revoked token.")
    token.touch()
    return token.user


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        user = token_user(header) if header else None
        return (user, None) if user is not None else None

    def authenticate_header(self, request) -> str:
        return self.keyword
