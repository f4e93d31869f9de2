"""Keep the statistics of the whole database warm: at a million incidents counting
them takes seconds, and the unfiltered page is the one most people open. The result
lands under the very cache key the page reads (per data generation), so it is never
stale: after a change the page counts afresh until this runs again."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from cidb.accounts.models import User
from cidb.incidents.views import _with

from .views import FilteredStats

AUDIENCES = {
    "public": AnonymousUser,
    "member": lambda: User(username="stats-warmer", tier="member"),
}


def warm() -> int:
    """Count and render the whole-database statistics page for visitors and members
    unless the current data generation has them already; returns the total."""
    total = 0
    for make_user in AUDIENCES.values():
        request = RequestFactory().get("/stats/")
        request.user = make_user()
        total, _ = FilteredStats(request).charts(
            link=lambda n, v, request=request: _with(request, n, v)
        )
    return total
