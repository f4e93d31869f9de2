"""The editor review queue: drafts with suggested duplicates; merge, split, publish,
and pending suggestions for published incidents. Thin: writes are in services."""

from __future__ import annotations

import uuid as uuid_module

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cidb.accounts.models import is_editor
from cidb.incidents import vocab
from cidb.incidents.models import Incident

from . import querysets, review_page, services
from .models import IncidentCluster


def editor_only(view):
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("The review queue is for editors.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _incident(uuid: str) -> Incident:
    try:
        key = uuid_module.UUID(str(uuid))
    except ValueError:
        key = None
    return get_object_or_404(Incident, uuid=key)


@require_safe
@editor_only
def queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(querysets.review_queue(), 25).get_page(request.GET.get("page"))
    rows = [(incident, querysets.suggested_duplicates(incident)) for incident in page]
    pending = IncidentCluster.objects.exclude(suggestions={}).count()
    return render(request, "ingest/queue.html", {"page": page, "rows": rows, "pending": pending})


@require_safe
@editor_only
def review(request: HttpRequest, uuid: str) -> HttpResponse:
    incident = _incident(uuid)
    cluster = IncidentCluster.objects.filter(incident=incident).first()
    return render(
        request,
        "ingest/review.html",
        {
            "incident": incident,
            "cluster": cluster,
            "sources": incident.sources.all(),
            "duplicates": querysets.suggested_duplicates(incident),
            "confidences": [(k, v) for k, v in vocab.CONFIDENCES.items() if k != "unreviewed"],
            "rows": review_page.field_rows(incident, cluster),
            "other_conflicts": review_page.other_conflicts(incident, cluster),
        },
    )


@require_POST
@editor_only
def review_field(request: HttpRequest, uuid: str, name: str) -> HttpResponse:
    """Accept a field's value or save the editor's correction, in one step."""
    incident = _incident(uuid)
    action = request.POST.get("action", "accept")
    label = services.fields.REVIEW_FIELDS.get(name, name).split(" (")[0]
    try:
        changed = services.review_field(
            incident, name, action, request.POST.get("value", ""), request.user
        )
    except ValueError as exc:
        messages.error(request, f"{label} not saved: {exc}.")
    else:
        if action == "release":
            done = "released: ingestion updates it again"
        else:
            done = "corrected" if changed else "accepted"
        messages.success(request, f"{label} {done}.")
    return redirect(f"{reverse('review_incident', args=[incident.uuid])}#field-{name}")


@require_POST
@editor_only
def publish(request: HttpRequest, uuid: str) -> HttpResponse:
    incident = _incident(uuid)
    if incident.status == "published":
        messages.info(request, f"{incident.victim_name} is already published.")
    else:
        services.publish(incident, request.user, request.POST.get("confidence", ""))
        messages.success(request, f"Published {incident.victim_name}.")
    return redirect("review_queue")


@require_POST
@editor_only
def merge(request: HttpRequest, uuid: str) -> HttpResponse:
    survivor = _incident(uuid)
    keys = request.POST.getlist("other")
    others = []
    for key in keys:
        try:
            others.append(Incident.objects.get(uuid=uuid_module.UUID(key)))
        except (ValueError, Incident.DoesNotExist):
            messages.error(request, f"No incident {key[:40]} to merge.")
            return redirect("review_incident", uuid=survivor.uuid)
    others = [o for o in others if o.pk != survivor.pk]
    if not others:
        messages.error(request, "Choose at least one other incident to merge into this one.")
        return redirect("review_incident", uuid=survivor.uuid)
    services.merge(survivor, others, request.user)
    messages.success(request, f"Merged {len(others)} incident(s) into {survivor.victim_name}.")
    return redirect("review_incident", uuid=survivor.uuid)


@require_POST
@editor_only
def split(request: HttpRequest, uuid: str) -> HttpResponse:
    incident = _incident(uuid)
    ids = [int(x) for x in request.POST.getlist("source") if x.isdigit()]
    try:
        new = services.split(incident, ids, request.user)
    except ValueError as exc:
        messages.error(request, f"Cannot split: {exc}.")
        return redirect("review_incident", uuid=incident.uuid)
    messages.success(request, f"Moved {len(ids)} source(s) to a new draft: {new.victim_name}.")
    return redirect("review_incident", uuid=new.uuid)


@require_safe
@editor_only
def suggestions(request: HttpRequest) -> HttpResponse:
    clusters = (
        IncidentCluster.objects.exclude(suggestions={})
        .select_related("incident", "incident__victim")
        .order_by("-updated")
    )
    return render(request, "ingest/suggestions.html", {"clusters": clusters[:200]})


@require_POST
@editor_only
def decide(request: HttpRequest, uuid: str) -> HttpResponse:
    cluster = get_object_or_404(IncidentCluster, incident=_incident(uuid))
    if request.POST.get("action") == "dismiss":
        services.dismiss_suggestions(cluster, request.user)
        messages.success(request, f"Dismissed the suggestions for {cluster.incident.victim_name}.")
    else:
        fields = request.POST.getlist("field")
        if not fields:
            messages.error(request, "Tick the suggested changes to accept.")
        else:
            services.accept_suggestions(cluster, fields, request.user)
            messages.success(
                request, f"Applied {', '.join(fields)} to {cluster.incident.victim_name}."
            )
    return redirect(reverse("review_suggestions"))
