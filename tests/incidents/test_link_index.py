"""The per-incident link rows that facet counts read follow every write path."""

from __future__ import annotations

import pytest

from cidb.incidents import facets, link_index, services
from cidb.incidents.models import Incident, IncidentLinks
from tests.factories import IncidentFactory, TechniqueFactory, ThreatActorFactory


def row(incident: Incident) -> dict[str, set[str]] | None:
    links = IncidentLinks.objects.filter(incident_id=incident.id).first()
    if links is None:
        return None
    names = ("attack_types", "motives", "techniques", "actors")
    return {name: set(getattr(links, name).split()) for name in names}


@pytest.mark.django_db
def test_rows_follow_forward_and_reverse_link_changes():
    t1, t2 = TechniqueFactory(), TechniqueFactory()
    actor = ThreatActorFactory()
    incident = IncidentFactory(attack_types=["ransomware"], motives=["Financial"], techniques=[t1])
    assert row(incident) == {
        "attack_types": {"ransomware"},
        "motives": {"Financial"},
        "techniques": {str(t1.id)},
        "actors": set(),
    }
    incident.actors.add(actor)
    incident.techniques.remove(t1)
    t2.incidents.add(incident)  # from the other side
    assert row(incident)["actors"] == {str(actor.id)}
    assert row(incident)["techniques"] == {str(t2.id)}
    t2.incidents.clear()
    assert row(incident)["techniques"] == set()
    for name in ("attack_types", "motives", "actors"):
        getattr(incident, name).clear()
    assert row(incident) == {
        name: set() for name in ("attack_types", "motives", "techniques", "actors")
    }
    incident.attack_types.set([])
    incident.delete()
    assert not IncidentLinks.objects.exists()


@pytest.mark.django_db
def test_rows_are_written_once_per_batch_inside_deferred_index():
    technique = TechniqueFactory()
    with services.deferred_index():
        incident = IncidentFactory()
        incident.techniques.add(technique)
        assert row(incident) is None  # not yet
    assert row(incident)["techniques"] == {str(technique.id)}


@pytest.mark.django_db
def test_rebuild_repairs_missing_and_stale_rows():
    technique = TechniqueFactory()
    kept = IncidentFactory(attack_types=["ddos"], techniques=[technique])
    IncidentLinks.objects.all().delete()
    link_index.write([(999_999, "ddos", "", "", "", "published", "total\t")])  # no incident
    assert link_index.rebuild() == Incident.objects.count()
    assert row(kept)["techniques"] == {str(technique.id)}
    assert not IncidentLinks.objects.filter(incident_id=999_999).exists()


@pytest.mark.django_db
def test_facets_count_from_the_rows_as_the_link_tables_do():
    t1, t2 = TechniqueFactory(), TechniqueFactory()
    actor = ThreatActorFactory()
    IncidentFactory(
        attack_types=["ransomware", "extortion"], motives=["Financial"], techniques=[t1, t2]
    )
    IncidentFactory(attack_types=["ransomware"], techniques=[t1], actors=[actor])
    IncidentFactory()
    ids = list(Incident.objects.values_list("id", flat=True))
    by_name = {
        f.name: {value: n for value, _, n in f.values}
        for f in facets.compute_small(ids, member=True, year_selected=False)
    }
    assert by_name["attack_type"] == {"ransomware": 2, "extortion": 1}
    assert by_name["motive"] == {"Financial": 1}
    assert by_name["technique"] == {t1.attack_id: 2, t2.attack_id: 1}
    assert by_name["actor"] == {str(actor.id): 1}
    public = {f.name for f in facets.compute_small(ids, member=False, year_selected=False)}
    assert not public & {"motive", "technique", "actor", "cia"}


@pytest.mark.django_db
def test_orphan_rows_are_dropped():
    kept = IncidentFactory(attack_types=["ddos"])
    link_index.write([(999_999, "ddos", "", "", "", "published", "total\t")])
    link_index.delete_orphans()
    assert list(IncidentLinks.objects.values_list("incident_id", flat=True)) == [kept.id]


@pytest.mark.django_db
def test_countries_in_use_skip_through_the_index_by_status():
    IncidentFactory(country="SE")
    IncidentFactory(country="DK")
    IncidentFactory(country="NO", status="draft")
    IncidentFactory(country="")
    assert facets.countries_in_use(["published"]) == ["DK", "SE"]
    assert facets.countries_in_use(["published", "draft"]) == ["DK", "NO", "SE"]
    assert facets.countries_in_use([]) == []


@pytest.mark.django_db
def test_migrate_refreshes_sqlite_statistics_of_new_indexes():
    from django.db import connection

    from cidb.incidents.apps import _refresh_sqlite_statistics

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner statistics only")
    IncidentFactory()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("CREATE INDEX test_new_index ON incidents_incident (summary)")
        _refresh_sqlite_statistics("default")
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'test_new_index'")
        assert cursor.fetchone()[0] == 1
        cursor.execute("DROP INDEX test_new_index")
