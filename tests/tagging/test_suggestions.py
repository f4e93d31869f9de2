"""Editors get technique suggestions with evidence on an incident and accept or reject each."""

from __future__ import annotations

import pytest

from cidb.incidents.models import ChangeLog
from tests.factories import IncidentFactory, SourceFactory, TechniqueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident():
    TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact")
    TechniqueFactory(attack_id="T1566", name="Phishing")
    return IncidentFactory(
        summary="The city's servers were hit by an attack.",
        description="Systems were offline for a week.",
        sources=[
            SourceFactory(
                title="City hit by ransomware",
                text=(
                    "The ransomware encrypted the files on all file servers and demanded a "
                    "ransom for the decryption key. The attackers encrypted backups as well."
                ),
            )
        ],
    )


def url(incident) -> str:
    return f"/incidents/{incident.uuid}/suggest-techniques/"


def test_editor_sees_suggestions_with_evidence(client_for, incident):
    response = client_for("editor").get(url(incident))
    assert response.status_code == 200
    suggestions = {s.technique.attack_id: s for s in response.context["suggestions"]}
    assert "T1486" in suggestions
    where, sentence = suggestions["T1486"].evidence[0]
    assert where == "City hit by ransomware"
    assert "encrypted" in sentence
    assert "Data Encrypted for Impact" in response.content.decode()


def test_accepting_adds_only_ticked_techniques_and_logs(client_for, users, incident):
    response = client_for("editor").post(url(incident), {"accept": ["T1486"]})
    assert response.status_code == 302
    assert list(incident.techniques.values_list("attack_id", flat=True)) == ["T1486"]
    change = ChangeLog.objects.get(incident=incident, comment="suggested techniques")
    assert change.user == users["editor"]
    # an accepted technique is no longer suggested
    again = client_for("editor").get(url(incident)).context["suggestions"]
    assert "T1486" not in {s.technique.attack_id for s in again}


def test_rejecting_everything_changes_nothing(client_for, incident):
    client_for("editor").post(url(incident), {})
    assert not incident.techniques.exists()
    assert not ChangeLog.objects.filter(incident=incident).exists()


@pytest.mark.parametrize("tier", ["free", "member"])
def test_only_editors(client_for, tier, incident):
    assert client_for(tier).get(url(incident)).status_code == 403
    assert client_for(tier).post(url(incident), {"accept": ["T1486"]}).status_code == 403
    assert not incident.techniques.exists()


def test_anonymous_is_sent_to_log_in(client, incident):
    response = client.get(url(incident))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
