"""Editors curate in the admin; every change is logged; others are kept out."""

from __future__ import annotations

import pytest

from cidb.incidents.models import ChangeLog, Incident
from tests.factories import IncidentFactory


@pytest.mark.django_db
@pytest.mark.parametrize("tier", ["anonymous", "free", "member"])
def test_admin_is_closed_below_editor(client_for, tier):
    response = client_for(tier).get("/admin/incidents/incident/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_editor_edits_incident_and_history_is_recorded(client_for, users):
    incident = IncidentFactory(status="draft")
    client = client_for("editor")
    url = f"/admin/incidents/incident/{incident.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    data.update(
        {
            "summary": "Edited by an editor.",
            "status": "published",
            "attack_types": ["ddos"],
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
            "technique_evidence-TOTAL_FORMS": "0",
            "technique_evidence-INITIAL_FORMS": "0",
        }
    )
    data.pop("image", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    incident.refresh_from_db()
    assert incident.summary == "Edited by an editor."
    assert incident.published_at is not None
    change = ChangeLog.objects.get(incident=incident)
    assert change.user == users["editor"]
    assert set(change.changes) >= {"summary", "status", "attack_types"}
    assert Incident.objects.search("editor").get() == incident


@pytest.mark.django_db
def test_editor_cannot_manage_users(client_for):
    assert client_for("editor").get("/admin/accounts/user/").status_code == 403
    assert client_for("admin").get("/admin/accounts/user/").status_code == 200


@pytest.mark.django_db
def test_merge_and_publish_actions(client_for):
    a, b = IncidentFactory(status="draft"), IncidentFactory(status="draft")
    client = client_for("editor")
    response = client.post(
        "/admin/incidents/incident/",
        {"action": "merge", "_selected_action": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    assert Incident.objects.count() == 1
    client.post("/admin/incidents/incident/", {"action": "publish", "_selected_action": [a.pk]})
    a.refresh_from_db()
    assert a.status == "published"
    assert client_for("anonymous").get(b.get_absolute_url()).status_code == 301
