"""RSS/Atom parsing with feedparser (no ORM): a feed's entries as raw articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import feedparser

# entries with at least this much text are ingested as they are; shorter ones
# (teasers) are replaced by the linked page when it can be fetched
FULL_TEXT_CHARS = 600


class NotAFeed(Exception):
    """The content is not an RSS or Atom feed."""


@dataclass
class ParsedFeed:
    title: str
    language: str
    entries: list[dict] = field(default_factory=list)


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except ValueError:
        return None


def parse_feed(content: bytes, base_url: str = "") -> ParsedFeed:
    parsed = feedparser.parse(content, response_headers={"content-location": base_url})
    if not parsed.get("version") or (parsed.get("bozo") and not parsed.entries):
        reason = parsed.get("bozo_exception")
        raise NotAFeed(f"not an RSS or Atom feed{f' ({reason})' if reason else ''}")
    language = (parsed.feed.get("language") or "").split("-")[0].lower()[:8]
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or entry.get("id") or "").strip()
        if not link:
            continue
        body = ""
        if entry.get("content"):
            body = max((c.get("value") or "" for c in entry.content), key=len)
        body = body if len(body) >= len(entry.get("summary") or "") else entry.get("summary", "")
        entries.append(
            {
                "url": link,
                "title": entry.get("title") or "",
                "html": body or "",
                "published": _date(entry),
                "language": language,
            }
        )
    return ParsedFeed(parsed.feed.get("title") or "", language, entries)
