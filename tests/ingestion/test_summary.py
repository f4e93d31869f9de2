"""The closing summary of `cidb ingest`: every number adds up to the one it details."""

from __future__ import annotations

import re

from cidb.ingest.models import Article


def numbers(out: str) -> dict[str, int]:
    read = re.search(
        r"read (\d+) articles?: (\d+) new \(stored\), (\d+) already ingested \(skipped\), "
        r"(\d+) errors?",
        out,
    )
    assert read, out
    found = dict(zip(("read", "new", "already", "errors"), map(int, read.groups()), strict=True))
    new = re.search(
        r"new (\d+): (\d+) reports? grouped into incidents, (\d+) cop(?:y|ies) of another "
        r"article \(one more source\), (\d+) borderline \(kept for review\), (\d+) irrelevant",
        out,
    )
    if found["new"]:
        assert new, out
        keys = ("new2", "grouped", "copies", "borderline", "irrelevant")
        found |= dict(zip(keys, map(int, new.groups()), strict=True))
    return found


def test_the_numbers_add_up(ingest, articles, write_jsonl):
    copy = dict(articles[0], url="https://mirror.example.se/copy")
    rows = [*articles, copy, "{broken", {"title": "no url"}]
    first = numbers(ingest(write_jsonl(rows)))
    assert first["read"] == len(rows)
    assert first["read"] == first["new"] + first["already"] + first["errors"]
    assert first["new"] == first["new2"] == Article.objects.exclude(status="error").count()
    parts = first["grouped"] + first["copies"] + first["borderline"] + first["irrelevant"]
    assert parts == first["new"]
    assert first["copies"] >= 1 and first["errors"] == 2
    again = numbers(ingest(write_jsonl(articles, "again.jsonl")))
    assert again == {"read": len(articles), "new": 0, "already": len(articles), "errors": 0}
