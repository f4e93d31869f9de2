"""Writes: importing cidb's JSON, history, and merging."""

from __future__ import annotations

import pytest

from cidb.incidents import services
from cidb.incidents.models import ChangeLog, Incident, ThreatActor
from tests.factories import TechniqueFactory


@pytest.fixture
def record():
    return {
        "id": "5b1c3f0e-8a0e-4d5e-9a53-0c3b1f9b2a11",
        "status": "published",
        "victim": "Østre Toten kommune",
        "victim_aliases": ["Ostre Toten"],
        "victim_sector": "local_government",
        "victim_country": "NO",
        "country": "NO",
        "date": "2021-01",
        "summary": "Ransomware encrypted the municipality's systems.",
        "description": "Backups were also hit.",
        "attack_types": ["ransomware"],
        "cia": ["I", "A"],
        "motives": ["Financial"],
        "techniques": ["T1486"],
        "actors": [{"name": "Unknown gang", "type": "organized_crime", "country": None}],
        "sources": [{"url": "https://example.no/a", "title": "A", "language": "no"}],
    }


@pytest.mark.django_db
def test_upsert_creates_then_updates(record, users):
    TechniqueFactory(attack_id="T1486")
    incident = services.upsert_from_json(record, user=users["editor"])
    assert incident.victim.name == "Østre Toten kommune"
    assert incident.date_iso == "2021-01"
    assert incident.cia_letters == ["I", "A"]
    assert incident.confidentiality == "unknown"
    assert list(incident.techniques.values_list("attack_id", flat=True)) == ["T1486"]
    assert ChangeLog.objects.get(incident=incident).action == "import"
    record["summary"] = "Updated summary."
    again = services.upsert_from_json(record, user=users["editor"])
    assert again.pk == incident.pk and Incident.objects.count() == 1
    change = ChangeLog.objects.filter(incident=incident, action="update").get()
    assert change.changes["summary"] == ["Ransomware encrypted the municipality's systems.",
                                         "Updated summary."]  # fmt: skip
    assert change.user == users["editor"]
    # no change, no log line
    services.upsert_from_json(record)
    assert ChangeLog.objects.filter(incident=incident).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"date": "March 2021"}, "$.date"),
        ({"summary": ""}, "$.summary"),
        ({"status": "live"}, "$.status"),
        ({"attack_types": ["ransomware", "hacking"]}, "$.attack_types[1]"),
        ({"motives": ["Money"]}, "$.motives[0]"),
        ({"techniques": ["T9999"]}, "$.techniques[0]"),
        ({"actors": [{"name": "X", "type": "alien"}]}, "$.actors[0].type"),
        ({"sources": [{"title": "no url"}]}, "$.sources[0]"),
        ({"id": "not-a-uuid"}, "$.id"),
        ({"country": "XX"}, "country"),
    ],
)
def test_bad_records_change_nothing(record, change, path):
    TechniqueFactory(attack_id="T1486")
    record.update(change)
    with pytest.raises(Exception) as info:
        services.upsert_from_json(record)
    assert path in str(info.value)
    assert not Incident.objects.exists()
    assert not ThreatActor.objects.exists()


@pytest.mark.django_db
def test_merge_keeps_values_and_notes_conflicting_victims(record):
    TechniqueFactory(attack_id="T1486")
    first = services.upsert_from_json(record)
    other = dict(record, id=None, victim="Østre Toten", techniques=[], motives=["Grudge"])
    other["sources"] = [{"url": "https://example.no/b"}]
    second = services.upsert_from_json(other)
    services.merge_incidents(first, [second])
    first.refresh_from_db()
    assert set(first.motives.values_list("slug", flat=True)) == {"Financial", "Grudge"}
    assert first.sources.count() == 2
    assert first.conflicts[0]["field"] == "victim"
    assert {v["value"] for v in first.conflicts[0]["values"]} == {
        "Østre Toten kommune",
        "Østre Toten",
    }
    assert Incident.objects.count() == 1


@pytest.mark.django_db
def test_generation_changes_with_any_write(record):
    TechniqueFactory(attack_id="T1486")
    before = services.generation()
    incident = services.upsert_from_json(record)
    after_create = services.generation()
    assert after_create > before
    incident.motives.clear()
    assert services.generation() > after_create
