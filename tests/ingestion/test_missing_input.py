"""`cidb ingest` of a file that does not exist fails the run (non-zero exit, after
the other inputs) instead of counting one failed item and exiting 0; a deeply nested JSONL line is one
failed item, not the end of the run."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cidb.ingest.inputs import jsonl_items, missing
from cidb.ingest.models import Article


def test_missing_file_fails_the_run_after_the_others(db, tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(json.dumps({"url": "https://example.org/a", "text": "Nothing here."}) + "\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="no such file: .*nope.jsonl"):
        call_command(
            "ingest", str(good), str(tmp_path / "nope.jsonl"), "--no-progress",
            stdout=out, stderr=io.StringIO(),
        )  # fmt: skip
    assert "read 2" in out.getvalue()  # the summary, with the missing file as an error
    assert "nope.jsonl: no such file" in out.getvalue()
    assert Article.objects.filter(url="https://example.org/a").exists()


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
