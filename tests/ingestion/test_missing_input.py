"""`cidb ingest` of a file that does not exist stops with an error (non-zero exit)
instead of counting one failed item and exiting 0; a deeply nested JSONL line is one
failed item, not the end of the run."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from cidb.ingest.inputs import jsonl_items, missing


def test_missing_file_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such file: .*nope.jsonl"):
        call_command("ingest", str(tmp_path / "nope.jsonl"), "--no-progress")


def test_missing_lists_only_absent_paths(tmp_path):
    present = tmp_path / "a.jsonl"
    present.write_text("")
    assert missing([str(present), "https://example.org/x", str(tmp_path / "b.html")]) == [
        str(tmp_path / "b.html")
    ]


def test_deeply_nested_line_is_one_error(tmp_path):
    path = tmp_path / "a.jsonl"
    good = json.dumps({"url": "https://example.org/a", "text": "Text."})
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + good + "\n")
    items = list(jsonl_items(path))
    assert items[0].error == "invalid JSON: nested too deeply"
    assert items[1].error == "" and items[1].url == "https://example.org/a"
