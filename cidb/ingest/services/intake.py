"""The ingestor: reads items, analyses them in batches and stores each article in its
own transaction (Article, Source, grouping state, incident); a rescue pass for
borderline articles and the draft rebuilds close a run.

Resumable by construction: every article commits with the grouping state it
changed, an incident whose draft still needs rebuilding is flagged ``dirty`` in
the same transaction, and a rerun skips stored articles by URL and content hash
and first rebuilds whatever was left dirty.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction

from cidb.incidents.models import Source, parse_iso_date

from .. import analysis as nlp
from .. import conf
from ..inputs import Item, ItemError
from ..models import Article, IncidentCluster, sha256
from .drafts import apply_draft, load_analysis, rebuild

log = logging.getLogger(__name__)


@dataclass
class Summary:
    read: int = 0
    new: int = 0
    already: int = 0  # stored by an earlier run (same URL or same content)
    copies: int = 0  # near or exact copies of another article: one more source
    irrelevant: int = 0
    borderline: int = 0
    rescued: int = 0
    created: set[int] = field(default_factory=set)
    updated: set[int] = field(default_factory=set)
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # where the time went

    def timed(self, name: str, since: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - since

    @property
    def duplicates(self) -> int:
        return self.already + self.copies

    def lines(self) -> list[str]:
        updated = self.updated - self.created
        out = [
            f"read {self.read}, new {self.new}, duplicates {self.duplicates} "
            f"({self.already} already ingested, {self.copies} copies), "
            f"irrelevant {self.irrelevant}, borderline {self.borderline} "
            f"({self.rescued} attached)",
            f"incidents created {len(self.created)}, updated {len(updated)}, "
            f"errors {len(self.errors)}",
        ]
        out += [f"  error: {ref}: {reason}" for ref, reason in self.errors]
        return out


def _publisher(url: str, fallback: str = "") -> str:
    if fallback:
        return fallback[:200]
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")[:200]


def _published(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_iso_date(str(text)[:10])[0]
    except ValueError:
        return None


def _body_hash(raw: dict) -> str:
    body = raw.get("html") if raw.get("html") is not None else raw.get("text")
    if body is None:
        return ""
    return sha256(body if isinstance(body, bytes | bytearray) else str(body))


@dataclass
class Prepared:
    item: Item
    raw: dict
    content_hash: str
    analysis: Any = None
    existing: Article | None = None  # an earlier error row for this URL: retried
    copy_of: Article | None = None  # same content under another URL


class Ingestor:
    """Reads items, analyses them in batches and stores each article in its own
    transaction. Holds the grouper and duplicate index rebuilt from the database."""

    def __init__(self, embedder: Any = None, batch: int | None = None) -> None:
        self.embedder = embedder or nlp.make_embedder(str(conf.get("INGEST_EMBEDDER")))
        self.batch = int(batch or conf.get("INGEST_BATCH"))
        self.summary = Summary()
        self.cache: dict[int, Any] = {}  # article id -> analysis, for draft rebuilds
        self._seen: set[str] = set()
        self._kill_at = int(os.environ.get("CIDB_INGEST_KILL_AT", "0") or 0)  # tests only
        self._stored = 0
        self.load_state()

    # -- state ---------------------------------------------------------------------
    def load_state(self) -> None:
        clusters = list(IncidentCluster.objects.values_list("key", "state", "incident_id"))
        self.grouper = nlp.new_grouper([s for _, s, _ in clusters if s])
        self.key_incident = {k: i for k, _, i in clusters}
        self.incident_key = {i: k for k, _, i in clusters}
        self.dups = nlp.DuplicateIndex()
        self.victim_of: dict[str, str | None] = {}
        self.incident_of_url: dict[str, int] = {}
        rows = Article.objects.grouped().values_list("url", "analysis", "incident_id")
        for url, data, incident_id in rows.iterator(chunk_size=2000):
            entities = data.get("entities") or {}
            self._index(url, data.get("fingerprint") or [], entities.get("victim"), incident_id)

    def _index(self, url: str, fp: list[int], victim: str | None, incident_id: int | None) -> None:
        self.dups.add(url, fp)
        self.victim_of[url] = victim
        if incident_id:
            self.incident_of_url[url] = incident_id

    # -- reading -------------------------------------------------------------------
    def run(
        self,
        items: Iterable[Item],
        limit: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Summary:
        self.flush()  # drafts left dirty by an interrupted run
        pending: list[Prepared] = []
        for item in items:
            if limit is not None and self.summary.read >= limit:
                break
            self.summary.read += 1
            t0 = time.perf_counter()
            prepared = self._prepare(item)
            self.summary.timed("read+analyse", t0)
            if prepared is not None:
                pending.append(prepared)
            if len(pending) >= self.batch:
                self._process(pending)
                pending = []
            if progress:
                progress(1)
        self._process(pending)
        t0 = time.perf_counter()
        self.rescue()
        self.flush()
        self.summary.timed("rescue+drafts", t0)
        return self.summary

    def _error(self, item: Item, reason: str, existing: Article | None = None) -> None:
        self.summary.errors.append((item.ref, reason))
        if not item.url:
            return  # nothing to key it by (e.g. an invalid JSON line)
        # kept so editors see it; a rerun retries it
        with transaction.atomic():
            article = existing or Article.objects.filter(url_hash=sha256(item.url.strip())).first()
            if article is not None and article.status != Article.Status.ERROR:
                return
            article = article or Article(url=item.url)
            article.status = Article.Status.ERROR
            article.error = reason[:2000]
            article.feed_id = item.feed_id
            article.save()

    def _prepare(self, item: Item) -> Prepared | None:
        existing = None
        if item.url:
            url = item.url.strip()
            if url in self._seen:
                self.summary.already += 1
                return None
            existing = Article.objects.filter(url_hash=sha256(url)).first()
            if existing is not None and existing.status != Article.Status.ERROR:
                self.summary.already += 1
                return None
        if item.error:
            self._error(item, item.error, existing)
            return None
        try:
            raw = item.raw()
        except ItemError as exc:
            self._error(item, str(exc), existing)
            return None
        except OSError as exc:
            self._error(item, f"cannot read: {exc.strerror or exc}", existing)
            return None
        self._seen.add(item.url.strip())
        content_hash = _body_hash(raw)
        prepared = Prepared(item, raw, content_hash, existing=existing)
        copy = (
            Article.objects.filter(content_hash=content_hash)
            .exclude(status=Article.Status.ERROR)
            .exclude(url_hash=sha256(item.url.strip()))
            .first()
            if content_hash
            else None
        )
        if copy is not None:
            prepared.copy_of = copy
            return prepared
        try:
            prepared.analysis = nlp.analyse(raw)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            log.exception("analysis failed for %s", item.ref)
            self._error(item, f"analysis failed: {exc.__class__.__name__}: {exc}", existing)
            return None
        reason = nlp.fatal_error(prepared.analysis)
        if reason:
            self._error(item, reason, existing)
            return None
        return prepared

    def _process(self, batch: list[Prepared]) -> None:
        if not batch:
            return
        t0 = time.perf_counter()
        nlp.embed([p.analysis for p in batch if p.analysis is not None], self.embedder)
        self.summary.timed("embed", t0)
        t0 = time.perf_counter()
        for p in batch:
            try:
                with transaction.atomic():
                    if p.copy_of is not None:
                        self._store_copy(p)
                    else:
                        self._store(p)
            except Exception as exc:  # noqa: BLE001 - report, reload state, go on
                log.exception("storing %s failed", p.item.ref)
                self.summary.errors.append((p.item.ref, f"{exc.__class__.__name__}: {exc}"))
                self.load_state()  # the in-memory grouper may be ahead of the database
        self.summary.timed("group+store", t0)

    # -- storing one article (inside a transaction) --------------------------------
    def _source(self, p: Prepared, text: str, title: str | None, language: str | None) -> Source:
        url = p.item.url.strip()
        source = Source.objects.filter(url_hash=Source.hash_url(url)).first() or Source(url=url)
        source.title = (title or text[:90] or url)[:500]
        source.publisher = _publisher(url, p.item.meta.get("publisher", ""))
        source.language = (language or "")[:8]
        source.published = _published(p.raw.get("published"))
        source.text = text
        source.content_hash = ""  # recomputed from the text by Source.save
        source.save()
        return source

    def _article(self, p: Prepared, a: Any, status: str) -> Article:
        article = p.existing or Article(url=p.item.url)
        article.content_hash = p.content_hash
        article.title = (a.title or "")[:500]
        article.language = (a.language or "")[:8]
        article.published = _published(a.published)
        article.raw = {k: v for k, v in p.raw.items() if not isinstance(v, bytes | bytearray)}
        article.analysis = nlp.to_dict(a)
        article.embedding = Article.pack(a.embedding)
        article.relevance = float(a.relevance)
        article.status = status
        article.error = ""
        article.feed_id = p.item.feed_id
        return article

    def _maybe_die(self) -> None:
        self._stored += 1
        if self._kill_at and self._stored == self._kill_at:
            os.kill(os.getpid(), signal.SIGKILL)  # crash test: dies mid-transaction

    def _store(self, p: Prepared) -> None:
        a = p.analysis
        url = p.item.url.strip()
        if not a.relevant:
            borderline = a.relevance >= nlp.RESCUE_THRESHOLD and bool(a.entities.victim)
            status = Article.Status.BORDERLINE if borderline else Article.Status.IRRELEVANT
            article = self._article(p, a, status)
            article.save()
            self._maybe_die()
            self.cache[article.pk] = a
            self.summary.new += 1
            if borderline:
                self.summary.borderline += 1
            else:
                self.summary.irrelevant += 1
            return
        dup = self.dups.query(a.fingerprint)
        if dup is not None and not nlp.same_victim(a, self.victim_of.get(dup)):
            dup = None  # a templated report about another victim of one wave
        key = None
        if dup is not None and self.incident_of_url.get(dup) in self.incident_key:
            key = self.incident_key[self.incident_of_url[dup]]
            self.grouper.add_to(key, a)
            status = Article.Status.DUPLICATE
        else:
            key = self.grouper.assign(a)
            status = Article.Status.GROUPED
        source = self._source(p, a.text, a.title, a.language)
        article = self._article(p, a, status)
        article.source = source
        article.save()
        self._maybe_die()
        cluster = self._attach(key, article, a, source)
        self.cache[article.pk] = a
        self._index(url, a.fingerprint, a.entities.victim, cluster.incident_id)
        self.summary.new += 1
        if status == Article.Status.DUPLICATE:
            self.summary.copies += 1

    def _attach(self, key: str, article: Article, a: Any, source: Source) -> IncidentCluster:
        """Link the article to the incident of ``key`` (a new draft when there is none)."""
        state = nlp.state_of(self.grouper, key)
        incident_id = self.key_incident.get(key)
        cluster = (
            IncidentCluster.objects.select_related("incident").filter(key=key).first()
            if incident_id
            else None
        )
        if cluster is None:
            cluster = apply_draft(None, nlp.build_draft([a]), [a], [source], key=key)
            self.key_incident[key] = cluster.incident_id
            self.incident_key[cluster.incident_id] = key
            self.summary.created.add(cluster.incident_id)
        else:
            cluster.incident.sources.add(source)
            cluster.dirty = True  # rebuilt from all its articles at the next flush
            self.summary.updated.add(cluster.incident_id)
        cluster.state = state
        cluster.save()
        Article.objects.filter(pk=article.pk).update(incident=cluster.incident)
        article.incident = cluster.incident
        return cluster

    def _store_copy(self, p: Prepared) -> None:
        """Same content as a stored article under another URL: one more source."""
        orig = p.copy_of
        article = p.existing or Article(url=p.item.url)
        for name in ("content_hash", "title", "language", "published", "analysis", "relevance"):
            setattr(article, name, getattr(orig, name))
        article.embedding = orig.embedding
        article.raw = {k: v for k, v in p.raw.items() if not isinstance(v, bytes | bytearray)}
        article.status = Article.Status.DUPLICATE if orig.incident_id else orig.status
        article.duplicate_of = orig
        article.feed_id = p.item.feed_id
        article.error = ""
        self.summary.new += 1
        if orig.incident_id and orig.incident_id in self.incident_key:
            text = orig.source.text if orig.source_id else ""
            source = self._source(p, text, orig.title, orig.language)
            article.source = source
            article.save()
            self._maybe_die()
            cluster = IncidentCluster.objects.get(incident_id=orig.incident_id)
            cluster.incident.sources.add(source)
            cluster.dirty = True
            cluster.save(update_fields=["dirty", "updated"])
            Article.objects.filter(pk=article.pk).update(incident_id=orig.incident_id)
            self.summary.copies += 1
            self.summary.updated.add(orig.incident_id)
        else:
            article.save()
            self._maybe_die()
            if article.status == Article.Status.BORDERLINE:
                self.summary.borderline += 1
            else:
                self.summary.irrelevant += 1

    # -- second pass and draft rebuilds --------------------------------------------
    def analysis_of(self, article: Article) -> Any:
        if article.pk in self.cache:
            return self.cache[article.pk]
        return load_analysis(article)

    def rescue(self) -> None:
        """Borderline articles join an existing incident when they clearly name its victim."""
        for article in Article.objects.unattached_borderline().select_related("source"):
            a = self.analysis_of(article)
            key = self.grouper.match_existing(a)
            if key is None or key not in self.key_incident:
                continue
            with transaction.atomic():
                self.grouper.add_to(key, a)
                a.flags.append("attached_by_victim")
                source = self._source(
                    Prepared(Item(article.url, url=article.url), article.raw, article.content_hash),
                    a.text,
                    a.title,
                    a.language,
                )
                article.source = source
                article.analysis = nlp.to_dict(a)
                article.save()
                self._attach(key, article, a, source)
                self.summary.rescued += 1

    def flush(self) -> None:
        for cluster in IncidentCluster.objects.filter(dirty=True).select_related("incident"):
            with transaction.atomic():
                rebuild(cluster, self.analysis_of)
