"""Draft dicts in the shape `build_draft` returns (the NLP contract), built by hand so
that the database side is tested without the NLP."""

from __future__ import annotations

import copy
from types import SimpleNamespace

SV = "https://nyheter.example.se/2024/ostervik-attack"
EN = "https://news.example.com/world/ostervik-ransomware"

DRAFT = {
    "victim": "Östervik kommun",
    "victim_aliases": ["Östervik municipality"],
    "country": "SE",
    "date": "2024-03-05",
    "attack_types": ["ransomware"],
    "cia": ["A"],
    "motives": ["financial"],
    "techniques": ["T1486"],
    "technique_evidence": {
        "T1486": [
            {
                "sentence": "Angriparna krypterade kommunens servrar.",
                "source": SV,
                "language": "sv",
            }
        ]
    },
    "actors": [],
    "people": [],
    "sources": [
        {"url": SV, "title": "Attack mot Östervik", "language": "sv", "published": "2024-03-06"},
    ],
    "conflicts": [
        {
            "field": "date",
            "values": [
                {"value": "2024-03-05", "sources": [SV]},
                {"value": "2024-03-04", "sources": [EN]},
            ],
        }
    ],
    "provenance": {
        "victim": [{"source": SV, "sentence": "Östervik kommun utsattes för en attack."}],
        "date": [{"source": SV, "sentence": "Natten mot tisdagen den 5 mars 2024."}],
        "attack_types:ransomware": [{"source": SV, "sentence": "ransomware-attack"}],
    },
    "timeline": [],
    "field_confidence": {"victim": "high", "date": "low", "country": "medium"},
    "review_flags": ["language_unreadable:ko"],
    "language_note": "One source in Korean could not be read fully.",
    "negative_facts": [],
    "summary": "Östervik kommun in Sweden was hit by ransomware on 5 March 2024.",
    "description": "The attackers encrypted the municipality's servers.",
}


def draft(**changes) -> dict:
    data = copy.deepcopy(DRAFT)
    data.update(changes)
    return data


def members(*published: str) -> list:
    """Stand-ins for the analyses `apply_draft` reads the publication dates of."""
    return [SimpleNamespace(published=p) for p in published or ("2024-03-06",)]
