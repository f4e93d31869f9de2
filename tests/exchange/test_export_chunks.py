"""The chunked export reader (records.rows): chunk boundaries change nothing, rows
give the same records as model instances, and non-members' rows hold no values."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo

import pytest

from cidb.exchange import exports, records, stix
from cidb.incidents.models import Incident
from tests.factories import (
    IncidentFactory,
    SourceFactory,
    TechniqueFactory,
    ThreatActorFactory,
)

MEMBER = records.Audience(member=True, editor=True)
PUBLIC = records.Audience(member=False)


@pytest.fixture
def five(rich_incident):
    """Five incidents sharing and not sharing victims, techniques, actors and sources."""
    technique = rich_incident.techniques.get()
    other = TechniqueFactory(attack_id="T1190", name="Exploit Public-Facing Application")
    actor = ThreatActorFactory(name="Aardvark Team", attack_id="G9999")
    shared = SourceFactory(url="https://news.example.org/shared", title="Two at once")
    IncidentFactory(
        victim=rich_incident.victim,
        date=dt.date(2023, 5, 1),
        techniques=[other, technique],
        actors=[actor, rich_incident.actors.get()],
        sources=[shared, SourceFactory(url="https://a.example.org/first")],
        motives=["Financial", "Grudge"],
        attack_types=["ddos", "ransomware"],
        conflicts=[{"field": "date", "values": ["2023-05", "2023-06"]}],
    )
    IncidentFactory(victim=None, victim_label="Municipalities in Norway", country="NO",
                    sources=[shared], techniques=[other])  # fmt: skip
    IncidentFactory(victim=None, victim_label="", sector="healthcare", country="")
    IncidentFactory(status="draft", summary="=cmd|' /C calc'!A0 a formula-looking summary")
    return Incident.objects.all()


def text(name: str, queryset, audience, chunk_size: int) -> str:
    out = "".join(exports.render(name, queryset, audience, chunk_size=chunk_size))
    if name == "stix":  # the bundle's own id is new each time
        out = out.split("\n", 1)[1]
    return out


@pytest.mark.parametrize("name", ["csv", "json", "stix", "misp"])
def test_chunks_of_two_equal_one_chunk(five, name):
    one = text(name, five, MEMBER, chunk_size=1000)
    assert text(name, five, MEMBER, chunk_size=2) == one
    assert text(name, five, MEMBER, chunk_size=1) == one
    if name in ("csv", "json"):
        assert text(name, five, PUBLIC, chunk_size=2) == text(name, five, PUBLIC, chunk_size=1000)


def test_newest_first_and_every_incident_once(five):
    data = json.loads(text("json", five, MEMBER, chunk_size=2))
    expected = [str(u) for u in five.order_by("-date", "-id").values_list("uuid", flat=True)]
    assert [d["id"] for d in data] == expected


@pytest.mark.parametrize("member", [True, False])
def test_rows_give_the_records_of_model_instances(five, member):
    """The API renders model instances, exports render rows: the same JSON."""
    from_rows = {
        row.id: records.incident_dict(row, member=member)
        for chunk in records.rows(five, member=member, chunk_size=2)
        for row in chunk
    }
    models = records.with_related(Incident.objects.all(), member=member)
    from_models = {i.pk: records.incident_dict(i, member=member) for i in models}
    assert from_rows == from_models
    shared = next(d for d in from_rows.values() if d["date"] == "2023-05")
    if member:
        assert shared["techniques"] == ["T1190", "T1486"]
        assert [a["name"] for a in shared["actors"]] == ["Aardvark Team", "Zetagrupp Kollektiv"]
        assert [s["url"] for s in shared["sources"]] == [
            "https://a.example.org/first",
            "https://news.example.org/shared",
        ]
        assert shared["motives"] == ["Financial", "Grudge"]
    assert shared["counts"] == {"motives": 2, "techniques": 2, "actors": 2, "sources": 2}
    assert shared["attack_types"] == ["ddos", "ransomware"]


def test_public_rows_hold_counts_never_values(five, member_values):
    chunks = list(records.rows(five, member=False, chunk_size=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    for row in (row for chunk in chunks for row in chunk):
        assert row.motives is None and row.techniques is None
        assert row.actors is None and row.sources is None
        data = records.incident_dict(row, member=False)
        assert not set(records.MEMBER_KEYS) & set(data)
        assert not [v for v in member_values.values() if v in json.dumps(data)]
        with pytest.raises(ValueError):
            records.incident_dict(row, member=True)
    public = "".join(exports.render("csv", five, PUBLIC, chunk_size=2))
    public += "".join(exports.render("json", five, PUBLIC, chunk_size=2))
    assert not [v for v in member_values.values() if v in public]


def test_queries_do_not_grow_with_the_chunk(five, django_assert_max_num_queries):
    # One chunk of five: the id cursor, incidents, victims, five relations, the
    # techniques and actors met and the technique evidence: the same for 5 as for
    # 1,000 incidents.
    with django_assert_max_num_queries(11):
        assert sum(len(c) for c in records.rows(five, member=True, chunk_size=1000)) == 5
    # Public: the id cursor, incidents, victims, attack types and four counts.
    with django_assert_max_num_queries(1 + 3 + 4):
        assert sum(len(c) for c in records.rows(five, member=False, chunk_size=1000)) == 5


def test_chunked_stix_bundle_validates(five):
    validator = pytest.importorskip("stix2validator")
    bundle = json.loads("".join(exports.render("stix", five, MEMBER, chunk_size=2)))
    result = validator.validate_instance(bundle, validator.ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for e in result.errors]
    ids = [o["id"] for o in bundle["objects"]]
    assert len(ids) == len(set(ids))  # every object once, across chunks
    report = next(o for o in bundle["objects"] if o.get("name") == "Two at once")
    assert len(report["object_refs"]) == 2


def test_fast_uuid5_and_timestamp_match_the_standard_library():
    for name in ["", "location|SE", "relationship|uses|incident--x|attack-pattern--y", "åäö|名"]:
        assert stix.uuid5(name) == str(uuid.uuid5(stix.NAMESPACE, name))
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    when = dt.datetime(2024, 3, 1, 0, 30, 5, 123456, tzinfo=stockholm)
    assert stix.timestamp(when) == "2024-02-29T23:30:05.123Z"
    assert stix.timestamp(when.astimezone(dt.UTC)) == "2024-02-29T23:30:05.123Z"
    assert stix.timestamp(dt.date(2024, 3, 1)) == "2024-03-01T00:00:00.000Z"
    assert stix.timestamp(None) == "2020-01-01T00:00:00.000Z"
