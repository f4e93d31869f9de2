"""What every export format reads: the incidents a user may see, streamed in chunks,
and one incident as a cidb JSON dict with exactly the fields the audience may see.

The gating lives here, once: `incident_dict(..., member=False)` has public fields and
counts only; API responses, every export format and TAXII build on it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_module
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from cidb.accounts.models import is_editor, is_member
from cidb.core.safeurl import safe_source_url
from cidb.incidents import vocab
from cidb.incidents.filters import IncidentFilterSet
from cidb.incidents.models import (
    Incident,
    Organization,
    Source,
    Technique,
    ThreatActor,
    iso_date,
)
from cidb.incidents.services import evidence_map

CHUNK_SIZE = 1000
# json.dumps(..., ensure_ascii=False) builds an encoder per call; this one is reused.
JSON = json.JSONEncoder(ensure_ascii=False)
STATUS_CHOICES = ("published", "draft", "in_review", "retracted", "all")


class FilterError(ValueError):
    """Filters that cannot be applied; `errors` maps a filter to its messages."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        self.errors = {name: list(messages) for name, messages in errors.items()}
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items()))


class MemberFilterError(FilterError):
    """A non-member used a member-only filter (its value is not echoed back)."""


@dataclass(frozen=True)
class Audience:
    """Who an export is for: members see values, editors also see every status."""

    member: bool
    editor: bool = False

    @classmethod
    def of(cls, user) -> Audience:
        return cls(member=is_member(user), editor=is_editor(user))


# The command line runs as the site's operator: every value, every status.
OPERATOR = SimpleNamespace(
    is_authenticated=True, is_active=True, is_member=True, is_editor=True, tier="admin"
)


def filtered(params: QueryDict | Mapping[str, Any] | None, user, *, status: str = "") -> QuerySet:
    """Incidents `user` may see, through the browse page's FilterSet.

    Raises MemberFilterError when a non-member uses a member-only filter and
    FilterError for invalid values. `status` ("all" or one status) only widens what
    editors see; everybody else gets published incidents whatever it says.
    """
    if params is not None and not isinstance(params, QueryDict):
        query = QueryDict(mutable=True)
        for key, value in params.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                if item not in (None, ""):
                    query.appendlist(key, str(item))
        params = query
    request = SimpleNamespace(user=user)
    base = Incident.objects.visible_to(user)
    if status and status != "all" and is_editor(user):
        base = base.filter(status=status)
    data = params if params else None
    filterset = IncidentFilterSet(data, queryset=base, request=request)
    if filterset.ignored:
        raise MemberFilterError(
            {name: ["Filtering by this is available to members."] for name in filterset.ignored}
        )
    if filterset.is_bound and not filterset.is_valid():
        raise FilterError({name: list(msgs) for name, msgs in filterset.errors.items()})
    return filterset.qs if filterset.is_bound else base


def with_related(queryset: QuerySet, *, member: bool) -> QuerySet:
    """Model instances with what a record needs (API pages and TAXII: small pages).

    Never the sources' full text; for non-members only the related ids (counts).
    """
    sources = Source.objects.only("id", "url", "title", "publisher", "language", "published")
    related: list[Any] = ["attack_types"]
    if member:
        related += [
            "motives",
            "techniques",
            "actors",
            Prefetch("sources", queryset=sources),
            "technique_evidence",
        ]
    else:
        # Counts only: fetch the ids, never the values.
        related += [
            Prefetch(name, queryset=getattr(Incident, name).rel.model.objects.only("pk"))
            for name in ("motives", "techniques", "actors", "sources")
        ]
    return queryset.select_related("victim").prefetch_related(*related)


def stream(
    queryset: QuerySet,
    *,
    member: bool,
    chunk_size: int = CHUNK_SIZE,
    order: tuple[str, ...] = ("-date", "-id"),
) -> Iterator[Incident]:
    """Model instances in `order`, a chunk with its relations at a time (TAXII pages)."""
    rows = with_related(Incident.objects.all(), member=member)
    for ids in id_chunks(queryset, chunk_size=chunk_size, order=order):
        found = {incident.pk: incident for incident in rows.filter(id__in=ids)}
        yield from (found[pk] for pk in ids if pk in found)


