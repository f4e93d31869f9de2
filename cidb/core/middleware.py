from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class QueryStringLimitMiddleware:
    """Refuse oversized query strings with a clear 414 page instead of doing work."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING:
            html = render_to_string(
                "core/error.html",
                {
                    "title": "Query too long",
                    "message": (
                        f"The address has more than {settings.MAX_QUERY_STRING} characters "
                        "of filters. Remove some filters and try again."
                    ),
                },
            )
            return HttpResponse(html, status=414)
        return self.get_response(request)
