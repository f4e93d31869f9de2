"""Counts behind the statistics charts for one filter, in one pass where possible and
cached per data generation with the facet counts' machinery (incidents/facets.py).

Small results (up to facets.SMALL_RESULT matches) are counted in Python from one fetch
of the narrow covering index plus one of the incidents' link rows (link_index.py); large results are
grouped in the database, one query per breakdown. Either way the number of queries
does not grow with the data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.db.models.functions import Coalesce

from cidb.incidents import facets, link_index, vocab
from cidb.incidents.facets import DatePart
from cidb.incidents.models import Incident, Technique, ThreatActor


@dataclass
class Stats:
    """Incident counts of one filter. Multi-valued fields (attack types, motives,
    actors, techniques) count each incident once per value."""

    member: bool
    total: int = 0
    month_totals: Counter = field(default_factory=Counter)  # "YYYY-MM" -> incidents
    month_types: Counter = field(default_factory=Counter)  # ("YYYY-MM", type) -> incidents
    attack_types: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)  # "" for no country
    sectors: Counter = field(default_factory=Counter)
    # Member-only (left empty for everybody else):
    motives: Counter = field(default_factory=Counter)
    actor_types: Counter = field(default_factory=Counter)  # distinct incidents per type
    actors: Counter = field(default_factory=Counter)  # actor id -> incidents
    actor_names: dict[int, str] = field(default_factory=dict)  # the top actors' names
    cia: dict[str, Counter] = field(default_factory=dict)  # property -> value -> incidents
    techniques: Counter = field(default_factory=Counter)  # parent technique id -> incidents


TOP_ACTORS = 20


def _month(year, month) -> str:
    return f"{int(year):04d}-{int(month):02d}"


def _through(name: str):
    return getattr(Incident, name).through


def _rolled_up():
    """A technique's parent (or itself): sub-techniques count for their parent."""
    return Coalesce("technique__parent_id", "technique_id")


def compute_small(ids: list[int], *, member: bool) -> Stats:
    stats = Stats(member=member, cia={name: Counter() for name in vocab.CIA_FIELDS})
    names = ["attack_types", "motives", "techniques", "actors"] if member else ["attack_types"]
    if member:  # small tables, read whole: cheaper than a lookup per link
        kinds = dict(ThreatActor.objects.values_list("id", "actor_type"))
        parents = dict(Technique.objects.filter(parent__isnull=False).values_list("id", "parent"))
    for chunk in facets._chunks(ids):
        rows = facets._facet_rows(chunk)
        if not rows:
            continue
        # Column-wise Counters run at C speed; only the link rows need a loop.
        chunk_ids, countries, dates, sectors, *posture = zip(*rows, strict=True)
        months = {
            incident_id: (d if isinstance(d, str) else d.isoformat())[:7]  # ISO text
            for incident_id, d in zip(chunk_ids, dates, strict=True)
        }
        stats.total += len(months)  # rows found: an index row never outvotes the table
        stats.month_totals.update(months.values())
        stats.countries.update(countries)
        stats.sectors.update(sectors)
        if member:
            for name, values in zip(vocab.CIA_FIELDS, posture, strict=True):
                stats.cia[name].update(values)
        # Values gathered in lists and counted once a chunk: a Counter.update() per
        # incident and field costs more than the counting itself.
        types, month_types, motives, techniques, actors, actor_types = [], [], [], [], [], []
        for incident_id, *keys in link_index.read(chunk, names):
            month = months.get(incident_id)
            if month is None:
                continue
            incident_types = keys[0].split()
            types += incident_types
            month_types += [(month, t) for t in incident_types]
            if not member:
                continue
            motives += keys[1].split()
            # An incident counts once per parent technique and once per actor type.
            techniques += {parents.get(t, t) for t in map(int, keys[2].split())}
            incident_actors = [int(a) for a in keys[3].split()]
            actors += incident_actors
            actor_types += {kinds.get(a) for a in incident_actors}
        stats.attack_types.update(types)
        stats.month_types.update(month_types)
        stats.motives.update(motives)
        stats.techniques.update(techniques)
        stats.actors.update(actors)
        stats.actor_types.update(actor_types)
    return stats