def id_chunks(
    queryset: QuerySet, *, chunk_size: int = CHUNK_SIZE, order: tuple[str, ...] = ("-date", "-id")
) -> Iterator[list[int]]:
    """The ids of `queryset` in `order`, `chunk_size` at a time.

    The filters run once and the database sorts only (key, id) pairs, read through a
    cursor (server-side on PostgreSQL); sorting whole rows instead would make it hold
    every incident's text at once (SQLite sorts in memory here).
    """
    ids = queryset.order_by(*order).values_list("id", flat=True).iterator(chunk_size=chunk_size)
    chunk: list[int] = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- rows: what an export reads, without model instances -------------------------------

INCIDENT_FIELDS = (
    "id", "uuid", "status", "confidence", "victim_id", "victim_label", "sector", "date",
    "date_precision", "discovered", "disclosed", "country", "region", "city", "summary",
    "description", "confidentiality", "integrity", "availability", "conflicts", "created",
    "updated",
)  # fmt: skip
VICTIM_FIELDS = ("id", "name", "aliases", "sector", "country", "created", "updated")
TECHNIQUE_FIELDS = ("id", "attack_id", "stix_id", "name", "url")
ACTOR_FIELDS = ("id", "name", "aliases", "actor_type", "country", "attack_id")
SOURCE_FIELDS = ("url", "title", "publisher", "language", "published")
COUNTED = ("motives", "techniques", "actors", "sources")
SourceRef = namedtuple("SourceRef", SOURCE_FIELDS)


@dataclass(slots=True)
class IncidentRow:
    """One incident as plain values, read in chunks (see `rows`) or from a model.

    Members' rows carry motives, techniques, actors and sources (sorted as exported);
    non-members' rows carry only their `counts` and leave those None.
    """

    id: int
    uuid: uuid_module.UUID
    status: str
    confidence: str
    victim_id: int | None
    victim_label: str
    sector: str
    date: dt.date
    date_precision: str
    discovered: dt.date | None
    disclosed: dt.date | None
    country: str
    region: str
    city: str
    summary: str
    description: str
    confidentiality: str
    integrity: str
    availability: str
    conflicts: list
    created: dt.datetime
    updated: dt.datetime
    victim: Any = None  # name, aliases, sector, country, created, updated (or None)
    attack_types: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    motives: list[str] | None = None
    techniques: list[Any] | None = None  # attack_id, stix_id, name, url
    actors: list[Any] | None = None  # name, aliases, actor_type, country, attack_id
    sources: list[Any] | None = None  # SOURCE_FIELDS
    technique_evidence: dict[str, list[dict]] | None = None  # attack_id: [{sentence, ...}]

    @property
    def victim_name(self) -> str:
        if self.victim is not None:
            return self.victim.name
        return self.victim_label or vocab.SECTORS.get(self.sector, "Unknown victim")

    @property
    def date_iso(self) -> str:
        return iso_date(self.date, self.date_precision)

    @property
    def cia(self) -> dict[str, str]:
        return {
            "confidentiality": self.confidentiality,
            "integrity": self.integrity,
            "availability": self.availability,
        }

    @property
    def cia_letters(self) -> list[str]:
        return [letter for name, letter in CIA_LETTERS.items() if getattr(self, name) == "affected"]


def row_of(incident: Incident | IncidentRow, *, member: bool) -> IncidentRow:
    """A model instance (relations prefetched by `with_related`) as a row."""
    if isinstance(incident, IncidentRow):
        return incident
    row = IncidentRow(*(getattr(incident, name) for name in INCIDENT_FIELDS))
    row.victim = incident.victim if incident.victim_id else None
    row.attack_types = sorted(a.slug for a in incident.attack_types.all())
    related = {name: list(getattr(incident, name).all()) for name in COUNTED}
    row.counts = {name: len(values) for name, values in related.items()}
    if member:
        row.motives = sorted(m.slug for m in related["motives"])
        row.techniques = sorted(related["techniques"], key=lambda t: t.attack_id)
        row.actors = sorted(related["actors"], key=lambda a: a.name)
        row.sources = sorted(
            (SourceRef(*(getattr(s, n) for n in SOURCE_FIELDS)) for s in related["sources"]),
            key=lambda s: s.url,
        )
        linked = {t.pk: t.attack_id for t in row.techniques}
        evidence: dict[str, list[dict]] = {}
        for item in incident.technique_evidence.all():  # prefetched by with_related
            attack_id = linked.get(item.technique_id)
            if attack_id:
                evidence.setdefault(attack_id, []).append(item.as_dict())
        row.technique_evidence = evidence
    return row


