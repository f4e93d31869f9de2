"""Citations of one incident record as plain text, BibTeX and CSL-JSON.

Pure: no database access. The caller gives the record's public fields and version
(see cidb.alerts.citations, which derives the version from the change log); the
same inputs always give the same citation.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass(frozen=True)
class Citation:
    """What a citation says. Only public fields: never a member-only value."""

    uuid: str
    victim: str  # the victim's name or the label standing in for it
    date_display: str  # the incident date at its precision, e.g. "Nov 2024"
    url: str  # the permanent URL
    site_name: str
    version: int  # 1 for the record as first created, +1 per recorded change
    version_date: dt.datetime  # when that version came to be
    accessed: dt.date

    @property
    def title(self) -> str:
        return f"Cyber incident: {self.victim}, {self.date_display}"

    @property
    def key(self) -> str:
        """A citation key that stays the same across versions."""
        return f"{self.site_name.lower().replace(' ', '-')}-{self.uuid[:8]}"

    @property
    def version_label(self) -> str:
        return f"version {self.version} of {self.version_date:%Y-%m-%d}"


def _long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def plain_text(c: Citation) -> str:
    return (
        f"{c.site_name} ({c.version_date.year}). {c.title} "
        f"[Data set record, {c.version_label}]. {c.site_name}. "
        f"{c.url} (accessed {_long_date(c.accessed)})."
    )


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(c: Citation) -> str:
    fields = [
        ("author", "{" + bibtex_escape(c.site_name) + "}"),
        ("title", "{" + bibtex_escape(c.title) + "}"),
        ("howpublished", bibtex_escape(f"{c.site_name}, record {c.uuid}")),
        ("year", str(c.version_date.year)),
        ("month", None),
        ("version", str(c.version)),
        ("date", c.version_date.date().isoformat()),
        ("url", c.url),
        ("urldate", c.accessed.isoformat()),
        ("note", bibtex_escape(f"{c.version_label.capitalize()}; accessed {c.accessed:%Y-%m-%d}")),
    ]
    lines = [f"@misc{{{c.key},"]
    for name, value in fields:
        if name == "month":  # a BibTeX month macro, unbraced
            lines.append(f"  month = {MONTHS[c.version_date.month - 1]},")
        else:
            lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _date_parts(value: dt.date) -> dict[str, Any]:
    return {"date-parts": [[value.year, value.month, value.day]]}


def csl(c: Citation) -> dict[str, Any]:
    """One CSL-JSON item (Citation Style Language 1.0.2 input schema)."""
    return {
        "id": c.key,
        "type": "dataset",
        "title": c.title,
        "author": [{"literal": c.site_name}],
        "publisher": c.site_name,
        "issued": _date_parts(c.version_date.date()),
        "accessed": _date_parts(c.accessed),
        "version": str(c.version),
        "URL": c.url,
        "note": f"Record {c.uuid}, {c.version_label}",
    }


def csl_json(c: Citation) -> str:
    """CSL-JSON as a file holds it: a list of items."""
    return json.dumps([csl(c)], ensure_ascii=False, indent=2) + "\n"
