"""Charts for the entity pages (country, organization, threat actor, technique): the
statistics of the browse filter that selects the entity's incidents, so they share
the statistics page's cache and CSV downloads."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict

from .views import FilteredStats

KEYS = {
    "country": ["timeline", "attack-types", "sectors", "actors", "techniques"],
    "organization": ["timeline", "attack-types"],
    "actor": ["timeline", "techniques", "sectors", "countries"],
    "technique": ["timeline", "actors", "sectors", "countries"],
}


def entity_charts(request: HttpRequest, entity: str, name: str, value: str) -> dict:
    """Template context: the entity's charts (member-only ones for members only) and
    the query string of its filter (for the CSV and "all statistics" links)."""
    query = QueryDict(mutable=True)
    query[name] = value
    filtered = FilteredStats(request, query)
    _, charts = filtered.charts(keys=KEYS[entity])
    return {"charts": charts, "stats_query": query.urlencode()}
