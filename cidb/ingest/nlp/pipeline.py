"""Per-article analysis and the batch driver.

``process_article(raw) -> ArticleAnalysis`` is pure apart from the embedder;
``run_pipeline(articles) -> list[draft dict]`` chains analysis, duplicate
detection, incremental grouping and draft building.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .classify import Classification, classify, cue_counts, relevance_score
from .dates import DateMention, extract_dates, format_date, parse_published
from .dedup import DuplicateIndex, fingerprint
from .embed import E5Embedder, Embedder, embedding_text
from .entities import Entities, extract_entities
from .lang import detect_language
from .lexicon import ATTACK_NOUNS, ATTACK_TYPE_CUES, VICTIM_VERBS, compile_cues
from .textclean import clean_article

RELEVANCE_THRESHOLD = 0.45
# Borderline articles join an existing incident only when they name its victim.
RESCUE_THRESHOLD = 0.1

# Timeline events: English label -> multilingual cues found in the date's sentence.
EVENT_CUES: dict[str, str] = {
    "data published": r"publish|leak|dark ?web|darknet|publicer|publiser|offentliggjor|veröffentlich|"
    r"gepubliceerd|publié|divulgu|julkais|lekket|lækket|läck",
    "ransom demanded": r"ransom|lösen|løsepeng|lösegeld|losgeld|rançon|lunnas|kiristy|erpress|utpress|afpres",
    "responsibility claimed": r"claim|responsib|ansvar|bekannt|revendiqu|opeist|tog på sig|påtok seg",
    "attack discovered": r"discover|detect|noticed|upptäck|oppdag|opdag|entdeck|bemerkt|ontdek|découvert|havaittiin|huomattiin",
    "systems restored": r"restor|back online|återställ|gjenopprett|genopret|wiederhergestellt|hersteld|rétabli|palautet|"
    r"i gang igen|i gång igen|wieder (?:online|erreichbar)|reopen|genåbn|gjenåpn",
    "police report filed": r"police report|polisanmäl|politianmeld|anzeige|aangifte|plainte|rikosilmoit|rikostutkin",
}


@dataclass
class ArticleAnalysis:
    url: str
    title: str | None
    text: str
    published: str | None
    language: str | None
    language_confidence: float
    flags: list[str]
    fingerprint: list[int]
    relevant: bool
    relevance: float
    entities: Entities
    classification: Classification
    cue_counts: dict[str, int]
    incident_date: str | None  # "YYYY-MM-DD" / "YYYY-MM" / "YYYY"
    date_precision: str | None
    date_sentence: str | None
    date_from_text: bool
    timeline: list[dict] = field(default_factory=list)
    embedding: np.ndarray | None = None
    duplicate_of: str | None = None

    def as_dict(self, with_embedding: bool = False) -> dict[str, Any]:
        d = {
            k: v
            for k, v in self.__dict__.items()
            if k not in ("embedding", "entities", "classification")
        }
        d["entities"] = self.entities.as_dict()
        d["classification"] = self.classification.as_dict()
        if with_embedding and self.embedding is not None:
            d["embedding"] = [float(x) for x in self.embedding]
        return d


# a sentence ends at .!? after a non-digit ("12. März" is no boundary) or at a line break
_BOUNDARY = re.compile(r"(?<=[^\d\s.][.!?])\s+(?=[^\s\da-zåäöæøüé])|\n")


def _sentence_at(text: str, pos: int) -> str:
    start = 0
    for m in _BOUNDARY.finditer(text, max(0, pos - 600), pos):
        start = m.end()
    m = _BOUNDARY.search(text, pos)
    end = m.start() if m else len(text)
    return text[start:end].strip()


_ATTACK_SENTENCE = None


def _attack_rx() -> re.Pattern[str]:
    global _ATTACK_SENTENCE
    if _ATTACK_SENTENCE is None:
        cues = ATTACK_NOUNS + VICTIM_VERBS + [c for v in ATTACK_TYPE_CUES.values() for c in v]
        _ATTACK_SENTENCE = compile_cues(tuple(cues))
    return _ATTACK_SENTENCE


def estimate_incident_date(
    text: str, published: str | None, mentions: list[DateMention] | None = None
) -> tuple[str | None, str | None, str | None, bool]:
    """(date, precision, sentence, from_text): the earliest date stated in an attack sentence,
    never after publication; otherwise the publication date."""
    pub, pub_prec = parse_published(published)
    mentions = mentions if mentions is not None else extract_dates(text, published)
    rx = _attack_rx()
    best: tuple[dt.date, str, str] | None = None
    for m in mentions:
        if m.precision == "year":
            continue
        sent = _sentence_at(text, m.start)
        if not rx.search(sent):
            continue
        if pub is not None:
            limit = (
                pub + dt.timedelta(days=1)
                if pub_prec == "day"
                else dt.date(pub.year + (pub.month == 12), pub.month % 12 + 1, 1)
            )
            if m.date > limit or (pub - m.date).days > 3 * 365:
                continue
        if best is None or m.date < best[0]:
            best = (m.date, m.precision, sent)
    if best:
        return format_date(best[0], best[1]), best[1], best[2], True
    if pub is not None:
        return format_date(pub, pub_prec or "day"), pub_prec, None, False
    years = [
        m for m in mentions if m.precision == "year" and rx.search(_sentence_at(text, m.start))
    ]
    if years:
        return str(years[0].date.year), "year", _sentence_at(text, years[0].start), True
    return None, None, None, False


def build_timeline(text: str, mentions: list[DateMention], url: str) -> list[dict]:
    events = []
    for m in mentions:
        if m.precision == "year":
            continue
        sent = _sentence_at(text, m.start)
        for label, cue in EVENT_CUES.items():
            if re.search(cue, sent, re.IGNORECASE):
                events.append(
                    {"date": m.iso(), "event": label, "source": url, "sentence": sent[:300]}
                )
                break
        else:
            if _attack_rx().search(sent):
                events.append(
                    {
                        "date": m.iso(),
                        "event": "attack reported",
                        "source": url,
                        "sentence": sent[:300],
                    }
                )
    return events


def process_article(raw: dict, embedder: Embedder | None = None) -> ArticleAnalysis:
    """One raw article ({url, title, text|html, published, language?}) -> analysis.

    Never raises on bad content: problems are reported in ``flags`` and such
    articles come out as not relevant.
    """
    if not isinstance(raw, dict):
        raw = {"text": raw if isinstance(raw, (str, bytes)) else ""}
    cleaned = clean_article(raw)
    url = str(raw.get("url") or "")
    published = raw.get("published")
    published = str(published) if published not in (None, "") else None
    if published and parse_published(published)[0] is None:
        cleaned.flags.append("bad_published")
        published = None
    text, title = cleaned.text, cleaned.title
    hint = raw.get("language") if isinstance(raw.get("language"), str) else None
    lang, conf = detect_language(f"{title or ''} {text}", hint)
    entities = extract_entities(text, title, lang, url)
    full = f"{title or ''}\n{text}"
    cls = classify(full, entities.actors)
    rel, _ = relevance_score(text, title, entities.victim_score)
    if "binary" in cleaned.flags or "empty" in cleaned.flags:
        rel = 0.0
    mentions = extract_dates(text, published)
    date, prec, date_sent, from_text = estimate_incident_date(text, published, mentions)
    emb = None
    if embedder is not None and text:
        emb = embedder.embed([embedding_text(title, text)])[0]
    return ArticleAnalysis(
        url=url,
        title=title,
        text=text,
        published=published,
        language=lang,
        language_confidence=conf,
        flags=cleaned.flags,
        fingerprint=fingerprint(text) if text else [],
        relevant=rel >= RELEVANCE_THRESHOLD,
        relevance=round(rel, 4),
        entities=entities,
        classification=cls,
        cue_counts=cue_counts(full),
        incident_date=date,
        date_precision=prec,
        date_sentence=date_sent,
        date_from_text=from_text,
        timeline=build_timeline(text, mentions, url),
        embedding=emb,
    )


def _same_victim(a: ArticleAnalysis, b: ArticleAnalysis | None) -> bool:
    from .grouping import name_match

    if b is None or not a.entities.victim or not b.entities.victim:
        return True
    return name_match(a.entities.victim, b.entities.victim) >= 0.85


def run_pipeline(
    articles: Iterable[dict],
    embedder: Embedder | None = None,
    grouper: Any = None,
    return_analyses: bool = False,
) -> list[dict] | tuple[list[dict], list[ArticleAnalysis]]:
    """Articles -> incident drafts (cidb export format); not-relevant articles create none."""
    from .draft import build_draft
    from .grouping import Grouper

    embedder = embedder if embedder is not None else E5Embedder()
    grouper = grouper if grouper is not None else Grouper()
    raws = list(articles)
    analyses = [process_article(r, embedder=None) for r in raws]
    # one batched embedding call is much faster than per-article calls
    idx = [i for i, a in enumerate(analyses) if a.relevance >= RESCUE_THRESHOLD and a.text]
    if idx:
        vecs = embedder.embed([embedding_text(analyses[i].title, analyses[i].text) for i in idx])
        for j, i in enumerate(idx):
            analyses[i].embedding = vecs[j]
    dups = DuplicateIndex()
    members: dict[str, list[ArticleAnalysis]] = {}
    incident_of_url: dict[str, str] = {}
    by_url: dict[str, ArticleAnalysis] = {}
    for a in analyses:
        if not a.relevant:
            continue
        key_url = a.url or f"article-{id(a)}"
        dup = dups.check_add(key_url, a.fingerprint)
        if dup is not None and not _same_victim(a, by_url.get(dup)):
            dup = None  # a templated text about another victim (one wave) is not a copy
        by_url[key_url] = a
        if dup is not None and dup in incident_of_url:
            a.duplicate_of = dup
            key = incident_of_url[dup]
            grouper.add_to(key, a)
        else:
            key = grouper.assign(a)
        incident_of_url[key_url] = key
        members.setdefault(key, []).append(a)
    # second pass: borderline articles that clearly name the victim of a known incident
    for a in analyses:
        if a.relevant or a.relevance < RESCUE_THRESHOLD or not a.entities.victim:
            continue
        key = grouper.match_existing(a)
        if key is not None:
            grouper.add_to(key, a)
            members[key].append(a)
            a.flags.append("attached_by_victim")
    drafts = [build_draft(group) | {"key": key} for key, group in members.items()]
    if return_analyses:
        return drafts, analyses
    return drafts
