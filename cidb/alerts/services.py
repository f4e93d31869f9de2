"""Saved searches and their e-mail alerts: matching, claiming, sending, unsubscribing.

An alert run has two steps. *Collect* records every newly published incident that a
saved search matches as a pending AlertDelivery (the (search, incident) pair is
unique, so overlapping or repeated runs add nothing twice). *Send* claims the pending
rows of a search with one conditional UPDATE (only one run can win a row), e-mails
them as one message, and marks them sent. A run that dies between claiming and
sending leaves a claim that another run may take over after CLAIM_TIMEOUT.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cidb.accounts.models import is_member
from cidb.exchange import records
from cidb.incidents.models import Incident

from . import conf
from .feeds import entry, newly_published
from .models import AlertDelivery, Frequency, SavedSearch, normalise_query

log = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "cidb.alerts.unsubscribe"
# Re-scan this far back: an incident whose transaction committed after a run began
# still gets matched by the next run (the unique pair keeps it from being sent twice).
OVERLAP = dt.timedelta(minutes=15)
CLAIM_TIMEOUT = dt.timedelta(hours=1)


class SavedSearchError(ValueError):
    """A saved search that cannot be created or changed, with a message for the user."""


# --- saved searches -------------------------------------------------------------------


def save_search(user, name: str, query_string: str, frequency: str) -> SavedSearch:
    """Save a browse filter for a member. Raises SavedSearchError."""
    if not is_member(user):
        raise SavedSearchError("Saved searches are available to members.")
    name = (name or "").strip()[:100]
    if not name:
        raise SavedSearchError("Give the search a name.")
    if frequency not in Frequency.values:
        raise SavedSearchError("Choose how often to be e-mailed.")
    query = normalise_query(QueryDict(query_string or ""))
    try:
        records.filtered(QueryDict(query), user)
    except records.FilterError as exc:
        raise SavedSearchError(f"These filters cannot be saved: {exc}") from exc
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user, name=name, query=query, frequency=frequency
            )
    except IntegrityError:
        raise SavedSearchError(f"You already have a search named “{name}”.") from None


def update_search(search: SavedSearch, *, name: str | None, frequency: str | None) -> SavedSearch:
    """Rename a search or change its alerts. Turning alerts on starts from now: the
    incidents published while they were off are not sent."""
    if name is not None:
        name = name.strip()[:100]
        if not name:
            raise SavedSearchError("Give the search a name.")
        if search.user.saved_searches.filter(name=name).exclude(pk=search.pk).exists():
            raise SavedSearchError(f"You already have a search named “{name}”.")
        search.name = name
    if frequency is not None:
        if frequency not in Frequency.values:
            raise SavedSearchError("Choose how often to be e-mailed.")
        if search.frequency == Frequency.NONE and frequency != Frequency.NONE:
            search.alerts_since = search.checked_until = timezone.now()
        search.frequency = frequency
    search.save()
    return search


# --- unsubscribe links ------------------------------------------------------------------


def unsubscribe_token(search: SavedSearch) -> str:
    return signing.dumps({"s": search.pk, "u": search.user_id}, salt=UNSUBSCRIBE_SALT)


def search_for_token(token: str) -> SavedSearch | None:
    """The saved search of an unsubscribe token; None if it was deleted since.

    Raises signing.BadSignature for a tampered or made-up token.
    """
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return SavedSearch.objects.filter(pk=data["s"], user_id=data["u"]).first()


def unsubscribe(search: SavedSearch) -> None:
    search.frequency = Frequency.NONE
    search.save(update_fields=["frequency"])


def absolute(path: str) -> str:
    return settings.SITE_URL + path


# --- alert runs ----------------------------------------------------------------------------


@dataclass
class RunSummary:
    frequency: str
    searches: int = 0
    matched: int = 0
    messages: int = 0
    incidents_sent: int = 0
    skipped: int = 0
    failed: int = 0  # e-mails that could not be sent (retried by the next run)

    def line(self) -> str:
        return (
            f"{self.frequency}: {self.searches} saved searches, {self.matched} new matches, "
            f"{self.messages} e-mails with {self.incidents_sent} incidents, "
            f"{self.skipped} searches skipped, {self.failed} e-mails failed"
        )


class SendFailed(Exception):
    """An alert e-mail could not be sent; its matches stay pending for the next run."""


def collect(search: SavedSearch, now: dt.datetime) -> int | None:
    """Record the incidents published since the last check that the search matches, as
    its owner may filter now. Returns how many rows were new, or None if skipped."""
    user = search.user
    if not user.is_active or not user.email:
        return None
    try:
        matching = records.filtered(search.params, user)
    except records.FilterError as exc:
        # E.g. a member-only filter after the owner lost membership: matching without
        # it would send unwanted incidents, matching with it would reveal values.
        log.info("saved search %s skipped: %s", search.pk, exc)
        return None
    lower = max(search.alerts_since, search.checked_until - OVERLAP)
    ids = list(
        newly_published(matching)
        .filter(published_at__gt=lower, published_at__lte=now)
        .values_list("id", flat=True)[: conf.get("ALERTS_MAX_MATCHES")]
    )
    before = AlertDelivery.objects.filter(search=search).count() if ids else 0
    AlertDelivery.objects.bulk_create(
        [AlertDelivery(search=search, incident_id=pk) for pk in ids], ignore_conflicts=True
    )
    SavedSearch.objects.filter(pk=search.pk, checked_until__lt=now).update(checked_until=now)
    return AlertDelivery.objects.filter(search=search).count() - before if ids else 0


def claim_pending(search: SavedSearch, now: dt.datetime) -> str | None:
    """Claim the search's unsent deliveries for this run; None if there were none."""
    claim = uuid.uuid4().hex
    claimed = AlertDelivery.objects.filter(
        Q(claim="") | Q(claimed_at__lt=now - CLAIM_TIMEOUT), search=search, sent_at__isnull=True
    ).update(claim=claim, claimed_at=now)
    return claim if claimed else None


