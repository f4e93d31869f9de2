"""ATT&CK techniques on news, each with the sentences that state it.

Two sources, both read only usable sentences (about this incident, asserted), so a
negated or speculative sentence never yields a technique:

- explicit cues (classify.classify_counts: ransomware or encryption -> T1486, a
  stated DDoS -> T1498, phishing -> T1566, data exfiltrated/published -> T1567, ...);
- the ATT&CK tagger (cidb.tagging; glossary for non-English text), run only when the
  cues found no technique, only on the few usable sentences that contain attack
  vocabulary, and trusted only for
  techniques that news states in plain words and at a high score. On the development
  news the tagger's other predictions (obfuscation, discovery, screen capture) were
  all wrong, and tagging every sentence would cost more than the rest of the
  analysis.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import ATTACK_TYPE_CUES, AUX_CUES, TECHNIQUE_CUES, compile_cues

# techniques the tagger may add on news, and the score it needs (0.5 = its threshold)
TAGGER_TECHNIQUES = frozenset(
    {"T1566", "T1190", "T1133", "T1078", "T1110", "T1490", "T1486", "T1498", "T1499"}
)
TAGGER_MIN_SCORE = 0.7
MAX_TAGGED_SENTENCES = 6

# technique -> cue lists whose sentences are its evidence
_EVIDENCE_CUES: dict[str, tuple[str, ...]] = {
    "T1486": tuple(ATTACK_TYPE_CUES["ransomware"] + AUX_CUES["encrypt"]),
    "T1498": tuple(ATTACK_TYPE_CUES["ddos"]),
    **{tid: tuple(cues) for tid, cues in TECHNIQUE_CUES.items() if tid not in ("T1486", "T1498")},
}


@lru_cache(maxsize=1)
def _attack_words() -> re.Pattern[str]:
    cues = [c for v in ATTACK_TYPE_CUES.values() for c in v]
    cues += [c for v in TECHNIQUE_CUES.values() for c in v]
    return compile_cues(tuple(cues))


def _tagger():  # noqa: ANN202 - cidb.tagging.Tagger, imported lazily (loads a model)
    from cidb.tagging import get_tagger

    try:
        return get_tagger()
    except (OSError, ValueError, KeyError):
        return None


def tagged_techniques(sentences: list[str]) -> dict[str, list[str]]:
    """Techniques the tagger finds in the usable sentences that mention an attack
    (whitelisted, high score): {technique: [evidence sentences]}."""
    rx = _attack_words()
    picked = [s for s in sentences if rx.search(s)][:MAX_TAGGED_SENTENCES]
    tagger = _tagger() if picked else None
    if tagger is None:
        return {}
    out: dict[str, list[str]] = {}
    for hit in tagger.tag("\n".join(picked), min_score=TAGGER_MIN_SCORE):
        tid = hit.id.split(".")[0]
        if tid in TAGGER_TECHNIQUES:
            out.setdefault(tid, []).extend(e for e in hit.evidence if e not in out.get(tid, []))
    return out


def technique_evidence(techniques: list[str], sentences: list[str]) -> dict[str, list[str]]:
    """For each technique, up to three usable sentences that state it."""
    out: dict[str, list[str]] = {}
    for tid in techniques:
        cues = _EVIDENCE_CUES.get(tid)
        if not cues:
            continue
        rx = compile_cues(cues)
        found = [s[:300] for s in sentences if rx.search(s)][:3]
        if found:
            out[tid] = found
    return out
