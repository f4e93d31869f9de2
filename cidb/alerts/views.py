"""Thin views: feeds, saved searches, feed tokens, unsubscribing and citation files."""

from __future__ import annotations

import uuid as uuid_module
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cidb.accounts.models import is_member
from cidb.exchange import records
from cidb.incidents import citation
from cidb.incidents.models import Incident

from . import feeds, services
from .citations import citation_for
from .models import FeedToken, SavedSearch, normalise_query


def _feed(request: HttpRequest, user, *, personal: bool) -> HttpResponse:
    try:
        selection = feeds.select(request.GET, user, personal=personal)
    except records.MemberFilterError as exc:
        # As the browse page does: drop member-only filters rather than echo them.
        kept = [(k, v) for k, vs in request.GET.lists() for v in vs if k not in exc.errors]
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)
    except records.FilterError as exc:
        return HttpResponseBadRequest(f"Bad filter: {exc}\n", content_type="text/plain")
    response = feeds.IncidentFeed()(request, selection=selection)
    if personal:
        response["Cache-Control"] = "private"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def public_feed(request: HttpRequest) -> HttpResponse:
    """Public fields and counts, whoever asks (a feed reader has no session)."""
    return _feed(request, None, personal=False)


@require_safe
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A member's feed with member fields. A user who is no longer a member gets the
    public fields only; an unknown or revoked token is a 404."""
    feed_token = FeedToken.objects.find(token)
    if feed_token is None:
        raise Http404("No such feed.")
    return _feed(request, feed_token.user, personal=True)


@login_required
@require_POST
def feed_token_issue(request: HttpRequest) -> HttpResponse:
    if not is_member(request.user):
        messages.error(request, "Personal feeds are available to members.")
    else:
        replaced = FeedToken.objects.filter(user=request.user).exists()
        FeedToken.issue(request.user)
        messages.success(
            request,
            "Your personal feed has a new address; the old one stopped."
            if replaced
            else "Your personal feed address is ready.",
        )
    return redirect("account")


@login_required
@require_POST
def feed_token_revoke(request: HttpRequest) -> HttpResponse:
    deleted, _ = FeedToken.objects.filter(user=request.user).delete()
    if deleted:
        messages.success(request, "Your personal feed address was revoked.")
    return redirect("account")


@login_required
@require_POST
def search_create(request: HttpRequest) -> HttpResponse:
    try:
        search = services.save_search(
            request.user,
            request.POST.get("name", ""),
            request.POST.get("query", ""),
            request.POST.get("frequency", "none"),
        )
    except services.SavedSearchError as exc:
        messages.error(request, str(exc))
        query = normalise_query(QueryDict(request.POST.get("query", "")))
        url = reverse("incident_list")
        return redirect(f"{url}?{query}" if query else url)
    messages.success(request, f"Saved “{search.name}”. Manage it on your account page.")
    return redirect(search.get_absolute_url())


@login_required
@require_POST
def search_update(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    try:
        services.update_search(
            search, name=request.POST.get("name"), frequency=request.POST.get("frequency")
        )
        messages.success(request, f"Updated “{search.name}”.")
    except services.SavedSearchError as exc:
        messages.error(request, str(exc))
    return redirect("account")


@login_required
@require_POST
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    search.delete()
    messages.success(request, f"Deleted “{search.name}”.")
    return redirect("account")


# No log-in and no CSRF token: the signed token is the authority, and mail clients
# send one-click unsubscribes (RFC 8058) as a bare POST. GET only asks, because mail
# scanners follow links.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        search = services.search_for_token(token)
    except signing.BadSignature:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST" and search is not None:
        services.unsubscribe(search)
        done = True
    return render(request, "alerts/unsubscribe.html", {"search": search, "done": done})


def _published(uuid: str) -> Incident:
    try:
        key = uuid_module.UUID(str(uuid))
    except ValueError:
        raise Http404("No such incident.") from None
    incident = Incident.objects.published().select_related("victim").filter(uuid=key).first()
    if incident is None:
        raise Http404("No such published incident.")
    return incident


@require_safe
def cite_json(request: HttpRequest, uuid: str) -> HttpResponse:
    incident = _published(uuid)
    response = HttpResponse(
        citation.csl_json(citation_for(incident)),
        content_type="application/vnd.citationstyles.csl+json",
    )
    response["Content-Disposition"] = f'attachment; filename="{incident.uuid}.json"'
    return response


@require_safe
def cite_bibtex(request: HttpRequest, uuid: str) -> HttpResponse:
    incident = _published(uuid)
    response = HttpResponse(
        citation.bibtex(citation_for(incident)), content_type="application/x-bibtex; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{incident.uuid}.bib"'
    return response
