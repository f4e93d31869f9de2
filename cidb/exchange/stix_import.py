"""STIX 2.1 bundles → cidb JSON: incidents with their victims (targets → identity),
locations, attack-patterns (uses), threat actors and intrusion-sets (attributed-to)
and reports (object_refs) as sources. cidb's own x_cidb_* properties, when present,
restore every field exactly (round trip).

The bundle is checked first (structure, spec_version, ids, duplicates, references);
every problem is reported with its JSON path.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

import pycountry

from cidb.incidents import vocab

from .problems import Problem
from .stix import ACTOR_TYPE_FROM_STIX, SECTOR_FROM_STIX

ID = re.compile(
    r"^([a-z0-9][a-z0-9-]*[a-z0-9])--"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
META = {"marking-definition", "language-content", "extension-definition"}
SCO = {
    "artifact", "autonomous-system", "directory", "domain-name", "email-addr",
    "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex",
    "network-traffic", "process", "software", "url", "user-account",
    "windows-registry-key", "x509-certificate",
}  # fmt: skip
INCIDENT_TYPES = {
    "ransomware": "ransomware",
    "data-leak": "data_breach",
    "data-breach": "data_breach",
    "leak": "data_breach",
    "ddos": "ddos",
    "denial-of-service": "ddos",
    "defacement": "defacement",
    "phishing": "phishing",
    "access-sale": "intrusion",
    "intrusion": "intrusion",
    "compromise": "intrusion",
    "account-compromise": "account_compromise",
    "extortion": "extortion",
    "espionage": "espionage",
    "wiper": "wiper",
    "supply-chain": "supply_chain",
}


def looks_like(data: Any) -> bool:
    return isinstance(data, dict) and (data.get("type") == "bundle" or "objects" in data)


def validate(bundle: Any) -> list[Problem]:
    """Everything wrong with a bundle, each with its JSON path."""
    if not isinstance(bundle, dict):
        return [Problem("$", "a STIX bundle must be a JSON object")]
    problems = []
    if bundle.get("type") != "bundle":
        problems.append(Problem("$.type", f"must be 'bundle', not {bundle.get('type')!r}"))
    bundle_id = bundle.get("id")
    match = ID.match(bundle_id) if isinstance(bundle_id, str) else None
    if match is None or match.group(1) != "bundle":
        problems.append(Problem("$.id", "missing or not a bundle id"))
    objects = bundle.get("objects")
    if not isinstance(objects, list):
        return [*problems, Problem("$.objects", "missing or not a list")]
    seen: dict[tuple[str, str], int] = {}
    for i, obj in enumerate(objects):
        where = f"$.objects[{i}]"
        if not isinstance(obj, dict):
            problems.append(Problem(where, "not a JSON object"))
            continue
        kind, object_id = obj.get("type"), obj.get("id")
        match = ID.match(object_id) if isinstance(object_id, str) else None
        if not isinstance(kind, str):
            problems.append(Problem(f"{where}.type", "missing"))
        if match is None:
            problems.append(Problem(f"{where}.id", f"missing or not a STIX id: {object_id!r}"))
        elif match.group(1) != kind:
            problems.append(Problem(f"{where}.id", f"{object_id} does not start with {kind}--"))
        if obj.get("spec_version") != "2.1" and kind not in SCO:
            problems.append(
                Problem(f"{where}.spec_version", f"must be '2.1', not {obj.get('spec_version')!r}")
            )
        if kind not in SCO:
            for stamp in ("created", "modified"):
                value = obj.get(stamp)
                if not valid_timestamp(value):
                    problems.append(Problem(f"{where}.{stamp}", f"missing or not a timestamp: {str(value)[:60]!r}"))  # fmt: skip
            for stamp in ("first_seen", "last_seen", "published"):
                if stamp in obj and not valid_timestamp(obj[stamp]):
                    problems.append(Problem(f"{where}.{stamp}", f"not a timestamp: {str(obj[stamp])[:60]!r}"))  # fmt: skip
        problems += _values(obj, where, kind)
        if match is not None:
            key = (object_id, str(obj.get("modified")))
            if key in seen:
                problems.append(
                    Problem(f"{where}.id", f"duplicate of $.objects[{seen[key]}] ({object_id})")
                )
            else:
                seen[key] = i
        if kind == "relationship":
            for ref in ("source_ref", "target_ref"):
                if not isinstance(obj.get(ref), str) or not ID.match(obj[ref]):
                    problems.append(Problem(f"{where}.{ref}", "missing or not a STIX id"))
            if not obj.get("relationship_type"):
                problems.append(Problem(f"{where}.relationship_type", "missing"))
        if kind in ("incident", "identity", "threat-actor", "intrusion-set", "attack-pattern") and not obj.get("name"):  # fmt: skip
            problems.append(Problem(f"{where}.name", "missing"))
    ids = {key[0] for key in seen}
    for i, obj in enumerate(objects):
        if isinstance(obj, dict) and obj.get("type") == "relationship":
            for ref in ("source_ref", "target_ref"):
                target = obj.get(ref)
                # Pointers outside the bundle are legal STIX, but a victim or an actor
                # that is not there cannot be imported.
                if (
                    isinstance(target, str)
                    and ID.match(target)
                    and target not in ids
                    and target.split("--")[0] in ("incident", "identity", "threat-actor")
                ):
                    problems.append(
                        Problem(f"$.objects[{i}].{ref}", f"{target} is not in the bundle")
                    )
    return problems


def valid_timestamp(value: Any) -> bool:
    """An RFC 3339 UTC timestamp as STIX writes it, and a real moment."""
    if not isinstance(value, str) or not TIMESTAMP.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value[:19])
    except ValueError:
        return False
    return True


def _values(obj: dict[str, Any], where: str, kind: Any) -> list[Problem]:
    """Values the conversion would otherwise drop or replace silently: a country that
    is no country, a property of the wrong type. Dropping them would change an
    existing incident's field instead of reporting the bad value."""
    problems = []
    for key in ("x_cidb_country", "x_afrintel_country") + (
        ("country",) if kind == "location" else ()
    ):
        value = obj.get(key)
        if value not in (None, "") and not _country(value):
            problems.append(Problem(f"{where}.{key}", f"{str(value)[:60]!r} is not a country"))
    for key in ("labels", "aliases", "sectors", "threat_actor_types", "object_refs",
                "external_references", "x_cidb_aliases", "x_cidb_attack_types",
                "x_cidb_motives", "x_cidb_conflicts"):  # fmt: skip
        if key in obj and obj[key] is not None and not isinstance(obj[key], list):
            problems.append(Problem(f"{where}.{key}", "must be an array"))
    for key in ("name", "description", "x_cidb_summary", "x_cidb_description", "x_cidb_date",
                "x_cidb_status", "x_cidb_sector", "x_cidb_region", "x_cidb_city",
                "x_cidb_discovered", "x_cidb_disclosed", "x_cidb_confidence",
                "x_cidb_actor_type", "x_cidb_victim_label", "identity_class", "lang",
                "relationship_type", "x_opencti_incident_type"):  # fmt: skip
        if key in obj and obj[key] is not None and not isinstance(obj[key], str):
            problems.append(Problem(f"{where}.{key}", "must be text"))
    if "x_cidb_confidence" in obj and obj["x_cidb_confidence"] not in vocab.CONFIDENCES:
        problems.append(Problem(f"{where}.x_cidb_confidence", f"unknown confidence {str(obj['x_cidb_confidence'])[:40]!r}"))  # fmt: skip
    if "x_cidb_actor_type" in obj and obj["x_cidb_actor_type"] not in vocab.ACTOR_TYPES:
        problems.append(Problem(f"{where}.x_cidb_actor_type", f"unknown actor type {str(obj['x_cidb_actor_type'])[:40]!r}"))  # fmt: skip
    refs = obj.get("object_refs")
    if isinstance(refs, list):
        for i, ref in enumerate(refs):
            if not isinstance(ref, str) or not ID.match(ref):
                problems.append(Problem(f"{where}.object_refs[{i}]", "not a STIX id"))
    if "confidence" in obj and (
        not isinstance(obj["confidence"], int)
        or isinstance(obj["confidence"], bool)
        or not 0 <= obj["confidence"] <= 100
    ):
        problems.append(Problem(f"{where}.confidence", "must be a whole number from 0 to 100"))
    for i, reference in enumerate(obj.get("external_references") or [] if isinstance(obj.get("external_references"), list) else []):  # fmt: skip
        if not isinstance(reference, dict):
            problems.append(Problem(f"{where}.external_references[{i}]", "must be an object"))
        elif reference.get("url") is not None and not isinstance(reference["url"], str):
            problems.append(Problem(f"{where}.external_references[{i}].url", "must be text"))
    return problems


