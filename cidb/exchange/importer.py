"""Imports: any supported file → cidb JSON dicts → `services.upsert_from_json`.

A file is first parsed and checked as a whole (format rules, then every record
against the same rules as the writer, `services.CheckedRecord`, with reads only):
a file with any problem changes nothing, and the report lists every problem, not
just the first. Only then are the records written, in short transactions (about a
second each, BATCH_SECONDS) so that a large import never keeps other writers, log-ins
included, waiting for long; a batch that meets a lock or deadlock error is rolled
back and retried.

If the writing stops part-way (killed, the database gone), the batches already
committed stay. Every record is keyed by its id, and a record without one gets an id
derived from the file's content and its position, so running the same import again
updates what was written and adds the rest: the end state is the same as one
uninterrupted import.
"""

from __future__ import annotations

import functools
import hashlib
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cidb.core import db
from cidb.incidents import services
from cidb.incidents.models import Incident

from . import checks, csv_format, decode, json_format, stix_import, veris
from .problems import ImportReport, Problem, Record

FORMATS = ("auto", "json", "csv", "stix", "veris")
# A write transaction ends after this long (or BATCH_RECORDS records), then the next
# one starts: other writers wait at most about this long for an import.
BATCH_SECONDS = 1.0
BATCH_RECORDS = 500
# Ids of records that come without one: the same file always gives the same ids.
RECORD_NAMESPACE = uuid.UUID("0b6f4a62-3f0e-4d5e-9a53-2f1c6f7f1c2a")


def detect(text: str, name: str = "") -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".jsonl":
        return "json"
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")) and suffix != ".json":
        return "csv"
    try:
        data = decode.load_json(text)
    except decode.DecodeError:
        return "json"  # the JSON reader reports what is wrong
    if stix_import.looks_like(data):
        return "stix"
    if veris.looks_like(data):
        return "veris"
    return "json"


def parse(text: str, fmt: str, *, status: str = "draft") -> tuple[list[Record], list[Problem]]:
    """cidb JSON records from a file's text, each checked field by field, or every
    problem found in it (see checks.py)."""
    records, problems = _parse(text, fmt, status=status)
    if not problems:
        problems = checks.check_records(records, converted=fmt in ("stix", "veris"))
    return records, problems


def _parse(text: str, fmt: str, *, status: str) -> tuple[list[Record], list[Problem]]:
    if fmt == "csv":
        return csv_format.read(text)
    if fmt == "json":
        return json_format.read(text)
    try:
        data = decode.load_json(text)
    except decode.DecodeError as exc:
        return [], [exc.problem]
    if fmt == "stix":
        problems = stix_import.validate(data)
        if problems:
            return [], problems
        return [Record(where, d) for where, d in stix_import.to_json(data, status=status)], []
    # VERIS: one incident, or an array of them.
    items = data if isinstance(data, list) else [data]
    records, problems = [], []
    for i, item in enumerate(items):
        where = f"$[{i}]" if isinstance(data, list) else "$"
        converted, found = veris.to_json(item, where, status=status)
        problems += found
        if converted is not None:
            records.append(Record(where, converted))
    return records, problems


def _existing(records: list[Record]) -> set[str]:
    keys = []
    for record in records:
        try:
            keys.append(uuid.UUID(str(record.data.get("id"))))
        except (AttributeError, ValueError, TypeError):
            continue
    found = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found |= {str(k) for k in Incident.objects.filter(uuid__in=chunk).values_list("uuid", flat=True)}  # fmt: skip
    return found


def _problem(where: str, path: str, message: str) -> Problem:
    return Problem(path if where.startswith("$") else f"{where}, {path}", message)


def _check(record: Record) -> list[Problem]:
    """Every problem of one record by the writer's own rules, with reads only."""
    path = record.where if record.where.startswith("$") else "$"
    try:
        services.CheckedRecord(record.data, path)
    except services.ImportError_ as exc:
        return [_problem(record.where, exc.path, exc.message)]
    except ValidationError as exc:
        details = getattr(exc, "message_dict", None) or {"": exc.messages}
        return [
            _problem(record.where, f"{path}.{field}" if field and field != "__all__" else path,
                     " ".join(messages))
            for field, messages in details.items()
        ]  # fmt: skip
    except (ValueError, TypeError, AttributeError) as exc:
        return [_problem(record.where, path, f"cannot import: {exc}")]
    return []


