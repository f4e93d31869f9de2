from __future__ import annotations

import secrets

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


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy on every response: scripts only from this site
    (or inline with this response's nonce, ``{{ request.csp_nonce }}``), no plugins,
    no framing, forms post only here. Styles may be inline (chart swatches, the API
    docs); they cannot run code."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = content_security_policy(request.csp_nonce)
        return response


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