def _country(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    value = value.strip()
    if len(value) == 2 and pycountry.countries.get(alpha_2=value.upper()):
        return value.upper()
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return ""


def _date(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def _summary(obj: dict[str, Any]) -> str:
    text = obj.get("description") or ""
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if paragraph and not paragraph.startswith("#"):
            return paragraph
    return obj.get("name") or ""


def _attack_id(obj: dict[str, Any], prefix: str) -> str | None:
    for reference in obj.get("external_references") or []:
        external = reference.get("external_id") if isinstance(reference, dict) else None
        if (
            isinstance(external, str)
            and external.startswith(prefix)
            and reference.get("source_name") in ("mitre-attack", "mitre-ics-attack", None)
        ):
            return external
    return None


def to_json(bundle: dict[str, Any], *, status: str = "draft") -> list[tuple[str, dict]]:
    """(path, cidb JSON) for each incident of a valid bundle."""
    objects = bundle["objects"]
    latest: dict[str, dict[str, Any]] = {}
    for obj in objects:
        current = latest.get(obj["id"])
        if current is None or str(obj.get("modified")) >= str(current.get("modified")):
            latest[obj["id"]] = obj
    outgoing: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for obj in latest.values():
        if obj["type"] == "relationship":
            outgoing[obj["source_ref"]].append((obj["relationship_type"], obj["target_ref"], obj))
    reports: dict[str, list[dict]] = defaultdict(list)
    for obj in latest.values():
        if obj["type"] == "report":
            for ref in obj.get("object_refs") or []:
                reports[ref].append(obj)
    positions = {obj["id"]: i for i, obj in enumerate(objects)}
    out = []
    for object_id, obj in latest.items():
        if obj["type"] != "incident":
            continue
        out.append(
            (f"$.objects[{positions[object_id]}]", incident(obj, latest, outgoing, reports, status))
        )
    return out


def incident(
    obj: dict[str, Any],
    objects: dict[str, dict],
    outgoing: dict[str, list[tuple[str, str, dict]]],
    reports: dict[str, list[dict]],
    status: str,
) -> dict[str, Any]:
    victim: dict[str, Any] | None = None
    location_country = ""
    techniques, actors = [], []
    evidence: dict[str, list] = {}
    for kind, ref, rel in outgoing.get(obj["id"], []):
        target = objects.get(ref)
        if target is None:
            continue
        if kind == "targets" and target["type"] == "identity" and victim is None:
            victim = target
        elif kind in ("targets", "located-at") and target["type"] == "location":
            location_country = location_country or _country(target.get("country"))
        elif kind == "uses" and target["type"] == "attack-pattern":
            attack_id = _attack_id(target, "T")
            if attack_id:
                techniques.append(attack_id)
                if isinstance(rel.get("x_cidb_evidence"), list):
                    evidence[attack_id] = rel["x_cidb_evidence"]
        elif kind == "attributed-to" and target["type"] in ("threat-actor", "intrusion-set"):
            actors.append(actor(target))
    victim_country = ""
    data: dict[str, Any] = {"id": obj["id"].split("--", 1)[1]}
    if victim is not None:
        victim_country = _country(victim.get("x_cidb_country"))
        for kind, ref, _rel in outgoing.get(victim["id"], []):
            target = objects.get(ref)
            if kind == "located-at" and target and target["type"] == "location":
                victim_country = victim_country or _country(target.get("country"))
        victim_country = victim_country or _country(victim.get("x_afrintel_country"))
        if victim.get("identity_class") == "class":
            data["victim_label"] = victim["name"]
        else:
            data["victim"] = victim["name"]
            data["victim_aliases"] = list(victim.get("x_cidb_aliases") or [])
            sectors = [SECTOR_FROM_STIX.get(s) for s in victim.get("sectors") or []]
            data["victim_sector"] = victim.get("x_cidb_sector") or next(
                (s for s in sectors if s), "other"
            )
            data["victim_country"] = victim_country
    country = (
        _country(obj.get("x_cidb_country"))
        or location_country
        or victim_country
        or _country(obj.get("x_afrintel_country"))
    )
    labels = [obj.get("x_opencti_incident_type"), *(obj.get("labels") or [])]
    attack_types = obj.get("x_cidb_attack_types")
    if attack_types is None:
        attack_types = sorted({INCIDENT_TYPES[x] for x in labels if x in INCIDENT_TYPES})
    confidence = obj.get("x_cidb_confidence")
    if confidence not in vocab.CONFIDENCES:
        score = obj.get("confidence")
        confidence = "claimed"
        if isinstance(score, int):
            confidence = "confirmed" if score >= 70 else "claimed" if score >= 40 else "suspected"
    sources: dict[str, dict[str, Any]] = {}
    for reference in obj.get("external_references") or []:
        url = reference.get("url") if isinstance(reference, dict) else None
        if url and reference.get("source_name") not in ("cidb", "website"):
            publisher = reference.get("source_name")
            sources[url] = {"url": url, "publisher": "" if publisher == "source" else publisher}
    for report in reports.get(obj["id"], []):
        url = next(
            (r["url"] for r in report.get("external_references") or [] if r.get("url")), None
        )
        if not url:
            continue
        publisher = sources.get(url, {}).get("publisher") or ""
        published = (
            None if report.get("x_cidb_published_unknown") else _date(report.get("published"))
        )
        sources[url] = {
            "url": url,
            "title": "" if report.get("name") == url else report.get("name") or "",
            "publisher": publisher,
            "language": report.get("lang") or "",
            "published": published,
        }
    data.update(
        {
            "status": obj.get("x_cidb_status") or status,
            "confidence": confidence,
            "sector": obj.get("x_cidb_sector") or data.get("victim_sector") or "",
            "country": country,
            "region": obj.get("x_cidb_region") or "",
            "city": obj.get("x_cidb_city") or "",
            "date": obj.get("x_cidb_date")
            or _date(obj.get("first_seen"))
            or _date(obj.get("created")),
            "discovered": obj.get("x_cidb_discovered"),
            "disclosed": obj.get("x_cidb_disclosed"),
            "summary": obj.get("x_cidb_summary") or _summary(obj),
            "description": obj.get("x_cidb_description", obj.get("description") or ""),
            "attack_types": attack_types,
            "cia": obj.get("x_cidb_cia") or [],
            "motives": obj.get("x_cidb_motives") or [],
            "techniques": sorted(set(techniques)),
            "technique_evidence": evidence,
            "actors": sorted(actors, key=lambda a: a["name"]),
            "sources": [sources[url] for url in sorted(sources)],
            "conflicts": obj.get("x_cidb_conflicts") or [],
        }
    )
    if obj.get("x_cidb_victim_label"):
        data["victim_label"] = obj["x_cidb_victim_label"]
    return data


def actor(obj: dict[str, Any]) -> dict[str, Any]:
    actor_type = obj.get("x_cidb_actor_type")
    if actor_type not in vocab.ACTOR_TYPES:
        types = [ACTOR_TYPE_FROM_STIX.get(t) for t in obj.get("threat_actor_types") or []]
        actor_type = next((t for t in types if t), "unknown")
    return {
        "name": obj["name"],
        "aliases": [a for a in obj.get("aliases") or [] if a != obj["name"]],
        "type": actor_type,
        "country": _country(obj.get("x_cidb_country")),
        "attack_id": _attack_id(obj, "G") if obj["type"] == "intrusion-set" else None,
    }
