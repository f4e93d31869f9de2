"""Personal feed tokens, saved searches and the record of every alert sent.

Per-record rules live here; matching and sending (many records at once) live in
services.py.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

KEY_ID_LENGTH = 16
MAC_LENGTH = 32
TOKEN_SALT = "cidb.alerts.feed-token"
# Never part of a saved search: the page number and empty values.
NOT_FILTERS = ("page",)


def _mac(key_id: str) -> str:
    return salted_hmac(TOKEN_SALT, key_id, algorithm="sha256").hexdigest()[:MAC_LENGTH]


class FeedTokenQuerySet(models.QuerySet):
    def find(self, token: str) -> FeedToken | None:
        """The live token for a feed URL's token, or None (unknown, revoked, forged)."""
        token = token or ""
        if len(token) != KEY_ID_LENGTH + MAC_LENGTH:
            return None
        key_id, mac = token[:KEY_ID_LENGTH], token[KEY_ID_LENGTH:]
        if not constant_time_compare(mac, _mac(key_id)):
            return None
        return self.select_related("user").filter(key_id=key_id).first()


class FeedToken(models.Model):
    """A member's personal feed address: /feed/<token>/.

    The database holds only a random key id; the token in the address is that id
    followed by its HMAC under the site's secret key. Someone who reads the database
    cannot rebuild a working address, and the account page can still show it.
    Changing CIDB_SECRET_KEY invalidates every personal feed address.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    key_id = models.CharField(max_length=KEY_ID_LENGTH, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = FeedTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"feed token of {self.user}"

    @property
    def token(self) -> str:
        return self.key_id + _mac(self.key_id)

    def get_absolute_url(self) -> str:
        return reverse("personal_feed", args=[self.token])

    @classmethod
    def issue(cls, user) -> FeedToken:
        """A new token for `user`; the old one (if any) stops working."""
        cls.objects.filter(user=user).delete()
        return cls.objects.create(user=user, key_id=secrets.token_hex(KEY_ID_LENGTH // 2))


def normalise_query(params: QueryDict) -> str:
    """A browse query string without the page number or empty values, in a stable order."""
    pairs = sorted(
        (key, value.strip())
        for key, values in params.lists()
        if key not in NOT_FILTERS
        for value in values
        if value.strip()
    )
    return urlencode(pairs)


class Frequency(models.TextChoices):
    NONE = "none", "No e-mail"
    IMMEDIATE = "immediate", "Immediately"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"


class SavedSearch(models.Model):
    """A member's named browse filter, optionally with e-mail alerts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.TextField(blank=True, help_text="The browse page's query string.")
    frequency = models.CharField(
        "e-mail alerts", max_length=10, choices=Frequency.choices, default=Frequency.NONE
    )
    created = models.DateTimeField(auto_now_add=True)
    alerts_since = models.DateTimeField(
        default=timezone.now,
        help_text="Only incidents published after this (saving, or turning alerts on) are sent.",
    )
    checked_until = models.DateTimeField(
        default=timezone.now,
        help_text="Incidents published up to this time have been matched against the search.",
    )
    last_sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def params(self) -> QueryDict:
        return QueryDict(self.query)

    def get_absolute_url(self) -> str:
        url = reverse("incident_list")
        return f"{url}?{self.query}" if self.query else url

    @property
    def alerts_on(self) -> bool:
        return self.frequency != Frequency.NONE


class AlertDelivery(models.Model):
    """One incident matched by one saved search: pending, then sent once.

    The unique constraint is what guarantees one alert per (search, incident) however
    many alert runs overlap; a run claims pending rows before sending them.
    """

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    matched = models.DateTimeField(auto_now_add=True)
    claim = models.CharField(max_length=32, blank=True, help_text="The run sending it.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "alert deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["search", "incident"], name="alert_once_per_search_incident"
            )
        ]
        indexes = [models.Index(fields=["search", "sent_at"], name="alert_pending")]

    def __str__(self) -> str:
        return f"{self.search} → {self.incident_id}"
