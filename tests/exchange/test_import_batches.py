"""Imports check every record before writing anything, then write in short
transactions (other writers and log-ins never wait long), and an import cut short
finishes when run again, without duplicates."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cidb.exchange import importer
from cidb.incidents.models import ChangeLog, Incident


def records(n: int, **extra) -> list[dict]:
    # No ids: the import derives them from the file, so a re-run updates.
    return [
        {"victim": f"Kommun {i}", "country": "SE", "date": "2024-03", "summary": f"Case {i}.",
         "status": "published", "attack_types": ["ransomware"], **extra}
        for i in range(n)
    ]  # fmt: skip


def write_file(tmp_path, rows: list[dict]):
    path = tmp_path / "incidents.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


@pytest.mark.django_db
def test_a_problem_found_only_by_the_writer_rules_writes_nothing(tmp_path):
    rows = records(5)
    rows[4]["actors"] = [{"name": "Gang", "type": "alien"}]  # checked by the writer's rules
    rows[2]["discovered"] = "yesterday"
    with CaptureQueriesContext(connection) as ctx, pytest.raises(CommandError) as error:
        call_command("import_", str(write_file(tmp_path, rows)))
    assert "2 problem(s)" in str(error.value) and "nothing was written" in str(error.value)
    assert Incident.objects.count() == 0
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert writes == []  # checked with reads only: no write lock taken


@pytest.mark.django_db
def test_records_are_written_in_bounded_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_RECORDS", 3)
    batches = []
    original = importer._write_batch

    def counting(*args):
        written = original(*args)
        batches.append(len(written))
        return written

    monkeypatch.setattr(importer, "_write_batch", counting)
    report = importer.run(write_file(tmp_path, records(10)).read_text(), "json")
    assert report.ok and report.created == 10
    assert batches == [3, 3, 3, 1]
    # and by time: a batch ends once BATCH_SECONDS have passed
    monkeypatch.setattr(importer, "BATCH_SECONDS", 0)
    batches.clear()
    report = importer.run(json.dumps(records(4, summary="Again.")), "json")
    assert batches == [1, 1, 1, 1] and report.created == 4


@pytest.mark.django_db
def test_an_interrupted_import_finishes_when_run_again(tmp_path, monkeypatch):
    path = write_file(tmp_path, records(9))
    monkeypatch.setattr(importer, "BATCH_RECORDS", 4)
    original, calls = importer._write_batch, []

    def dies_on_the_second_batch(*args):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed mid-import
        return original(*args)

    monkeypatch.setattr(importer, "_write_batch", dies_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        call_command("import_", str(path))
    assert Incident.objects.count() == 4  # the first batch stayed
    monkeypatch.setattr(importer, "_write_batch", original)
    out = io.StringIO()
    call_command("import_", str(path), stdout=out)
    assert "created 5, updated 4" in out.getvalue()
    assert Incident.objects.count() == 9  # nothing duplicated
    assert ChangeLog.objects.filter(action="import").count() == 9  # unchanged ones: no log


@pytest.mark.django_db(transaction=True)  # retried only outside any outer transaction
def test_a_batch_that_meets_a_lock_is_retried(tmp_path, monkeypatch):
    from django.db import OperationalError

    original, calls = importer._write_batch, []

    def locked_once(*args):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return original(*args)

    monkeypatch.setattr(importer, "_write_batch", locked_once)
    monkeypatch.setattr("cidb.core.db.time.sleep", lambda s: None)
    report = importer.run(json.dumps(records(3)), "json")
    assert report.ok and report.created == 3 and len(calls) == 2
