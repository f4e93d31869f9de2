"""From an import file's bytes to checked text and JSON, or a clear problem.

Shared by `cidb import` and the editors' form, with the same limits:
``CIDB_IMPORT_MAX_BYTES`` for a file, ``MAX_JSON_DEPTH`` levels of nesting. A file
that is not text (gzip, ZIP, PDF, binary), is UTF-16/32, is an HTML or XML page, or
is not valid UTF-8 is named as such, with the line of the first bad byte; nothing is
guessed (no Latin-1 fallback that would write mojibake).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from .problems import Problem

# cidb records nest about 4 levels, STIX bundles 6, VERIS records 8: 64 is generous,
# and far below where Python's own recursion would fail.
MAX_JSON_DEPTH = 64

MAGIC = [
    (b"\x1f\x8b", "a gzip-compressed file: decompress it first (gunzip)"),
    (b"PK\x03\x04", "a ZIP archive (or an Excel/OpenDocument file): export it as CSV or JSON"),
    (b"%PDF", "a PDF document, not an import file"),
    (b"BZh", "a bzip2-compressed file: decompress it first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: extract it first"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file: export it as CSV"),
    (b"SQLite format 3\x00", "an SQLite database, not an import file"),
    (b"\x00\x00\xfe\xff", "UTF-32 text: save it as UTF-8"),
    (b"\xff\xfe\x00\x00", "UTF-32 text: save it as UTF-8"),
    (b"\xff\xfe", "UTF-16 text: save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text: save it as UTF-8"),
]


class DecodeError(Exception):
    """A file that cannot be imported as text; ``problem`` says why and where."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.problem = Problem(where, message)
        self.where_in = ""  # the file, when several are read


def max_bytes() -> int:
    return int(settings.IMPORT_MAX_BYTES)


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise DecodeError(
            "$",
            f"the file has {size:,} bytes, more than the limit of {limit:,} "
            "(CIDB_IMPORT_MAX_BYTES); split it into smaller files",
        )


def _line_of(data: bytes, index: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, index) + 1
    return data.count(b"\n", 0, index) + 1, index - line_start + 1


def sniff(data: bytes) -> str:
    """What kind of non-text file ``data`` is, or "" for (possibly) text."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a byte order mark: every other byte of ASCII text is NUL
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.4 or even.count(0) > len(even) * 0.4:
            return "UTF-16 text: save it as UTF-8"
        return "a binary file, not text"
    return ""


def decode(data: bytes) -> str:
    """The text of an import file (UTF-8, with or without a byte order mark)."""
    check_size(len(data))
    what = sniff(data)
    if what:
        raise DecodeError("$", f"this is {what}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_of(data, exc.start)
        raise DecodeError(
            f"line {line}",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); "
            "save the file as UTF-8",
        ) from None
    bad = next((i for i, c in enumerate(text[:4096]) if c < " " and c not in "\t\r\n\f"), None)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        raise DecodeError(f"line {line}", f"control character {text[bad]!r}: a binary file?")
    start = text.lstrip()[:200].lower()
    if start.startswith(("<!doctype html", "<html", "<head", "<body")):
        raise DecodeError(
            "line 1",
            "this is an HTML page, not an import file (a log-in or error page saved by mistake?)",
        )
    if start.startswith("<?xml") or start.startswith("<"):
        raise DecodeError(
            "line 1", "this is XML; cidb imports JSON, JSON Lines, CSV, STIX 2.1 JSON or VERIS"
        )
    return text


def _too_deep(value: Any) -> str | None:
    """The JSON path of the first value nested more than MAX_JSON_DEPTH deep."""
    stack: list[tuple[Any, str, int]] = [(value, "$", 1)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, dict):
            if depth > MAX_JSON_DEPTH:
                return path
            stack.extend((v, f"{path}.{k}", depth + 1) for k, v in item.items())
        elif isinstance(item, list):
            if depth > MAX_JSON_DEPTH:
                return path
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(item))
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def load_json(text: str, where: str = "") -> Any:
    """Parse JSON with cidb's limits; DecodeError names the line (or JSON path) of the
    first problem, says when the file looks cut short, and never leaks a traceback."""
    prefix = f"{where}, " if where else ""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise DecodeError(
            where or "$", f"nested too deeply (more than {MAX_JSON_DEPTH} levels)"
        ) from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            # (a string cannot span lines, so an unclosed one runs to the end)
            message = "the JSON ends too early: the file looks truncated"
        else:
            message = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise DecodeError(where or f"line {exc.lineno}", message) from None
    except ValueError as exc:  # NaN, Infinity
        raise DecodeError(where or "$", str(exc)) from None
    path = _too_deep(data)
    if path is not None:
        if len(path) > 60:
            path = path[:60] + "…"
        raise DecodeError(
            f"{prefix}{path}", f"nested too deeply (more than {MAX_JSON_DEPTH} levels)"
        )
    return data