def key_records(records: list[Record], text: str) -> None:
    """Give each record without an id one derived from the file and its position, so
    importing the same file again (e.g. after an interruption) updates, not duplicates."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    for index, record in enumerate(records):
        if isinstance(record.data, dict) and not record.data.get("id"):
            record.data["id"] = str(uuid.uuid5(RECORD_NAMESPACE, f"{digest}:{index}"))


def write(
    records: list[Record],
    *,
    user=None,
    dry_run: bool = False,
    comment: str = "",
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int, list[Problem]]:
    """Check every record, then (unless a problem was found or it is a dry run) write
    them in short transactions; returns (created, updated, problems)."""
    problems = [problem for record in records for problem in _check(record)]
    existing = _existing(records)
    new = {str(r.data.get("id")) for r in records if isinstance(r.data, dict)} - existing
    if problems:
        return 0, 0, problems
    if dry_run:
        return len(new), len(records) - len(new), []
    created = updated = done = 0
    while done < len(records):
        try:
            written = db.retrying(functools.partial(_write_batch, records, done, user, comment))
        except services.ImportError_ as exc:
            # The data changed between the check and the write (another writer).
            where = records[done + exc.batch_index].where if hasattr(exc, "batch_index") else "$"
            return created, updated, [_problem(where, exc.path, exc.message), _stopped(done)]
        except (ValidationError, ValueError, TypeError) as exc:
            return created, updated, [Problem("$", f"cannot import: {exc}"), _stopped(done)]
        for uuid_ in written:
            if uuid_ in existing:
                updated += 1
            else:
                created += 1
                existing.add(uuid_)
        done += len(written)
        if progress:
            progress(len(written))
    return created, updated, []


def _stopped(done: int) -> Problem:
    return Problem(
        "$",
        f"stopped after {done} record(s) were written; fix the problem and run the same "
        "import again to finish it (records are keyed by id, so nothing is duplicated)",
    )


def _write_batch(records: list[Record], start: int, user, comment: str) -> list[str]:
    """Write records from ``start`` for about BATCH_SECONDS in one transaction; returns
    the uuids written."""
    written: list[str] = []
    began = time.monotonic()
    with transaction.atomic(), services.deferred_index():
        for index in range(start, min(len(records), start + BATCH_RECORDS)):
            record = records[index]
            path = record.where if record.where.startswith("$") else "$"
            try:
                incident = services.upsert_from_json(
                    record.data, user=user, path=path, comment=comment
                )
            except services.ImportError_ as exc:
                exc.batch_index = index - start
                raise
            written.append(str(incident.uuid))
            if time.monotonic() - began >= BATCH_SECONDS:
                break
    return written


def run(
    text: str | bytes,
    fmt: str = "auto",
    *,
    name: str = "",
    user=None,
    dry_run: bool = False,
    status: str = "draft",
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a whole file (its bytes, or its text); see the module docstring for the
    guarantees."""
    if isinstance(text, bytes):
        try:
            text = decode.decode(text)
        except decode.DecodeError as exc:
            return ImportReport(format=fmt, dry_run=dry_run, problems=[exc.problem])
    if fmt == "auto":
        fmt = detect(text, name)
    report = ImportReport(format=fmt, dry_run=dry_run)
    records, problems = parse(text, fmt, status=status)
    report.records = len(records)
    if problems:
        report.problems = problems
        return report
    if not records:
        report.problems = [Problem("$", "no incidents found in the file")]
        return report
    comment = f"import {Path(name).name}"[:500] if name else "import"
    key_records(records, text)
    report.created, report.updated, report.problems = write(
        records, user=user, dry_run=dry_run, comment=comment, progress=progress
    )
    return report


def read_text(data: bytes) -> str:
    """Decode an uploaded or read file: UTF-8 (with or without BOM) only; raises
    decode.DecodeError naming the problem and its line."""
    return decode.decode(data)


def as_json(report: ImportReport) -> dict[str, Any]:
    return {
        "format": report.format,
        "records": report.records,
        "created": report.created,
        "updated": report.updated,
        "dry_run": report.dry_run,
        "ok": report.ok,
        "problems": [{"where": p.where, "message": p.message} for p in report.problems],
    }
