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
    return [str(v) for v in section.get("variety") or [] if isinstance(v, str)]


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
            vectors += section.get("vector") or []
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
    problems: list[Problem] = []
    if not isinstance(record, dict):
        return None, [Problem(where, "a VERIS incident must be a JSON object")]
    timeline = record.get("timeline")
    incident_time = timeline.get("incident") if isinstance(timeline, dict) else None
    if not isinstance(incident_time, dict):
        return None, [Problem(f"{where}.timeline.incident", "missing (the incident date)")]
    year, month, day = (incident_time.get(k) for k in ("year", "month", "day"))
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
    countries = victim.get("country") or []
    if isinstance(countries, str):
        countries = [countries]
    country = next((c for c in countries if isinstance(c, str) and len(c) == 2), "")
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
        motives |= {m for m in section.get("motive") or [] if m in vocab.MOTIVES}
        varieties = [v for v in section.get("variety") or [] if isinstance(v, str)]
        kind_type = "insider" if kind == "internal" else "unknown"
        actor_type = next((ACTOR_TYPES[v] for v in varieties if v in ACTOR_TYPES), kind_type)
        for name in section.get("name") or []:
            if isinstance(name, str) and name.strip():
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
    industry_sector = sector(victim.get("industry"), victim.get("government") or [])
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