class _Catalog:
    """Techniques or actors by id, read when first met (catalogs, not per incident)."""

    def __init__(self, model, fields: tuple[str, ...]) -> None:
        self.model, self.fields, self.found = model, fields, {}

    def get(self, ids: set[int]) -> dict[int, Any]:
        missing = [pk for pk in ids if pk not in self.found]
        if not missing:
            return self.found
        for item in self.model.objects.filter(id__in=missing).values_list(*self.fields, named=True):
            self.found[item.id] = item
        return self.found


def id_list(ids: list[int]) -> RawSQL:
    """A chunk's ids inlined as `IN (1,2,...)`: they are integers read from the
    database, and binding them as parameters costs Django a check per id and query."""
    return RawSQL(",".join(str(int(pk)) for pk in ids), ())


def _links(name: str, ids: RawSQL, *columns: str) -> list[tuple]:
    """(incident_id, ...) rows of a many-to-many relation for a chunk, one query."""
    field = Incident._meta.get_field(name)
    through = field.remote_field.through
    target = field.m2m_reverse_field_name()
    columns = columns or (f"{target}_id",)
    cols = [c if c.endswith("_id") else f"{target}__{c}" for c in columns]
    return list(
        through.objects.filter(incident_id__in=ids).order_by().values_list("incident_id", *cols)
    )


def _counts(name: str, ids: RawSQL) -> dict[int, int]:
    through = Incident._meta.get_field(name).remote_field.through
    rows = (
        through.objects.filter(incident_id__in=ids)
        .order_by()
        .values("incident_id")
        .annotate(n=Count("id"))
        .values_list("incident_id", "n")
    )
    return dict(rows)


def _grouped(rows: Iterable[tuple]) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for incident_id, *rest in rows:
        out[incident_id].append(rest[0] if len(rest) == 1 else rest)
    return out


def rows(
    queryset: QuerySet,
    *,
    member: bool,
    chunk_size: int = CHUNK_SIZE,
    order: tuple[str, ...] = ("-date", "-id"),
    progress: Callable[[int], None] | None = None,
) -> Iterator[list[IncidentRow]]:
    """The incidents of `queryset` as rows, a list of `chunk_size` at a time, in `order`;
    `progress` is called with each chunk's size once the chunk has been consumed.

    Each chunk costs a fixed number of queries (incidents, victims, and one per
    relation) whatever its size; no model instances. For non-members the member-only
    relations are counted in the database and their values never read.
    """
    techniques = _Catalog(Technique, TECHNIQUE_FIELDS)
    actors = _Catalog(ThreatActor, ACTOR_FIELDS)
    for chunk in id_chunks(queryset, chunk_size=chunk_size, order=order):
        ids = id_list(chunk)
        found = {
            values[0]: IncidentRow(*values)
            for values in Incident.objects.filter(id__in=ids)
            .order_by()
            .values_list(*INCIDENT_FIELDS)
        }
        victim_ids = sorted({r.victim_id for r in found.values() if r.victim_id})
        victims = (
            {
                v.id: v
                for v in Organization.objects.filter(id__in=id_list(victim_ids))
                .order_by()
                .values_list(*VICTIM_FIELDS, named=True)
            }
            if victim_ids
            else {}
        )
        for incident_id, slugs in _grouped(_links("attack_types", ids)).items():
            found[incident_id].attack_types = sorted(slugs)
        if member:
            motives = _grouped(_links("motives", ids))
            uses = _grouped(_links("techniques", ids))
            by_technique = techniques.get({pk for values in uses.values() for pk in values})
            attributed = _grouped(_links("actors", ids))
            by_actor = actors.get({pk for values in attributed.values() for pk in values})
            sources = _grouped(_links("sources", ids, *SOURCE_FIELDS))
            evidence = evidence_map(ids) if uses else {}
        else:
            counts = {name: _counts(name, ids) for name in COUNTED}
        for row in found.values():
            row.victim = victims.get(row.victim_id)
            pk = row.id
            if member:
                row.motives = sorted(motives.get(pk, ()))
                row.techniques = sorted(
                    (by_technique[t] for t in uses.get(pk, ())), key=lambda t: t.attack_id
                )
                row.actors = sorted(
                    (by_actor[a] for a in attributed.get(pk, ())), key=lambda a: a.name
                )
                row.sources = sorted(map(SourceRef._make, sources.get(pk, ())), key=lambda s: s.url)
                row.technique_evidence = evidence.get(pk, {})
                row.counts = {
                    "motives": len(row.motives),
                    "techniques": len(row.techniques),
                    "actors": len(row.actors),
                    "sources": len(row.sources),
                }
            else:
                row.counts = {name: counts[name].get(pk, 0) for name in COUNTED}
        rows_of_chunk = [found[pk] for pk in chunk if pk in found]
        yield rows_of_chunk
        if progress is not None:
            progress(len(rows_of_chunk))


