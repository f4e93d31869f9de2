"""Related-object lists (sources, actors, techniques, organizations; API and pages)
show only what the user may see of their incidents: members what published incidents
link to, editors every status. Members once listed the sources of drafts."""

from __future__ import annotations

import pytest

from tests.factories import (
    IncidentFactory,
    OrganizationFactory,
    SourceFactory,
    TechniqueFactory,
    ThreatActorFactory,
)

HIDDEN_STATUSES = ["draft", "review", "retracted"]


@pytest.fixture
def linked(db):
    """A published incident and one of every hidden status, each with its own
    source, actor, technique and victim."""
    out = {}
    for status in ["published", *HIDDEN_STATUSES]:
        incident = IncidentFactory(
            status=status, victim=OrganizationFactory(name=f"Victim of {status}")
        )
        source = SourceFactory(url=f"https://news.example.org/{status}", title=f"About {status}")
        actor = ThreatActorFactory(name=f"Actor of {status}")
        technique = TechniqueFactory(attack_id=f"T99{len(out)}0", name=f"Technique {status}")
        incident.sources.add(source)
        incident.actors.add(actor)
        incident.techniques.add(technique)
        out[status] = incident
    return out


def _names(client, path: str, key: str) -> set[str]:
    response = client.get(path, {"page_size": 100})
    assert response.status_code == 200, response.content
    return {row[key] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        ("/api/v1/sources/", "url", "https://news.example.org/{}"),
        ("/api/v1/actors/", "name", "Actor of {}"),
        ("/api/v1/organizations/", "name", "Victim of {}"),
    ],
)
def test_members_see_only_published_links(linked, client_for, path, key, value):
    names = _names(client_for("member"), path, key)
    assert value.format("published") in names
    for status in HIDDEN_STATUSES:
        assert value.format(status) not in names


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        ("/api/v1/sources/", "url", "https://news.example.org/{}"),
        ("/api/v1/actors/", "name", "Actor of {}"),
        ("/api/v1/organizations/", "name", "Victim of {}"),
    ],
)
def test_editors_see_every_status(linked, client_for, path, key, value):
    names = _names(client_for("editor"), path, key)
    for status in ["published", *HIDDEN_STATUSES]:
        assert value.format(status) in names


def test_technique_counts_follow_visibility(linked, client_for):
    for tier, expected in [("member", 0), ("editor", 1)]:
        rows = client_for(tier).get("/api/v1/techniques/", {"page_size": 100}).json()["results"]
        counts = {row["attack_id"]: row["incident_count"] for row in rows}
        assert counts["T9910"] == expected  # the draft's technique


def test_source_counts_do_not_include_hidden_incidents(linked, client_for):
    shared = SourceFactory(url="https://news.example.org/shared")
    for incident in linked.values():
        incident.sources.add(shared)
    rows = client_for("member").get("/api/v1/sources/", {"page_size": 100}).json()["results"]
    assert {r["url"]: r["incident_count"] for r in rows}["https://news.example.org/shared"] == 1


def test_organization_count_of_visible_incidents(linked, client_for):
    victim = linked["published"].victim
    IncidentFactory(status="draft", victim=victim)
    rows = client_for("member").get("/api/v1/organizations/", {"page_size": 100}).json()
    counts = {r["name"]: r["incident_count"] for r in rows["results"]}
    assert counts[victim.name] == 1


def test_actor_pages_hide_draft_only_actors(linked, client_for):
    member = client_for("member")
    page = member.get("/actors/").content.decode()
    assert "Actor of published" in page and "Actor of draft" not in page
    draft_actor = linked["draft"].actors.get()
    assert member.get(f"/actors/{draft_actor.pk}/").status_code == 404
    assert client_for("editor").get(f"/actors/{draft_actor.pk}/").status_code == 200


def test_organization_page_of_draft_only_victim(linked, client_for):
    victim = linked["draft"].victim
    assert client_for("member").get(victim.get_absolute_url()).status_code == 404
    assert client_for("editor").get(victim.get_absolute_url()).status_code == 200


def test_taxii_objects_only_of_visible_incidents(linked, client_for):
    from cidb.api.taxii import COLLECTION_ID

    path = f"/taxii2/api/collections/{COLLECTION_ID}/objects/"
    body = client_for("member").get(path).content.decode()
    assert "Actor of published" in body
    for status in HIDDEN_STATUSES:
        assert f"Actor of {status}" not in body and f"Victim of {status}" not in body


@pytest.mark.parametrize("path", ["/api/v1/sources/{source}/", "/api/v1/actors/{actor}/"])
def test_detail_of_a_draft_only_object(linked, client_for, path):
    draft = linked["draft"]
    url = path.format(source=draft.sources.get().pk, actor=draft.actors.get().pk)
    assert client_for("member").get(url).status_code == 404
    assert client_for("editor").get(url).status_code == 200
