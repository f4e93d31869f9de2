"""Request rates per tier: anonymous < free < member (editors and admins as members)."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from cidb.accounts.models import user_tier


class TierRateThrottle(SimpleRateThrottle):
    def __init__(self) -> None:  # the rate depends on the request's tier
        pass

    def allow_request(self, request, view) -> bool:
        tier = user_tier(request.user)
        self.scope = "member" if tier in ("editor", "admin") else tier
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        if request.user and request.user.is_authenticated:
            ident = f"user{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return f"throttle_{self.scope}_{ident}"
