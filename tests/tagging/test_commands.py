"""The `tag` and `train_tagger` management commands (thin wrappers over the library)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

RANSOM = "The ransomware encrypted files on all file servers and demanded a ransom for the decryption key."


def _run(*args: str) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("tag", *args, "--no-progress", stdout=out, stderr=err)
    rows = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return rows, err.getvalue()


def test_tag_jsonl_prints_one_row_per_document_and_reports_bad_lines(tmp_path, tagger):
    p = tmp_path / "docs.jsonl"
    p.write_text(
        json.dumps({"id": "a", "text": RANSOM})
        + "\n{broken\n"
        + json.dumps({"id": "b", "text": ""})
        + "\n"
    )
    rows, err = _run(str(p))
    assert [r["id"] for r in rows] == ["a", "b"]
    hit = {t["id"]: t for t in rows[0]["techniques"]}["T1486"]
    assert set(hit) == {"id", "score", "evidence"}
    assert 0.5 <= hit["score"] <= 1.0 and hit["evidence"] == [RANSOM]
    assert rows[1]["techniques"] == []
    assert "docs.jsonl:2" in err and "invalid JSON" in err


def test_tag_html_and_text(tmp_path, tagger):
    h = tmp_path / "report.html"
    h.write_text(f"<html><body><script>ransomware()</script><p>{RANSOM}</p></body></html>")
    rows, _ = _run(str(h))
    assert rows[0]["id"] == "report"
    assert "T1486" in [t["id"] for t in rows[0]["techniques"]]
    t = tmp_path / "note.txt"
    t.write_text("Nothing to see here: a football match report.")
    rows, _ = _run(str(t))
    assert rows == [{"id": "note", "techniques": []}]


def test_tag_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("tag", str(tmp_path / "missing.txt"), "--no-progress")


def test_train_tagger_with_empty_data_dir_explains(tmp_path):
    # An explicit --data folder without TRAM2 must not fall back to ../shared.
    with pytest.raises(CommandError, match="training data not found"):
        call_command("train_tagger", "--data", str(tmp_path), "--out", str(tmp_path / "m"))
    assert not (tmp_path / "m").exists()


def test_train_tagger_without_data_explains(tmp_path, monkeypatch):
    monkeypatch.setattr("cidb.tagging.training_run.find_data_dir", lambda explicit=None: None)
    with pytest.raises(CommandError, match="training data not found"):
        call_command("train_tagger", "--data", str(tmp_path), "--out", str(tmp_path / "m"))


def test_tag_non_english_with_each_crosslingual_path(tmp_path, tagger):
    sv = "Angriparna krypterade filerna på servrarna och krävde en lösensumma."
    p = tmp_path / "nyhet.txt"
    p.write_text(sv)
    rows, _ = _run(str(p))
    hit = {t["id"]: t for t in rows[0]["techniques"]}["T1486"]
    assert hit["evidence"] == [sv]
    rows, _ = _run(str(p), "--crosslingual", "none")
    assert "T1486" not in [t["id"] for t in rows[0]["techniques"]]
    with pytest.raises(CommandError, match="invalid choice"):
        _run(str(p), "--crosslingual", "babelfish")
