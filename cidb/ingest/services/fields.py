"""The reviewable fields of an ingested incident, in one place: how each is read
(`current_values` shape), written (from that shape), typed by an editor (parsed from
text) and which incident columns it covers (to tell what an editor's edit touched).

An editor's edit, acceptance or correction of a field is recorded on the incident's
cluster (`IncidentCluster.editor_fields`); ingestion never overwrites such a field of
a draft again and offers what it reads as a suggestion instead."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from cidb.incidents import vocab
from cidb.incidents.models import AttackType, Incident, Motive, Technique, parse_iso_date

from ..models import REVIEW_FIELDS as REVIEW_FIELDS  # re-exported: the fields' one home

TEXT_FIELDS = ("summary", "description")
LIST_FIELDS = ("attack_types", "motives", "techniques", "actors")

# incident columns (incident_services.snapshot keys) → review field
COLUMNS: dict[str, str] = {
    "victim_id": "victim",
    "victim_label": "victim",
    "date": "date",
    "date_precision": "date",
    "country": "country",
    "summary": "summary",
    "description": "description",
    "confidentiality": "cia",
    "integrity": "cia",
    "availability": "cia",
    "attack_types": "attack_types",
    "motives": "motives",
    "techniques": "techniques",
    "actors": "actors",
}


def fields_of_changes(changes: dict) -> set[str]:
    """The review fields a change-log diff touched."""
    return {COLUMNS[k] for k in changes if k in COLUMNS}


def mark(cluster: Any, fields: set[str] | list[str], user, action: str) -> None:
    """Record that an editor decided these fields (the caller saves the cluster)."""
    if not fields:
        return
    name = getattr(user, "username", "") if user is not None else ""
    stamp = timezone.now().isoformat(timespec="seconds")
    marks = dict(cluster.editor_fields or {})
    for field in sorted(fields):
        marks[field] = {"action": action, "by": name, "at": stamp}
    cluster.editor_fields = marks


# --- text an editor types ----------------------------------------------------------------


def display(name: str, value: Any) -> str:
    """A current value as the text of its form field (what `parse` reads back)."""
    if name == "cia":
        return "".join(
            letter for f, letter in vocab.CIA_FIELDS.items() if value.get(f) == "affected"
        )
    if name in LIST_FIELDS:
        return ", ".join(value or [])
    return str(value or "")


def _items(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"[,;\n]", text) if x.strip()]


def parse(name: str, text: str) -> Any:
    """An editor's text for a field in the `current_values` shape; ValueError says why not."""
    text = (text or "").strip()
    if name == "victim":
        if not text:
            raise ValueError("name the victim")
        return text[:300]
    if name == "country":
        code = text.upper()
        if code and not vocab_country(code):
            raise ValueError(f"{text!r} is not an ISO 3166-1 alpha-2 country code")
        return code
    if name == "date":
        value, _ = parse_iso_date(text)
        if value > dt.date.today():
            raise ValueError("the incident date cannot be in the future")
        return text
    if name == "cia":
        letters = set(re.sub(r"[^A-Za-z]", "", text).upper())
        if letters - set("CIA"):
            raise ValueError("use the letters C, I and A")
        return {
            f: "affected" if letter in letters else "unknown"
            for f, letter in vocab.CIA_FIELDS.items()
        }
    if name == "attack_types":
        return _known(_items(text), vocab.ATTACK_TYPES, "attack type")
    if name == "motives":
        return _known(_items(text), vocab.MOTIVES, "motive")
    if name == "techniques":
        ids = sorted({x.upper() for x in _items(text)})
        known = set(Technique.objects.filter(attack_id__in=ids).values_list("attack_id", flat=True))
        unknown = [x for x in ids if x not in known]
        if unknown:
            raise ValueError(f"unknown ATT&CK technique {unknown[0]!r}")
        return ids
    if name == "actors":
        return sorted(set(_items(text)))
    if name == "summary":
        if not text:
            raise ValueError("a summary cannot be empty")
        return text
    if name == "description":
        return text
    raise ValueError(f"{name!r} is not a reviewable field")


def vocab_country(code: str) -> bool:
    from .drafts import _country

    return bool(_country(code))


def _known(values: list[str], vocabulary: dict[str, str], what: str) -> list[str]:
    by_name = {label.lower(): slug for slug, label in vocabulary.items()}
    out = []
    for value in values:
        slug = value if value in vocabulary else by_name.get(value.lower())
        if slug is None:
            raise ValueError(f"unknown {what} {value!r}")
        out.append(slug)
    return sorted(set(out))


# --- writing a field -----------------------------------------------------------------------


def write(incident: Incident, name: str, value: Any) -> None:
    """Write one field from the `current_values` shape (the caller saves the incident
    and records the change)."""
    from .drafts import _actors, _country, _organization

    if name == "victim":
        incident.victim = _organization(value, [], incident.country)
    elif name == "country":
        incident.country = _country(value)
    elif name == "date":
        incident.date, incident.date_precision = parse_iso_date(value)
    elif name == "cia":
        for k, v in value.items():
            if k in vocab.CIA_FIELDS:
                setattr(incident, k, v)
    elif name in TEXT_FIELDS:
        setattr(incident, name, value)
    elif name == "conflicts":
        incident.conflicts = value
    elif name == "attack_types":
        incident.attack_types.set(AttackType.objects.filter(slug__in=value))
    elif name == "motives":
        incident.motives.set(Motive.objects.filter(slug__in=value))
    elif name == "techniques":
        incident.techniques.set(Technique.objects.filter(attack_id__in=value))
    elif name == "actors":
        incident.actors.set(_actors({"actors": [{"name": n} for n in value]}))
    else:
        raise ValueError(f"{name!r} is not a reviewable field")
