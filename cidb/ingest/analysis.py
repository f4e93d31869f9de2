"""The one place the database side touches the NLP core (no ORM here).

Everything imported from ``cidb.ingest.nlp`` goes through this module, so a change
in the core's internals needs one fix. Analyses are stored as JSON (without the
text, which lives in the Source, and the embedding, stored as bytes) and rebuilt
from it when an incident's draft is rebuilt in a later run.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from .nlp import ArticleAnalysis, Grouper, build_draft, process_article, select_for_embedding
from .nlp.classify import Classification
from .nlp.dedup import DuplicateIndex
from .nlp.embed import E5Embedder, HashEmbedder, embedding_text
from .nlp.entities import Entities
from .nlp.grouping import IncidentState, name_match
from .nlp.pipeline import RELEVANCE_THRESHOLD, RESCUE_THRESHOLD
from .nlp.relevance import finalize as finalize_relevance
from .nlp.relevance import is_semantic
from .nlp.roles import Sentence

__all__ = [
    "ArticleAnalysis",
    "DuplicateIndex",
    "Grouper",
    "RELEVANCE_THRESHOLD",
    "RESCUE_THRESHOLD",
    "analyse",
    "build_draft",
    "embed",
    "from_dict",
    "is_semantic",
    "make_embedder",
    "merge_states",
    "name_match",
    "same_victim",
    "select_for_embedding",
    "state_of",
    "to_dict",
]

# Flags after which an article has nothing to analyse: reported as per-item errors.
FATAL_FLAGS = {
    "binary": "binary content, not text or HTML",
    "empty": "no text found",
    "invalid_type": "text/html is not a string",
}


def make_embedder(name: str) -> Any:
    if name == "hash":
        return HashEmbedder()
    return E5Embedder()


def analyse(raw: dict) -> ArticleAnalysis:
    """Analysis without the embedding (embedded in batches by ``embed``)."""
    return process_article(raw, embedder=None)


def embed(analyses: list[ArticleAnalysis], embedder: Any) -> None:
    """Embed the given analyses in one batched call (much faster than one call each).
    Which to embed is ``select_for_embedding``'s choice: grouping embeds the rest on
    demand (``Grouper.assign(a, embed=embed_one)``) only when no incident takes them by
    name."""
    pending = [a for a in analyses if a.text and a.embedding is None]
    if not pending:
        return
    vectors = embedder.embed([embedding_text(a.title, a.text) for a in pending])
    for a, v in zip(pending, vectors, strict=True):
        a.embedding = np.asarray(v, dtype=np.float32)
        finalize_relevance(a, embedder)


def fatal_error(a: ArticleAnalysis) -> str | None:
    for flag, reason in FATAL_FLAGS.items():
        if flag in a.flags:
            return reason
    return None


def same_victim(a: ArticleAnalysis, victim: str | None) -> bool:
    """A near-copy naming another victim is a templated wave report, not a copy."""
    if not a.entities.victim or not victim:
        return True
    return name_match(a.entities.victim, victim) >= 0.85


def to_dict(a: ArticleAnalysis) -> dict:
    d = a.as_dict(with_embedding=False)
    d.pop("text", None)
    return d


def _build(cls: type, data: dict) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def from_dict(data: dict, text: str, embedding: np.ndarray | None) -> ArticleAnalysis:
    """Rebuild a stored analysis; raises TypeError/KeyError when its shape changed
    (the caller then analyses the stored raw article again)."""
    d = dict(data)
    d["text"] = text
    d["entities"] = _build(Entities, d["entities"])
    d["entities"].candidates = [tuple(c) for c in d["entities"].candidates]
    d["classification"] = _build(Classification, d["classification"])
    d["sentences"] = [
        Sentence(**{**s, "reasons": tuple(s.get("reasons") or ())}) for s in d["sentences"]
    ]
    d["embedding"] = embedding
    return _build(ArticleAnalysis, d)


def state_of(grouper: Grouper, key: str) -> dict:
    return grouper.incidents[key].to_dict()


def state_from_members(key: str, members: list[ArticleAnalysis]) -> dict:
    """Grouping state of an incident recomputed from its articles (after a split)."""
    g = Grouper()
    for a in members:
        g.add_to(key, a)
    if key not in g.incidents:
        return IncidentState(key, np.zeros(0, dtype=np.float32)).to_dict()
    return state_of(g, key)


def merge_states(survivor: dict, other: dict) -> dict:
    """Grouping state of two incidents merged into the survivor's key."""
    if not other:
        return survivor
    if not survivor:
        return {**other, "key": survivor.get("key", other.get("key"))}
    a = IncidentState.from_dict(survivor)
    b = IncidentState.from_dict(other)
    if b.centroid.size and a.centroid.size == b.centroid.size:
        a.centroid = a.centroid + b.centroid
    elif b.centroid.size:
        a.centroid = b.centroid
    a.n += b.n
    a.names.update(b.names)
    a.countries.update(b.countries)
    a.months.update(b.months)
    a.urls += b.urls
    return a.to_dict()


def new_grouper(states: list[dict]) -> Grouper:
    """A grouper holding the stored incidents; new keys continue after the highest."""
    grouper = Grouper.from_state({"seq": 0, "incidents": states})
    seq = len(states)
    for s in states:
        tail = str(s.get("key", "")).rsplit("-", 1)[-1]
        if tail.isdigit():
            seq = max(seq, int(tail))
    grouper._seq = seq  # noqa: SLF001 - Grouper.from_state restores it from its own to_state
    return grouper
