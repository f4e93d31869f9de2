"""Attack types, CIA, motives and ATT&CK techniques by multilingual cues (relevance:
``relevance.py``).

Labels are counted only over an article's usable sentences (about this incident and
asserted, see roles.py); negative facts ("no data was stolen") block the contrary
labels, and a motive needs evidence (no default motive for a type).
"""

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


def usable_text(sentences: list, lang: str | None = None) -> str:
    """The text that labels are counted over: usable sentences, one a line, plus the
    asserted clauses of negated this-incident sentences."""
    from .roles import asserted_clauses

    parts = [s.text if s.usable else asserted_clauses(s, lang) for s in sentences]
    return "\n".join(p for p in parts if p)


def article_blocked(facts: list[dict], counts: dict[str, int]) -> frozenset[str]:
    """Labels an article's negative facts deny, unless more of its usable text states
    them than denies them ("no data was stolen" early, "stolen data published" later)."""
    from .roles import BLOCKS

    n_facts: dict[str, int] = {}
    for f in facts:
        n_facts[f["fact"]] = n_facts.get(f["fact"], 0) + 1
    out = set()
    for fact, n in n_facts.items():
        for label in BLOCKS.get(fact, ()):
            key = label if label in counts else f"tech_{label}"
            if n >= counts.get(key, 0):
                out.add(label)
    return frozenset(out)


def classify_counts(
    counts: dict[str, float],
    actors: list[dict],
    n_articles: int = 1,
    blocked: set[str] | frozenset[str] = frozenset(),
) -> Classification:
    """Labels from (possibly summed) cue counts; ``n_articles`` scales the thresholds;
    ``blocked`` labels (attack types, "cia_X", technique IDs) are stated false by a
    negative fact and never given."""
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

    types = [t for t in types if t not in blocked] or ["other"]
    cia = [k for k in cia if f"cia_{k}" not in blocked]

    # motives only from evidence: a ransom or extortion (Financial), fraud (Financial),
    # a claimed hacktivist group or hacktivist wording (Ideology), a state actor or
    # espionage evidence (Espionage); otherwise Unknown, never a default for a type
    motives: list[str] = []
    if "espionage" in types:
        motives.append("Espionage")
    if hacktivist or counts.get("aux_hacktivist", 0) >= need:
        motives.append("Ideology")
    if (
        {"ransomware", "extortion"} & set(types)
        or ransomware_actor
        or counts.get("aux_ransom", 0) >= need
        or counts.get("tech_T1657", 0) >= need
    ):
        motives.append("Financial")
    if not motives:
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
    # the ATT&CK tagger's plain-word techniques (see techniques.py)
    for key, n in counts.items():
        tid = key[len("tagged_") :]
        if key.startswith("tagged_") and n >= need and tid not in techniques:
            techniques.append(tid)
    techniques = [t for t in techniques if t not in blocked]
    return Classification(types, cia, motives, techniques)


def classify(
    text: str,
    actors: list[dict],
    counts: dict[str, int] | None = None,
    blocked: set[str] | frozenset[str] = frozenset(),
) -> Classification:
    """Attack types, CIA, motives and techniques for one article (``text``: its usable
    sentences; ``counts``: cue_counts(text); ``blocked``: labels its negative facts deny)."""
    from .techniques import tagged_techniques, technique_evidence

    counts = cue_counts(text) if counts is None else counts
    sentences = [s for s in text.split("\n") if s]
    result = classify_counts(counts, actors, blocked=blocked)
    # the tagger (a fixed cost of several ms a call) only where the cues found no
    # technique in a text that has attack sentences
    tagged = {} if result.techniques else tagged_techniques(sentences)
    if tagged:
        for tid in tagged:  # kept in the counts so that the incident's vote sees them
            counts[f"tagged_{tid}"] = 1
        result = classify_counts(counts, actors, blocked=blocked)
    evidence = technique_evidence(result.techniques, sentences)
    for tid in result.techniques:
        for sent in tagged.get(tid, []):
            if sent not in evidence.setdefault(tid, []):
                evidence[tid].append(sent[:300])
    result.evidence = {f"tech:{tid}": sents for tid, sents in evidence.items() if sents}
    result.evidence |= {
        t: _snips(text, ATTACK_TYPE_CUES[t]) for t in result.attack_types if t in ATTACK_TYPE_CUES
    }
    for k in result.cia:
        result.evidence[f"cia:{k}"] = _snips(text, CIA_CUES[k])
    return result
