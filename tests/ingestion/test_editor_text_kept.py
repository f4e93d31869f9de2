"""An editor's values of a draft are never overwritten by later ingestion: what new
articles say about those fields arrives as suggestions instead (the suggestions page
serves drafts too); the fields an editor touched are tracked on the cluster."""

from __future__ import annotations

import pytest

from cidb.incidents.models import ChangeLog, Incident, Source
from cidb.ingest import services
from cidb.ingest.models import Article, IncidentCluster
from tests.ingestion.conftest import ARTICLES, FOLLOW_UP

from .drafts import SV, draft, members

EDITED = "Östervik municipality in Sweden was hit by ransomware; an editor wrote this."


def admin_edit(client, incident: Incident, **values) -> None:
    """Save the incident's admin form with some values changed, as an editor would."""
    url = f"/admin/incidents/incident/{incident.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    data.pop("image", None)
    data.update(values)
    for prefix in ("changes", "technique_evidence"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_editor_text_survives_new_articles_and_they_become_suggestions(
    ingest, write_jsonl, client_for, users
):
    ingest(write_jsonl(ARTICLES[:2], "a.jsonl"))
    incident = Article.objects.get(url=ARTICLES[0]["url"]).incident
    machine_summary = incident.summary
    admin_edit(client_for("editor"), incident, summary=EDITED)
    cluster = IncidentCluster.objects.get(incident=incident)
    assert cluster.editor_fields["summary"]["action"] == "edited"
    assert cluster.editor_fields["summary"]["by"] == users["editor"].username
    assert "description" not in cluster.editor_fields

    ingest(write_jsonl([FOLLOW_UP], "b.jsonl"))
    incident.refresh_from_db()
    assert Article.objects.get(url=FOLLOW_UP["url"]).incident == incident
    assert incident.summary == EDITED  # kept
    cluster.refresh_from_db()
    new_text = cluster.draft["summary"]
    assert new_text != machine_summary  # the machine read something new ...
    assert cluster.suggestions["summary"] == {"value": new_text, "current": EDITED}  # ... offered
    log = ChangeLog.objects.filter(incident=incident, comment__contains="kept").first()
    assert log is not None and "summary" in log.comment

    # the suggestions page lists the draft; accepting applies and keeps it the editor's
    editor = client_for("editor")
    assert EDITED in editor.get("/review/suggestions/").content.decode()
    editor.post(f"/review/{incident.uuid}/suggestions/", {"field": ["summary"]})
    incident.refresh_from_db()
    assert incident.summary == new_text
    cluster.refresh_from_db()
    assert "summary" not in cluster.suggestions
    assert cluster.editor_fields["summary"]["action"] == "accepted suggestion"


@pytest.mark.django_db
def test_kept_fields_are_not_written_and_old_values_not_offered_again(users):
    source = Source.objects.create(url=SV, language="sv")
    cluster = services.apply_draft(None, draft(), members(), [source], key="k1")
    incident = cluster.incident
    # the editor corrects the country and the victim
    incident.country = "NO"
    incident.save()
    from cidb.ingest.services import fields

    fields.mark(cluster, {"country", "victim"}, users["editor"], "corrected")
    cluster.save()

    # a rebuild with the same machine values: nothing written, nothing suggested again
    services.apply_draft(cluster, draft(), members(), [])
    incident.refresh_from_db()
    cluster.refresh_from_db()
    assert incident.country == "NO" and cluster.suggestions == {}
    # a new machine reading of a kept field is suggested; free fields follow the draft
    services.apply_draft(cluster, draft(country="FI", cia=["C", "A"]), members(), [])
    incident.refresh_from_db()
    cluster.refresh_from_db()
    assert incident.country == "NO"
    assert cluster.suggestions == {"country": {"value": "FI", "current": "NO"}}
    assert incident.confidentiality == "affected"
    # a later rebuild keeps the pending suggestion
    services.apply_draft(cluster, draft(country="FI", cia=["A"]), members(), [])
    cluster.refresh_from_db()
    assert cluster.suggestions == {"country": {"value": "FI", "current": "NO"}}


def test_a_released_field_takes_the_sources_value_again(ingest, write_jsonl, client_for):
    ingest(write_jsonl(ARTICLES[:2], "a.jsonl"))
    incident = Article.objects.get(url=ARTICLES[0]["url"]).incident
    machine = incident.country
    editor = client_for("editor")
    url = f"/review/{incident.uuid}/field/country/"
    editor.post(url, {"action": "correct", "value": "NO" if machine != "NO" else "DK"})
    incident.refresh_from_db()
    assert incident.country != machine
    response = editor.post(url, {"action": "release"}, follow=True)
    assert "Country released: ingestion updates it again." in response.content.decode()
    incident.refresh_from_db()
    assert incident.country == machine
    assert "country" not in IncidentCluster.objects.get(incident=incident).editor_fields
    assert ChangeLog.objects.filter(incident=incident, comment="review: released country").exists()
    # releasing a field ingestion already updates is refused
    response = editor.post(url, {"action": "release"}, follow=True)
    assert "not saved" in response.content.decode()