def send(search: SavedSearch, now: dt.datetime) -> int:
    """E-mail the search's pending matches as one message; returns how many were sent."""
    if not search.user.is_active or not search.user.email:
        return 0
    claim = claim_pending(search, now)
    if claim is None:
        return 0
    mine = AlertDelivery.objects.filter(search=search, claim=claim, sent_at__isnull=True)
    # Retracted (or otherwise unpublished) since it matched: never alerted.
    mine.exclude(incident__status="published").delete()
    ids = list(mine.values_list("incident_id", flat=True))
    if not ids:
        return 0
    member = is_member(search.user)  # member fields only if still a member now
    shown = records.with_related(
        newly_published(Incident.objects.filter(id__in=ids)), member=member
    )[: conf.get("ALERTS_MAX_PER_MESSAGE")]
    message = build_message(search, list(shown), total=len(ids), member=member)
    try:
        message.send()
    except Exception:
        mine.update(claim="", claimed_at=None)  # let the next run try again
        log.exception("alert e-mail for saved search %s failed", search.pk)
        raise SendFailed(f"saved search {search.pk}") from None
    mine.update(sent_at=timezone.now())
    SavedSearch.objects.filter(pk=search.pk).update(last_sent=now)
    return len(ids)


def _window_start(search: SavedSearch) -> dt.datetime:
    return max(search.alerts_since, search.checked_until - OVERLAP)


def run(frequency: str, now: dt.datetime | None = None) -> RunSummary:
    """Collect and send the alerts of every saved search with this frequency."""
    if frequency not in Frequency.values or frequency == Frequency.NONE:
        raise ValueError(f"no alerts are sent for frequency {frequency!r}")
    now = now or timezone.now()
    summary = RunSummary(frequency)
    searches = list(SavedSearch.objects.filter(frequency=frequency).select_related("user"))
    if not searches:
        return summary
    # Most runs find nothing newly published: one indexed query answers that for all
    # searches, instead of evaluating each search's filters.
    start = min(_window_start(search) for search in searches)
    recent = newly_published(Incident.objects.all()).filter(
        published_at__gt=start, published_at__lte=now
    )
    if recent.exists():
        for search in searches:
            new = collect(search, now)
            if new is None:
                summary.skipped += 1
            else:
                summary.matched += new
    else:
        SavedSearch.objects.filter(
            pk__in=[search.pk for search in searches], checked_until__lt=now
        ).update(checked_until=now)
    summary.searches = len(searches)
    pending = set(
        AlertDelivery.objects.filter(search__frequency=frequency, sent_at__isnull=True).values_list(
            "search_id", flat=True
        )
    )
    for search in searches:
        if search.pk in pending:
            try:
                sent = send(search, now)
            except SendFailed:
                summary.failed += 1
                continue
            if sent:
                summary.messages += 1
                summary.incidents_sent += sent
    return summary


# --- e-mail ----------------------------------------------------------------------------------


def build_message(
    search: SavedSearch, incidents: list[Incident], *, total: int, member: bool
) -> EmailMultiAlternatives:
    """The alert e-mail: plain text with an HTML alternative, and unsubscribe headers."""
    unsubscribe_url = absolute(reverse("alert_unsubscribe", args=[unsubscribe_token(search)]))
    context = {
        "search": search,
        "entries": [
            dict(entry(incident, member=member), link=records.incident_url(incident))
            for incident in incidents
        ],
        "total": total,
        "more": total - len(incidents),
        "member": member,
        "digest": search.frequency in (Frequency.DAILY, Frequency.WEEKLY),
        "search_url": absolute(search.get_absolute_url()),
        "account_url": absolute(reverse("account")),
        "unsubscribe_url": unsubscribe_url,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
    }
    subject = render_to_string("alerts/email/subject.txt", context).strip().replace("\n", " ")
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("alerts/email/alert.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[search.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("alerts/email/alert.html", context), "text/html")
    return message
