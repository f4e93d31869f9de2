"""STIX 2.1: a bundle of incidents and what they link to, and (stix_import.py) back.

Objects: `incident` (id `incident--<cidb uuid>`), the victim `identity`, `location`
(one per country), `attack-pattern` (ATT&CK's own STIX ids and external ids),
`threat-actor` or, for ATT&CK groups, `intrusion-set`, a `report` per source and
relationships (incident `targets` identity and location, `uses` attack-pattern,
`attributed-to` actor; identity `located-at` location). Ids other than incidents'
and attack-patterns' are UUIDv5 of a natural key, so every export of the same data
has the same ids. cidb fields that STIX 2.1 core lacks (CIA posture, attack types,
motives, date precision, status) are custom properties prefixed `x_cidb_`
(documented in docs/open-data.md).

The bundle is written in passes over the database (techniques, actors, locations,
victims, incidents, sources) so nothing grows with the number of incidents.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from hashlib import sha1
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from cidb.core.safeurl import safe_source_url
from cidb.incidents import vocab
from cidb.incidents.models import (
    Incident,
    Organization,
    Source,
    Technique,
    ThreatActor,
    country_name,
)

from . import records

MEDIA_TYPE = "application/stix+json;version=2.1"
EXTENSION = "stix.json"
NAMESPACE = uuid.UUID("6f0b9d2e-3c56-5b8e-9a6f-1f3c2d0c1d10")
NAMESPACE_BYTES = NAMESPACE.bytes
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
PRODUCER_ID = f"identity--{uuid.uuid5(NAMESPACE, 'producer|cidb')}"
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
# cidb's x_cidb_* properties, declared as a STIX 2.1 top-level property extension.
EXTENSION_ID = "extension-definition--" + str(uuid.uuid5(NAMESPACE, "extension|cidb|1.0"))
EXTENSION_SCHEMA = "https://github.com/cidb/cidb/blob/main/docs/open-data.md#stix-21"

# "unreviewed" drafts carry no STIX confidence (x_cidb_confidence says why)
CONFIDENCE = {"confirmed": 85, "claimed": 50, "suspected": 15}
ACTOR_TYPES = {
    "nation_state": "nation-state",
    "state_affiliated": "nation-state",
    "organized_crime": "crime-syndicate",
    "hacktivist": "activist",
    "insider": "insider-disgruntled",
    "individual": "hacker",
    "unknown": "unknown",
}
SECTORS = {
    "government": "government-national",
    "local_government": "government-local",
    "healthcare": "healthcare",
    "education": "education",
    "finance": "financial-services",
    "energy": "energy",
    "transport": "transportation",
    "telecom": "telecommunications",
    "it_services": "technology",
    "manufacturing": "manufacturing",
    "retail": "retail",
    "hospitality": "hospitality-leisure",
    "media": "entertainment",
    "defence": "defense",
    "politics": "government-public-services",
    "civil_society": "non-profit",
}


def uuid5(name: str) -> str:
    """str(uuid.uuid5(NAMESPACE, name)) without building UUID objects (hot in exports)."""
    digest = bytearray(sha1(NAMESPACE_BYTES + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def stix_id(kind: str, *key: Any) -> str:
    return f"{kind}--{uuid5('|'.join([kind, *map(str, key)]))}"


def timestamp(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        value = EPOCH
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    elif value.utcoffset():
        value = value.astimezone(dt.UTC)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:"
        f"{value.minute:02d}:{value.second:02d}.{value.microsecond // 1000:03d}Z"
    )


EMPTY = (None, "", [], {})


def _sdo(kind: str, object_id: str, created: str, modified: str, **props: Any) -> dict[str, Any]:
    obj = {
        "type": kind,
        "spec_version": "2.1",
        "id": object_id,
        "created": created,
        "modified": modified,
        "created_by_ref": PRODUCER_ID,
        "object_marking_refs": [TLP_CLEAR],
    }
    custom = False
    for key, value in props.items():
        if value not in EMPTY:
            obj[key] = value
            custom = custom or key.startswith("x_cidb_")
    if custom:
        obj["extensions"] = {EXTENSION_ID: {"extension_type": "toplevel-property-extension"}}
    return obj


def relationship(kind: str, source: str, target: str, when: str, **props: Any) -> dict[str, Any]:
    return _sdo(
        "relationship",
        stix_id("relationship", kind, source, target),
        when,
        when,
        relationship_type=kind,
        source_ref=source,
        target_ref=target,
        **props,
    )


def evidence_props(evidence: list[dict]) -> dict[str, Any]:
    """A `uses` relationship's support: the sentences as its description (any STIX
    reader shows it) and as x_cidb_evidence (sentence, source URL, language)."""
    if not evidence:
        return {}
    lines = [
        f"\u201c{e['sentence']}\u201d" + (f" ({e['source']})" if e.get("source") else "")
        for e in evidence
    ]
    return {"description": "\n".join(lines), "x_cidb_evidence": evidence}


def producer() -> dict[str, Any]:
    stamp = timestamp(EPOCH)
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": PRODUCER_ID,
        "created": stamp,
        "modified": stamp,
        "name": "cidb",
        "identity_class": "system",
        "description": "Cyber Incident Database",
    }


def extension_definition() -> dict[str, Any]:
    stamp = timestamp(EPOCH)
    return {
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": EXTENSION_ID,
        "created_by_ref": PRODUCER_ID,
        "created": stamp,
        "modified": stamp,
        "name": "cidb incident properties",
        "description": "cidb fields that STIX 2.1 core lacks: CIA posture, attack types, "
        "motives, date with precision, status, victim details and the sentences "
        "supporting each technique (x_cidb_*).",
        "schema": EXTENSION_SCHEMA,
        "version": "1.0",
        "extension_types": ["toplevel-property-extension"],
    }


# --- one object per record -------------------------------------------------------------


def technique_id(technique: Technique) -> str:
    return technique.stix_id or stix_id("attack-pattern", technique.attack_id)


def attack_pattern(technique: Technique) -> dict[str, Any]:
    stamp = timestamp(technique.modified)
    reference = {"source_name": "mitre-attack", "external_id": technique.attack_id}
    if technique.url:
        reference["url"] = technique.url
    obj = _sdo(
        "attack-pattern",
        technique_id(technique),
        stamp,
        stamp,
        name=technique.name,
        external_references=[reference],
        kill_chain_phases=[
            {"kill_chain_name": "mitre-attack", "phase_name": tactic}
            for tactic in technique.tactics or []
        ],
    )
    # ATT&CK's own object: cidb neither created nor marked it.
    del obj["created_by_ref"], obj["object_marking_refs"]
    return obj


def actor_id(actor: ThreatActor) -> str:
    kind = "intrusion-set" if actor.attack_id else "threat-actor"
    return stix_id(kind, actor.name)


def actor_object(actor: ThreatActor) -> dict[str, Any]:
    created, modified = timestamp(actor.created), timestamp(actor.updated)
    common = {
        "name": actor.name,
        "description": actor.description,
        "aliases": list(actor.aliases or []),
        "x_cidb_actor_type": actor.actor_type,
        "x_cidb_country": actor.country,
    }
    if actor.attack_id:
        return _sdo(
            "intrusion-set",
            actor_id(actor),
            created,
            modified,
            external_references=[{"source_name": "mitre-attack", "external_id": actor.attack_id}],
            **common,
        )
    return _sdo(
        "threat-actor",
        actor_id(actor),
        created,
        modified,
        threat_actor_types=[ACTOR_TYPES.get(actor.actor_type, "unknown")],
        **common,
    )


def location_id(code: str) -> str:
    return stix_id("location", code)


def location(code: str) -> dict[str, Any]:
    stamp = timestamp(EPOCH)
    return _sdo("location", location_id(code), stamp, stamp, name=country_name(code), country=code)


def organization_id(org: Organization) -> str:
    return stix_id("identity", "organization", org.name, org.country)


def label_id(label: str) -> str:
    return stix_id("identity", "label", label)


def victim_ref(incident: records.IncidentRow) -> str | None:
    if incident.victim is not None:
        return organization_id(incident.victim)
    if incident.victim_label:
        return label_id(incident.victim_label)
    return None


def organization(org: Organization) -> dict[str, Any]:
    return _sdo(
        "identity",
        organization_id(org),
        timestamp(org.created),
        timestamp(org.updated),
        name=org.name,
        identity_class="organization",
        sectors=[SECTORS.get(org.sector, "other")] if org.sector else None,
        x_cidb_aliases=list(org.aliases or []),
        x_cidb_sector=org.sector,
        x_cidb_country=org.country,
    )


def label_identity(label: str) -> dict[str, Any]:
    stamp = timestamp(EPOCH)
    return _sdo("identity", label_id(label), stamp, stamp, name=label, identity_class="class")


def incident_object(incident: records.IncidentRow, data: dict[str, Any]) -> dict[str, Any]:
    references = [{"source_name": "cidb", "url": data["url"], "external_id": data["id"]}]
    references += [
        {"source_name": s["publisher"] or "source", "url": s["url"]}
        for s in data["sources"]
        if s["url"]
    ]
    return _sdo(
        "incident",
        f"incident--{incident.uuid}",
        timestamp(incident.created),
        timestamp(incident.updated),
        name=f"{incident.victim_name} ({data['date']})",
        description=data["summary"] + (f"\n\n{data['description']}" if data["description"] else ""),
        confidence=CONFIDENCE.get(incident.confidence),
        labels=data["attack_types"],
        external_references=references,
        x_cidb_summary=data["summary"],
        x_cidb_description=data["description"],
        x_cidb_date=data["date"],
        x_cidb_status=data["status"],
        x_cidb_confidence=data["confidence"],
        x_cidb_country=data["country"],
        x_cidb_region=data["region"],
        x_cidb_city=data["city"],
        x_cidb_sector=data["sector"],
        x_cidb_victim_label=data["victim_label"],
        x_cidb_discovered=data["discovered"],
        x_cidb_disclosed=data["disclosed"],
        x_cidb_attack_types=data["attack_types"],
        x_cidb_cia=data["cia_detail"],
        x_cidb_motives=data["motives"],
        x_cidb_conflicts=data["conflicts"],
    )


def incident_objects(incident: Incident | records.IncidentRow) -> list[dict[str, Any]]:
    """The incident and its relationships (the objects they point to come separately).

    Takes a member row from `records.rows` or a model from `records.with_related`.
    """
    row = records.row_of(incident, member=True)
    data = records.incident_dict(row, member=True)
    obj = incident_object(row, data)
    when, own = obj["modified"], obj["id"]
    out = [obj]
    victim = victim_ref(row)
    if victim:
        out.append(relationship("targets", own, victim, when))
    if row.country:
        out.append(relationship("targets", own, location_id(row.country), when))
    evidence = row.technique_evidence or {}
    for technique in row.techniques:
        props = evidence_props(evidence.get(technique.attack_id) or [])
        out.append(relationship("uses", own, technique_id(technique), when, **props))
    for actor in row.actors:
        out.append(relationship("attributed-to", own, actor_id(actor), when))
    return out


def report(source: Any, incident_refs: list[str]) -> dict[str, Any]:
    reference = {"source_name": source.publisher or "source"}
    if safe_source_url(source.url):
        reference["url"] = source.url
    return _sdo(
        "report",
        stix_id("report", source.url),
        timestamp(source.created),
        timestamp(source.updated),
        name=source.title or safe_source_url(source.url) or "source",
        published=timestamp(source.published or EPOCH),
        # STIX requires `published`; this says cidb does not know the date.
        x_cidb_published_unknown=True if source.published is None else None,
        report_types=["threat-report"],
        lang=source.language,
        external_references=[reference],
        object_refs=sorted(incident_refs),
    )


# --- the whole bundle, in passes ---------------------------------------------------------


def _ids(queryset: QuerySet) -> QuerySet:
    return queryset.order_by().values("id")


def objects(
    queryset: QuerySet,
    chunk_size: int = records.CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Every STIX object of a filtered incident list, each once (`progress`: records.rows)."""
    ids = _ids(queryset)
    yield producer()
    yield extension_definition()
    used = Incident.techniques.through.objects.filter(incident_id__in=ids)
    for technique in Technique.objects.filter(id__in=used.values("technique_id")).order_by(
        "attack_id"
    ):
        yield attack_pattern(technique)
    used = Incident.actors.through.objects.filter(incident_id__in=ids)
    for actor in ThreatActor.objects.filter(id__in=used.values("threatactor_id")).order_by("name"):
        yield actor_object(actor)
    victims = Organization.objects.filter(id__in=queryset.order_by().values("victim_id"))
    countries = set(queryset.order_by().values_list("country", flat=True).distinct())
    countries |= set(victims.order_by().values_list("country", flat=True).distinct())
    for code in sorted(c for c in countries if c):
        yield location(code)
    victim_rows = victims.order_by("id").values_list(*records.VICTIM_FIELDS, named=True)
    for org in victim_rows.iterator(chunk_size=chunk_size):
        yield organization(org)
        if org.country:
            when = timestamp(org.updated)
            yield relationship("located-at", organization_id(org), location_id(org.country), when)
    labels = (
        queryset.filter(victim__isnull=True)
        .exclude(victim_label="")
        .order_by("victim_label")
        .values_list("victim_label", flat=True)
        .distinct()
    )
    for label in labels.iterator(chunk_size=chunk_size):
        yield label_identity(label)
    for chunk in records.rows(queryset, member=True, chunk_size=chunk_size, progress=progress):
        for row in chunk:
            yield from incident_objects(row)
    yield from reports(ids, chunk_size=chunk_size)


