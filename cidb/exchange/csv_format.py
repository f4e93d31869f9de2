"""CSV: one incident a row, for spreadsheets.

Lists are joined with "; " in one cell; actors and sources come as parallel lists
(`actors`, `actor_types`, `actor_countries`; `sources`, `source_titles`). Cells that
a spreadsheet would run as a formula get a leading apostrophe, removed again on import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from .problems import Problem, Record

MEDIA_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
SEP = "; "
PUBLIC_COLUMNS = [
    "id", "url", "status", "confidence", "victim", "victim_label", "victim_aliases",
    "victim_sector", "victim_country", "sector", "country", "region", "city", "date",
    "discovered", "disclosed", "summary", "description", "attack_types",
    "motive_count", "technique_count", "actor_count", "source_count",
]  # fmt: skip
MEMBER_COLUMNS = [
    "cia", "confidentiality", "integrity", "availability", "motives", "techniques",
    "actors", "actor_types", "actor_countries", "sources", "source_titles",
]  # fmt: skip
LIST_COLUMNS = {"victim_aliases", "attack_types", "cia", "motives", "techniques"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns(member: bool) -> list[str]:
    return PUBLIC_COLUMNS + (MEMBER_COLUMNS if member else [])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = SEP.join(str(v).replace(SEP, ", ") for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def row(record: dict[str, Any], member: bool) -> list[str]:
    flat = dict(record)
    for name, count in (record.get("counts") or {}).items():
        flat[f"{name[:-1]}_count"] = count
    if member:
        flat.update(record.get("cia_detail") or {})
        actors = record.get("actors") or []
        flat["actors"] = [a["name"] for a in actors]
        flat["actor_types"] = [a["type"] for a in actors]
        flat["actor_countries"] = [a["country"] or "" for a in actors]
        sources = record.get("sources") or []
        flat["sources"] = [s["url"] for s in sources]
        flat["source_titles"] = [s["title"] or "" for s in sources]
    return [_cell(flat.get(name)) for name in columns(member)]


class _Line:
    """A file-like that hands back what csv.writer wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


def write(records: Iterable[dict[str, Any]], *, member: bool) -> Iterator[str]:
    line = _Line()
    writer = csv.writer(line, lineterminator="\r\n")
    writer.writerow(columns(member))
    yield line.text
    for record in records:
        line.text = ""
        writer.writerow(row(record, member))
        yield line.text


def _uncell(text: str) -> str:
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def to_json(cells: dict[str, str]) -> dict[str, Any]:
    """A CSV row (header → cell) as cidb JSON."""
    data: dict[str, Any] = {}
    for name, raw in cells.items():
        if name is None:
            continue
        value = _uncell(raw or "")
        if name in LIST_COLUMNS:
            data[name] = _split(value)
        elif name in ("actors", "actor_types", "actor_countries", "sources", "source_titles"):
            data[name] = value.split(SEP) if value else []
        elif not name.endswith("_count"):
            data[name] = value or None
    letters = data.get("cia") or []
    if any(letter.upper() not in ("C", "I", "A") for letter in letters):
        # keep the bad letters for the checks to report, rather than the detail columns
        for n in ("confidentiality", "integrity", "availability"):
            data.pop(n, None)
    elif any(data.get(n) for n in ("confidentiality", "integrity", "availability")):
        data["cia"] = {
            n: data.pop(n, None) or "unknown"
            for n in ("confidentiality", "integrity", "availability")
        }
    else:
        for n in ("confidentiality", "integrity", "availability"):
            data.pop(n, None)
    names, types, countries = (
        data.pop(n, []) for n in ("actors", "actor_types", "actor_countries")
    )
    if names:
        data["actors"] = [
            {
                "name": name.strip(),
                "type": (types[i].strip() if i < len(types) else "") or "unknown",
                "country": countries[i].strip() if i < len(countries) else "",
            }
            for i, name in enumerate(names)
        ]
    urls, titles = data.pop("sources", []), data.pop("source_titles", [])
    if urls:
        data["sources"] = [
            {"url": url.strip(), "title": titles[i].strip() if i < len(titles) else ""}
            for i, url in enumerate(urls)
        ]
    if data.get("victim_aliases") is None:
        data.pop("victim_aliases", None)
    return data


def read(text: str) -> tuple[list[Record], list[Problem]]:
    """cidb JSON dicts from CSV rows; every row must have one cell per column, and a
    cut last row (no line end, cells missing, or an open quote) is a truncated file."""
    records: list[Record] = []
    problems: list[Problem] = []
    if not text.strip():
        return [], [Problem("$", "the file is empty")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as exc:
        return [], [Problem("line 1", f"not valid CSV: {exc}")]
    missing = [name for name in ("date", "summary") if name not in header]
    if missing:
        if len(header) == 1 and "\t" in header[0]:
            return [], [Problem("line 1", "tab-separated values: save the file as comma-separated CSV")]  # fmt: skip
        found = ", ".join(repr(h[:40]) for h in header[:5]) or "nothing"
        return [], [
            Problem(
                "line 1",
                f"missing column(s): {', '.join(missing)} (the first line must name the "
                f"columns; found {found})",
            )
        ]
    duplicated = sorted({h for h in header if header.count(h) > 1 and h})
    if duplicated:
        return [], [Problem("line 1", f"column(s) named twice: {', '.join(duplicated)}")]
    unterminated = not text.endswith(("\n", "\r"))
    start = 2
    rows: list[tuple[str, list[str]]] = []
    try:
        for cells in reader:
            rows.append((f"line {start}", cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        message = f"not valid CSV: {exc}"
        if "unexpected end of data" in str(exc):
            message = "a quoted cell is never closed: the file looks truncated"
        problems.append(Problem(f"line {start}", message))
        return [], problems
    for index, (where, cells) in enumerate(rows):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            message = f"{len(cells)} cells for {len(header)} columns"
            if index == len(rows) - 1 and unterminated and len(cells) < len(header):
                message += ": the last row is cut short, the file looks truncated"
            problems.append(Problem(where, message))
            continue
        records.append(Record(where, to_json(dict(zip(header, cells, strict=True)))))
    return records, problems
