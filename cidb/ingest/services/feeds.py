"""Feed polling: one feed's entries as ingest items (conditional GET, errors stored
on the feed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from ..feeds import FULL_TEXT_CHARS, NotAFeed, parse_feed
from ..fetch import FEED_TYPES, FetchError, fetch
from ..inputs import Item, ItemError, url_item
from ..models import Feed


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
