"""Facet counts for a filtered incident list, cached per data generation."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Func, IntegerField, Q

from . import link_index, services, vocab
from .models import Incident, Technique, ThreatActor, country_name

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


# Up to this many matches, facets are counted in Python from one fetch of the matching
# rows (served by the incident_facet_cover index): one pass instead of one query per
# facet over the filter.
SMALL_RESULT = 60_000
PARAMS = 10_000  # ids per IN (...) list, below SQLite's variable limit


def _chunks(ids: list[int]):
    for start in range(0, len(ids), PARAMS):
        yield ids[start : start + PARAMS]


def _top(counter: Counter, limit: int | None = None) -> list[tuple[object, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]


def _facet_rows(chunk: list[int]):
    """(id, country, date text or date, sector, c, i, a) for ids. On SQLite the narrow
    covering index answers this; looking the ids up in the table would read one wide
    page (long texts) per incident."""
    columns = ", ".join(("id", "country", "date", "sector", *vocab.CIA_FIELDS))
    hint = "INDEXED BY incident_facet_cover" if connection.vendor == "sqlite" else ""
    condition, params = link_index.ids_condition("id", chunk)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM incidents_incident {hint} WHERE {condition}", params)
        return cursor.fetchall()


def compute_small(
    ids: list[int], *, member: bool, year_selected: bool, order: list[int] | None = None
) -> list[Facet]:
    """Facets of a result given by ids; fills ``order`` with the ids newest first."""
    countries, years, months, sectors, cia = Counter(), Counter(), Counter(), Counter(), Counter()
    links = {name: Counter() for name in ("attack_types", "motives", "techniques", "actors")}
    dated = []
    for chunk in _chunks(ids):
        rows = _facet_rows(chunk)
        if not rows:
            continue
        # Column-wise Counters run at C speed; a loop per incident does not.
        chunk_ids, chunk_countries, dates, chunk_sectors, *posture = zip(*rows, strict=True)
        dates = [d if isinstance(d, str) else d.isoformat() for d in dates]  # ISO text
        dated += zip(dates, chunk_ids, strict=True)
        countries.update(chunk_countries)
        sectors.update(chunk_sectors)
        years.update(d[:4] for d in dates)
        months.update(d[5:7] for d in dates)
        for name, values in zip(vocab.CIA_FIELDS, posture, strict=True):
            cia[name] += values.count("affected")
        names = list(links) if member else ["attack_types"]
        rows = link_index.read(chunk, names)
        for column, name in enumerate(names, start=1):
            # One split of all the chunk's keys: C speed, not a loop per incident.
            keys = " ".join(row[column] for row in rows).split()
            links[name].update(keys if name in ("attack_types", "motives") else map(int, keys))
    if order is not None:
        dated.sort(reverse=True)
        order.extend(incident_id for _, incident_id in dated)
    facets = [
        Facet("country", "Country",
              [(c, country_name(c), n) for c, n in _top(countries, TOP) if c]),
        Facet("year", "Year",
              [(str(int(y)), str(int(y)), n)
               for y, n in sorted(years.items(), reverse=True)[:30]]),
    ]  # fmt: skip
    if year_selected:
        facets.append(
            Facet(
                "month",
                "Month",
                [(str(int(m)), MONTHS[int(m) - 1], n) for m, n in sorted(months.items())],
            )
        )
    facets.append(
        Facet("sector", "Sector",
              [(k, vocab.SECTORS.get(k, k), n) for k, n in _top(sectors) if k])
    )  # fmt: skip
    facets.append(
        Facet("attack_type", "Attack type",
              [(t, vocab.ATTACK_TYPES[t], n) for t, n in _top(links["attack_types"])])
    )  # fmt: skip
    if member:
        facets.append(
            Facet("motive", "Motive", [(m, m, n) for m, n in _top(links["motives"])], True)
        )
        top_techniques = _top(links["techniques"], TOP)
        names = dict(
            Technique.objects.filter(id__in=[t for t, _ in top_techniques]).values_list(
                "id", "attack_id"
            )
        )
        titles = dict(Technique.objects.filter(id__in=names).values_list("id", "name"))
        facets.append(
            Facet("technique", "Technique",
                  [(names[t], f"{names[t]} {titles[t]}", n) for t, n in top_techniques], True)
        )  # fmt: skip
        top_actors = _top(links["actors"], TOP)
        actor_names = dict(
            ThreatActor.objects.filter(id__in=[a for a, _ in top_actors]).values_list("id", "name")
        )
        facets.append(
            Facet("actor", "Threat actor",
                  [(str(a), actor_names.get(a, "?"), n) for a, n in top_actors], True)
        )  # fmt: skip
        facets.append(
            Facet("cia", "CIA posture (affected)",
                  [(name, name.capitalize(), cia[name]) for name in vocab.CIA_FIELDS], True)
        )  # fmt: skip
    return facets


def count_and_facets(
    queryset, *, member: bool, year_selected: bool, ids: list[int] | None = None
) -> tuple[int, list[Facet], list[int] | None]:
    """(total, facets, ids newest first or None when the result is large).

    ``ids`` may be given when the full-text index alone decides the result."""
    if ids is None:
        ids = list(queryset.order_by().values_list("id", flat=True)[: SMALL_RESULT + 1])
    if len(ids) <= SMALL_RESULT:
        order: list[int] = []
        facets = compute_small(ids, member=member, year_selected=year_selected, order=order)
        return len(order), facets, order  # rows found: an index row never outvotes the table
    total = queryset.order_by().count()
    return total, compute(queryset, member=member, year_selected=year_selected), None


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


def countries_in_use(statuses) -> list[str]:
    """The countries of incidents with the given statuses, read by skipping through the
    (status, country, date) index one country at a time: a few dozen seeks instead of
    a scan of a million rows."""
    table = Incident._meta.db_table
    codes: set[str] = set()
    with connection.cursor() as cursor:
        for status in statuses:
            cursor.execute(
                "WITH RECURSIVE c(code) AS ("
                f" SELECT MIN(country) FROM {table} WHERE status = %s AND country > ''"
                " UNION ALL"
                f" SELECT (SELECT MIN(country) FROM {table} WHERE status = %s AND country > c.code)"
                " FROM c WHERE c.code IS NOT NULL"
                ") SELECT code FROM c WHERE code IS NOT NULL",
                [status, status],
            )
            codes.update(code for (code,) in cursor.fetchall())
    return sorted(codes)


def cached_by_generation(kind: str, name: str, compute_value):
    """A value cached until any incident changes (the key carries the data generation).

    ``kind`` names what the value is (a list of country codes, a count, facets...): it
    leads the key, so two callers that describe their filter alike never share an
    entry holding different shapes of data (``name`` is the filter and audience).
    """
    if not kind or "|" in kind or ":" in kind:
        raise ValueError(f"cache kind must be a plain name, not {kind!r}")
    digest = hashlib.sha256(f"{services.generation()}|{kind}|{name}".encode()).hexdigest()
    key = f"cidb:{kind}:{digest}"
    hit = cache.get(key)
    if hit is None:
        hit = compute_value()
        cache.set(key, hit, settings.FACET_CACHE_SECONDS)
    return hit


def cached(
    queryset, *, params: str, member: bool, year_selected: bool, ids_source=None
) -> tuple[int, list[Facet], list[int] | None]:
    """Total, facets and (for small results) the ordered ids of a filter, cached until
    any incident changes. ``ids_source()`` may return the ids without the ORM."""
    return cached_by_generation(
        "facets",
        f"{int(member)}|{int(year_selected)}|{params}",
        lambda: count_and_facets(
            queryset,
            member=member,
            year_selected=year_selected,
            ids=ids_source() if ids_source else None,
        ),
    )
