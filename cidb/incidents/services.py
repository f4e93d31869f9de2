"""Writes that span records or need a transaction: saving with history, merging,
search indexing, and creating incidents from cidb's JSON format."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import uuid as uuid_module
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.dispatch import Signal

from cidb.core.safeurl import source_url_problem

from . import link_index, search, search_index, vocab
from .models import (
    AttackType,
    ChangeLog,
    Incident,
    IncidentRedirect,
    Motive,
    Organization,
    SiteState,
    Source,
    Technique,
    TechniqueEvidence,
    ThreatActor,
    clean_evidence,
    parse_iso_date,
)

GENERATION_KEY = "incidents.generation"

# An editor changed an incident's values by hand (admin form, accepted technique
# suggestions): sent with incident, changes (a ``diff``) and user. Ingestion listens,
# so that it never overwrites an editor's values of a draft.
incident_edited = Signal()
SCALAR_FIELDS = [
    "victim_id",
    "victim_label",
    "sector",
    "date",
    "date_precision",
    "discovered",
    "disclosed",
    "country",
    "region",
    "city",
    "summary",
    "description",
    "image",
    "image_caption",
    "confidentiality",
    "integrity",
    "availability",
    "status",
    "confidence",
    "conflicts",
]
M2M_FIELDS = {
    "attack_types": "slug",
    "motives": "slug",
    "techniques": "attack_id",
    "actors": "name",
    "sources": "url",
}


# --- cache generation -------------------------------------------------------------


def generation() -> int:
    """A number that changes whenever incident data changes (keys cached facets)."""
    row = SiteState.objects.filter(key=GENERATION_KEY).values_list("value", flat=True).first()
    return row or 0


def bump_generation() -> None:
    updated = SiteState.objects.filter(key=GENERATION_KEY).update(value=F("value") + 1)
    if not updated:
        SiteState.objects.get_or_create(key=GENERATION_KEY, defaults={"value": 1})


# --- deferred derived data ----------------------------------------------------------

_deferred = threading.local()


@contextlib.contextmanager
def deferred_index() -> Iterator[None]:
    """Within the block, writes note the incidents to reindex and the generation bump
    instead of doing them on every save; both run once when the block ends without an
    error. Open it inside the writes' transaction (bulk ingestion: one index pass per
    batch instead of several per article). Nested blocks join the outer one."""
    if getattr(_deferred, "ids", None) is not None:
        yield
        return
    _deferred.ids, _deferred.bump = set(), False
    try:
        yield
        ids, bump = _deferred.ids, _deferred.bump
    finally:
        _deferred.ids = None
    reindex_incidents(sorted(ids))
    if bump or ids:
        bump_generation()


def incidents_changed(ids: Iterable[int], reindex: bool = True) -> None:
    """Incident data changed: reindex ``ids`` (if ``reindex``) and bump the generation,
    now or at the end of the enclosing ``deferred_index`` block."""
    pending = getattr(_deferred, "ids", None)
    if pending is None:
        if reindex:
            reindex_incidents(ids)
        bump_generation()
        return
    if reindex:
        pending.update(ids)
    _deferred.bump = True


# --- search index -----------------------------------------------------------------


def reindex_incidents(ids: Iterable[int]) -> int:
    """(Re)write the full-text rows of the given incidents; returns how many."""
    ids = list(ids)
    if not ids:
        return 0
    rows = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        incidents = (
            Incident.objects.filter(id__in=chunk)
            .select_related("victim")
            .prefetch_related("attack_types")
        )
        rows.extend(
            (
                i.id,
                search_victim_text(i.victim.name if i.victim_id else "", _aliases(i), i),
                f"{i.summary}\n{i.description}",
                search.tags_text(
                    status=i.status,
                    country=i.country,
                    sector=i.sector,
                    year=i.date.year if i.date else None,
                    attack_types=[t.slug for t in i.attack_types.all()],
                ),
            )
            for i in incidents
        )
    search_index.write(rows)
    link_index.refresh(ids)
    return len(rows)


def _aliases(incident: Incident) -> list[str]:
    return list(incident.victim.aliases or []) if incident.victim_id else []


def search_victim_text(name: str, aliases: list[str], incident: Incident | None = None) -> str:
    parts = [name, *aliases]
    if incident is not None and incident.victim_label:
        parts.append(incident.victim_label)
    return " ".join(p for p in parts if p)


def delete_search_rows(ids: Iterable[int]) -> None:
    ids = list(ids)
    search_index.delete(ids)
    link_index.delete(ids)


def rebuild_search_index(batch: int = 2000, progress=None) -> int:
    """Rebuild the whole index and the link rows (after a bulk import or a normaliser
    change)."""
    search_index.clear()
    link_index.clear()
    ids = list(Incident.objects.order_by("id").values_list("id", flat=True))
    done = 0
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            done += reindex_incidents(ids[start : start + batch])
        if progress:
            progress(done)
    return done


# --- history ------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return str(value.name or "")
    if isinstance(value, uuid_module.UUID):
        return str(value)
    return value


def snapshot(incident: Incident) -> dict[str, Any]:
    """Comparable values of an incident's fields, many-to-many included."""
    data = {name: _jsonable(getattr(incident, name)) for name in SCALAR_FIELDS}
    if incident.pk:
        for name, key in M2M_FIELDS.items():
            data[name] = sorted(str(v) for v in getattr(incident, name).values_list(key, flat=True))
    else:
        data.update({name: [] for name in M2M_FIELDS})
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)
    }