def _orm_large(base, stats: Stats, *, member: bool) -> None:
    """Incident-level counts and attack types by month, grouped by the database."""
    ids = base.values("id")
    month = {"y": DatePart("date", "year"), "m": DatePart("date", "month")}
    for y, m, n in base.annotate(**month).values_list("y", "m").annotate(n=Count("id")):
        stats.month_totals[_month(y, m)] += n
    for country, n in base.values_list("country").annotate(n=Count("id")):
        stats.countries[country] += n
    for sector, n in base.values_list("sector").annotate(n=Count("id")):
        stats.sectors[sector] += n
    linked = {"y": DatePart("incident__date", "year"), "m": DatePart("incident__date", "month")}
    rows = (
        _through("attack_types")
        .objects.filter(incident_id__in=ids)
        .annotate(**linked)
        .values_list("y", "m", "attacktype_id")
        .annotate(n=Count("id"))
    )
    for y, m, attack_type, n in rows:
        stats.attack_types[attack_type] += n
        stats.month_types[_month(y, m), attack_type] += n
    if not member:
        return
    for posture in base.values_list(*vocab.CIA_FIELDS).annotate(n=Count("id")):
        *values, n = posture
        for name, value in zip(vocab.CIA_FIELDS, values, strict=True):
            stats.cia[name][value] += n
    rows = _through("motives").objects.filter(incident_id__in=ids)
    stats.motives.update(dict(rows.values_list("motive_id").annotate(n=Count("id"))))
    rows = _through("actors").objects.filter(incident_id__in=ids)
    stats.actors.update(dict(rows.values_list("threatactor_id").annotate(n=Count("id"))))
    stats.actor_types.update(
        dict(
            rows.values_list("threatactor__actor_type").annotate(
                n=Count("incident_id", distinct=True)
            )
        )
    )
    rows = _through("techniques").objects.filter(incident_id__in=ids)
    stats.techniques.update(
        dict(
            rows.annotate(t=_rolled_up())
            .values_list("t")
            .annotate(n=Count("incident_id", distinct=True))
        )
    )


def _sqlite_large(queryset, stats: Stats, *, member: bool, statuses: list[str] | None) -> None:
    """Every count in plain SQL on SQLite, reading incidents from the narrow covering
    index: the planner would otherwise fetch each wide row (long texts) for its date.
    ``statuses`` (the whole database a viewer may see) lets the scan of that index
    drive the joins instead of probing it once per id of a filter."""
    table, cover = Incident._meta.db_table, "incident_facet_cover"
    if statuses is not None:
        condition = f"i.status IN ({', '.join(['%s'] * len(statuses))})"
        params = list(statuses)
    else:
        ids, params = queryset.order_by().values("id").query.sql_with_params()
        condition, params = f"i.id IN ({ids})", list(params)
    incidents = f"{table} i INDEXED BY {cover}"

    def rows(select: str, groups: int, links: str = "", joins: str = "") -> list[tuple]:
        source = (
            f"{_through(links)._meta.db_table} l JOIN {incidents} ON i.id = l.incident_id"
            if links
            else incidents
        )
        by = ", ".join(str(k + 1) for k in range(groups))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {select} FROM {source} {joins} WHERE {condition} GROUP BY {by}",
                params,
            )
            return cursor.fetchall()

    stats.month_totals.update(dict(rows("substr(i.date, 1, 7), count(*)", 1)))
    stats.countries.update(dict(rows("i.country, count(*)", 1)))
    stats.sectors.update(dict(rows("i.sector, count(*)", 1)))
    for month, attack_type, n in rows(
        "substr(i.date, 1, 7), l.attacktype_id, count(*)", 2, "attack_types"
    ):
        stats.attack_types[attack_type] += n
        stats.month_types[month, attack_type] += n
    if not member:
        return
    for *values, n in rows("i.confidentiality, i.integrity, i.availability, count(*)", 3):
        for name, value in zip(vocab.CIA_FIELDS, values, strict=True):
            stats.cia[name][value] += n
    stats.motives.update(dict(rows("l.motive_id, count(*)", 1, "motives")))
    stats.actors.update(dict(rows("l.threatactor_id, count(*)", 1, "actors")))
    actors, techniques = ThreatActor._meta.db_table, Technique._meta.db_table
    stats.actor_types.update(
        dict(
            rows(
                "a.actor_type, count(DISTINCT l.incident_id)",
                1,
                "actors",
                f"JOIN {actors} a ON a.id = l.threatactor_id",
            )
        )
    )
    stats.techniques.update(
        dict(
            rows(
                "coalesce(t.parent_id, l.technique_id), count(DISTINCT l.incident_id)",
                1,
                "techniques",
                f"JOIN {techniques} t ON t.id = l.technique_id",
            )
        )
    )


