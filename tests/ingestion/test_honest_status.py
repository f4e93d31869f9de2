"""A machine-written draft says so: it is "unreviewed" (never "Confirmed") until an
editor publishes it, with the per-field confidence and review flags of its draft."""

from __future__ import annotations

import datetime as dt

import pytest

from cidb.incidents.models import Incident, Source
from cidb.ingest import services
from cidb.ingest.models import IncidentCluster

from .drafts import SV, draft, members

pytestmark = pytest.mark.django_db


def _drafted(**changes) -> Incident:
    source = Source.objects.create(url=SV, language="sv")
    cluster = services.apply_draft(None, draft(**changes), members(), [source], key="k1")
    return cluster.incident


def test_an_ingested_draft_is_unreviewed_not_confirmed():
    incident = _drafted()
    incident.refresh_from_db()
    assert incident.status == "draft"
    assert incident.confidence == "unreviewed"
    stored = IncidentCluster.objects.get(incident=incident)
    assert stored.field_confidence == {"victim": "high", "date": "low", "country": "medium"}
    assert stored.review_flags == ["language_unreadable:ko"]


def test_publishing_confirms_unless_the_editor_chose(users):
    incident = _drafted()
    services.publish(incident, users["editor"])
    incident.refresh_from_db()
    assert (incident.status, incident.confidence) == ("published", "confirmed")

    other = Incident.objects.create(
        victim_label="Some hospitals",
        date=dt.date(2024, 1, 1),
        summary="x",
        confidence="unreviewed",
    )
    services.publish(other, users["editor"], confidence="claimed")
    other.refresh_from_db()
    assert (other.status, other.confidence) == ("published", "claimed")


def test_pages_say_machine_written_and_never_confirmed(client_for):
    incident = _drafted()
    editor = client_for("editor")
    for url in (incident.get_absolute_url(), f"/review/{incident.uuid}/"):
        html = editor.get(url).content.decode()
        assert "Machine-written draft, not reviewed by an editor" in html
        assert "Unreviewed" in html or url.startswith("/review/")
        assert "date: low" in html and "victim: high" in html
        assert "language_unreadable:ko" in html
    assert "<dd>Confirmed</dd>" not in editor.get(incident.get_absolute_url()).content.decode()
    queue = editor.get("/review/").content.decode()
    assert "machine-written" in queue and "language_unreadable:ko" in queue
    assert "1 conflict<" in queue


def test_published_page_drops_the_banner(client_for, users):
    incident = _drafted()
    services.publish(incident, users["editor"])
    html = client_for("member").get(incident.get_absolute_url()).content.decode()
    assert "Machine-written draft" not in html
    assert "<dd>Confirmed</dd>" in html


def test_the_draft_technique_evidence_is_stored_and_rebuilt():
    from cidb.incidents.services import evidence_map
    from tests.factories import TechniqueFactory

    TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact")
    source = Source.objects.create(url=SV, language="sv")
    cluster = services.apply_draft(None, draft(), members(), [source], key="k1")
    incident = cluster.incident
    assert evidence_map([incident.pk])[incident.pk]["T1486"][0]["language"] == "sv"
    services.apply_draft(cluster, draft(techniques=[], technique_evidence={}), members(), [])
    assert evidence_map([incident.pk]) == {}


def test_the_banner_lists_the_reviewable_fields_confidence_only(client_for):
    levels = {"date": "low", "victim": "high", "ransom_response": "medium"}
    incident = _drafted(field_confidence=levels)
    html = client_for("editor").get(incident.get_absolute_url()).content.decode()
    banner = html.split('class="machine-draft"')[1].split("</aside>")[0]
    assert banner.index("victim: high") < banner.index("date: low")
    assert "ransom_response" not in banner