def record_change(
    incident: Incident,
    action: str,
    changes: dict[str, Any] | None = None,
    user=None,
    comment: str = "",
) -> ChangeLog:
    return ChangeLog.objects.create(
        incident=incident if incident.pk else None,
        incident_uuid=incident.uuid,
        object_repr=str(incident)[:300],
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        changes=changes or {},
        comment=comment[:500],
    )


# --- JSON (cidb's export format) -----------------------------------------------------


class ImportError_(ValueError):
    """A record that cannot be imported, with the path of the bad value."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _organization(data: dict) -> Organization | None:
    name = (data.get("victim") or "").strip()
    if not name:
        return None
    country = data.get("victim_country") or data.get("country") or ""
    org = Organization.objects.filter(name=name, country=country).first()
    if org is None:
        org = Organization.objects.create(
            name=name,
            country=country,
            aliases=list(data.get("victim_aliases") or []),
            sector=data.get("victim_sector") or data.get("sector") or "other",
        )
    else:
        aliases = set(org.aliases or []) | set(data.get("victim_aliases") or [])
        if aliases != set(org.aliases or []):
            org.aliases = sorted(aliases)
            org.save(update_fields=["aliases", "updated"])
    return org


def _actor_fields(data: Any, path: str) -> tuple[str, dict[str, Any]]:
    """An actor's name and creation defaults, checked (no writes)."""
    if not isinstance(data, dict):
        raise ImportError_(path, "an actor must be an object with a name")
    name = str(data.get("name") or "").strip()
    if not name:
        raise ImportError_(path, "an actor needs a name")
    actor_type = data.get("type") or "unknown"
    if actor_type not in vocab.ACTOR_TYPES:
        raise ImportError_(f"{path}.type", f"unknown actor type {actor_type!r}")
    return name, {
        "actor_type": actor_type,
        "country": data.get("country") or "",
        "aliases": list(data.get("aliases") or []),
        "attack_id": data.get("attack_id") or "",
    }


def _source_fields(data: Any, path: str) -> tuple[str, dict[str, Any]]:
    """A source's URL and the values to set on it, checked (no writes)."""
    if isinstance(data, str):
        data = {"url": data}
    if not isinstance(data, dict):
        raise ImportError_(path, "a source must be a URL or an object with a url")
    url = data.get("url") if isinstance(data.get("url"), str) else ""
    problem = source_url_problem(url, links_only=True)
    if problem:
        raise ImportError_(f"{path}.url", problem)
    url = url.strip()
    values: dict[str, Any] = {}
    if data.get("published"):
        try:
            values["published"] = parse_iso_date(str(data["published"]))[0]
        except ValueError as exc:
            raise ImportError_(f"{path}.published", str(exc)) from exc
    for key in ("title", "publisher", "language"):
        if data.get(key):
            values[key] = str(data[key])[:500]
    if data.get("text"):
        values["text"] = data["text"]
    return url, values


def _source(url: str, values: dict[str, Any]) -> Source:
    source = Source.objects.filter(url_hash=Source.hash_url(url)).first()
    if source is None:
        source = Source(url=url)
    for key, value in values.items():
        setattr(source, key, value)
    source.save()
    return source


