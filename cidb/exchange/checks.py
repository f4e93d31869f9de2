"""Every field of a cidb JSON record checked against its type and vocabulary before
anything is written: one list of problems, each with its JSON path.

The writer (`services.upsert_from_json`) then only sees values it can store; the
checks here need no database, except the ATT&CK techniques, which are looked up once
for the whole file.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pycountry

from cidb.core.safeurl import source_url_problem
from cidb.incidents import vocab

from .problems import Problem, Record

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TECHNIQUE = re.compile(r"^T\d{4}(\.\d{3})?$", re.I)
GROUP = re.compile(r"^G\d{4}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
# Longest text accepted per field (the model's column, or a sane bound for text).
LIMITS = {
    "victim": 300,
    "victim_label": 300,
    "alias": 300,
    "region": 120,
    "city": 120,
    "summary": 20_000,
    "description": 200_000,
    "actor": 200,
    "title": 500,
    "publisher": 200,
    "language": 8,
    "text": 1_000_000,
}
MAX_ITEMS = 1_000  # entries in one list (sources, actors, aliases...)
# Export-only keys, ignored on import.
IGNORED = {"url", "counts", "cia_detail", "date_precision"}
KNOWN = {
    "id", "status", "confidence", "victim", "victim_label", "victim_aliases",
    "victim_sector", "victim_country", "sector", "country", "region", "city", "date",
    "discovered", "disclosed", "summary", "description", "attack_types", "cia",
    "motives", "techniques", "actors", "sources", "conflicts",
} | IGNORED  # fmt: skip


def _type_name(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


class _Checker:
    def __init__(self, base: str) -> None:
        self.base = base
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(
            Problem(self.base + path[1:] if path.startswith("$") else path, message)
        )

    def text(self, value: Any, path: str, limit: int, *, required: bool = False) -> str:
        if value is None or value == "":
            if required:
                self.add(path, "missing")
            return ""
        if not isinstance(value, str):
            self.add(path, f"must be text, not {_type_name(value)}")
            return ""
        if "\x00" in value:
            self.add(path, "contains a NUL character")
        if len(value) > limit:
            self.add(path, f"{len(value):,} characters, more than the {limit:,} allowed")
        if required and not value.strip():
            self.add(path, "missing")
        return value

    def choice(self, value: Any, path: str, vocabulary: dict[str, str], what: str) -> None:
        if value is None or value == "":
            return
        if not isinstance(value, str):
            self.add(path, f"must be text, not {_type_name(value)}")
        elif value not in vocabulary:
            self.add(path, f"unknown {what} {value[:60]!r} (one of: {', '.join(vocabulary)})")

    def country(self, value: Any, path: str) -> None:
        if value is None or value == "":
            return
        if not isinstance(value, str):
            self.add(path, f"must be text, not {_type_name(value)}")
        elif (
            len(value) != 2 or not value.isupper() or pycountry.countries.get(alpha_2=value) is None
        ):
            self.add(path, f"{value[:60]!r} is not an ISO 3166-1 alpha-2 country code (e.g. SE)")

    def date(self, value: Any, path: str, *, full: bool = False, required: bool = False) -> None:
        if value is None or value == "":
            if required:
                self.add(path, "missing")
            return
        pattern, shape = (
            (FULL_DATE, "YYYY-MM-DD") if full else (DATE, "YYYY, YYYY-MM or YYYY-MM-DD")
        )
        if not isinstance(value, str):
            self.add(path, f"must be a date as {shape} (text), not {_type_name(value)}")
            return
        if not pattern.match(value):
            self.add(path, f"{value[:60]!r} is not a date as {shape}")
            return
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            date = dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            self.add(path, f"{value!r} is not a real date")
            return
        if date.year < 1900:
            self.add(path, f"{value!r} is before 1900")

    def items(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, f"must be an array, not {_type_name(value)}")
            return []
        if len(value) > MAX_ITEMS:
            self.add(path, f"{len(value):,} entries, more than the {MAX_ITEMS:,} allowed")
            return []
        return value

    def slugs(self, value: Any, path: str, vocabulary: dict[str, str], what: str) -> None:
        for i, item in enumerate(self.items(value, path)):
            self.choice(item, f"{path}[{i}]", vocabulary, what)


def check_record(data: Any, base: str = "$") -> list[Problem]:
    """Every problem of one cidb JSON record; paths start at ``base``."""
    c = _Checker(base)
    if not isinstance(data, dict):
        c.add("$", f"an incident must be a JSON object, not {_type_name(data)}")
        return c.problems
    key = data.get("id")
    if key not in (None, ""):
        if not isinstance(key, str):
            c.add("$.id", f"must be a UUID as text, not {_type_name(key)}")
        else:
            try:
                uuid.UUID(key)
            except ValueError:
                c.add("$.id", f"{key[:60]!r} is not a UUID")
    c.choice(data.get("status"), "$.status", vocab.STATUSES, "status")
    c.choice(data.get("confidence"), "$.confidence", vocab.CONFIDENCES, "confidence")
    c.text(data.get("victim"), "$.victim", LIMITS["victim"])
    c.text(data.get("victim_label"), "$.victim_label", LIMITS["victim_label"])
    for i, alias in enumerate(c.items(data.get("victim_aliases"), "$.victim_aliases")):
        c.text(alias, f"$.victim_aliases[{i}]", LIMITS["alias"])
    c.choice(data.get("victim_sector"), "$.victim_sector", vocab.SECTORS, "sector")
    c.choice(data.get("sector"), "$.sector", vocab.SECTORS, "sector")
    c.country(data.get("victim_country"), "$.victim_country")
    c.country(data.get("country"), "$.country")
    c.text(data.get("region"), "$.region", LIMITS["region"])
    c.text(data.get("city"), "$.city", LIMITS["city"])
    c.date(data.get("date"), "$.date", required=True)
    c.date(data.get("discovered"), "$.discovered", full=True)
    c.date(data.get("disclosed"), "$.disclosed", full=True)
    c.text(data.get("summary"), "$.summary", LIMITS["summary"], required=True)
    c.text(data.get("description"), "$.description", LIMITS["description"])
    c.slugs(data.get("attack_types"), "$.attack_types", vocab.ATTACK_TYPES, "attack type")
    c.slugs(data.get("motives"), "$.motives", vocab.MOTIVES, "motive")
    for i, tid in enumerate(c.items(data.get("techniques"), "$.techniques")):
        if not isinstance(tid, str):
            c.add(f"$.techniques[{i}]", f"must be text, not {_type_name(tid)}")
        elif not TECHNIQUE.match(tid):
            c.add(f"$.techniques[{i}]", f"{str(tid)[:60]!r} is not an ATT&CK technique id (T1234 or T1234.001)")  # fmt: skip
    _check_cia(c, data.get("cia"))
    for i, actor in enumerate(c.items(data.get("actors"), "$.actors")):
        _check_actor(c, actor, f"$.actors[{i}]")
    for i, source in enumerate(c.items(data.get("sources"), "$.sources")):
        _check_source(c, source, f"$.sources[{i}]")
    c.items(data.get("conflicts"), "$.conflicts")
    return c.problems


def _check_cia(c: _Checker, cia: Any) -> None:
    if cia is None or cia == "":
        return
    if isinstance(cia, dict):
        for name, value in cia.items():
            if name not in vocab.CIA_FIELDS:
                c.add(f"$.cia.{name}", f"unknown CIA field (one of: {', '.join(vocab.CIA_FIELDS)})")
            else:
                c.choice(value, f"$.cia.{name}", vocab.CIA_VALUES, "CIA value")
        return
    letters = set(vocab.CIA_FIELDS.values())
    if not isinstance(cia, list):
        c.add("$.cia", f"must be an array of C, I, A or an object, not {_type_name(cia)}")
        return
    for i, letter in enumerate(cia):
        if not isinstance(letter, str) or letter.upper() not in letters:
            c.add(f"$.cia[{i}]", f"{str(letter)[:20]!r} is not C, I or A")


def _check_actor(c: _Checker, actor: Any, path: str) -> None:
    if not isinstance(actor, dict):
        c.add(path, f"an actor must be an object, not {_type_name(actor)}")
        return
    c.text(actor.get("name"), f"{path}.name", LIMITS["actor"], required=True)
    c.choice(actor.get("type"), f"{path}.type", vocab.ACTOR_TYPES, "actor type")
    c.country(actor.get("country"), f"{path}.country")
    for i, alias in enumerate(c.items(actor.get("aliases"), f"{path}.aliases")):
        c.text(alias, f"{path}.aliases[{i}]", LIMITS["alias"])
    attack_id = actor.get("attack_id")
    if attack_id not in (None, "") and (
        not isinstance(attack_id, str) or not GROUP.match(attack_id)
    ):
        c.add(f"{path}.attack_id", f"{str(attack_id)[:60]!r} is not an ATT&CK group id (G1234)")


def _check_source(c: _Checker, source: Any, path: str) -> None:
    if isinstance(source, str):
        source = {"url": source}
        url_path = path
    elif isinstance(source, dict):
        url_path = f"{path}.url"
    else:
        c.add(path, f"a source must be an object or a url, not {_type_name(source)}")
        return
    url = source.get("url")
    if url is not None and not isinstance(url, str):
        c.add(url_path, f"must be text, not {_type_name(url)}")
    else:
        problem = source_url_problem(url or "", links_only=True)
        if problem:
            c.add(url_path, problem)
    c.text(source.get("title"), f"{path}.title", LIMITS["title"])
    c.text(source.get("publisher"), f"{path}.publisher", LIMITS["publisher"])
    language = c.text(source.get("language"), f"{path}.language", LIMITS["language"])
    if language and not LANGUAGE.match(language):
        c.add(f"{path}.language", f"{language!r} is not a language code (e.g. en, sv)")
    c.date(source.get("published"), f"{path}.published", full=True)
    c.text(source.get("text"), f"{path}.text", LIMITS["text"])


def _record_base(where: str, converted: bool = False) -> str:
    """The JSON path prefix of a record's problems: its own path in a cidb JSON file,
    else where it came from and the path in the record ("line 3, $.date"; for a STIX
    or VERIS record, the cidb field it became: "$.objects[2], as cidb $.country")."""
    if converted:
        return f"{where}, as cidb $"
    if where == "$" or where.startswith(("$[", "$.incidents[")):
        return where
    return f"{where}, $"


def _unknown_techniques(records: list[Record], converted: bool) -> list[Problem]:
    """Technique ids that are well formed but not in the ATT&CK table (one query)."""
    from cidb.incidents.models import Technique

    wanted: list[tuple[str, str]] = []
    for record in records:
        data = record.data if isinstance(record.data, dict) else {}
        techniques = data.get("techniques")
        if isinstance(techniques, list):
            base = _record_base(record.where, converted)
            wanted += [
                (f"{base}.techniques[{i}]", t.upper())
                for i, t in enumerate(techniques)
                if isinstance(t, str) and TECHNIQUE.match(t)
            ]
    ids = {tid for _, tid in wanted}
    known: set[str] = set()
    chunk = sorted(ids)
    for start in range(0, len(chunk), 500):
        known |= set(
            Technique.objects.filter(attack_id__in=chunk[start : start + 500]).values_list(
                "attack_id", flat=True
            )
        )
    return [
        Problem(path, f"unknown ATT&CK technique {tid!r} (run cidb load-attack?)")
        for path, tid in wanted
        if tid not in known
    ]


def check_records(records: list[Record], *, converted: bool = False) -> list[Problem]:
    """Every problem of every record, unknown techniques, and ids used twice in one
    file. ``converted``: the records were converted from STIX or VERIS."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    problems += _unknown_techniques(records, converted)
    for record in records:
        problems += check_record(record.data, _record_base(record.where, converted))
        key = record.data.get("id") if isinstance(record.data, dict) else None
        if isinstance(key, str) and key:
            try:
                key = str(uuid.UUID(key))
            except ValueError:
                continue
            if key in seen:
                problems.append(
                    Problem(
                        f"{_record_base(record.where, converted)}.id",
                        f"duplicate id {key} (also at {seen[key]}); each incident once a file",
                    )
                )
            else:
                seen[key] = record.where
    return problems
