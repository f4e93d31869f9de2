"""The ingestor: reads items, analyses them, embeds what grouping needs and stores
each batch of articles in one transaction (Articles, Sources, grouping states, new
incidents); a rescue pass for borderline articles and the draft rebuilds close a run.

Pipelined: batch k is analysed on the main thread while batch k-1 is embedded in a
background thread (the model's C code releases the GIL), then batch k-1 is grouped
and stored. Only the articles ``select_for_embedding`` picks are embedded up front;
grouping embeds the others on demand, only when no incident takes them by name.

Resumable by construction: a batch commits with the grouping state it changed, an
incident whose draft still needs rebuilding is flagged ``dirty`` in the same
transaction, and a rerun skips stored articles by URL and content hash and first
rebuilds whatever was left dirty. The search index and the data generation are
updated once per transaction (``deferred_index``), not on every save.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from cidb.core import db
from cidb.incidents import services as incident_services
from cidb.incidents.models import Incident, Source, parse_iso_date

from .. import analysis as nlp
from .. import conf
from ..inputs import Item, ItemError
from ..models import Article, IncidentCluster, sha256
from .drafts import apply_draft, load_analysis, rebuild

log = logging.getLogger(__name__)
DRAFTS_PER_TRANSACTION = 50  # draft rebuilds committed together at the end of a run
STORE_ATTEMPTS = 4  # a batch that met a lock or deadlock error is stored again


@dataclass
class Summary:
    """What one run did. Every article read is exactly one of: already ingested
    (skipped), an error, or new (stored); every new one is exactly one of: a report
    grouped into an incident, a copy of another article, borderline or irrelevant."""

    read: int = 0
    new: int = 0
    already: int = 0  # stored by an earlier run (same URL or same content)
    grouped: int = 0  # new reports grouped into an incident (new or existing)
    copies: int = 0  # near or exact copies of another article: one more source
    irrelevant: int = 0
    borderline: int = 0
    rescued: int = 0
    unreadable: int = 0  # uncertain, in a language without a lexicon: kept for review
    analysed: int = 0
    embedded: int = 0  # up front and on demand
    created: set[int] = field(default_factory=set)
    updated: set[int] = field(default_factory=set)
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # where the time went

    def copy(self) -> Summary:
        return replace(
            self,
            created=set(self.created),
            updated=set(self.updated),
            errors=list(self.errors),
            seconds=dict(self.seconds),
        )

    def timed(self, name: str, since: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - since

    def lines(self) -> list[str]:
        """The closing summary: each line's numbers add up to its first number."""
        updated = self.updated - self.created
        out = [
            f"read {_n(self.read, 'article')}: {self.new} new (stored), "
            f"{self.already} already ingested (skipped), {_n(len(self.errors), 'error')}"
        ]
        if self.new:
            out.append(
                f"new {self.new}: {_n(self.grouped, 'report')} grouped into incidents, "
                f"{_n(self.copies, 'copy', 'copies')} of another article (one more source), "
                f"{self.borderline} borderline (kept for review), {self.irrelevant} irrelevant"
            )
        line = f"incidents created {len(self.created)}, updated {len(updated)}"
        if self.rescued:
            line += f"; {_n(self.rescued, 'borderline article')} attached by victim name"
        out.append(line)
        if self.unreadable:
            out.append(
                f"kept for review: {self.unreadable} uncertain article(s) in languages "
                "read only in part (flag language_unreadable:xx on their drafts)"
            )
        out += [f"  error: {ref}: {reason}" for ref, reason in self.errors]
        return out


