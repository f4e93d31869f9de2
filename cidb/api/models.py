"""API tokens: members create named tokens on their account page and revoke them.

Only a SHA-256 hash of a token is stored; the token itself is shown once.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "cidb_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class APITokenQuerySet(models.QuerySet):
    def find(self, key: str) -> APIToken | None:
        if not key.startswith(PREFIX):
            return None
        return self.select_related("user").filter(key_hash=hash_key(key)).first()


class APIToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'notebook'.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False, help_text="The first characters.")
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    objects = APITokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple[APIToken, str]:
        """A new token for `user`; returns it and its key (shown once, never stored)."""
        key = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name.strip()[:100] or "token", key_hash=hash_key(key), hint=key[:9]
        )
        return token, key

    def touch(self) -> None:
        # At most one write a minute per token, not one per request.
        now = timezone.now()
        if self.last_used is None or (now - self.last_used).total_seconds() > 60:
            APIToken.objects.filter(pk=self.pk).update(last_used=now)
            self.last_used = now
