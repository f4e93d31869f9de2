"""Ingestion writes: one article at a time in a transaction (Article, Source,
grouping state, incident), drafts rebuilt from their articles, feeds polled, and
the editor actions of the review queue (merge, split, publish, suggestions).

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
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pycountry
from django.db import transaction
from django.utils import timezone

from cidb.incidents import services as incident_services
from cidb.incidents import vocab
from cidb.incidents.models import (
    AttackType,
    ChangeLog,
    Incident,
    Motive,
    Organization,
    Source,
    Technique,
    ThreatActor,
    parse_iso_date,
)

from . import analysis as nlp
from . import conf
from .feeds import FULL_TEXT_CHARS, NotAFeed, parse_feed
from .fetch import FEED_TYPES, FetchError, fetch
from .inputs import Item, ItemError, url_item
from .models import Article, Feed, IncidentCluster, sha256

log = logging.getLogger(__name__)
EDITABLE = ("draft", "in_review")
# fields an ingest may suggest for a published incident (texts are the editor's)
SUGGESTED_FIELDS = (
    "victim",
    "country",
    "date",
    "attack_types",
    "cia",
    "motives",
    "techniques",
    "actors",
)


# --- summary ------------------------------------------------------------------------


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


# --- incident fields from a draft ---------------------------------------------------


def _country(code: Any) -> str:
    code = str(code or "").upper()
    return code if code and pycountry.countries.get(alpha_2=code) else ""


def _date(draft: dict, members: list[Any]) -> tuple[dt.date, str]:
    today = dt.date.today()
    for text in [draft.get("date"), *(a.published for a in members)]:
        if not text:
            continue
        try:
            value, precision = parse_iso_date(str(text))
        except ValueError:
            continue
        return (value, precision) if value <= today else (today, "day")
    return today, "day"  # nothing dated: the editor fixes it in review


def _organization(name: str | None, aliases: list[str], country: str) -> Organization | None:
    name = (name or "").strip()[:300]
    if not name:
        return None
    org = Organization.objects.filter(name=name, country=country).first()
    if org is None:
        org = Organization.objects.create(
            name=name, country=country, aliases=sorted(aliases)[:20], sector="other"
        )
    return org


def _actors(draft: dict) -> list[ThreatActor]:
    out = []
    for data in draft.get("actors") or []:
        name = str(data.get("name") or "").strip()[:200]
        if not name:
            continue
        kind = data.get("type") if data.get("type") in vocab.ACTOR_TYPES else "unknown"
        actor, _ = ThreatActor.objects.get_or_create(
            name=name, defaults={"actor_type": kind, "country": _country(data.get("country"))}
        )
        out.append(actor)
    return out


def _cia(draft: dict) -> dict[str, str]:
    letters = {str(x).upper() for x in draft.get("cia") or []}
    return {
        name: "affected" if letter in letters else "unknown"
        for name, letter in vocab.CIA_FIELDS.items()
    }


def proposed_values(draft: dict, members: list[Any]) -> dict[str, Any]:
    """The draft in the comparable shape used for suggestions."""
    date, precision = _date(draft, members)
    return {
        "victim": draft.get("victim") or "",
        "country": _country(draft.get("country")),
        "date": incident_services._jsonable(date) if precision == "day" else draft.get("date"),
        "attack_types": sorted(
            t for t in draft.get("attack_types") or [] if t in vocab.ATTACK_TYPES
        ),
        "cia": _cia(draft),
        "motives": sorted(m for m in draft.get("motives") or [] if m in vocab.MOTIVES),
        "techniques": sorted(str(t).upper() for t in draft.get("techniques") or []),
        "actors": sorted(str(a.get("name")) for a in draft.get("actors") or [] if a.get("name")),
    }


def current_values(incident: Incident) -> dict[str, Any]:
    return {
        "victim": incident.victim.name if incident.victim_id else incident.victim_label,
        "country": incident.country,
        "date": incident.date_iso,
        "attack_types": sorted(incident.attack_types.values_list("slug", flat=True)),
        "cia": incident.cia,
        "motives": sorted(incident.motives.values_list("slug", flat=True)),
        "techniques": sorted(incident.techniques.values_list("attack_id", flat=True)),
        "actors": sorted(incident.actors.values_list("name", flat=True)),
    }


def _write_fields(incident: Incident, draft: dict, members: list[Any]) -> None:
    country = _country(draft.get("country"))
    incident.victim = _organization(draft.get("victim"), draft.get("victim_aliases") or [], country)
    incident.date, incident.date_precision = _date(draft, members)
    incident.country = country
    incident.summary = draft.get("summary") or "Automatically drafted incident."
    incident.description = draft.get("description") or ""
    for name, value in _cia(draft).items():
        setattr(incident, name, value)
    incident.conflicts = draft.get("conflicts") or []
    incident.save()
    incident.attack_types.set(AttackType.objects.filter(slug__in=draft.get("attack_types") or []))
    incident.motives.set(Motive.objects.filter(slug__in=draft.get("motives") or []))
    techniques = [str(t).upper() for t in draft.get("techniques") or []]
    incident.techniques.set(Technique.objects.filter(attack_id__in=techniques))
    incident.actors.set(_actors(draft))


def apply_draft(
    cluster: IncidentCluster | None,
    draft: dict,
    members: list[Any],
    sources: list[Source],
    key: str = "",
    user=None,
) -> IncidentCluster:
    """Create or update the incident of a draft (inside the caller's transaction).

    Drafts take the new values; a published incident keeps its approved values and
    the differences are stored as suggestions for an editor."""
    stored = {k: v for k, v in draft.items() if k not in ("summary", "description")}
    if cluster is None:
        incident = Incident(status="draft")
        _write_fields(incident, draft, members)
        incident.sources.add(*sources)
        cluster = IncidentCluster.objects.create(incident=incident, key=key, draft=stored)
        incident_services.record_change(
            incident,
            ChangeLog.Action.CREATE,
            incident_services.diff({}, incident_services.snapshot(incident)),
            user,
            comment=f"ingest: drafted from {len(members)} article(s)",
        )
        return cluster
    incident = cluster.incident
    previous = cluster.draft or {}
    before = incident_services.snapshot(incident)
    if incident.status in EDITABLE:
        _write_fields(incident, draft, members)
        incident.sources.add(*sources)
        comment = f"ingest: draft rebuilt from {len(members)} article(s)"
    else:
        incident.sources.add(*sources)
        current = current_values(incident)
        proposed = proposed_values(draft, members)
        suggestions = {}
        for name in SUGGESTED_FIELDS:
            if proposed[name] and proposed[name] != current[name]:
                suggestions[name] = {"value": proposed[name], "current": current[name]}
        if draft.get("conflicts") and draft["conflicts"] != incident.conflicts:
            suggestions["conflicts"] = {"value": draft["conflicts"], "current": incident.conflicts}
        cluster.suggestions = suggestions
        comment = f"ingest: new sources; {len(suggestions)} suggested change(s) pending review"
    cluster.draft = stored
    cluster.dirty = False
    cluster.save()
    changes = incident_services.diff(before, incident_services.snapshot(incident))
    if incident.status not in EDITABLE:
        # sources were linked when the articles arrived: say what is new for editors
        old = {s["url"] for s in previous.get("sources") or []}
        new = sorted(s["url"] for s in draft.get("sources") or [] if s["url"] not in old)
        changes = {
            **changes,
            "sources": [None, new],
            "suggestions": [None, sorted(cluster.suggestions)],
        }
    if changes:
        incident_services.record_change(incident, ChangeLog.Action.UPDATE, changes, user, comment)
    return cluster


# --- the ingestor -------------------------------------------------------------------


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


def load_analysis(article: Article) -> Any:
    text = article.source.text if article.source_id else ""
    try:
        return nlp.from_dict(article.analysis, text, article.vector())
    except (TypeError, KeyError, ValueError):
        # the stored shape is from another version of the NLP core: analyse again
        raw = dict(article.raw)
        if not raw.get("text") and not raw.get("html"):
            raw["text"] = text
        a = nlp.analyse(raw)
        a.embedding = article.vector()
        return a


def members_of(incident: Incident) -> list[Article]:
    articles = list(
        Article.objects.filter(incident=incident)
        .exclude(status=Article.Status.ERROR)
        .select_related("source")
    )
    # file order, rescued (borderline) articles last: the batch pipeline's order
    return sorted(articles, key=lambda x: (x.status == Article.Status.BORDERLINE, x.pk))


def rebuild(
    cluster: IncidentCluster, analysis_of: Callable[[Article], Any] = load_analysis, user=None
) -> None:
    """Rebuild an incident's draft from all its articles (call in a transaction)."""
    articles = members_of(cluster.incident)
    if not articles:
        cluster.dirty = False
        cluster.save(update_fields=["dirty", "updated"])
        return
    analyses = [analysis_of(x) for x in articles]
    sources = [x.source for x in articles if x.source_id]
    apply_draft(cluster, nlp.build_draft(analyses), analyses, sources, user=user)


# --- feeds --------------------------------------------------------------------------


def feed_items(feed: Feed) -> list[Item]:
    """Poll one feed (conditional GET); its entries as items. Errors are stored on
    the feed and raised as ItemError."""
    try:
        page = fetch(feed.url, accept=FEED_TYPES, etag=feed.etag, last_modified=feed.last_modified)
        parsed = None if page.not_modified else parse_feed(page.content, page.url)
    except (FetchError, NotAFeed) as exc:
        Feed.objects.filter(pk=feed.pk).update(
            last_polled=timezone.now(), last_error=str(exc)[:2000], error_count=feed.error_count + 1
        )
        raise ItemError(str(exc)) from None
    updates: dict[str, Any] = {"last_polled": timezone.now(), "last_error": "", "error_count": 0}
    if parsed is None:
        Feed.objects.filter(pk=feed.pk).update(**updates)
        return []
    updates.update(etag=page.etag[:300], last_modified=page.last_modified[:100])
    if parsed.title and not feed.title:
        updates["title"] = parsed.title[:300]
    Feed.objects.filter(pk=feed.pk).update(**updates)
    language = feed.language or parsed.language
    items = []
    for entry in parsed.entries:
        entry = {**entry, "language": language or entry.get("language") or ""}

        def from_entry(entry: dict = entry) -> dict:
            if not entry["html"].strip():
                raise ItemError("the entry has no text and its page could not be fetched")
            return entry

        if len(entry["html"]) >= FULL_TEXT_CHARS or not entry["url"].startswith("http"):
            item = Item(entry["url"], url=entry["url"], load=from_entry, feed_id=feed.pk)
        else:
            # a teaser: read the linked page, else fall back to the entry's text
            item = url_item(entry["url"], language, feed.pk, fallback=from_entry)
            inner = item.load

            def load(inner=inner, entry=entry) -> dict:
                raw = inner()
                for k in ("title", "published"):
                    if entry.get(k) and not raw.get(k):
                        raw[k] = entry[k]
                return raw

            item.load = load
        item.meta["publisher"] = parsed.title or feed.title
        items.append(item)
    return items


def all_feed_items(feeds: Iterable[Feed] | None = None) -> Iterable[Item]:
    for feed in feeds if feeds is not None else Feed.objects.filter(enabled=True):
        try:
            yield from feed_items(feed)
        except ItemError as exc:
            yield Item(f"feed {feed.url}", error=str(exc))


# --- review actions -----------------------------------------------------------------


@transaction.atomic
def publish(incident: Incident, user=None) -> Incident:
    before = incident_services.snapshot(incident)
    incident.status = "published"
    incident.save()
    incident_services.record_change(
        incident,
        ChangeLog.Action.UPDATE,
        incident_services.diff(before, incident_services.snapshot(incident)),
        user,
        comment="published from the review queue",
    )
    return incident


@transaction.atomic
def merge(survivor: Incident, others: list[Incident], user=None) -> Incident:
    """Merge incidents (history, redirects) and their grouping state and articles."""
    clusters = {
        c.incident_id: c for c in IncidentCluster.objects.filter(incident__in=[survivor, *others])
    }
    target = clusters.get(survivor.pk)
    for other in others:
        Article.objects.filter(incident=other).update(incident=survivor)
        cluster = clusters.get(other.pk)
        if cluster is None:
            continue
        if target is None:
            cluster.incident = survivor  # the survivor takes over the other's state
            target = cluster
            continue
        target.state = nlp.merge_states(target.state, cluster.state)
        cluster.delete()
    if target is not None:
        target.incident = survivor
        target.state = {**target.state, "key": target.key} if target.state else target.state
        target.dirty = True
        target.save()
    incident_services.merge_incidents(survivor, others, user)
    if target is not None:
        target.refresh_from_db()
        rebuild(target, user=user)
    return survivor


@transaction.atomic
def split(incident: Incident, source_ids: list[int], user=None) -> Incident:
    """Move the chosen sources (and their articles) to a new draft; both are regrouped."""
    moving = list(
        Article.objects.filter(incident=incident, source_id__in=source_ids).select_related("source")
    )
    sources = list(Source.objects.filter(pk__in=source_ids, incidents=incident))
    if not sources:
        raise ValueError("choose at least one of the incident's sources")
    if len(sources) == incident.sources.count():
        raise ValueError("keep at least one source on the original incident")
    cluster = IncidentCluster.objects.filter(incident=incident).first()
    # no numeric tail: new_grouper continues numbering after numeric tails
    key = f"split-{uuid.uuid4().hex}-s"
    analyses = [load_analysis(x) for x in moving]
    if analyses:
        draft = nlp.build_draft(analyses)
    else:  # sources the pipeline did not read: a minimal draft from the original
        draft = {
            "victim": incident.victim.name if incident.victim_id else None,
            "country": incident.country,
            "date": incident.date_iso,
        }
        draft["summary"] = f"Split from {incident.victim_name}: needs review."
    new = apply_draft(None, draft, analyses, sources, key=key, user=user)
    new.state = nlp.state_from_members(key, analyses)
    new.save()
    incident.sources.remove(*sources)
    Article.objects.filter(pk__in=[x.pk for x in moving]).update(incident=new.incident)
    incident_services.record_change(
        incident,
        ChangeLog.Action.UPDATE,
        {"sources": [[s.url for s in sources], []]},
        user,
        comment=f"split: {len(sources)} source(s) moved to {new.incident.uuid}",
    )
    if cluster is not None:
        remaining = [load_analysis(x) for x in members_of(incident)]
        cluster.state = nlp.state_from_members(cluster.key, remaining)
        cluster.save()
        rebuild(cluster, user=user)
    return new.incident


FIELD_WRITERS = {*SUGGESTED_FIELDS, "conflicts"}


@transaction.atomic
def accept_suggestions(cluster: IncidentCluster, fields: list[str], user=None) -> Incident:
    """Apply chosen suggested values to a published incident (recorded in its history)."""
    incident = cluster.incident
    before = incident_services.snapshot(incident)
    suggestions = dict(cluster.suggestions or {})
    for name in fields:
        if name not in suggestions or name not in FIELD_WRITERS:
            continue
        value = suggestions.pop(name)["value"]
        if name == "victim":
            incident.victim = _organization(value, [], incident.country)
        elif name == "country":
            incident.country = _country(value)
        elif name == "date":
            incident.date, incident.date_precision = parse_iso_date(value)
        elif name == "cia":
            for k, v in value.items():
                setattr(incident, k, v)
        elif name == "conflicts":
            incident.conflicts = value
        elif name == "attack_types":
            incident.attack_types.set(AttackType.objects.filter(slug__in=value))
        elif name == "motives":
            incident.motives.set(Motive.objects.filter(slug__in=value))
        elif name == "techniques":
            incident.techniques.set(Technique.objects.filter(attack_id__in=value))
        elif name == "actors":
            incident.actors.set(_actors({"actors": [{"name": n} for n in value]}))
    incident.save()
    cluster.suggestions = suggestions
    cluster.save(update_fields=["suggestions", "updated"])
    incident_services.record_change(
        incident,
        ChangeLog.Action.UPDATE,
        incident_services.diff(before, incident_services.snapshot(incident)),
        user,
        comment="accepted suggested changes: " + ", ".join(fields),
    )
    return incident


@transaction.atomic
def dismiss_suggestions(cluster: IncidentCluster, user=None) -> None:
    names = sorted(cluster.suggestions or {})
    cluster.suggestions = {}
    cluster.save(update_fields=["suggestions", "updated"])
    incident_services.record_change(
        cluster.incident,
        ChangeLog.Action.UPDATE,
        {},
        user,
        comment="dismissed suggestions: " + ", ".join(names),
    )