def compute_large(queryset, *, member: bool, statuses: list[str] | None = None) -> Stats:
    stats = Stats(member=member, cia={name: Counter() for name in vocab.CIA_FIELDS})
    if connection.vendor == "sqlite":
        _sqlite_large(queryset, stats, member=member, statuses=statuses)
    else:
        _orm_large(queryset.order_by(), stats, member=member)
    stats.total = sum(stats.countries.values())
    return stats


def from_counts(statuses: list[str], *, member: bool) -> Stats:
    """The whole database's statistics from the summary counts that link_index keeps
    (a sum over a few thousand rows, however many incidents there are)."""
    stats = Stats(member=member, cia={name: Counter() for name in vocab.CIA_FIELDS})
    public = {
        "month": stats.month_totals,
        "attack_type": stats.attack_types,
        "country": stats.countries,
        "sector": stats.sectors,
    }
    members = {"motive": stats.motives, "actor_type": stats.actor_types}
    for dimension, key, n in link_index.counts(statuses):
        if dimension == "total":
            stats.total = n
        elif dimension in public:
            public[dimension][key] += n
        elif dimension == "month_type":
            month, attack_type = key.split("|", 1)
            stats.month_types[month, attack_type] += n
        elif not member:
            continue
        elif dimension in members:
            members[dimension][key] += n
        elif dimension == "technique":
            stats.techniques[int(key)] += n
        elif dimension == "actor":
            stats.actors[int(key)] += n
        elif dimension == "cia":
            name, value = key.split("|", 1)
            stats.cia[name][value] += n
    return stats


def compute(
    queryset, *, member: bool, ids: list[int] | None = None, statuses: list[str] | None = None
) -> Stats:
    """Stats of a filtered queryset; ``ids`` may be given when the full-text index
    alone decides the result, ``statuses`` when the queryset is every incident with
    those statuses (no other filter)."""
    if statuses is not None and ids is None:
        stats = from_counts(statuses, member=member)
    else:
        if ids is None:
            ids = list(queryset.order_by().values_list("id", flat=True)[: facets.SMALL_RESULT + 1])
        if len(ids) <= facets.SMALL_RESULT:
            stats = compute_small(ids, member=member)
        else:
            stats = compute_large(queryset, member=member, statuses=statuses)
    if member and stats.actors:
        top = [actor for actor, _ in facets._top(stats.actors, TOP_ACTORS)]
        stats.actor_names = dict(ThreatActor.objects.filter(id__in=top).values_list("id", "name"))
    return stats


def cached(
    queryset,
    *,
    params: str,
    audience: str,
    member: bool,
    ids_source=None,
    errors: bool = False,
    statuses: list[str] | None = None,
) -> Stats:
    """Stats of a filter, cached until any incident changes. ``params`` is the sorted
    query string; ``audience`` who may see the result (see incidents.views.audience)."""
    if errors:
        return Stats(member=member, cia={name: Counter() for name in vocab.CIA_FIELDS})
    return facets.cached_by_generation(
        "stats",
        f"{audience}|{int(member)}|{params}",
        lambda: compute(
            queryset,
            member=member,
            ids=ids_source() if ids_source else None,
            statuses=statuses,
        ),
    )


@dataclass
class MatrixTechnique:
    attack_id: str
    name: str
    tactics: list[str]
    count: int


def matrix_techniques(counts: Counter) -> list[MatrixTechnique]:
    """The techniques with incidents, with their tactics (one query; the technique
    table is small and changes only with `cidb load-attack`)."""
    rows = Technique.objects.filter(id__in=[t for t, n in counts.items() if n]).values_list(
        "id", "attack_id", "name", "tactics"
    )
    return sorted(
        (MatrixTechnique(attack_id, name, list(tactics or []), counts[pk])
         for pk, attack_id, name, tactics in rows),
        key=lambda t: (-t.count, t.attack_id),
    )  # fmt: skip
