"""MISP: one event per incident, in the shape of MISP's restSearch output
({"response": [{"Event": ...}, ...]}), importable with MISP's "Import from JSON".

ATT&CK techniques are `mitre-attack-pattern` galaxy clusters and threat actors
`threat-actor` clusters; motives, attack types and the victim are VERIS tags
(`veris:actor:motive="Financial"`, `veris:action:malware:variety="Ransomware"`, ...)
plus `cidb:` tags for what VERIS does not name.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet

from cidb.incidents.models import Incident, country_name

from . import records
from .stix import NAMESPACE, uuid5

MEDIA_TYPE = "application/json"
EXTENSION = "misp.json"
ORG = {"name": "cidb", "uuid": str(uuid.uuid5(NAMESPACE, "producer|cidb"))}
ATTACK_GALAXY = "c4e851fa-775f-11e7-8163-b774922098cd"
ACTOR_GALAXY = "698774c7-8022-42c4-917f-8d6e4f06ada3"
ATTACK_TYPE_TAGS = {
    "ransomware": 'veris:action:malware:variety="Ransomware"',
    "ddos": 'veris:action:hacking:variety="DoS"',
    "data_breach": 'veris:attribute:confidentiality:data_disclosure="Yes"',
    "intrusion": 'veris:action:hacking:variety="Unknown"',
    "account_compromise": 'veris:action:hacking:variety="Use of stolen creds"',
    "phishing": 'veris:action:social:variety="Phishing"',
    "defacement": 'veris:attribute:integrity:variety="Defacement"',
    "supply_chain": 'veris:action:hacking:vector="Partner"',
    "wiper": 'veris:action:malware:variety="Destroy data"',
    "extortion": 'veris:action:social:variety="Extortion"',
    "espionage": 'veris:action:malware:variety="Capture stored data"',
    "other": 'veris:action:unknown="Unknown"',
}
CIA_TAGS = {
    "C": 'veris:attribute:confidentiality="Affected"',
    "I": 'veris:attribute:integrity="Affected"',
    "A": 'veris:attribute:availability="Affected"',
}


def _uuid(*key: str) -> str:
    return uuid5("|".join(["misp", *key]))


def _attribute(kind: str, category: str, value: str, comment: str = "") -> dict[str, Any]:
    return {
        "uuid": _uuid("attribute", kind, value),
        "type": kind,
        "category": category,
        "value": value,
        "comment": comment,
        "to_ids": False,
        "distribution": "5",
    }


def event(incident: Incident | records.IncidentRow) -> dict[str, Any]:
    incident = records.row_of(incident, member=True)
    data = records.incident_dict(incident, member=True)
    tags = [f'cidb:attack-type="{slug}"' for slug in data["attack_types"]]
    tags += [ATTACK_TYPE_TAGS[slug] for slug in data["attack_types"] if slug in ATTACK_TYPE_TAGS]
    tags += [f'veris:actor:motive="{motive}"' for motive in data["motives"]]
    tags += [CIA_TAGS[letter] for letter in data["cia"]]
    if data["country"]:
        tags.append(f'veris:victim:country="{data["country"]}"')
    if data["sector"]:
        tags.append(f'cidb:sector="{data["sector"]}"')
    tags.append("tlp:clear")
    techniques = incident.techniques
    attack_clusters = [
        {
            "type": "mitre-attack-pattern",
            "value": f"{t.name} - {t.attack_id}",
            "tag_name": f'misp-galaxy:mitre-attack-pattern="{t.name} - {t.attack_id}"',
            "meta": {"external_id": [t.attack_id], "refs": [t.url] if t.url else []},
        }
        for t in techniques
    ]
    actor_clusters = [
        {
            "type": "threat-actor",
            "value": actor["name"],
            "tag_name": f'misp-galaxy:threat-actor="{actor["name"]}"',
            "meta": {"synonyms": actor["aliases"], "country": [actor["country"]]}
            if actor["country"]
            else {"synonyms": actor["aliases"]},
        }
        for actor in data["actors"]
    ]
    galaxies = []
    if attack_clusters:
        galaxies.append(
            {
                "uuid": ATTACK_GALAXY,
                "name": "Attack Pattern",
                "type": "mitre-attack-pattern",
                "GalaxyCluster": attack_clusters,
            }  # fmt: skip
        )
    if actor_clusters:
        galaxies.append(
            {
                "uuid": ACTOR_GALAXY,
                "name": "Threat Actor",
                "type": "threat-actor",
                "GalaxyCluster": actor_clusters,
            }  # fmt: skip
        )
    attributes = [_attribute("link", "External analysis", data["url"], "cidb record")]
    if incident.victim_name:
        attributes.append(_attribute("target-org", "Targeting data", incident.victim_name))
    if data["country"]:
        attributes.append(
            _attribute("target-location", "Targeting data", country_name(data["country"]))
        )
    for source in data["sources"]:
        attributes.append(
            _attribute("link", "External analysis", source["url"], source["title"] or "")
        )
    if data["description"]:
        attributes.append(_attribute("text", "Other", data["description"], "description"))
    return {
        "Event": {
            "uuid": data["id"],
            "info": f"{incident.victim_name}: {data['summary']}"[:255],
            "date": incident.date.isoformat(),
            "threat_level_id": "4",
            "analysis": "2" if data["status"] == "published" else "0",
            "distribution": "3",
            "published": False,
            "timestamp": str(int(incident.updated.timestamp())),
            "Orgc": ORG,
            "Tag": [{"name": name} for name in tags],
            "Galaxy": galaxies,
            "Attribute": attributes,
        }
    }


def write(
    queryset: QuerySet,
    chunk_size: int = records.CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    yield '{"response": ['
    first = True
    for chunk in records.rows(queryset, member=True, chunk_size=chunk_size, progress=progress):
        for row in chunk:
            yield ("\n" if first else ",\n") + records.JSON.encode(event(row))
            first = False
    yield "\n]}\n"