def _cia(data: dict, path: str) -> dict[str, str]:
    cia = data.get("cia")
    if isinstance(cia, dict):
        out = {}
        for name in vocab.CIA_FIELDS:
            value = cia.get(name, "unknown")
            if value not in vocab.CIA_VALUES:
                raise ImportError_(f"{path}.cia.{name}", f"unknown value {value!r}")
            out[name] = value
        return out
    letters = {str(x).upper() for x in (cia or [])}
    detail = data.get("cia_detail") or {}
    return {
        name: "affected" if letter in letters else detail.get(name, "unknown")
        for name, letter in vocab.CIA_FIELDS.items()
    }


class CheckedRecord:
    """One incident of cidb's JSON format, checked and ready to write: every rule of
    upsert_from_json is applied here with reads only, so an import can check a whole
    file before it writes anything (and write it in short transactions)."""

    def __init__(self, data: Any, path: str = "$") -> None:
        if not isinstance(data, dict):
            raise ImportError_(path, "an incident must be a JSON object")
        for required in ("summary", "date"):
            if not data.get(required):
                raise ImportError_(f"{path}.{required}", "missing")
        try:
            date, precision = parse_iso_date(str(data["date"]))
        except ValueError as exc:
            raise ImportError_(f"{path}.date", str(exc)) from exc
        status = data.get("status") or "draft"
        if status not in vocab.STATUSES:
            raise ImportError_(f"{path}.status", f"unknown status {status!r}")
        self.attack_types = list(data.get("attack_types") or [])
        for i, slug in enumerate(self.attack_types):
            if slug not in vocab.ATTACK_TYPES:
                raise ImportError_(f"{path}.attack_types[{i}]", f"unknown attack type {slug!r}")
        self.motives = list(data.get("motives") or [])
        for i, slug in enumerate(self.motives):
            if slug not in vocab.MOTIVES:
                raise ImportError_(f"{path}.motives[{i}]", f"unknown motive {slug!r}")
        technique_ids = [str(t).upper() for t in data.get("techniques") or []]
        techniques = {t.attack_id: t for t in Technique.objects.filter(attack_id__in=technique_ids)}
        for i, tid in enumerate(technique_ids):
            if tid not in techniques:
                raise ImportError_(
                    f"{path}.techniques[{i}]",
                    f"unknown ATT&CK technique {tid!r} (run load-attack?)",
                )
        self.techniques = list(techniques.values())
        try:
            self.evidence = clean_evidence(data.get("technique_evidence"), techniques)
        except ValueError as exc:
            raise ImportError_(f"{path}.technique_evidence", str(exc)) from exc
        self.technique_ids = techniques
        self.actors = [
            _actor_fields(a, f"{path}.actors[{i}]") for i, a in enumerate(data.get("actors") or [])
        ]
        self.sources = [
            _source_fields(s, f"{path}.sources[{i}]")
            for i, s in enumerate(data.get("sources") or [])
        ]

        incident = None
        if data.get("id"):
            try:
                key = uuid_module.UUID(str(data["id"]))
            except ValueError as exc:
                raise ImportError_(f"{path}.id", "not a UUID") from exc
            incident = Incident.objects.filter(uuid=key).first()
            if incident is None:
                incident = Incident(uuid=key)
        if incident is None:
            incident = Incident()
        self.before = snapshot(incident) if incident.pk else None
        incident.victim_label = data.get("victim_label") or ""
        incident.sector = data.get("sector") or data.get("victim_sector") or ""
        incident.date, incident.date_precision = date, precision
        for key in ("discovered", "disclosed"):
            value = data.get(key)
            try:
                setattr(incident, key, dt.date.fromisoformat(value) if value else None)
            except (TypeError, ValueError) as exc:
                raise ImportError_(f"{path}.{key}", f"not a date: {value!r}") from exc
        incident.country = data.get("country") or ""
        incident.region = data.get("region") or ""
        incident.city = data.get("city") or ""
        incident.summary = data["summary"]
        incident.description = data.get("description") or ""
        for name, value in _cia(data, path).items():
            setattr(incident, name, value)
        incident.status = status
        incident.confidence = data.get("confidence") or "confirmed"
        incident.conflicts = data.get("conflicts") or []
        # The victim organisation is found or created at write time: a stand-in label
        # satisfies "a victim, a label or a sector" while the rules are checked.
        label = incident.victim_label
        if not label and str(data.get("victim") or "").strip():
            incident.victim_label = "victim"
        try:
            incident.full_clean(exclude=["image", "victim"])
        finally:
            incident.victim_label = label
        self.data, self.path, self.incident = data, path, incident

    def write(self, user=None, comment: str = "") -> Incident:
        """Create or update the incident (call inside a transaction)."""
        incident, data, before = self.incident, self.data, self.before
        incident.victim = _organization(data)
        incident.save()
        incident.attack_types.set(AttackType.objects.filter(slug__in=self.attack_types))
        incident.motives.set(Motive.objects.filter(slug__in=self.motives))
        incident.techniques.set(self.techniques)
        if "technique_evidence" in data:
            set_technique_evidence(incident, self.evidence, self.technique_ids)
        incident.actors.set(
            [ThreatActor.objects.get_or_create(name=n, defaults=d)[0] for n, d in self.actors]
        )
        incident.sources.set([_source(url, values) for url, values in self.sources])
        after = snapshot(incident)
        if before is None:
            record_change(incident, ChangeLog.Action.IMPORT, diff({}, after), user, comment)
        elif diff(before, after):
            record_change(incident, ChangeLog.Action.UPDATE, diff(before, after), user, comment)
        return incident


