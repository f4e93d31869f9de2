"""The review page: every field beside its source sentences, conflicts with both
values and their sources, per-field confidence, and a field accepted or corrected in
one step (recorded with who and when, kept by later ingestion)."""

from __future__ import annotations

import pytest

from cidb.incidents.models import ChangeLog, Source
from cidb.ingest import services
from cidb.ingest.models import IncidentCluster
from tests.factories import TechniqueFactory

from .drafts import EN, SV, draft, members

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident():
    TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact")
    TechniqueFactory(attack_id="T1490", name="Inhibit System Recovery")
    people = {
        "field": "person",
        "values": [
            {"value": "Karin Holm (security chief)", "sources": [SV]},
            {"value": "Karen Holm (security chief)", "sources": [EN]},
        ],
    }
    denied = {
        "fact": "no_ransom_paid",
        "sentence": "Kommunen betalar ingen lösensumma.",
        "source": SV,
    }
    data = draft(conflicts=[*draft()["conflicts"], people], negative_facts=[denied])
    source = Source.objects.create(url=SV, language="sv")
    return services.apply_draft(None, data, members(), [source], key="k1").incident


def test_each_field_with_its_sources_and_conflicts(client_for, incident):
    html = client_for("editor").get(f"/review/{incident.uuid}/").content.decode()
    for name in ("victim", "country", "date", "attack_types", "cia", "techniques", "summary"):
        assert f'id="field-{name}"' in html
    assert "Östervik kommun utsattes för en attack." in html  # victim's sentence
    assert "Angriparna krypterade kommunens servrar." in html  # technique evidence
    assert "confidence: low" in html
    # the date conflict: both values, each with its source
    date_block = html.split('id="field-date"')[1].split('class="review-field')[0]
    assert "Sources disagree" in date_block
    assert "2024-03-05" in date_block and "2024-03-04" in date_block
    assert SV in date_block and EN in date_block
    assert "Natten mot tisdagen den 5 mars 2024." in date_block  # SV's sentence
    chosen, other = date_block.split("<mark>2024-03-04</mark>")
    assert "(the draft's value)" in chosen and "(the draft's value)" not in other
    # the chosen value's sentence is not shown as support for the other value
    assert "Natten mot tisdagen" not in other.split("</ul>")[0]
    assert "no_ransom_paid" in html and "Kommunen betalar ingen lösensumma." in html
    # people conflicts are listed apart
    assert "Karin Holm (security chief)" in html and "Karen Holm (security chief)" in html


def test_accept_a_field_records_who_and_when(client_for, users, incident):
    response = client_for("editor").post(
        f"/review/{incident.uuid}/field/date/",
        {"action": "accept", "value": "ignored"},
        follow=True,
    )
    assert "Date accepted." in response.content.decode()
    incident.refresh_from_db()
    assert incident.date_iso == "2024-03-05"
    cluster = IncidentCluster.objects.get(incident=incident)
    assert cluster.editor_fields["date"]["action"] == "accepted"
    assert cluster.editor_fields["date"]["by"] == users["editor"].username
    log = ChangeLog.objects.filter(incident=incident).first()
    assert log.user == users["editor"] and log.comment == "review: accepted date"
    # accepted: a rebuild with another date keeps it and suggests the new one
    services.apply_draft(cluster, draft(date="2024-03-01"), members(), [])
    incident.refresh_from_db()
    cluster.refresh_from_db()
    assert incident.date_iso == "2024-03-05"
    assert cluster.suggestions["date"]["value"] == "2024-03-01"


