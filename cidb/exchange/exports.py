"""Every export format behind one call: the filtered list, rendered as text chunks.

Who gets what (docs/open-data.md): JSON and CSV are open to everybody, with
public fields and counts for non-members and every value for members; STIX, MISP
and the ATT&CK Navigator layer consist of member values, so they need a member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from . import csv_format, json_format, misp, navigator, records, stix


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    media_type: str
    extension: str
    member_only: bool


FORMATS = {
    "csv": Format("csv", "CSV", csv_format.MEDIA_TYPE, csv_format.EXTENSION, False),
    "json": Format("json", "JSON", json_format.MEDIA_TYPE, json_format.EXTENSION, False),
    "stix": Format("stix", "STIX 2.1", stix.MEDIA_TYPE, stix.EXTENSION, True),
    "misp": Format("misp", "MISP", misp.MEDIA_TYPE, misp.EXTENSION, True),
    "navigator": Format(
        "navigator", "ATT&CK Navigator", navigator.MEDIA_TYPE, navigator.EXTENSION, True
    ),
}


class MembersOnly(PermissionError):
    pass


def render(
    name: str,
    queryset: QuerySet,
    audience: records.Audience,
    *,
    chunk_size: int = records.CHUNK_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """Text chunks of the export; raises MembersOnly before producing anything.
    `progress` is called with the number of incidents rendered as they go (the
    Navigator layer, one aggregate, reports none)."""
    fmt = FORMATS[name]
    if fmt.member_only and not audience.member:
        raise MembersOnly(f"The {fmt.label} export is available to members.")
    member = audience.member
    if name in ("json", "csv"):
        dicts = (
            records.incident_dict(row, member=member)
            for chunk in records.rows(
                queryset, member=member, chunk_size=chunk_size, progress=progress
            )
            for row in chunk
        )
        if name == "json":
            return batched(json_format.write(dicts))
        return batched(csv_format.write(dicts, member=member))
    if name == "stix":
        return batched(stix.write(queryset, chunk_size=chunk_size, progress=progress))
    if name == "misp":
        return batched(misp.write(queryset, chunk_size=chunk_size, progress=progress))
    return navigator.write(queryset)


BATCH_CHARACTERS = 1 << 16


def batched(pieces: Iterator[str]) -> Iterator[str]:
    """Pieces (records, objects) joined into chunks of about BATCH_CHARACTERS: far
    fewer writes and HTTP chunks than one per record, and a bounded size."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= BATCH_CHARACTERS:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


def filename(name: str) -> str:
    return f"cidb-incidents-{dt.date.today().isoformat()}.{FORMATS[name].extension}"