@transaction.atomic
def upsert_from_json(data: dict, user=None, path: str = "$", comment: str = "") -> Incident:
    """Create or update one incident from cidb's JSON export format."""
    return CheckedRecord(data, path).write(user, comment)


# --- merge ----------------------------------------------------------------------------


@transaction.atomic
def merge_incidents(survivor: Incident, others: Iterable[Incident], user=None) -> Incident:
    """Fold other incidents into one; their URLs keep working by redirecting to it."""
    others = [o for o in others if o.pk != survivor.pk]
    before = snapshot(survivor)
    for other in others:
        for name in M2M_FIELDS:
            getattr(survivor, name).add(*getattr(other, name).all())
        survivor_conflicts = list(survivor.conflicts or [])
        if other.victim_id != survivor.victim_id and other.victim_id:
            survivor_conflicts.append(
                {
                    "field": "victim",
                    "values": [
                        {"value": survivor.victim_name, "incidents": [str(survivor.uuid)]},
                        {"value": other.victim_name, "incidents": [str(other.uuid)]},
                    ],
                }
            )
        survivor.conflicts = survivor_conflicts
        TechniqueEvidence.objects.filter(incident=other).update(incident=survivor)
        IncidentRedirect.objects.filter(incident=other).update(incident=survivor)
        IncidentRedirect.objects.create(old_uuid=other.uuid, incident=survivor)
        record_change(
            other, ChangeLog.Action.MERGE, {"merged_into": [None, str(survivor.uuid)]}, user
        )
        ChangeLog.objects.filter(incident=other).update(incident=survivor)
        other.delete()
    survivor.save()
    record_change(
        survivor,
        ChangeLog.Action.MERGE,
        diff(before, snapshot(survivor)),
        user,
        comment="Merged " + ", ".join(str(o.uuid) for o in others),
    )
    return survivor


# --- technique evidence ---------------------------------------------------------------


def evidence_map(incident_ids: Iterable[int] | Any) -> dict[int, dict[str, list[dict]]]:
    """incident id → {attack_id: [{sentence, source, language}]}, one query; only the
    techniques still linked to the incident. ``incident_ids`` may be a list, a
    subquery or a RawSQL id list."""
    rows = (
        TechniqueEvidence.objects.filter(
            incident_id__in=incident_ids, technique__incidents=F("incident_id")
        )
        .order_by("incident_id", "technique__attack_id", "id")
        .values_list("incident_id", "technique__attack_id", "sentence", "source", "language")
    )
    out: dict[int, dict[str, list[dict]]] = {}
    for incident_id, attack_id, sentence, source, language in rows:
        out.setdefault(incident_id, {}).setdefault(attack_id, []).append(
            {"sentence": sentence, "source": source, "language": language}
        )
    return out


def set_technique_evidence(incident: Incident, evidence: dict, techniques: Iterable[str]) -> None:
    """Replace the incident's technique evidence by ``evidence`` (see clean_evidence),
    kept for ``techniques`` (ATT&CK IDs) only."""
    cleaned = clean_evidence(evidence, set(techniques))
    TechniqueEvidence.objects.filter(incident=incident).delete()
    if not cleaned:
        return
    ids = dict(Technique.objects.filter(attack_id__in=cleaned).values_list("attack_id", "id"))
    TechniqueEvidence.objects.bulk_create(
        [
            TechniqueEvidence(incident=incident, technique_id=ids[attack_id], **item)
            for attack_id, items in cleaned.items()
            if attack_id in ids
            for item in items
        ]
    )


def delete_incident(incident: Incident, user=None) -> None:
    with transaction.atomic():
        record_change(incident, ChangeLog.Action.DELETE, {}, user)
        incident.delete()
