"""Imports: any supported file → cidb JSON dicts → `services.upsert_from_json`.

A file is first parsed and checked as a whole (format rules, every problem with its
line or JSON path); then all records are written in one transaction through the
same writer as everything else. Any problem rolls the whole file back, so a bad file
changes nothing, and the report lists every problem, not just the first.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cidb.incidents import services
from cidb.incidents.models import Incident

from . import checks, csv_format, decode, json_format, stix_import, veris
from .problems import ImportReport, Problem, Record

FORMATS = ("auto", "json", "csv", "stix", "veris")


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


def write(records: list[Record], *, user=None, dry_run: bool = False, comment: str = "") -> tuple[int, int, list[Problem]]:  # fmt: skip
    """Upsert every record in one transaction; roll back on any problem or a dry run."""
    existing = _existing(records)
    created = updated = 0
    problems: list[Problem] = []
    with transaction.atomic():
        for record in records:
            path = record.where if record.where.startswith("$") else "$"
            try:
                incident = services.upsert_from_json(
                    record.data, user=user, path=path, comment=comment
                )
            except services.ImportError_ as exc:
                problems.append(_problem(record.where, exc.path, exc.message))
                continue
            except ValidationError as exc:
                details = getattr(exc, "message_dict", None) or {"": exc.messages}
                for field, messages in details.items():
                    suffix = f".{field}" if field and field != "__all__" else ""
                    problems.append(_problem(record.where, f"{path}{suffix}", " ".join(messages)))
                continue
            except (ValueError, TypeError, AttributeError) as exc:
                problems.append(_problem(record.where, path, f"cannot import: {exc}"))
                continue
            if str(incident.uuid) in existing:
                updated += 1
            else:
                created += 1
                existing.add(str(incident.uuid))
        if problems or dry_run:
            transaction.set_rollback(True)
    return created, updated, problems


def run(
    text: str | bytes,
    fmt: str = "auto",
    *,
    name: str = "",
    user=None,
    dry_run: bool = False,
    status: str = "draft",
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
    report.created, report.updated, report.problems = write(
        records, user=user, dry_run=dry_run, comment=comment
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
