"""Conflicts that matter, between sentences about this incident only: people (same
role with different names, same name with different roles) and numbers (records,
ransom amount, days down). Each conflict lists both values with their sources, in
the draft's ``conflicts`` shape: {"field", "values": [{"value", "sources"}]}.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ...tagging.glossary import fold
from .numbers import format_quantity

# Roles held by one person at a time in an organisation, across languages (folded):
# two different names for one of these in one incident is worth an editor's look.
SINGLE_ROLES: dict[str, str] = {
    "mayor": r"mayor|ordforande|ordforer|borgmester|burgermeister|oberburgermeister|burgemeester|maire|"
    r"alcalde|alcaldesa|sindaco|pormestari|burmistrz|prefeito|presidente da camara|starosta|linnapea|mers|primar",
    "chief executive": r"ceo|chief executive|vd\b|verkstallande direktor|administrerende direktor|adm\. direktor|"
    r"geschaftsfuhrer|vorstandsvorsitzende|toimitusjohtaja|directeur general|director general|"
    r"consejero delegado|amministratore delegato|prezes|generaldirektor|generaldirektor",
    "municipal director": r"kommundirektor|kommunchef|radmann|kommunaldirektor|stadsdirektor|"
    r"landrat|landratin|directeur general des services|kunnanjohtaja|kaupunginjohtaja",
    "spokesperson": r"spokes(?:person|man|woman)|pressetalsmann|pressesprecher|sprecher|sprecherin|"
    r"talsperson|presstalesman|woordvoerder|porte-parole|portavoz|portavoce|tiedottaja|rzecznik",
    "head of IT": r"it-chef|it chef|it-direktor|it-leiter|it-leiterin|cio\b|ciso\b|head of it|"
    r"it-sjef|it-chef|tietohallintojohtaja|dsi\b|responsable informatique",
}
_ROLE_RX = {k: re.compile(rf"(?<!\w)(?:{v})") for k, v in SINGLE_ROLES.items()}


def role_key(role: str) -> str | None:
    """Language-independent key of a role ("Bürgermeisterin" -> "mayor"), or None."""
    f = fold(role)
    for key, rx in _ROLE_RX.items():
        if rx.search(f):
            return key
    return None


def _surname(name: str) -> str:
    return fold(name.split()[-1]) if name.split() else ""


def person_conflicts(mentions: list[dict]) -> list[dict]:
    """``mentions``: [{"name", "role", "source"}] from usable sentences only.

    Flags (1) one surname with different first names ("Anna Berg" / "Anne Berg"), (2) one
    name with different roles, (3) one single-holder role with different names, when
    the differing mentions come from different sources.
    """
    by_name: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    roles_of: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    by_role: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        name, src = m["name"].strip(), m.get("source") or ""
        by_name[_surname(name)][name].add(src)
        key = role_key(m.get("role") or "")
        if key:
            roles_of[name][key].add(src)
            by_role[key][name].add(src)
    out: list[dict] = []
    seen: set[frozenset[str]] = set()

    def add(values: dict[str, set[str]], label: str | None = None) -> None:
        srcs = [s for v in values.values() for s in v]
        if len(values) < 2 or len(set(srcs)) < 2:
            return
        key = frozenset(values)
        if key in seen:
            return
        seen.add(key)
        out.append(
            {
                "field": "person",
                "values": [
                    {"value": f"{v} ({label})" if label else v, "sources": sorted(s)}
                    for v, s in sorted(values.items())
                ],
            }
        )

    for forms in by_name.values():
        if len(forms) > 1 and len({fold(n) for n in forms}) > 1:
            add(forms)
    for name, roles in roles_of.items():
        if len(roles) > 1:
            add({f"{name} as {r}": s for r, s in roles.items()})
    for role, names in by_role.items():
        # the same person written two ways is already flagged above
        if len({_surname(n) for n in names}) > 1:
            add(names, role)
    return out


# number slots whose disagreement is a conflict, with the English name of the field
NUMBER_CONFLICT_SLOTS = (
    "data_subjects",
    "ransom_amount",
    "outage_duration",
    "affected",
    "data_volume",
)


def number_conflicts(groups_by_slot: dict[str, dict[str, list[dict]]]) -> list[dict]:
    """``groups_by_slot``: slot -> unit -> clusters from ``frame.number_groups``; a
    conflict where two precise figures of one unit come from different sources."""
    out = []
    for slot in NUMBER_CONFLICT_SLOTS:
        for unit, groups in (groups_by_slot.get(slot) or {}).items():
            precise = [g for g in groups if g["value"] is not None]
            if len(precise) < 2:
                continue
            all_sources = {s for g in precise for s in g["sources"]}
            if len(all_sources) < 2:
                continue
            out.append(
                {
                    "field": f"number:{slot}",
                    "values": [
                        {
                            "value": format_quantity(g["value"], unit),
                            "sources": sorted(g["sources"]),
                        }
                        for g in precise[:4]
                    ],
                }
            )
    return out


def people_mentions(analyses: list[Any], usable_text: dict[int, str]) -> list[dict]:
    """People named in each article's usable sentences: [{"name", "role", "source"}].
    ``usable_text``: id(analysis) -> its usable sentences joined."""
    out = []
    for a in analyses:
        text = usable_text.get(id(a), "")
        for p in a.entities.people:
            if p.get("name") and p["name"] in text:
                out.append({"name": p["name"], "role": p.get("role") or "", "source": a.url})
    return out
