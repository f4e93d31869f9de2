"""Request rates per tier: anonymous < free < member (editors and admins as members).

Counted per user (or per real client address for visitors, see
cidb.core.ratelimit.client_ip) in fixed windows with an atomic increment, so
concurrent requests cannot all read the same count and pass together.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from cidb.accounts.models import user_tier
from cidb.core import ratelimit


class TierRateThrottle(SimpleRateThrottle):
    def __init__(self) -> None:  # the rate depends on the request's tier
        self._wait: float = 0

    def allow_request(self, request, view) -> bool:
        tier = user_tier(request.user)
        self.scope = "member" if tier in ("editor", "admin") else tier
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        if self.rate is None:
            return True
        count, left = ratelimit.hit(self.get_cache_key(request, view), self.duration)
        self._wait = left
        return count <= self.num_requests

    def wait(self) -> float:
        return self._wait

    def get_ident(self, request) -> str:
        return ratelimit.client_ip(request)

    def get_cache_key(self, request, view) -> str:
        if request.user and request.user.is_authenticated:
            ident = f"user{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return f"api-{self.scope}-{ident}"
