"""What every export format reads: the incidents a user may see, streamed in chunks,
and one incident as a cidb JSON dict with exactly the fields the audience may see.

The gating lives here, once: `incident_dict(..., member=False)` has public fields and
counts only; API responses, every export format and TAXII build on it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from cidb.accounts.models import is_editor, is_member
from cidb.incidents import vocab
from cidb.incidents.filters import IncidentFilterSet
from cidb.incidents.models import Incident, Source

CHUNK_SIZE = 2000
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
    """Everything a record needs, fetched per chunk (never the sources' full text)."""
    sources = Source.objects.only("id", "url", "title", "publisher", "language", "published")
    related: list[Any] = ["attack_types"]
    if member:
        related += ["motives", "techniques", "actors", Prefetch("sources", queryset=sources)]
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
    """Incidents in `order` (newest first), `chunk_size` of them with their relations
    in memory at a time.

    The database sorts only (key, id) pairs, read through a cursor; each chunk of ids
    is then fetched with its relations. Sorting whole rows instead would make the
    database hold every incident's text at once (SQLite sorts in memory here).
    """
    ids = queryset.order_by(*order).values_list("id", flat=True).iterator(chunk_size=chunk_size)
    rows = with_related(Incident.objects.all(), member=member)
    chunk: list[int] = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) >= chunk_size:
            yield from _fetch(rows, chunk)
            chunk = []
    if chunk:
        yield from _fetch(rows, chunk)


def _fetch(rows: QuerySet, ids: list[int]) -> Iterator[Incident]:
    found = {incident.pk: incident for incident in rows.filter(id__in=ids)}
    return (found[pk] for pk in ids if pk in found)


def incident_url(incident: Incident) -> str:
    return f"{settings.SITE_URL}/incidents/{incident.uuid}/"


def _date(value) -> str | None:
    return value.isoformat() if value else None


def public_dict(incident: Incident) -> dict[str, Any]:
    """Public fields and the counts of member-only values."""
    victim = incident.victim
    return {
        "id": str(incident.uuid),
        "url": incident_url(incident),
        "status": incident.status,
        "confidence": incident.confidence,
        "victim": victim.name if victim else None,
        "victim_label": incident.victim_label,
        "victim_aliases": list(victim.aliases or []) if victim else [],
        "victim_sector": victim.sector if victim else None,
        "victim_country": victim.country if victim else None,
        "sector": incident.sector,
        "country": incident.country,
        "region": incident.region,
        "city": incident.city,
        "date": incident.date_iso,
        "discovered": _date(incident.discovered),
        "disclosed": _date(incident.disclosed),
        "summary": incident.summary,
        "description": incident.description,
        "attack_types": sorted(a.slug for a in incident.attack_types.all()),
        "counts": {
            name: len(getattr(incident, name).all())
            for name in ("motives", "techniques", "actors", "sources")
        },
    }


def incident_dict(incident: Incident, *, member: bool) -> dict[str, Any]:
    """cidb's incident JSON (README "Incident JSON"); values only for members.

    Re-importable by `services.upsert_from_json`.
    """
    data = public_dict(incident)
    if not member:
        return data
    data["cia"] = incident.cia_letters
    data["cia_detail"] = incident.cia
    data["motives"] = sorted(m.slug for m in incident.motives.all())
    data["techniques"] = sorted(t.attack_id for t in incident.techniques.all())
    data["actors"] = [
        {
            "name": a.name,
            "aliases": list(a.aliases or []),
            "type": a.actor_type,
            "country": a.country,
            "attack_id": a.attack_id or None,
        }
        for a in sorted(incident.actors.all(), key=lambda a: a.name)
    ]
    data["sources"] = [
        {
            "url": s.url,
            "title": s.title,
            "publisher": s.publisher,
            "language": s.language,
            "published": _date(s.published),
        }
        for s in sorted(incident.sources.all(), key=lambda s: s.url)
    ]
    data["conflicts"] = incident.conflicts or []
    return data


MEMBER_KEYS = ("cia", "cia_detail", "motives", "techniques", "actors", "sources", "conflicts")
CIA_LETTERS = dict(vocab.CIA_FIELDS)
