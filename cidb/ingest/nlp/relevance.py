"""Does an article report one specific incident? Lexicon cues plus the multilingual e5 model.

Two pieces of evidence:
- ``lexicon_relevance``: attack vocabulary, a victim named in an attack phrase and
  report/advice/trend vocabulary (hand lexicons, strong in ``lang.LEXICON_LANGS``,
  thin or missing elsewhere);
- ``semantic_features``: the article's e5 embedding (title + lead, the same vector
  grouping uses, so nothing is embedded twice) against English prototype
  descriptions of "a specific organisation suffered a cyber attack" and of what is
  not (advice, statistics, product news, policy). e5 is multilingual, so this works
  in languages without a lexicon.

``combined_relevance`` joins them with a logistic model whose four weights were fitted
on the development articles and checked by 5-fold cross-validation by incident
(``bench/relevance_cv.py`` prints the fit and the held-out scores). The model is
applied only where the lexicon is not sure (``needs_semantic``): below the lexicon's own
threshold in a language with a lexicon, below 0.9 elsewhere. Lexicon hits skip it, which
bounds the cost to one title+lead embedding per uncertain article.

An article in a language without a lexicon whose combined score stays uncertain is
kept for the editors (flag ``language_unreadable:xx``), never silently dropped.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

import numpy as np

from .lang import has_lexicon
from .lexicon import ATTACK_NOUNS, CIA_CUES, INCIDENT_CUES, NON_INCIDENT_CUES, find_cues

# Lexicon-only decision (no semantic embedder, e.g. the hash embedder of tests).
LEX_THRESHOLD = 0.45
# Lexicon scores from which the article is relevant without asking the model: in a
# language with a lexicon its own threshold, elsewhere (a few shared words) a high score.
LEX_SURE = 0.9
# Combined-score decision (cross-validated on dev: see bench/relevance_cv.py).
THRESHOLD = 0.5
# Below THRESHOLD but at least this: uncertain. In a language without a lexicon such an
# article is kept for review rather than dropped.
UNCERTAIN = 0.15

# English prototypes: e5 places other languages' sentences near their English meaning.
POSITIVE = (
    "A named company was hit by a cyber attack and its IT systems are down.",
    "Hackers attacked the municipality's computer network; services are disrupted.",
    "The hospital suffered a ransomware attack and data was stolen.",
    "An organisation confirmed a data breach after criminals accessed its systems.",
    "A DDoS attack took the government agency's websites offline.",
    "Personal data of customers was stolen in a cyber attack on the firm and leaked online.",
)
NEGATIVE = (
    "Advice on how to protect yourself against cyber attacks and phishing.",
    "A report shows the number of cyber attacks increased last year.",
    "A security company launches a new product for threat detection.",
    "The government presents a new cybersecurity strategy and law.",
    "Experts discuss the risks of ransomware for businesses in general.",
    "Statistics on cybercrime and security trends.",
)

# Logistic weights: intercept, lexicon logit, 100 x (max pos - max neg similarity),
# 100 x (mean pos - mean neg similarity). Fitted by bench/relevance_cv.py (C=1,
# balanced classes) on dev_articles.jsonl.
WEIGHTS = (2.62, 1.215, 1.10, 1.362)


def lexicon_relevance(
    text: str, title: str | None, victim_score: float
) -> tuple[float, dict[str, float]]:
    """Probability-like score that the article reports one specific incident.

    Attack vocabulary and a victim named in an attack phrase push up; report,
    advice, policy and trend vocabulary pushes down. Lead and title weigh more,
    since that is where an article states its subject.
    """
    head = f"{title or ''}\n{text[:500]}"
    attack_head = len(find_cues(head, ATTACK_NOUNS))
    attack_all = len(find_cues(text, ATTACK_NOUNS))
    incident = len(find_cues(text, INCIDENT_CUES))
    non_head = len(find_cues(head, NON_INCIDENT_CUES))
    non_all = len(find_cues(text, NON_INCIDENT_CUES))
    disruption = len(find_cues(head, CIA_CUES["A"]))
    feats = {
        "attack_head": min(attack_head, 4),
        "attack_all": math.log1p(attack_all),
        "incident": math.log1p(incident),
        "victim": min(victim_score, 20.0) / 5.0,
        "non_head": min(non_head, 4),
        "non_all": math.log1p(non_all),
        "disruption": min(disruption, 3),
    }
    z = (
        -2.6
        + 0.6 * feats["attack_head"]
        + 0.7 * feats["attack_all"]
        + 0.6 * feats["incident"]
        + 0.9 * feats["victim"]
        - 0.9 * feats["non_head"]
        - 0.6 * feats["non_all"]
        + 0.3 * feats["disruption"]
    )
    return 1 / (1 + math.exp(-z)), feats


# the name the rest of the code and older callers know
relevance_score = lexicon_relevance


def is_semantic(embedder: Any) -> bool:
    """Only a real multilingual sentence model may judge relevance (not the hash embedder)."""
    return bool(getattr(embedder, "semantic", False))


def _prototypes(embedder: Any) -> tuple[np.ndarray, np.ndarray]:
    protos = getattr(embedder, "_cidb_relevance_prototypes", None)
    if protos is None:
        pos = np.asarray(embedder.embed(list(POSITIVE)), dtype=np.float32)
        neg = np.asarray(embedder.embed(list(NEGATIVE)), dtype=np.float32)
        protos = (pos, neg)
        # cached on the embedder; one with __slots__ recomputes (six short texts)
        with contextlib.suppress(AttributeError):
            embedder._cidb_relevance_prototypes = protos
    return protos


def semantic_features(vector: np.ndarray, embedder: Any) -> tuple[float, float]:
    """(max, mean) margin of the article's similarity to the positive over the negative
    prototypes, x100."""
    pos, neg = _prototypes(embedder)
    sp, sn = pos @ vector, neg @ vector
    return 100.0 * float(sp.max() - sn.max()), 100.0 * float(sp.mean() - sn.mean())


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def combined_relevance(lexicon: float, margin_max: float, margin_mean: float) -> float:
    b, w_lex, w_max, w_mean = WEIGHTS
    z = b + w_lex * _logit(lexicon) + w_max * margin_max + w_mean * margin_mean
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _lexicon_sure(a: Any) -> bool:
    sure = LEX_THRESHOLD if has_lexicon(a.language) else LEX_SURE
    return a.relevance_lex >= sure


def needs_semantic(a: Any) -> bool:
    """The lexicon is not sure: the model decides (costs one title+lead embedding)."""
    return (
        bool(a.text)
        and not a.relevance_final
        and not _lexicon_sure(a)
        and not ({"binary", "empty"} & set(a.flags))
    )


def finalize(a: Any, embedder: Any = None) -> None:
    """Set ``a.relevance``/``a.relevant`` from the lexicon and, when the article has an
    embedding from a semantic model, from the model too. Idempotent once decided with
    the model; an uncertain article in a language without a lexicon is kept (flagged)."""
    if a.relevance_final:
        return
    a.flags[:] = [f for f in a.flags if not f.startswith("language_unreadable:")]
    if {"binary", "empty"} & set(a.flags):
        a.relevance, a.relevant, a.relevance_final = 0.0, False, True
        return
    if a.embedding is not None and is_semantic(embedder) and not _lexicon_sure(a):
        m_max, m_mean = semantic_features(np.asarray(a.embedding, dtype=np.float32), embedder)
        p = combined_relevance(a.relevance_lex, m_max, m_mean)
        a.relevance = round(p, 4)
        a.relevant = p >= THRESHOLD
        a.relevance_final = True
        uncertain = p >= UNCERTAIN
    else:
        a.relevance = round(a.relevance_lex, 4)
        a.relevant = a.relevance_lex >= LEX_THRESHOLD
        a.relevance_final = _lexicon_sure(a)
        # without the model a language without a lexicon is read by a few shared words
        # ("ransomware", "hacker") only
        uncertain = a.relevance_lex >= 0.1
    # (a text too short to tell its language has nothing more to read)
    if not a.relevant and uncertain and a.language and not has_lexicon(a.language):
        a.relevant = True
        a.flags.append(f"language_unreadable:{a.language}")
