from __future__ import annotations

import uuid as uuid_module

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cidb.accounts.models import is_editor
from cidb.incidents.models import Incident

from . import suggestions


@require_http_methods(["GET", "POST"])
def suggest_techniques(request: HttpRequest, uuid: str) -> HttpResponse:
    """Editors: techniques suggested from the incident's text and sources, with
    evidence; each is accepted (added) or rejected (left out)."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    if not is_editor(request.user):
        raise PermissionDenied
    try:
        incident = Incident.objects.get(uuid=uuid_module.UUID(str(uuid)))
    except (ValueError, Incident.DoesNotExist):
        raise Http404("No such incident.") from None
    if request.method == "POST":
        accepted = request.POST.getlist("accept")
        added = suggestions.accept(incident, accepted, request.user)
        if added:
            messages.success(request, f"Added {', '.join(added)}.")
        else:
            messages.info(request, "No technique added.")
        return redirect(incident)
    return render(
        request,
        "tagging/suggest.html",
        {"incident": incident, "suggestions": suggestions.suggest(incident)},
    )
