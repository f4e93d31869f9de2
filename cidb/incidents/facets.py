"""Facet counts for a filtered incident list, cached per data generation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Func, IntegerField, Q

from . import services, vocab
from .models import Incident, ThreatActor, country_name

TOP = 15
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class DatePart(Func):
    """Year or month of a date column. On SQLite, Django's Extract calls a Python
    function per row; dates are stored as ISO text there, so substr is much faster."""

    output_field = IntegerField()

    def __init__(self, expression, part: str) -> None:
        self.part = part
        super().__init__(expression)

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template=f"EXTRACT({self.part.upper()} FROM %(expressions)s)"
        )

    def as_sqlite(self, compiler, connection, **extra):
        start, length = (1, 4) if self.part == "year" else (6, 2)
        return super().as_sql(
            compiler,
            connection,
            template=f"CAST(substr(%(expressions)s, {start}, {length}) AS integer)",
        )


@dataclass
class Facet:
    name: str  # the filter parameter
    label: str
    values: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)
    member_only: bool = False


def _ids(queryset):
    return queryset.order_by().values("id")


def compute(queryset, *, member: bool, year_selected: bool) -> list[Facet]:
    base = queryset.order_by()
    facets = []
    countries = base.values_list("country").annotate(n=Count("id")).order_by("-n")[:TOP]
    facets.append(Facet("country", "Country", [(c, country_name(c), n) for c, n in countries if c]))
    years = (
        base.annotate(y=DatePart("date", "year"))
        .values_list("y")
        .annotate(n=Count("id"))
        .order_by("-y")
    )
    facets.append(Facet("year", "Year", [(str(int(y)), str(int(y)), n) for y, n in years[:30]]))
    if year_selected:
        months = (
            base.annotate(m=DatePart("date", "month"))
            .values_list("m")
            .annotate(n=Count("id"))
            .order_by("m")
        )
        facets.append(
            Facet("month", "Month", [(str(int(m)), MONTHS[int(m) - 1], n) for m, n in months])
        )
    sectors = base.values_list("sector").annotate(n=Count("id")).order_by("-n")
    facets.append(
        Facet("sector", "Sector", [(s, vocab.SECTORS.get(s, s), n) for s, n in sectors if s])
    )
    ids = _ids(queryset)
    through = Incident.attack_types.through
    types = (
        through.objects.filter(incident_id__in=ids)
        .values_list("attacktype_id")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    facets.append(
        Facet("attack_type", "Attack type", [(t, vocab.ATTACK_TYPES[t], n) for t, n in types])
    )
    if member:
        through = Incident.motives.through
        motives = (
            through.objects.filter(incident_id__in=ids)
            .values_list("motive_id")
            .annotate(n=Count("id"))
            .order_by("-n")
        )
        facets.append(Facet("motive", "Motive", [(m, m, n) for m, n in motives], True))
        through = Incident.techniques.through
        techniques = (
            through.objects.filter(incident_id__in=ids)
            .values_list("technique__attack_id", "technique__name")
            .annotate(n=Count("id"))
            .order_by("-n")[:TOP]
        )
        facets.append(
            Facet(
                "technique",
                "Technique",
                [(t, f"{t} {name}", n) for t, name, n in techniques],
                True,
            )
        )
        through = Incident.actors.through
        actors = (
            through.objects.filter(incident_id__in=ids)
            .values_list("threatactor_id")
            .annotate(n=Count("id"))
            .order_by("-n")[:TOP]
        )
        names = dict(
            ThreatActor.objects.filter(id__in=[a for a, _ in actors]).values_list("id", "name")
        )
        facets.append(
            Facet(
                "actor", "Threat actor", [(str(a), names.get(a, "?"), n) for a, n in actors], True
            )
        )
        cia = base.aggregate(
            **{name: Count("id", filter=Q(**{name: "affected"})) for name in vocab.CIA_FIELDS}
        )
        facets.append(
            Facet(
                "cia",
                "CIA posture (affected)",
                [(name, name.capitalize(), cia[name]) for name in vocab.CIA_FIELDS],
                True,
            )
        )
    return facets


def cached_by_generation(name: str, compute_value):
    """A value cached until any incident changes (the key carries the data generation)."""
    key = "cidb:" + hashlib.sha256(f"{services.generation()}|{name}".encode()).hexdigest()
    hit = cache.get(key)
    if hit is None:
        hit = compute_value()
        cache.set(key, hit, settings.FACET_CACHE_SECONDS)
    return hit


def cached(queryset, *, params: str, member: bool, year_selected: bool) -> tuple[int, list[Facet]]:
    """Total and facets for a filter, cached until any incident changes."""
    return cached_by_generation(
        f"facets|{int(member)}|{int(year_selected)}|{params}",
        lambda: (
            queryset.order_by().count(),
            compute(queryset, member=member, year_selected=year_selected),
        ),
    )
