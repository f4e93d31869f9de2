"""The statistics page and its CSV downloads: thin views over data.py and charts.py."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from cidb.accounts.models import is_editor, is_member
from cidb.incidents import facets, vocab
from cidb.incidents.filters import IncidentFilterSet
from cidb.incidents.models import Incident, country_name
from cidb.incidents.views import _label, _with, _without, audience, members_only

from . import charts, data


class FilteredStats:
    """The stats of the browse filter in a query string, as the viewer may see them."""

    def __init__(self, request: HttpRequest, query: QueryDict | None = None) -> None:
        query = request.GET if query is None else query
        self.query = query
        self.member = is_member(request.user)
        base = Incident.objects.visible_to(request.user)
        self.filterset = IncidentFilterSet(query or None, queryset=base, request=request)
        self.ignored = self.filterset.ignored
        self.errors = {}
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.errors = {
                (self.filterset.filters[n].label or n) if n in self.filterset.filters else n: m
                for n, m in self.filterset.errors.items()
            }
        self.params = urlencode(
            sorted((k, v) for k, vs in query.lists() for v in vs if k in self.filterset.filters)
        )
        self.audience = audience(request.user)
        self._stats = None

    @property
    def stats(self) -> data.Stats:
        if self._stats is None:
            self._stats = data.cached(
                self.filterset.qs if not self.errors else None,
                params=self.params,
                audience=self.audience,
                member=self.member,
                ids_source=lambda: self.filterset.index_ids(facets.SMALL_RESULT),
                errors=bool(self.errors),
                statuses=self.whole_statuses(),
            )
        return self._stats

    def whole_statuses(self) -> list[str] | None:
        """The statuses the viewer sees when no filter is used (else None)."""
        if self.params:
            return None
        return list(vocab.STATUSES) if self.audience == "editor" else ["published"]

    def charts(self, keys: list[str] | None = None, link=None) -> tuple[int, list[charts.Chart]]:
        """(total, the charts rendered), cached like the counts (until any incident
        changes). Links depend on the address as given, so it is part of the key."""
        wanted = keys or list(charts.CHARTS)

        def build() -> tuple[int, list[charts.Chart]]:
            stats = self.stats
            matrix = None
            if self.member and "techniques" in wanted:
                matrix = data.matrix_techniques(stats.techniques)
            return stats.total, charts.build(
                stats,
                keys=wanted,
                link=link or (lambda name, value: ""),
                matrix=matrix,
                technique_url=lambda attack_id: reverse("technique", args=[attack_id]),
            )

        if self.errors:
            return build()
        return facets.cached_by_generation(
            "stats-charts", self._charts_key(wanted, bool(link)), build
        )

    def _charts_key(self, wanted: list[str], linked: bool) -> str:
        address = self.query.urlencode() if linked else ""
        return (
            f"stats-charts|{charts.RENDER_VERSION}|{self.audience}|{int(self.member)}|{','.join(wanted)}|"
            f"{self.params}|{address}"
        )

    def without_ignored(self, path: str) -> str:
        kept = [(k, v) for k, vs in self.query.lists() for v in vs if k not in self.ignored]
        return f"{path}?{urlencode(kept)}" if kept else path


def _drop_ignored(request: HttpRequest, filtered: FilteredStats) -> HttpResponse:
    # Drop member-only filters from the address rather than echo their values back.
    messages.info(
        request,
        f"Filtering by {', '.join(filtered.ignored)} is available to members; "
        "those filters were removed.",
    )
    return redirect(filtered.without_ignored(request.path))


def _countries_with_incidents(request: HttpRequest) -> list[tuple[str, str]]:
    """The filter form's countries: those with incidents the viewer may see, by name."""
    statuses = list(vocab.STATUSES) if is_editor(request.user) else ["published"]
    codes = facets.cached_by_generation(
        "country-codes", audience(request.user), lambda: facets.countries_in_use(statuses)
    )
    return sorted(((code, country_name(code)) for code in codes), key=lambda c: c[1])


@require_safe
def stats_page(request: HttpRequest) -> HttpResponse:
    params = [(k, v) for k, vs in request.GET.lists() for v in vs]
    if any(not v for _, v in params):
        # The filter form sends its empty fields; keep the address short and valid.
        kept = urlencode([(k, v) for k, v in params if v])
        return redirect(f"{request.path}?{kept}" if kept else request.path)
    filtered = FilteredStats(request)
    if filtered.ignored:
        return _drop_ignored(request, filtered)
    selected = [
        (name, _label(name, value), _without(request, name, value))
        for name, values in request.GET.lists()
        if name in filtered.filterset.filters
        for value in values
        if value
    ]

    def link(name: str, value: str) -> str:
        return _with(request, name, value) if name in filtered.filterset.filters else ""

    query = urlencode([(k, v) for k, vs in request.GET.lists() for v in vs if k != "page"])
    total, built = filtered.charts(link=link)
    return render(
        request,
        "stats/stats.html",
        {
            "charts": built,
            "total": total,
            "selected": selected,
            "errors": filtered.errors,
            "query": query,
            "search": request.GET.get("q", "")[:200],
            "country_choices": _countries_with_incidents(request),
            "attack_types": vocab.ATTACK_TYPES.items(),
            "sectors": vocab.SECTORS.items(),
            "chosen": {k: request.GET.getlist(k) for k in ("country", "attack_type", "sector")},
            "year": request.GET.get("year", ""),
        },
        status=400 if filtered.errors else 200,
    )


@require_safe
def chart_csv(request: HttpRequest, chart: str) -> HttpResponse:
    if chart not in charts.CHARTS:
        raise Http404("No such chart.")
    title, member_only = charts.CHARTS[chart]
    if member_only and not is_member(request.user):
        return members_only(request, f"The “{title}” data")
    filtered = FilteredStats(request)
    if filtered.ignored:
        return _drop_ignored(request, filtered)
    if filtered.errors:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in filtered.errors.items())
        return HttpResponse(f"Some filters could not be used: {problems}\n", status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    _, (built,) = filtered.charts(keys=[chart])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cidb-{chart}.csv"'
    csv.writer(response).writerows(charts.csv_rows(built))
    return response
