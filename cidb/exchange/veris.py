"""VERIS 1.3/1.4 incidents (e.g. VCDB) → cidb JSON.

What maps: victim (victim_id, country, NAICS industry → sector, government level),
timeline.incident → date and precision, actor varieties and motives (named
external actors become threat actors), actions and attributes → attack types, the
CIA attributes present → affected, summary, reference URLs → sources, incident_id.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from cidb.incidents import vocab

from .problems import Problem

ACTOR_TYPES = {
    "Nation-state": "nation_state",
    "State-affiliated": "state_affiliated",
    "Organized crime": "organized_crime",
    "Activist": "hacktivist",
    "Terrorist": "hacktivist",
    "Unaffiliated": "individual",
    "Former employee": "insider",
}
CONFIDENCE = {"Confirmed": "confirmed", "Suspected": "suspected"}
URL = re.compile(r"https?://[^\s;,]+")
# NAICS prefixes, longest first wins.
NAICS = [
    ("928", "defence"), ("92", "government"), ("62", "healthcare"), ("61", "education"),
    ("52", "finance"), ("22", "energy"), ("211", "energy"), ("48", "transport"),
    ("49", "transport"), ("517", "telecom"), ("5112", "it_services"), ("5182", "it_services"),
    ("518", "it_services"), ("519", "it_services"), ("5415", "it_services"), ("51", "media"),
    ("71", "media"), ("31", "manufacturing"), ("32", "manufacturing"), ("33", "manufacturing"),
    ("44", "retail"), ("45", "retail"), ("72", "hospitality"), ("813", "civil_society"),
]  # fmt: skip


def sector(industry: str, government: list[str]) -> str:
    industry = str(industry or "")
    found = "other"
    best = 0
    for prefix, name in NAICS:
        if industry.startswith(prefix) and len(prefix) > best:
            found, best = name, len(prefix)
    if found == "government" and "Local" in (government or []):
        return "local_government"
    return found


def _varieties(section: Any) -> list[str]:
    if not isinstance(section, dict):
        return []
    return _strings(section.get("variety"))


def _strings(value: Any) -> list[str]:
    """The text entries of a VERIS list (a lone string counts as a list of one)."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _shape(record: dict[str, Any], where: str) -> list[Problem]:
    """VERIS sections and values of the wrong JSON type (the schema's, not guessed)."""
    problems = []
    for key in ("action", "attribute", "actor", "victim", "timeline", "discovery_method", "impact"):  # fmt: skip
        value = record.get(key)
        if value is not None and not isinstance(value, dict):
            problems.append(Problem(f"{where}.{key}", f"must be an object, not {_kind(value)}"))
    for key in ("summary", "notes", "reference", "incident_id", "security_incident"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(f"{where}.{key}", f"must be text, not {_kind(value)}"))
    for section_name in ("action", "actor"):
        section = record.get(section_name)
        if not isinstance(section, dict):
            continue
        for kind, part in section.items():
            if not isinstance(part, dict):
                problems.append(Problem(f"{where}.{section_name}.{kind}", f"must be an object, not {_kind(part)}"))  # fmt: skip
                continue
            for key in ("variety", "vector", "motive", "name", "country"):
                value = part.get(key)
                if value is not None and not isinstance(value, list | str):
                    problems.append(Problem(f"{where}.{section_name}.{kind}.{key}", f"must be an array of text, not {_kind(value)}"))  # fmt: skip
    victim = record.get("victim")
    if isinstance(victim, dict):
        for key in ("country", "government"):
            value = victim.get(key)
            if value is not None and not isinstance(value, list | str):
                problems.append(Problem(f"{where}.victim.{key}", f"must be an array of text, not {_kind(value)}"))  # fmt: skip
        for key in ("victim_id", "industry"):
            value = victim.get(key)
            if value is not None and not isinstance(value, str | int):
                problems.append(Problem(f"{where}.victim.{key}", f"must be text, not {_kind(value)}"))  # fmt: skip
    return problems


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "text", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def attack_types(record: dict[str, Any]) -> list[str]:
    action = record.get("action") or {}
    attribute = record.get("attribute") or {}
    found: set[str] = set()
    malware = _varieties(action.get("malware"))
    hacking = _varieties(action.get("hacking"))
    social = _varieties(action.get("social"))
    if "Ransomware" in malware:
        found.add("ransomware")
    if "Destroy data" in malware:
        found.add("wiper")
    if any(v.startswith("DoS") for v in hacking + malware):
        found.add("ddos")
    if "Phishing" in social:
        found.add("phishing")
    if "Extortion" in social:
        found.add("extortion")
    if {"Use of stolen creds", "Brute force", "Use of backdoor or C2"} & set(hacking):
        found.add("account_compromise")
    if [v for v in hacking if not v.startswith("DoS")] or (
        malware and not {"ransomware", "wiper"} & found
    ):
        found.add("intrusion")
    vectors = []
    for name in ("hacking", "malware"):
        section = action.get(name)
        if isinstance(section, dict):
            vectors += _strings(section.get("vector"))
    if {"Partner", "Software update"} & set(vectors):
        found.add("supply_chain")
    integrity = attribute.get("integrity") if isinstance(attribute, dict) else None
    if "Defacement" in _varieties(integrity):
        found.add("defacement")
    confidentiality = attribute.get("confidentiality") if isinstance(attribute, dict) else None
    if isinstance(confidentiality, dict) and confidentiality.get("data_disclosure") in (
        "Yes",
        "Potentially",
    ):
        found.add("data_breach")
    if not found:
        found.add("other")
    return sorted(found)


