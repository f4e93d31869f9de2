"""Per-article analysis and the batch driver.

``process_article(raw) -> ArticleAnalysis`` is pure apart from the embedder;
``run_pipeline(articles) -> list[draft dict]`` chains analysis, duplicate
detection, incremental grouping and draft building.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .actors import asserted_actors
from .classify import (
    Classification,
    article_blocked,
    classify,
    cue_counts,
    usable_text,
)
from .dates import DateMention, extract_dates, format_date, parse_published
from .dedup import DuplicateIndex, fingerprint
from .embed import E5Embedder, Embedder, embedding_text
from .entities import Entities, extract_entities
from .lang import detect_language
from .lexicon import ATTACK_NOUNS, ATTACK_TYPE_CUES, VICTIM_VERBS, compile_cues
from .relevance import (
    LEX_THRESHOLD,
    finalize,
    is_semantic,
    lexicon_relevance,
    needs_semantic,
)
from .roles import Sentence, negative_facts, sentence_roles
from .sentences import sentence_at, split_sentences
from .textclean import clean_article

RELEVANCE_THRESHOLD = LEX_THRESHOLD  # lexicon-only decision (see relevance.py)
# Borderline articles join an existing incident only when they name its victim.
RESCUE_THRESHOLD = 0.1

# Timeline events: English label -> multilingual cues found in the date's sentence.
EVENT_CUES: dict[str, str] = {
    "data published": r"publish|leak|dark ?web|darknet|publicer|publiser|offentliggjor|veröffentlich|"
    r"gepubliceerd|publié|divulgu|julkais|lekket|lækket|läck",
    # ransom, not ransomware ("ransomwareattack", "Erpressungstrojaner", "løsepengevirus")
    "ransom demanded": r"ransom(?!ware)|lösen(?!ord)|løsepeng(?!evirus)|lösegeld(?!virus)|losgeld(?!software)|"
    r"rançon(?!giciel)|lunnas(?!ohjelm)|kiristy(?!shaitta)|erpress(?!ungs?(?:software|trojaner|virus))|utpress|afpres",
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
    relevance_lex: float = 0.0  # the lexicon's score; ``relevance`` is the decision's
    relevance_final: bool = False  # decided (by the lexicon alone or with the e5 model)
    # sentence roles (title first) and the explicit negative facts they state
    sentences: list[Sentence] = field(default_factory=list)
    negative_facts: list[dict] = field(default_factory=list)

    def as_dict(self, with_embedding: bool = False) -> dict[str, Any]:
        d = {
            k: v
            for k, v in self.__dict__.items()
            if k not in ("embedding", "entities", "classification", "sentences")
        }
        d["entities"] = self.entities.as_dict()
        d["classification"] = self.classification.as_dict()
        d["sentences"] = [x.as_dict() for x in self.sentences]
        if with_embedding and self.embedding is not None:
            d["embedding"] = [float(x) for x in self.embedding]
        return d


def _sentence_at(text: str, pos: int) -> str:
    return sentence_at(text, pos)


_ATTACK_SENTENCE = None


def _attack_rx() -> re.Pattern[str]:
    global _ATTACK_SENTENCE
    if _ATTACK_SENTENCE is None:
        cues = ATTACK_NOUNS + VICTIM_VERBS + [c for v in ATTACK_TYPE_CUES.values() for c in v]
        _ATTACK_SENTENCE = compile_cues(tuple(cues))
    return _ATTACK_SENTENCE


# Words that refer to another or an earlier case ("another council", "last year", "first
# seen in January"), in the pipeline's languages.
_OTHER_CASE = re.compile(
    r"(?<!\w)(?:another|other|similar|last year|previous(?:ly)?|first (?:seen|used|discovered)|"
    r"for the first time|en annan|ett annat|andra|förra året|i fjol|för första gången|"
    r"en anden|et andet|andre|sidste år|for første gang|en annen|et annet|i fjor|"
    r"ein(?:e|en)? (?:weitere[nrs]?|andere[nrs]?)|andere[nrs]?|ähnliche[nrs]?|im vergangenen jahr|"
    r"letztes jahr|zum ersten mal|een andere?|vorig jaar|voor het eerst|un(?:e)? autre|"
    r"l'an dernier|l'année dernière|pour la première fois|toinen|toisen|viime vuonna|"
    r"ensimmäisen kerran)(?!\w)",
    re.IGNORECASE,
)


def _about_other(sent: str, victim_names: list[str], other_names: list[str]) -> bool:
    """The sentence is about another organisation's case, not the victim's ("In February
    last year, another council - X - was hit"): its date belongs to that other incident."""
    low = sent.lower()
    if any(v and v.lower() in low for v in victim_names):
        return False
    names_other = any(len(o) >= 4 and o.lower() in low for o in other_names)
    return names_other and bool(_OTHER_CASE.search(sent))


def _role_at(roles: list[Sentence] | None, pos: int) -> Sentence | None:
    """The body sentence (not the title) whose span holds character ``pos``."""
    if not roles:
        return None
    for s in roles:
        if s.start <= pos < s.end:
            return s
    return None


def estimate_incident_date(
    text: str,
    published: str | None,
    mentions: list[DateMention] | None = None,
    victim_names: list[str] | None = None,
    other_names: list[str] | None = None,
    roles: list[Sentence] | None = None,
) -> tuple[str | None, str | None, str | None, bool]:
    """(date, precision, sentence, from_text): the earliest date stated in an attack
    sentence about this incident (asserted; with ``roles``, only usable sentences), never
    after publication; otherwise the publication date; otherwise None (date unknown:
    never the day of ingestion)."""
    pub, pub_prec = parse_published(published)
    mentions = mentions if mentions is not None else extract_dates(text, published)
    rx = _attack_rx()
    best: tuple[dt.date, str, str] | None = None
    for m in mentions:
        if m.precision == "year":
            continue
        role = _role_at(roles, m.start)
        if roles is not None:
            if role is None or not role.usable:
                continue
            sent = role.text
        else:
            sent = _sentence_at(text, m.start)
        if not rx.search(sent) or later_event(sent):
            continue  # a later stage never moves the incident date
        if roles is None and other_names and _about_other(sent, victim_names or [], other_names):
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
    years = []
    for m in mentions:
        if m.precision != "year":
            continue
        role = _role_at(roles, m.start)
        if roles is not None and (role is None or not role.usable):
            continue
        sent = role.text if role is not None else _sentence_at(text, m.start)
        if rx.search(sent):
            years.append((m, sent))
    if years:
        return str(years[0][0].date.year), "year", years[0][1], True
    return None, None, None, False


# Events that follow the attack: their dates are weaker evidence of the incident month.
LATER_EVENTS = ("data published", "systems restored", "police report filed")
# Later stages beyond the timeline's events: fines, arrests, charges and court cases,
# final reports (multilingual stems).
_LATER_STAGE = re.compile(
    r"(?<!\w)(?:fined?\b|bu(?:ß|ss)geld|geldbu(?:ß|ss)e|amende|multa|sanzion|boete|b[øo]de\b|"
    r"sakko|grzywn|pokut|amend[ăa]|trahv|arrest|festgenommen|verhaftet|interpell[ée]|detenid|"
    r"arrestat|gripen|anh[åa]llen|p[åa]grep|anholdt|aangehouden|pid[äa]tet|zatrzyman|zadr[žz]an|"
    r"zatknut|court|gericht|tribunal|rechtbank|domstol|tingsr[äa]tt|oikeu|s[ąa]d\b|soud|s[úu]d\b|"
    r"charged|angeklagt|anklage|[åa]tal|tiltal|inculp|imputad|verdict|urteil|sentenced|verurteilt|"
    r"d[öø]md|final report|abschlussbericht|rapport final|informe final|slutrapport|"
    r"loppuraport)",
    re.IGNORECASE,
)


def later_event(sentence: str | None) -> bool:
    """The sentence dates a later stage (leak, restoration, police report, fine, arrest,
    court case, final report), not the attack."""
    if not sentence or re.search(EVENT_CUES["attack discovered"], sentence, re.IGNORECASE):
        return False
    if _LATER_STAGE.search(sentence):
        return True
    return any(re.search(EVENT_CUES[e], sentence, re.IGNORECASE) for e in LATER_EVENTS)


def build_timeline(
    text: str, mentions: list[DateMention], url: str, roles: list[Sentence] | None = None
) -> list[dict]:
    """Dated events of this incident; with ``roles``, only from usable sentences."""
    events = []
    for m in mentions:
        if m.precision == "year":
            continue
        if roles is not None:
            role = _role_at(roles, m.start)
            if role is None or not role.usable:
                continue
            sent = role.text
        else:
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
    rel, _ = lexicon_relevance(text, title, entities.victim_score)
    if "binary" in cleaned.flags or "empty" in cleaned.flags:
        rel = 0.0
    mentions = extract_dates(text, published, lang)
    victim_names = [entities.victim, *entities.victim_aliases] if entities.victim else []
    other_names = [n for n, sc in entities.candidates if sc >= 1.0 and n not in victim_names]
    spans = split_sentences(text, lang)
    roles = sentence_roles(
        text, title, lang, published, victim_names, other_names, mentions=mentions, spans=spans
    )
    date, prec, date_sent, from_text = estimate_incident_date(
        text, published, mentions, victim_names, other_names, roles=roles
    )
    # labels from usable sentences only; negative facts block the contrary labels
    facts = negative_facts(roles, lang)
    usable = usable_text(roles, lang)
    counts = cue_counts(usable)
    entities.actors = asserted_actors(entities.actors, usable)
    cls = classify(usable, entities.actors, counts, article_blocked(facts, counts))
    emb = None
    if embedder is not None and text:
        emb = embedder.embed([embedding_text(title, text)])[0]
    a = ArticleAnalysis(
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
        relevance_lex=round(rel, 4),
        entities=entities,
        classification=cls,
        cue_counts=counts,
        incident_date=date,
        date_precision=prec,
        date_sentence=date_sent,
        date_from_text=from_text,
        timeline=build_timeline(text, mentions, url, roles=roles),
        embedding=emb,
        sentences=roles,
        negative_facts=facts,
    )
    # preliminary without an embedding; decided again once the article is embedded
    finalize(a, embedder)
    return a


def _same_victim(a: ArticleAnalysis, b: ArticleAnalysis | None) -> bool:
    from .grouping import name_match

    if b is None or not a.entities.victim or not b.entities.victim:
        return True
    return name_match(a.entities.victim, b.entities.victim) >= 0.85


# A victim this confident that was already seen decides grouping by name; the
# embedding (most of the per-article cost) is then computed only if it is needed.
SKIP_EMBED_VICTIM_SCORE = 5.0


def select_for_embedding(
    analyses: list[ArticleAnalysis],
    grouper: Any = None,
    seen: set[str] | None = None,
    semantic: bool = False,
) -> list[int]:
    """Indexes of the analyses to embed up front: candidates for grouping, minus articles
    whose confident victim was already named by an earlier article or known incident,
    plus (``semantic``: the embedder is a sentence model) articles whose relevance the
    lexicon is unsure of. ``seen`` carries the name tokens of earlier chunks (updated in
    place)."""
    from .grouping import article_names, name_tokens

    known = getattr(grouper, "_by_token", {})
    seen = set() if seen is None else seen
    out = []
    for i, a in enumerate(analyses):
        if not a.text:
            continue
        if semantic and needs_semantic(a):  # the lexicon is unsure: the model decides
            out.append(i)
            continue
        if a.relevance < RESCUE_THRESHOLD:
            continue
        e = a.entities
        toks = name_tokens(e.victim) if e.victim else set()
        if not (
            a.relevant
            and toks
            and e.victim_score >= SKIP_EMBED_VICTIM_SCORE
            and all(t in seen or t in known for t in toks)
        ):
            out.append(i)
        if a.relevant:  # runner-up names are no promise that an incident will exist
            for name, w in article_names(a):
                if w >= 0.8:
                    seen |= name_tokens(name)
    return out


def _chunks(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_pipeline(
    articles: Iterable[dict],
    embedder: Embedder | None = None,
    grouper: Any = None,
    return_analyses: bool = False,
    chunk_size: int = 64,
    stats: dict[str, float] | None = None,
) -> list[dict] | tuple[list[dict], list[ArticleAnalysis]]:
    """Articles -> incident drafts (cidb export format); not-relevant articles create none.

    Articles are analysed in chunks; each chunk's embeddings are computed in a background
    thread (the model's C code releases the GIL) while the next chunk is analysed, and
    chunks are grouped in input order. ``stats`` (optional) receives stage timings.
    """
    from .draft import build_draft
    from .grouping import Grouper

    embedder = embedder if embedder is not None else E5Embedder()
    grouper = grouper if grouper is not None else Grouper()
    st = stats if stats is not None else {}
    for k in ("extract_s", "embed_s", "group_s", "draft_s", "articles", "embedded", "on_demand"):
        st.setdefault(k, 0.0)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-embed")

    def embed_batch(batch: list[ArticleAnalysis]) -> None:
        if not batch:
            return
        t0 = time.perf_counter()
        vecs = embedder.embed([embedding_text(a.title, a.text) for a in batch])
        for a, v in zip(batch, vecs, strict=True):
            a.embedding = v
            finalize(a, embedder)
        st["embed_s"] += time.perf_counter() - t0
        st["embedded"] += len(batch)

    def embed_one(a: ArticleAnalysis) -> None:
        if a.text:
            st["on_demand"] += 1
            pool.submit(embed_batch, [a]).result()

    dups = DuplicateIndex()
    members: dict[str, list[ArticleAnalysis]] = {}
    incident_of_url: dict[str, str] = {}
    by_url: dict[str, ArticleAnalysis] = {}
    analyses: list[ArticleAnalysis] = []
    seen: set[str] = set()

    def group(chunk: list[ArticleAnalysis]) -> None:
        t0 = time.perf_counter()
        for a in chunk:
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
                key = grouper.assign(a, embed=embed_one)
            incident_of_url[key_url] = key
            members.setdefault(key, []).append(a)
        st["group_s"] += time.perf_counter() - t0

    # chunk k is analysed while chunk k-1 is embedded; chunk k-1 is grouped before chunk
    # k's batch is queued, so an on-demand embedding never waits behind a whole batch
    pending: tuple[list[ArticleAnalysis], Future] | None = None
    try:
        for raw_chunk in _chunks(articles, chunk_size):
            t0 = time.perf_counter()
            chunk = [process_article(r, embedder=None) for r in raw_chunk]
            st["extract_s"] += time.perf_counter() - t0
            st["articles"] += len(chunk)
            analyses += chunk
            if pending is not None:
                pending[1].result()
                group(pending[0])
            # articles that only repeat a known victim are embedded later, and only if
            # no incident takes them by name
            idx = select_for_embedding(chunk, grouper, seen, is_semantic(embedder))
            pending = (chunk, pool.submit(embed_batch, [chunk[i] for i in idx]))
        if pending is not None:
            pending[1].result()
            group(pending[0])
    finally:
        pool.shutdown(wait=True)
    t0 = time.perf_counter()
    # second pass: borderline articles that clearly name the victim of a known incident
    for a in analyses:
        if a.relevant or a.relevance < RESCUE_THRESHOLD or not a.entities.victim:
            continue
        key = grouper.match_existing(a)
        if key is not None:
            grouper.add_to(key, a)
            members[key].append(a)
            a.flags.append("attached_by_victim")
    drafts = [build_draft(g) | {"key": key} for key, g in members.items()]
    st["draft_s"] += time.perf_counter() - t0
    if return_analyses:
        return drafts, analyses
    return drafts