def _n(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


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
    copy_of_pending: Prepared | None = None  # same content earlier in this run, unstored
    article: Article | None = None  # the stored row, once its batch is stored


class Ingestor:
    """Reads items, analyses them in batches and stores each batch in one transaction.
    Holds the grouper and duplicate index rebuilt from the database."""

    def __init__(self, embedder: Any = None, batch: int | None = None) -> None:
        self.embedder = embedder or nlp.make_embedder(str(conf.get("INGEST_EMBEDDER")))
        self.batch = max(1, int(batch or conf.get("INGEST_BATCH")))
        self.summary = Summary()
        self.cache: dict[int, Any] = {}  # article id -> analysis, for draft rebuilds
        self._seen: set[str] = set()
        self._name_tokens: set[str] = set()  # victim names seen this run (embedding choice)
        self._unstored: dict[str, Prepared] = {}  # content hash -> article read, not stored
        self._kill_at = int(os.environ.get("CIDB_INGEST_KILL_AT", "0") or 0)  # tests only
        self._stored = 0
        self.load_state()

    # -- state ---------------------------------------------------------------------
    def load_state(self) -> None:
        clusters = list(IncidentCluster.objects.values_list("pk", "key", "state", "incident_id"))
        self.grouper = nlp.new_grouper([s for _, _, s, _ in clusters if s])
        self.key_incident = {k: i for _, k, _, i in clusters}
        self.incident_key = {i: k for _, k, _, i in clusters}
        self.key_cluster = {k: pk for pk, k, _, _ in clusters}
        self.dups = nlp.DuplicateIndex()
        self.victim_of: dict[str, str | None] = {}
        self.incident_of_url: dict[str, int] = {}
        rows = Article.objects.grouped().values_list("url", "analysis", "incident_id")
        for url, data, incident_id in rows.iterator(chunk_size=2000):
            entities = data.get("entities") or {}
            self._index(url, data.get("fingerprint") or [], entities.get("victim"), incident_id)
        # written once per transaction: grouping states (key -> needs a rebuild) and
        # incident-source links
        self._touched: dict[str, bool] = {}
        self._links: list[tuple[int, int]] = []
        self._sources: dict[str, Source] = {}

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
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-embed")
        pending: tuple[list[Prepared], Future] | None = None
        try:
            for group in self._groups(items, limit):
                t0 = time.perf_counter()
                batch = self._prepare_group(group)
                self.summary.timed("read+analyse", t0)
                # batch k was analysed while batch k-1 was embedded: store k-1, then
                # choose k's embeddings (the choice depends on the names grouped so far)
                if pending is not None:
                    self._store_batch(*pending)
                pending = (batch, self._embed_later(pool, batch))
                if progress:
                    progress(len(group))
            if pending is not None:
                self._store_batch(*pending)
        finally:
            pool.shutdown(wait=True)
        t0 = time.perf_counter()
        self.rescue()
        self.flush()
        self.summary.timed("rescue+drafts", t0)
        return self.summary

    def _groups(self, items: Iterable[Item], limit: int | None) -> Iterator[list[Item]]:
        group: list[Item] = []
        for item in items:
            if limit is not None and self.summary.read >= limit:
                break
            self.summary.read += 1
            group.append(item)
            if len(group) >= self.batch:
                yield group
                group = []
        if group:
            yield group

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

    def _prepare_group(self, group: list[Item]) -> list[Prepared]:
        """Items not stored yet, read and analysed (no embedding). Two queries per group:
        stored URLs, then stored copies of the same content."""
        hashes = [sha256(item.url.strip()) for item in group if item.url]
        stored = dict(Article.objects.filter(url_hash__in=hashes).values_list("url_hash", "status"))
        retry = [h for h, status in stored.items() if status == Article.Status.ERROR]
        errors = (
            {a.url_hash: a for a in Article.objects.filter(url_hash__in=retry)} if retry else {}
        )
        read: list[Prepared] = []
        for item in group:
            existing = None
            if item.url:
                url = item.url.strip()
                url_hash = sha256(url)
                if url in self._seen or (url_hash in stored and url_hash not in errors):
                    self.summary.already += 1
                    continue
                existing = errors.get(url_hash)
            if item.error:
                self._error(item, item.error, existing)
                continue
            try:
                raw = item.raw()
            except ItemError as exc:
                self._error(item, str(exc), existing)
                continue
            except OSError as exc:
                self._error(item, f"cannot read: {exc.strerror or exc}", existing)
                continue
            self._seen.add(item.url.strip())
            read.append(Prepared(item, raw, _body_hash(raw), existing=existing))
        copies = self._stored_copies(read)
        out = []
        for p in read:
            if p.content_hash in copies:
                p.copy_of = copies[p.content_hash].get(sha256(p.item.url.strip()))
                if p.copy_of is not None:
                    out.append(p)
                    continue
            if p.content_hash in self._unstored:
                p.copy_of_pending = self._unstored[p.content_hash]
                out.append(p)
                continue
            if self._analyse(p):
                if p.content_hash:
                    self._unstored[p.content_hash] = p
                out.append(p)
        return out

    def _stored_copies(self, read: list[Prepared]) -> dict[str, dict[str, Article]]:
        """content hash -> {url hash of the reader -> first stored article with that
        content under another URL}."""
        hashes = {p.content_hash for p in read if p.content_hash}
        if not hashes:
            return {}
        rows = (
            Article.objects.filter(content_hash__in=hashes)
            .exclude(status=Article.Status.ERROR)
            .order_by("id")
            .values_list("content_hash", "url_hash", "pk")
        )
        by_hash: dict[str, list[tuple[str, int]]] = {}
        for content_hash, url_hash, pk in rows:
            by_hash.setdefault(content_hash, []).append((url_hash, pk))
        chosen: dict[str, dict[str, int]] = {}
        for p in read:
            url_hash = sha256(p.item.url.strip())
            for other_hash, pk in by_hash.get(p.content_hash, []):
                if other_hash != url_hash:
                    chosen.setdefault(p.content_hash, {})[url_hash] = pk
                    break
        pks = {pk for m in chosen.values() for pk in m.values()}
        if not pks:
            return {}
        articles = Article.objects.select_related("source").in_bulk(pks)
        return {h: {u: articles[pk] for u, pk in m.items()} for h, m in chosen.items()}

    def _analyse(self, p: Prepared) -> bool:
        try:
            p.analysis = nlp.analyse(p.raw)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            log.exception("analysis failed for %s", p.item.ref)
            self._error(p.item, f"analysis failed: {exc.__class__.__name__}: {exc}", p.existing)
            return False
        self.summary.analysed += 1
        reason = nlp.fatal_error(p.analysis)
        if reason:
            self._error(p.item, reason, p.existing)
            return False
        return True

    # -- embedding -----------------------------------------------------------------
    def _embed_later(self, pool: ThreadPoolExecutor, batch: list[Prepared]) -> Future:
        analyses = [p.analysis for p in batch if p.analysis is not None]
        chosen = [
            analyses[i]
            for i in nlp.select_for_embedding(
                analyses, self.grouper, self._name_tokens, nlp.is_semantic(self.embedder)
            )
        ]
        return pool.submit(self._embed, chosen)

    def _embed(self, analyses: list[Any]) -> None:
        t0 = time.perf_counter()
        nlp.embed(analyses, self.embedder)
        self.summary.embedded += len(analyses)
        self.summary.timed("embed", t0)

    def _embed_now(self, a: Any) -> None:
        """Grouping found no incident by name: embed and score again (on demand)."""
        if a.text:
            self._embed([a])

    # -- storing a batch (one transaction) -----------------------------------------
    def _store_batch(
        self, batch: list[Prepared], embedded: Future | None = None, attempt: int = 1
    ) -> None:
        t0 = time.perf_counter()
        if embedded is not None:
            embedded.result()
            self.summary.timed("embed wait", t0)
            t0 = time.perf_counter()
        if not batch:
            return
        before, cached = self.summary.copy(), set(self.cache)
        try:
            with transaction.atomic(), incident_services.deferred_index():
                self._prefetch_sources(batch)
                for p in batch:
                    self._store_one(p)
                self._write_touched()
        except Exception as exc:  # noqa: BLE001 - report, reload state, go on
            # the in-memory grouper is ahead of the database: reload it, then store the
            # batch one article per transaction so only the failing article is lost
            self.summary = before
            for pk in set(self.cache) - cached:
                del self.cache[pk]
            for p in batch:
                p.article = None
            self.load_state()
            if db.is_transient(exc) and attempt < STORE_ATTEMPTS:
                # another writer held a lock too long: the batch rolled back whole
                log.warning("storing a batch met %s; retrying", exc)
                time.sleep(0.5 * attempt)
                self._store_batch(batch, attempt=attempt + 1)
            elif len(batch) == 1:
                log.exception("storing %s failed", batch[0].item.ref)
                self.summary.errors.append((batch[0].item.ref, f"{exc.__class__.__name__}: {exc}"))
            else:
                for p in batch:
                    self._store_batch([p])
        finally:
            for p in batch:
                if self._unstored.get(p.content_hash) is p:
                    del self._unstored[p.content_hash]
            self.summary.timed("store", t0)

    def _prefetch_sources(self, batch: list[Prepared]) -> None:
        hashes = [Source.hash_url(p.item.url) for p in batch]
        self._sources = {s.url_hash: s for s in Source.objects.filter(url_hash__in=hashes)}

    def _write_touched(self) -> None:
        """Grouping states of the incidents this transaction touched, and new links."""
        now = timezone.now()
        clusters = [
            IncidentCluster(
                pk=self.key_cluster[key],
                state=nlp.state_of(self.grouper, key),
                dirty=dirty,
                updated=now,
            )
            for key, dirty in self._touched.items()
        ]
        IncidentCluster.objects.bulk_update(clusters, ["state", "dirty", "updated"], batch_size=200)
        through = Incident.sources.through
        links = [through(incident_id=i, source_id=s) for i, s in dict.fromkeys(self._links)]
        through.objects.bulk_create(links, ignore_conflicts=True, batch_size=500)
        if links:
            incident_services.incidents_changed([], reindex=False)
        self._touched, self._links = {}, []

    def _store_one(self, p: Prepared) -> None:
        if p.copy_of_pending is not None:
            p.copy_of = p.copy_of_pending.article
            if p.copy_of is None:  # its original could not be stored: analyse it instead
                p.copy_of_pending = None
                if not self._analyse(p):
                    return
        if p.copy_of is not None:
            self._store_copy(p)
        else:
            self._store(p)

    def _source(self, p: Prepared, text: str, title: str | None, language: str | None) -> Source:
        url = p.item.url.strip()
        source = self._sources.get(Source.hash_url(url)) or Source(url=url)
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
            p.article = article
            self.summary.new += 1
            if borderline:
                self.summary.borderline += 1
            else:
                self.summary.irrelevant += 1
            return
        dup = self.dups.query(a.fingerprint)
        if dup is not None and not nlp.same_victim(a, self.victim_of.get(dup)):
            dup = None  # a templated report about another victim of one wave
        if dup is not None and self.incident_of_url.get(dup) in self.incident_key:
            key = self.incident_key[self.incident_of_url[dup]]
            self.grouper.add_to(key, a)
            status = Article.Status.DUPLICATE
        else:
            key = self.grouper.assign(a, embed=self._embed_now)
            status = Article.Status.GROUPED
        source = self._source(p, a.text, a.title, a.language)
        article = self._article(p, a, status)
        article.source = source
        article.incident_id = self._attach(key, a, source)
        article.save()
        self._maybe_die()
        self.cache[article.pk] = a
        p.article = article
        self._index(url, a.fingerprint, a.entities.victim, article.incident_id)
        self.summary.new += 1
        if status == Article.Status.DUPLICATE:
            self.summary.copies += 1
        else:
            self.summary.grouped += 1
        if any(f.startswith("language_unreadable:") for f in a.flags):
            self.summary.unreadable += 1

    def _attach(self, key: str, a: Any, source: Source) -> int:
        """The incident of ``key`` (a new draft when there is none) gets the source;
        returns its id. Grouping state and links are written at the end of the batch."""
        incident_id = self.key_incident.get(key)
        if incident_id is None:
            cluster = apply_draft(None, nlp.build_draft([a]), [a], [source], key=key)
            incident_id = cluster.incident_id
            self.key_incident[key] = incident_id
            self.incident_key[incident_id] = key
            self.key_cluster[key] = cluster.pk
            self.summary.created.add(incident_id)
            self._touched.setdefault(key, False)
        else:
            self._links.append((incident_id, source.pk))
            self._touched[key] = True  # rebuilt from all its articles at the next flush
            self.summary.updated.add(incident_id)
        return incident_id

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
        p.article = article
        if orig.incident_id and orig.incident_id in self.incident_key:
            text = orig.source.text if orig.source_id else ""
            source = self._source(p, text, orig.title, orig.language)
            article.source = source
            article.incident_id = orig.incident_id
            article.save()
            self._maybe_die()
            self._links.append((orig.incident_id, source.pk))
            self._touched[self.incident_key[orig.incident_id]] = True
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
        articles = list(Article.objects.unattached_borderline().select_related("source"))
        if not articles:
            return
        with transaction.atomic(), incident_services.deferred_index():
            hashes = [Source.hash_url(x.url) for x in articles]
            self._sources = {s.url_hash: s for s in Source.objects.filter(url_hash__in=hashes)}
            for article in articles:
                a = self.analysis_of(article)
                key = self.grouper.match_existing(a)
                if key is None or key not in self.key_incident:
                    continue
                self.grouper.add_to(key, a)
                a.flags.append("attached_by_victim")
                p = Prepared(Item(article.url, url=article.url), article.raw, article.content_hash)
                source = self._source(p, a.text, a.title, a.language)
                article.source = source
                article.analysis = nlp.to_dict(a)
                article.incident_id = self._attach(key, a, source)
                article.save()
                self.summary.rescued += 1
            self._write_touched()

    def flush(self) -> None:
        """Rebuild every dirty draft, a few dozen per transaction."""
        pks = list(IncidentCluster.objects.filter(dirty=True).values_list("pk", flat=True))
        for start in range(0, len(pks), DRAFTS_PER_TRANSACTION):
            chunk = pks[start : start + DRAFTS_PER_TRANSACTION]
            with transaction.atomic(), incident_services.deferred_index():
                clusters = IncidentCluster.objects.filter(pk__in=chunk, dirty=True)
                for cluster in clusters.select_related("incident"):
                    rebuild(cluster, self.analysis_of)
