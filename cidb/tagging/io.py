"""Reading tagger input files: plain text, HTML, or JSONL with {"id", "text"}."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from .text import html_to_text

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_documents(path: str | Path, on_error: Callable[[str], None]) -> Iterator[tuple[str, str]]:
    """Yield ``(id, text)`` pairs from a file; bad JSONL lines are reported and skipped.

    Raises ``FileNotFoundError`` / ``IsADirectoryError`` for a missing path.
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"no such file: {p}")
    if p.is_dir():
        raise IsADirectoryError(f"is a directory, expected a file: {p}")
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        with p.open(encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    on_error(f"{p}:{n}: invalid JSON ({exc.msg}); line skipped")
                    continue
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    on_error(f'{p}:{n}: expected an object with a "text" string; line skipped')
                    continue
                doc_id = row.get("id")
                yield (str(doc_id) if doc_id is not None else str(n)), row["text"]
        return
    raw = p.read_text(encoding="utf-8", errors="replace")
    looks_html = suffix in HTML_SUFFIXES or raw.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    )
    yield p.stem, html_to_text(raw) if looks_html else raw
