"""Attack types, CIA, motives and ATT&CK techniques by multilingual cues (relevance:
``relevance.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cidb.incidents import vocab

from .lexicon import (
    ATTACK_TYPE_CUES,
    AUX_CUES,
    CIA_CUES,
    TECHNIQUE_CUES,
    find_cues,
)

# The shared vocabularies (pure Python, no ORM).
ATTACK_TYPES = tuple(vocab.ATTACK_TYPES)
MOTIVES = tuple(vocab.MOTIVES)

# How many cue hits a type needs (weak types need corroboration).
_MIN_HITS = {"intrusion": 1, "data_breach": 1, "extortion": 1, "supply_chain": 1, "espionage": 1}


@dataclass
class Classification:
    attack_types: list[str]
    cia: list[str]
    motives: list[str]
    techniques: list[str]
    evidence: dict[str, list[str]] = field(default_factory=dict)  # label -> matched snippets

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def _snips(text: str, cues: list[str], limit: int = 3) -> list[str]:
    return [m.group(0) for m in find_cues(text, cues)[:limit]]


def cue_counts(text: str) -> dict[str, int]:
    """Cue hits per attack type and CIA letter (used by article and group classifiers)."""
    counts = {t: len(find_cues(text, cues)) for t, cues in ATTACK_TYPE_CUES.items()}
    counts |= {f"cia_{k}": len(find_cues(text, cues)) for k, cues in CIA_CUES.items()}
    counts |= {f"tech_{k}": len(find_cues(text, cues)) for k, cues in TECHNIQUE_CUES.items()}
    counts |= {f"aux_{k}": len(find_cues(text, cues)) for k, cues in AUX_CUES.items()}
    return counts


def classify_counts(
    counts: dict[str, float], actors: list[dict], n_articles: int = 1
) -> Classification:
    """Labels from (possibly summed) cue counts; ``n_articles`` scales the thresholds."""
    need = max(1.0, n_articles * 0.34)
    types: list[str] = []
    ransomware_actor = any(a.get("type") in ("ransomware", "extortion") for a in actors)
    hacktivist = any(a.get("type") == "hacktivist" for a in actors)
    state = any(a.get("type") == "state" for a in actors)
    # "ransomware" is a specific word: one mention per four sources is enough; systems or
    # data encrypted by the attackers is ransomware even when the word is not used
    # ("kryptert alle datasystemer", "Daten verschlüsselt")
    if (
        counts.get("ransomware", 0) >= max(1.0, n_articles * 0.25)
        or ransomware_actor
        or counts.get("aux_encrypt", 0) >= need
    ):
        types.append("ransomware")
    if counts.get("ddos", 0) >= need or hacktivist and counts.get("ransomware", 0) == 0:
        types.append("ddos")
    if counts.get("data_breach", 0) >= need * 1.5:
        types.append("data_breach")
    if counts.get("account_compromise", 0) >= need:
        types.append("account_compromise")
    if counts.get("phishing", 0) >= need:
        types.append("phishing")
    if counts.get("defacement", 0) >= need:
        types.append("defacement")
    if counts.get("supply_chain", 0) >= need * 1.5:
        types.append("supply_chain")
    if counts.get("wiper", 0) >= need:
        types.append("wiper")
    if counts.get("extortion", 0) >= need:
        types.append("extortion")
    if counts.get("espionage", 0) >= need or state:
        types.append("espionage")
    # intrusion: a break-in with no more specific label
    if (
        not ({"ransomware", "ddos", "phishing", "defacement"} & set(types))
        and counts.get("intrusion", 0) >= need
    ):
        types.insert(0, "intrusion")
    if not types:
        types = ["other"]

    cia: list[str] = []
    if "data_breach" in types or counts.get("cia_C", 0) >= need * 3 and "ddos" not in types:
        cia.append("C")
    if (
        "ransomware" in types
        or "wiper" in types
        or counts.get("cia_I", 0) >= need * 2
        and "ddos" not in types
    ):
        cia.append("I")
    if "ddos" in types or counts.get("cia_A", 0) >= need * 1.5:
        cia.append("A")

    motives: list[str]
    if "espionage" in types:
        motives = ["Espionage"]
    elif hacktivist or "ddos" in types or "defacement" in types:
        motives = ["Ideology"]
    elif {"ransomware", "extortion", "phishing"} & set(types):
        motives = ["Financial"]
    else:
        motives = ["Unknown"]

    techniques: list[str] = []
    if "ransomware" in types or counts.get("tech_T1486", 0) >= need * 2:
        techniques.append("T1486")
    if "ddos" in types:
        techniques.append("T1498")
    for tid in ("T1566", "T1657", "T1491", "T1485", "T1114", "T1567", "T1195"):
        if counts.get(f"tech_{tid}", 0) >= need and tid not in techniques:
            techniques.append(tid)
    if "phishing" not in types and "T1566" in techniques:
        techniques.remove("T1566")
    return Classification(types, cia, motives, techniques)


def classify(text: str, actors: list[dict], counts: dict[str, int] | None = None) -> Classification:
    """Attack types, CIA, motives and techniques for one article (``counts``: cue_counts(text))."""
    counts = cue_counts(text) if counts is None else counts
    result = classify_counts(counts, actors)
    result.evidence = {
        t: _snips(text, ATTACK_TYPE_CUES[t]) for t in result.attack_types if t in ATTACK_TYPE_CUES
    }
    for k in result.cia:
        result.evidence[f"cia:{k}"] = _snips(text, CIA_CUES[k])
    return result
