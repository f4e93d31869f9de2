"""cidb's JSON format: an array of incident objects (README "Incident JSON").

`write` yields text chunks, so the command line and the web stream the same bytes
without holding the export in memory. `read` accepts a JSON array, a single
object, {"incidents": [...]} or JSON Lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .problems import Problem, Record
from .records import JSON

MEDIA_TYPE = "application/json"
EXTENSION = "json"


def write(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + JSON.encode(record)
        first = False
    yield "\n]\n"


def read(text: str) -> tuple[list[Record], list[Problem]]:
    """cidb JSON dicts, each with where it came from ($[i] or line N)."""
    stripped = text.lstrip()
    if not stripped:
        return [], [Problem("$", "the file is empty")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if stripped.startswith("{") and "\n" in stripped.strip():
            return read_lines(text)
        return [], [Problem(f"line {exc.lineno}", f"not valid JSON: {exc.msg}")]
    if isinstance(data, dict) and isinstance(data.get("incidents"), list):
        return [Record(f"$.incidents[{i}]", d) for i, d in enumerate(data["incidents"])], []
    if isinstance(data, dict):
        return [Record("$", data)], []
    if isinstance(data, list):
        return [Record(f"$[{i}]", d) for i, d in enumerate(data)], []
    return [], [Problem("$", "expected an incident object or an array of them")]


def read_lines(text: str) -> tuple[list[Record], list[Problem]]:
    records, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(Record(f"line {number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"line {number}", f"not valid JSON: {exc.msg}"))
    return records, problems