@pytest.mark.parametrize(
    ("name", "text", "check"),
    [
        ("country", "no", lambda i: i.country == "NO"),
        ("date", "2024-03", lambda i: i.date_iso == "2024-03"),
        ("victim", "Östervik municipality", lambda i: i.victim.name == "Östervik municipality"),
        ("cia", "C, A", lambda i: i.cia_letters == ["C", "A"]),
        ("attack_types", "Ransomware, ddos", lambda i: i.attack_types.count() == 2),
        ("techniques", "t1490", lambda i: [t.attack_id for t in i.techniques.all()] == ["T1490"]),
        ("actors", "Zeta Crew", lambda i: [a.name for a in i.actors.all()] == ["Zeta Crew"]),
        ("summary", "An editor's summary.", lambda i: i.summary == "An editor's summary."),
    ],
)
def test_correct_a_field_in_one_step(client_for, users, incident, name, text, check):
    client_for("editor").post(
        f"/review/{incident.uuid}/field/{name}/", {"action": "correct", "value": text}
    )
    incident.refresh_from_db()
    assert check(incident)
    cluster = IncidentCluster.objects.get(incident=incident)
    assert cluster.editor_fields[name]["action"] == "corrected"
    log = ChangeLog.objects.filter(incident=incident).first()
    assert log.user == users["editor"] and log.comment.startswith("review: corrected")
    assert log.changes


@pytest.mark.parametrize(
    ("name", "text"),
    [("country", "XX"), ("date", "next week"), ("date", "2999-01-01"), ("cia", "Q"),
     ("attack_types", "alien invasion"), ("techniques", "T9999"), ("summary", "")],
)  # fmt: skip
def test_bad_corrections_are_refused(client_for, incident, name, text):
    before = services.current_values(incident)
    response = client_for("editor").post(
        f"/review/{incident.uuid}/field/{name}/", {"action": "correct", "value": text}, follow=True
    )
    assert "not saved" in response.content.decode()
    incident.refresh_from_db()
    assert services.current_values(incident) == before
    assert not IncidentCluster.objects.get(incident=incident).editor_fields


@pytest.mark.parametrize("tier", ["anonymous", "free", "member"])
def test_only_editors_review_fields(client_for, incident, tier):
    response = client_for(tier).post(
        f"/review/{incident.uuid}/field/country/", {"action": "correct", "value": "NO"}
    )
    assert response.status_code in (302, 403)
    incident.refresh_from_db()
    assert incident.country == "SE"


def test_the_summary_stands_beside_the_frame_it_is_written_from(client_for):
    frame = {
        "ransom_response": {
            "value": "refused",
            "sentences": [{"text": "Kommunen vägrar betala.", "source": SV, "language": "sv"}],
            "agree": True,
        },
        "data_subjects": {
            "value": {"value": 1200.0, "unit": "people", "text": "1,200 people"},
            "sentences": [{"text": "1 200 invånare drabbades.", "source": SV, "language": "sv"}],
            "agree": False,
        },
        "police": {"value": None, "sentences": [], "agree": True},
    }
    source = Source.objects.create(url=SV, language="sv")
    incident = services.apply_draft(None, draft(frame=frame), members(), [source]).incident
    html = client_for("editor").get(f"/review/{incident.uuid}/").content.decode()
    summary = html.split('id="field-summary"')[1].split('id="field-description"')[0]
    assert "ransom response: refused" in summary and "Kommunen vägrar betala." in summary
    assert "<mark>1,200 people</mark> <strong>(sources disagree)</strong>" in summary
    assert "police" not in summary


def test_each_written_sentence_beside_the_sources_it_comes_from(client_for):
    frame = {
        "ransom_response": {
            "value": "refused",
            "sentences": [{"text": "Kommunen vägrar betala.", "source": SV, "language": "sv"}],
            "agree": False,
        },
    }
    written = "The municipality refused to pay the ransom."
    trace = [
        {"sentence": written, "slots": ["ransom_response"], "part": "ransom"},
        {"sentence": "A sentence the editor removed.", "slots": ["police"], "part": "response"},
    ]
    source = Source.objects.create(url=SV, language="sv")
    data = draft(frame=frame, text_provenance=trace, description=f"Intro. {written}")
    incident = services.apply_draft(None, data, members(), [source]).incident
    html = client_for("editor").get(f"/review/{incident.uuid}/").content.decode()
    description = html.split('id="field-description"')[1].split("</form>")[0]
    assert f"<mark>{written}</mark> <strong>(sources disagree)</strong>" in description
    assert "<code>ransom_response</code>" in description
    assert "Kommunen vägrar betala." in description
    assert "A sentence the editor removed." not in html
