"""Charts for the entity pages (country, organization, threat actor, technique): the
statistics of the browse filter that selects the entity's incidents, so they share
the statistics page's cache and CSV downloads; and the home page's summary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.urls import reverse

from cidb.incidents import facets, vocab
from cidb.incidents.models import country_name

from . import charts, data, worldmap
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


@dataclass
class HomeSummary:
    """The home page's picture of the published incidents (the same for everyone)."""

    published: int
    countries: int
    year: int
    this_year: int
    last_year: int
    top_type: str
    top_type_count: int
    country_rows: list[tuple[str, str, int]]  # (code, name, incidents), most first
    map_svg: str
    timeline: charts.Chart


def home_summary() -> HomeSummary:
    """Figures, map and timeline of the published incidents, from the summary counts
    (a sum over a few thousand rows at any size) and cached until any incident changes."""
    return facets.cached_by_generation(
        "home-summary", f"published|v{charts.RENDER_VERSION}", _home_summary
    )


def drafts_count() -> int:
    """Incidents not (yet) public: drafts and those in review (for editors)."""
    return facets.cached_by_generation(
        "home-drafts",
        "draft,in_review",
        lambda: data.from_counts(["draft", "in_review"], member=False).total,
    )


def _home_summary() -> HomeSummary:
    stats = data.from_counts(["published"], member=False)
    year = dt.date.today().year
    by_year = Counter()
    for month, n in stats.month_totals.items():
        by_year[int(month[:4])] += n
    rows = [
        (code, country_name(code), n) for code, n in stats.countries.most_common() if code and n
    ]
    top = max(stats.attack_types.items(), key=lambda item: item[1], default=("", 0))
    names = {code: name for code, name, _ in rows}
    description = f"Map of {len(rows)} countries shaded by their number of published incidents" + (
        f"; most: {', '.join(f'{name} {n:,}' for _, name, n in rows[:3])}." if rows else "."
    )
    map_svg = worldmap.render(
        {code: n for code, _, n in rows},
        names=names,
        href=lambda code: reverse("country", args=[code]),
        title="Published incidents by country",
        description=description,
    )
    return HomeSummary(
        published=stats.total,
        countries=len(rows),
        year=year,
        this_year=by_year[year],
        last_year=by_year[year - 1],
        top_type=vocab.ATTACK_TYPES.get(top[0], top[0]),
        top_type_count=top[1],
        country_rows=rows,
        map_svg=map_svg,
        timeline=charts.timeline(stats),
    )
