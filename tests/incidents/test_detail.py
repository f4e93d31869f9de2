"""The incident page: the layout users know, dates, counts, merges and history."""

from __future__ import annotations

import datetime as dt

import pytest

from cidb.incidents import services
from cidb.incidents.models import ChangeLog, format_date, iso_date, normalise_date, parse_iso_date
from tests.factories import IncidentFactory, SourceFactory, TechniqueFactory, ThreatActorFactory


def test_dates_by_precision():
    day = dt.date(2024, 11, 19)
    assert format_date(normalise_date(day, "month"), "month") == "Nov 2024"
    assert format_date(day, "day") == "19 Nov 2024"
    assert format_date(normalise_date(day, "year"), "year") == "2024"
    assert iso_date(normalise_date(day, "month"), "month") == "2024-11"
    assert parse_iso_date("2024-11") == (dt.date(2024, 11, 1), "month")
    assert parse_iso_date("2024") == (dt.date(2024, 1, 1), "year")
    assert parse_iso_date("2024-11-19") == (day, "day")
    with pytest.raises(ValueError):
        parse_iso_date("19/11/2024")


@pytest.mark.django_db
def test_layout_for_members(client_for, rich_incident):
    html = client_for("member").get(rich_incident.get_absolute_url()).content.decode()
    for text in (
        "Cyber Incident Victim:",
        "Sundsvalls kommun",
        "Nov 2024",
        "Location",
        "Summary",
        "CIA Posture",
        "Motives",
        "Tactics, Techniques &amp; Procedures",
        "Threat Actors",
        "Type",
        "Description",
        "Sources",
    ):
        assert text in html, text
    assert html.index("CIA Posture") < html.index("Threat Actors") < html.index("Description")
    assert f'href="{rich_incident.actors.get().get_absolute_url()}"' in html
    assert 'href="/techniques/T1486/"' in html


@pytest.mark.django_db
def test_counts_are_singular_and_plural(client):
    incident = IncidentFactory(
        motives=["Financial", "Grudge"],
        techniques=[TechniqueFactory(), TechniqueFactory()],
        sources=[SourceFactory(), SourceFactory(), SourceFactory()],
    )
    html = client.get(incident.get_absolute_url()).content.decode()
    assert "2 motives" in html and "2 techniques" in html
    assert "0 actors" in html and "3 sources" in html
    incident.actors.add(ThreatActorFactory())
    assert "1 actor<" in client.get(incident.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_merged_incident_redirects_to_survivor(client, client_for):
    survivor = IncidentFactory(sources=[SourceFactory(url="https://a.example/1")])
    merged = IncidentFactory(sources=[SourceFactory(url="https://b.example/2")])
    old_url = merged.get_absolute_url()
    services.merge_incidents(survivor, [merged], user=None)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()
    assert set(survivor.sources.values_list("url", flat=True)) == {
        "https://a.example/1",
        "https://b.example/2",
    }
    # merging again into a third record keeps the first address working
    third = IncidentFactory()
    services.merge_incidents(third, [survivor])
    assert client.get(old_url)["Location"] == third.get_absolute_url()
    assert ChangeLog.objects.filter(action="merge").count() == 4


@pytest.mark.django_db
def test_editors_see_history(client_for, users):
    incident = IncidentFactory()
    services.record_change(incident, "update", {"summary": ["a", "b"]}, users["editor"])
    html = client_for("editor").get(incident.get_absolute_url()).content.decode()
    assert "History" in html and "editor-user" in html
    html = client_for("member").get(incident.get_absolute_url()).content.decode()
    assert "editor-user" not in html


@pytest.mark.django_db
def test_image_is_shown_with_its_caption(client, settings, tmp_path):
    import base64

    from django.core.files.base import ContentFile

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    incident = IncidentFactory(image_caption="Ransom note shown on screens")
    incident.image.save("note.png", ContentFile(png))
    html = client.get(incident.get_absolute_url()).content.decode()
    assert f'src="{incident.image.url}"' in html
    assert 'alt="Ransom note shown on screens"' in html
    assert client.get(incident.image.url).status_code == 200
