from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.static import serve


def _error(request, status: int, title: str, message: str) -> HttpResponse:
    html = render_to_string(
        "core/error.html", {"title": title, "message": message}, request=request
    )
    return HttpResponse(html, status=status)


def not_found(request, exception=None) -> HttpResponse:
    message = "There is nothing at this address."
    detail = str(exception) if exception else ""
    if detail and not detail.startswith("{") and len(detail) < 200 and "Resolver" not in detail:
        message = detail  # our own Http404 messages are written for people
    return _error(request, 404, "Not found", message)


def server_error(request) -> HttpResponse:
    return _error(request, 500, "Something went wrong", "The error has been logged.")


def forbidden(request, exception=None) -> HttpResponse:
    return _error(request, 403, "Not allowed", "You do not have access to this page.")


def bad_request(request, exception=None) -> HttpResponse:
    return _error(request, 400, "Bad request", "The request could not be understood.")


def media(request, path: str) -> HttpResponse:
    """Uploaded images, read from MEDIA_ROOT at request time (a web server can take over)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
