"""cidb's JSON format: an array of incident objects (README "Incident JSON").

`write` yields text chunks, so the command line and the web stream the same bytes
without holding the export in memory. `read` accepts a JSON array, a single
object, {"incidents": [...]} or JSON Lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .decode import DecodeError, load_json
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
        data = load_json(text)
    except DecodeError as exc:
        if stripped.startswith("{") and "\n" in stripped.strip() and _one_object_a_line(text):
            return read_lines(text)
        return [], [exc.problem]
    if isinstance(data, dict) and isinstance(data.get("incidents"), list):
        return [Record(f"$.incidents[{i}]", d) for i, d in enumerate(data["incidents"])], []
    if isinstance(data, dict):
        return [Record("$", data)], []
    if isinstance(data, list):
        return [Record(f"$[{i}]", d) for i, d in enumerate(data)], []
    kind = {str: "text", bool: "true/false", type(None): "null"}.get(type(data), "a number")
    return [], [Problem("$", f"expected an incident object or an array of them, not {kind}")]


def _one_object_a_line(text: str) -> bool:
    """JSON Lines rather than one pretty-printed object: the first line is a whole
    object by itself."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}")


def read_lines(text: str) -> tuple[list[Record], list[Problem]]:
    records, problems = [], []
    lines = text.splitlines()
    last = max((i for i, line in enumerate(lines, start=1) if line.strip()), default=0)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(Record(f"line {number}", load_json(line, f"line {number}")))
        except DecodeError as exc:
            message = exc.problem.message
            if number == last and not text.endswith("\n") and "truncated" not in message:
                message += " (the last line: the file looks truncated)"
            problems.append(Problem(exc.problem.where, message))
    return records, problems
