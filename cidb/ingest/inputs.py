"""Reading inputs into items: JSONL lines, HTML/text files, URLs and feed entries.

An item carries a reference for the summary ("file.jsonl:17", a URL), the article
URL (any URI; the idempotency key) and either a loader for the raw article or the
error that stopped it. Loading is deferred so an article that is already stored
is neither fetched nor read again. No ORM here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cidb.core.safeurl import source_url_problem

from . import conf
from .fetch import FetchError, as_raw, fetch

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class ItemError(Exception):
    """An input item that cannot be ingested; the message is the reason."""


@dataclass
class Item:
    ref: str
    url: str = ""
    load: Callable[[], dict] | None = None
    error: str = ""
    feed_id: int | None = None
    meta: dict = field(default_factory=dict)

    def raw(self) -> dict:
        if self.error:
            raise ItemError(self.error)
        assert self.load is not None
        return self.load()


def _clean_raw(data: dict) -> dict:
    """Keep the documented keys only: extra keys (e.g. a gold label) are never used."""
    raw = {
        k: data[k] for k in ("url", "title", "text", "html", "published", "language") if k in data
    }
    for key in ("title", "published", "language"):
        if key in raw and raw[key] is not None and not isinstance(raw[key], str):
            raw[key] = str(raw[key])
    return raw


def jsonl_items(path: Path) -> Iterator[Item]:
    limit = int(conf.get("INGEST_MAX_BYTES"))
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            ref = f"{path.name}:{number}"
            if not line.strip():
                continue
            if len(line) > limit:
                yield Item(ref, error=f"too large: {len(line)} bytes (limit {limit})")
                continue
            try:
                data = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield Item(ref, error=f"not UTF-8: {exc.reason} at byte {exc.start}")
                continue
            except json.JSONDecodeError as exc:
                yield Item(ref, error=f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            except RecursionError:
                yield Item(ref, error="invalid JSON: nested too deeply")
                continue
            if not isinstance(data, dict):
                yield Item(ref, error="a line must be a JSON object")
                continue
            url = data.get("url")
            if not isinstance(url, str) or not url.strip():
                yield Item(ref, error='missing "url"')
                continue
            problem = source_url_problem(url)
            if problem:
                yield Item(ref, error=f'"url": {problem}')
                continue
            if not any(isinstance(data.get(k), str) and data[k].strip() for k in ("text", "html")):
                yield Item(ref, url=url.strip(), error='missing "text" or "html"')
                continue
            raw = _clean_raw(data)
            raw["url"] = url.strip()
            yield Item(ref, url=raw["url"], load=lambda raw=raw: raw)


def file_item(path: Path) -> Item:
    url = path.resolve().as_uri()
    limit = int(conf.get("INGEST_MAX_BYTES"))

    def load() -> dict:
        size = path.stat().st_size
        if size > limit:
            raise ItemError(f"too large: {size} bytes (limit {limit})")
        data = path.read_bytes()
        # bytes: the NLP detects the charset and repairs mis-encodings
        key = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
        return {"url": url, key: data}

    return Item(str(path), url=url, load=load)


def url_item(url: str, language: str = "", feed_id: int | None = None, fallback=None) -> Item:
    def load() -> dict:
        try:
            page = fetch(url)
        except FetchError as exc:
            if fallback is not None:
                return fallback()
            raise ItemError(str(exc)) from None
        return as_raw(url, page, language)

    return Item(url, url=url, load=load, feed_id=feed_id)


def items_for(target: str) -> Iterator[Item]:
    """Items of one command-line argument: a .jsonl/.html/.txt file or an http(s) URL."""
    if target.startswith(("http://", "https://")):
        yield url_item(target)
        return
    path = Path(target)
    if not path.exists():
        yield Item(target, error="no such file")
        return
    if path.is_dir():
        yield Item(target, error="a directory (give files)")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from jsonl_items(path)
    elif suffix in HTML_SUFFIXES | TEXT_SUFFIXES:
        yield file_item(path)
    else:
        yield Item(
            target,
            error=f"unknown input type {suffix or '(none)'}: use .jsonl, .html, .txt or a URL",
        )


def missing(targets: list[str]) -> list[str]:
    """The arguments that are neither an http(s) URL nor an existing path: the run
    goes on, then fails (a typo in a path is not one failed article among many)."""
    return [
        target
        for target in targets
        if not target.startswith(("http://", "https://")) and not Path(target).exists()
    ]


def count_items(target: str) -> int:
    """Cheap total for the progress bar (lines of a JSONL file)."""
    path = Path(target)
    if path.suffix.lower() == ".jsonl" and path.is_file():
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    return 1
