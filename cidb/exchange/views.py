"""The editors' upload form: the same importer as `cidb import`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cidb.accounts.models import is_editor

from . import decode, importer
from .forms import ImportForm


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        return render(request, "exchange/editors_only.html", status=403)
    too_large = _too_large(request)
    if too_large:
        # Refused before Django reads the body: an oversized upload is never stored.
        context = {"form": ImportForm(), "upload_error": too_large}
        return render(request, "exchange/import.html", context, status=413)
    if request.method == "POST" and "file" not in request.FILES and _too_large(request, 0):
        # the upload handler stopped reading the file at the limit
        context = {"form": ImportForm(), "upload_error": _too_large(request, 0)}
        return render(request, "exchange/import.html", context, status=413)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = importer.run(
            upload.read(),
            form.cleaned_data["format"],
            name=upload.name,
            user=request.user,
            dry_run=form.cleaned_data["dry_run"],
            status=form.cleaned_data["status"],
        )
    status = 400 if (form.errors or (report and not report.ok)) else 200
    return render(request, "exchange/import.html", {"form": form, "report": report}, status=status)


def _too_large(request: HttpRequest, margin: int = 16 * 1024) -> str:
    """Why the request body is too large to read ("" if it is not): the file limit
    plus room for the form's other fields and the multipart framing."""
    if request.method != "POST":
        return ""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return "The upload has an invalid length."
    limit = decode.max_bytes()
    if length > limit + margin:
        return (
            f"The upload has {length:,} bytes, more than the limit of {limit:,} "
            "(CIDB_IMPORT_MAX_BYTES); split the file into smaller ones."
        )
    return ""