def incident_url(incident: Incident | IncidentRow) -> str:
    return f"{settings.SITE_URL}/incidents/{incident.uuid}/"


def _date(value) -> str | None:
    return value.isoformat() if value else None


def public_dict(incident: Incident | IncidentRow) -> dict[str, Any]:
    """Public fields and the counts of member-only values."""
    row = row_of(incident, member=False)
    victim = row.victim
    return {
        "id": str(row.uuid),
        "url": incident_url(row),
        "status": row.status,
        "confidence": row.confidence,
        "victim": victim.name if victim else None,
        "victim_label": row.victim_label,
        "victim_aliases": list(victim.aliases or []) if victim else [],
        "victim_sector": victim.sector if victim else None,
        "victim_country": victim.country if victim else None,
        "sector": row.sector,
        "country": row.country,
        "region": row.region,
        "city": row.city,
        "date": row.date_iso,
        "discovered": _date(row.discovered),
        "disclosed": _date(row.disclosed),
        "summary": row.summary,
        "description": row.description,
        "attack_types": list(row.attack_types),
        "counts": {name: row.counts.get(name, 0) for name in COUNTED},
    }


def incident_dict(incident: Incident | IncidentRow, *, member: bool) -> dict[str, Any]:
    """cidb's incident JSON (README "Incident JSON"); values only for members.

    Takes a row from `rows` or a model instance from `with_related`. Re-importable by
    `services.upsert_from_json`.
    """
    row = row_of(incident, member=member)
    data = public_dict(row)
    if not member:
        return data
    if row.motives is None:
        raise ValueError("a member record needs a row read for members")
    data["cia"] = row.cia_letters
    data["cia_detail"] = row.cia
    data["motives"] = list(row.motives)
    data["techniques"] = [t.attack_id for t in row.techniques]
    data["actors"] = [
        {
            "name": a.name,
            "aliases": list(a.aliases or []),
            "type": a.actor_type,
            "country": a.country,
            "attack_id": a.attack_id or None,
        }
        for a in row.actors
    ]
    data["sources"] = [
        {
            "url": safe_source_url(s.url),
            "title": s.title,
            "publisher": s.publisher,
            "language": s.language,
            "published": _date(s.published),
        }
        for s in row.sources
    ]
    data["conflicts"] = row.conflicts or []
    # the sentences behind each technique, in their source language
    data["technique_evidence"] = row.technique_evidence or {}
    return data


MEMBER_KEYS = (
    "cia",
    "cia_detail",
    "motives",
    "techniques",
    "actors",
    "sources",
    "conflicts",
    "technique_evidence",
)
CIA_LETTERS = dict(vocab.CIA_FIELDS)
