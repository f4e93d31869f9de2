"""The editors' upload form: the same importer as `cidb import`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cidb.accounts.models import is_editor

from . import importer
from .forms import ImportForm


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        return render(request, "exchange/editors_only.html", status=403)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = importer.run(
            importer.read_text(upload.read()),
            form.cleaned_data["format"],
            name=upload.name,
            user=request.user,
            dry_run=form.cleaned_data["dry_run"],
            status=form.cleaned_data["status"],
        )
    status = 400 if (form.errors or (report and not report.ok)) else 200
    return render(request, "exchange/import.html", {"form": form, "report": report}, status=status)
