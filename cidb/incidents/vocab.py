"""Controlled vocabularies shared by models, filters, importers and the pipeline.

Pure Python (no ORM) so parsing and NLP code can use them too.
"""

from __future__ import annotations

ATTACK_TYPES: dict[str, str] = {
    "ransomware": "Ransomware",
    "ddos": "DDoS",
    "data_breach": "Data breach",
    "intrusion": "Intrusion",
    "account_compromise": "Account compromise",
    "phishing": "Phishing",
    "defacement": "Defacement",
    "supply_chain": "Supply chain",
    "wiper": "Wiper",
    "extortion": "Extortion",
    "espionage": "Espionage",
    "other": "Other",
}
# One colour per attack type: charts, the map's legend and the generated incident cards.
ATTACK_COLORS = {
    "ransomware": "#c4384a",
    "ddos": "#3a78b5",
    "data_breach": "#e8871e",
    "intrusion": "#7b5aa6",
    "account_compromise": "#8c6a4f",
    "phishing": "#d66fb0",
    "defacement": "#a3a32a",
    "supply_chain": "#2aa3b5",
    "wiper": "#4d4d4d",
    "extortion": "#2f3e8f",
    "espionage": "#3f9a4b",
    "other": "#b4b9c0",
}

# VERIS actor.*.motive vocabulary (NA and Secondary left out: they describe no motive).
MOTIVES: dict[str, str] = {
    "Financial": "Financial",
    "Espionage": "Espionage",
    "Ideology": "Ideology",
    "Grudge": "Grudge",
    "Fun": "Fun",
    "Fear": "Fear",
    "Convenience": "Convenience",
    "Other": "Other",
    "Unknown": "Unknown",
}

SECTORS: dict[str, str] = {
    "government": "National government",
    "local_government": "Local and regional government",
    "healthcare": "Healthcare",
    "education": "Education and research",
    "finance": "Finance and insurance",
    "energy": "Energy and utilities",
    "transport": "Transport and logistics",
    "telecom": "Telecommunications",
    "it_services": "IT services and software",
    "manufacturing": "Manufacturing",
    "retail": "Retail and consumer",
    "hospitality": "Hospitality and travel",
    "media": "Media and entertainment",
    "defence": "Defence",
    "politics": "Politics and elections",
    "civil_society": "Civil society and religion",
    "other": "Other",
}

ACTOR_TYPES: dict[str, str] = {
    "nation_state": "Nation-state",
    "state_affiliated": "State-affiliated",
    "organized_crime": "Organized crime",
    "hacktivist": "Hacktivist",
    "insider": "Insider",
    "individual": "Individual",
    "unknown": "Unknown",
}

CIA_VALUES: dict[str, str] = {
    "affected": "Affected",
    "not_affected": "Not affected",
    "unknown": "Unknown",
}
CIA_FIELDS: dict[str, str] = {
    "confidentiality": "C",
    "integrity": "I",
    "availability": "A",
}

STATUSES: dict[str, str] = {
    "draft": "Draft",
    "in_review": "In review",
    "published": "Published",
    "retracted": "Retracted",
}

CONFIDENCES: dict[str, str] = {
    "confirmed": "Confirmed",
    "claimed": "Claimed",
    "suspected": "Suspected",
    # a machine-written draft nobody has reviewed yet; publishing makes it "confirmed"
    # unless the editor chose another confidence (Incident.save)
    "unreviewed": "Unreviewed (machine-drafted)",
}

DATE_PRECISIONS: dict[str, str] = {"day": "Day", "month": "Month", "year": "Year"}

# ATT&CK Enterprise tactics in kill-chain order (columns of a matrix).
TACTICS: dict[str, str] = {
    "reconnaissance": "Reconnaissance",
    "resource-development": "Resource Development",
    "initial-access": "Initial Access",
    "execution": "Execution",
    "persistence": "Persistence",
    "privilege-escalation": "Privilege Escalation",
    "defense-evasion": "Defense Evasion",
    "credential-access": "Credential Access",
    "discovery": "Discovery",
    "lateral-movement": "Lateral Movement",
    "collection": "Collection",
    "command-and-control": "Command and Control",
    "exfiltration": "Exfiltration",
    "impact": "Impact",
}


def choices(vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    return list(vocabulary.items())