SOURCE_FIELDS = ("id", "url", "title", "publisher", "language", "published", "created", "updated")


def reports(ids: QuerySet, chunk_size: int = records.CHUNK_SIZE) -> Iterator[dict[str, Any]]:
    """A report per source of the exported incidents, by source id.

    One cursor over the (source, incident uuid) links in source order; each chunk of
    sources is then read without its full text.
    """
    links = (
        Incident.sources.through.objects.filter(incident_id__in=ids)
        .order_by("source_id")
        .values_list("source_id", "incident__uuid")
        .iterator(chunk_size=chunk_size)
    )
    pending: list[tuple[int, list[str]]] = []
    for source_id, group in groupby(links, key=itemgetter(0)):
        pending.append((source_id, [f"incident--{key}" for _, key in group]))
        if len(pending) >= chunk_size:
            yield from _reports(pending)
            pending = []
    if pending:
        yield from _reports(pending)


def _reports(pending: list[tuple[int, list[str]]]) -> Iterator[dict[str, Any]]:
    rows = Source.objects.filter(id__in=[pk for pk, _ in pending]).order_by()
    found = {s.id: s for s in rows.values_list(*SOURCE_FIELDS, named=True)}
    for pk, refs in pending:
        if pk in found:
            yield report(found[pk], refs)


def write(
    queryset: QuerySet,
    chunk_size: int = records.CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """A STIX 2.1 bundle as text chunks."""
    yield f'{{"type": "bundle", "id": "bundle--{uuid.uuid4()}", "objects": ['
    first = True
    for obj in objects(queryset, chunk_size=chunk_size, progress=progress):
        yield ("\n" if first else ",\n") + records.JSON.encode(obj)
        first = False
    yield "\n]}\n"


def bundle(queryset: QuerySet) -> dict[str, Any]:
    """The bundle as one dict (small exports and tests)."""
    return json.loads("".join(write(queryset)))


SECTOR_FROM_STIX = {value: key for key, value in SECTORS.items()}
ACTOR_TYPE_FROM_STIX = {
    "nation-state": "nation_state",
    "crime-syndicate": "organized_crime",
    "criminal": "organized_crime",
    "activist": "hacktivist",
    "insider-disgruntled": "insider",
    "insider-accidental": "insider",
    "hacker": "individual",
    "unknown": "unknown",
}
KNOWN_SECTORS = set(vocab.SECTORS)