def to_json(record: Any, where: str, *, status: str = "draft") -> tuple[dict | None, list[Problem]]:
    """One VERIS record as cidb JSON, or the problems that stop it."""
    if not isinstance(record, dict):
        return None, [Problem(where, "a VERIS incident must be a JSON object")]
    problems: list[Problem] = _shape(record, where)
    if problems:
        return None, problems
    timeline = record.get("timeline")
    incident_time = timeline.get("incident") if isinstance(timeline, dict) else None
    if not isinstance(incident_time, dict):
        return None, [Problem(f"{where}.timeline.incident", "missing (the incident date)")]
    year, month, day = (incident_time.get(k) for k in ("year", "month", "day"))
    # true/false are ints to Python, not years
    year, month, day = (None if isinstance(v, bool) else v for v in (year, month, day))
    date = None
    if not isinstance(year, int) or not 1970 <= year <= 2100:
        problems.append(Problem(f"{where}.timeline.incident.year", f"not a year: {year!r}"))
    elif month is None:
        date = f"{year:04d}"
    elif not isinstance(month, int) or not 1 <= month <= 12:
        problems.append(Problem(f"{where}.timeline.incident.month", f"not a month: {month!r}"))
    elif day is None:
        date = f"{year:04d}-{month:02d}"
    elif not isinstance(day, int) or not 1 <= day <= 31:
        problems.append(Problem(f"{where}.timeline.incident.day", f"not a day: {day!r}"))
    else:
        date = f"{year:04d}-{month:02d}-{day:02d}"
    victim = record.get("victim") or {}
    if not isinstance(victim, dict):
        problems.append(Problem(f"{where}.victim", "must be an object"))
        victim = {}
    countries = _strings(victim.get("country"))
    country = next((c for c in countries if len(c) == 2 and c != "Unknown"), "")
    actors_section = record.get("actor") or {}
    if not isinstance(actors_section, dict):
        problems.append(Problem(f"{where}.actor", "must be an object"))
        actors_section = {}
    motives: set[str] = set()
    actors = []
    for kind, section in actors_section.items():
        if not isinstance(section, dict):
            problems.append(Problem(f"{where}.actor.{kind}", "must be an object"))
            continue
        motives |= {m for m in _strings(section.get("motive")) if m in vocab.MOTIVES}
        varieties = _strings(section.get("variety"))
        kind_type = "insider" if kind == "internal" else "unknown"
        actor_type = next((ACTOR_TYPES[v] for v in varieties if v in ACTOR_TYPES), kind_type)
        for name in _strings(section.get("name")):
            if name.strip():
                actors.append({"name": name.strip(), "type": actor_type, "country": ""})
    attribute = record.get("attribute") or {}
    cia = [letter for name, letter in vocab.CIA_FIELDS.items() if name in attribute]
    summary = (record.get("summary") or "").strip()
    incident_id = str(record.get("incident_id") or "")
    try:
        key = str(uuid.UUID(incident_id))
    except ValueError:
        key = None
    if not summary:
        summary = f"VERIS incident {incident_id or '(no id)'}"
    if problems:
        return None, problems
    name = victim.get("victim_id")
    industry_sector = sector(victim.get("industry"), _strings(victim.get("government")))
    data = {
        "id": key,
        "status": status,
        "confidence": CONFIDENCE.get(record.get("security_incident"), "claimed"),
        "victim": name.strip() if isinstance(name, str) and name.strip() else None,
        "victim_sector": industry_sector,
        "victim_country": country,
        "sector": industry_sector,
        "country": country,
        "date": date,
        "summary": summary,
        "description": (record.get("notes") or "").strip(),
        "attack_types": attack_types(record),
        "cia": cia,
        "motives": sorted(motives),
        "actors": actors,
        "sources": [
            {"url": url} for url in dict.fromkeys(URL.findall(record.get("reference") or ""))
        ],
    }
    return data, []


def looks_like(data: Any) -> bool:
    sample = data[0] if isinstance(data, list) and data else data
    return isinstance(sample, dict) and "timeline" in sample and "action" in sample
