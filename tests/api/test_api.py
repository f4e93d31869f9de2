"""REST API v1: the same gating as the pages, for every tier and every endpoint."""

from __future__ import annotations

import json
import re

import pytest

from cidb.api.models import APIToken
from cidb.incidents import services
from tests.conftest import MEMBERS, NON_MEMBERS, TIERS
from tests.factories import IncidentFactory


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def api_urls(incident) -> dict[str, str]:
    actor = incident.actors.get()
    source = incident.sources.get()
    return {
        "list": "/api/v1/incidents/",
        "search": "/api/v1/incidents/?q=municipality",
        "public filters": "/api/v1/incidents/?country=SE&attack_type=ransomware&year=2024",
        "member filters": f"/api/v1/incidents/?technique=T1486&motive=Grudge&actor={actor.pk}",
        "bad filter": "/api/v1/incidents/?country=XX&technique=T1486",
        "bad member filter": "/api/v1/incidents/?technique=Zetagrupp",
        "detail": f"/api/v1/incidents/{incident.uuid}/",
        "missing": "/api/v1/incidents/00000000-0000-0000-0000-000000000000/",
        "not a uuid": "/api/v1/incidents/Zetagrupp/",
        "organizations": "/api/v1/organizations/",
        "organization": f"/api/v1/organizations/{incident.victim_id}/",
        "actors": "/api/v1/actors/",
        "actor": f"/api/v1/actors/{actor.pk}/",
        "techniques": "/api/v1/techniques/",
        "technique": "/api/v1/techniques/T1486/",
        "sources": "/api/v1/sources/",
        "source": f"/api/v1/sources/{source.pk}/",
        "schema": "/api/schema/",
        "docs": "/api/docs/",
        **{f"api export {f}": f"/api/v1/exports/{f}/" for f in EXPORTS},
        **{f"page export {f}": f"/incidents/export/{f}/?country=SE" for f in EXPORTS},
        "export member filter": "/api/v1/exports/csv/?motive=Grudge",
        "taxii": "/taxii2/",
        "taxii collections": "/taxii2/api/collections/",
    }


EXPORTS = ["csv", "json", "stix", "misp", "navigator"]
VOCABULARY = {"motive", "actor type", "actor country", "cia value"}


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_no_member_value_reaches_non_members(tier, client_for, rich_incident, member_values):
    client = client_for(tier)
    for name, url in api_urls(rich_incident).items():
        response = client.get(url)
        assert response.status_code in (200, 400, 401, 403, 404), (name, response.status_code)
        text = body(response)
        values = member_values
        if name == "schema":
            # The schema documents the public vocabularies (motives, actor types,
            # countries, CIA values; README lists them too), never data.
            values = {k: v for k, v in values.items() if k not in VOCABULARY}
        leaked = {k: v for k, v in values.items() if v in text}
        assert not leaked, f"{name} ({url}) shows {leaked} to {tier}"


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_non_members_get_public_fields_and_counts(tier, client_for, rich_incident):
    client = client_for(tier)
    data = client.get(f"/api/v1/incidents/{rich_incident.uuid}/").json()
    assert data["victim"] == "Sundsvalls kommun"
    assert data["date"] == "2024-11"
    assert data["country"] == "SE"
    assert data["attack_types"] == ["ransomware"]
    assert data["counts"] == {"motives": 1, "techniques": 1, "actors": 1, "sources": 1}
    for key in ("cia", "cia_detail", "motives", "techniques", "actors", "sources", "conflicts"):
        assert key not in data
    listing = client.get("/api/v1/incidents/").json()
    assert listing["count"] == 1
    assert listing["results"][0] == data


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_member_resources_and_filters_are_refused(tier, client_for, rich_incident):
    client = client_for(tier)
    expected = 401 if tier == "anonymous" else 403
    for url in ("/api/v1/actors/", "/api/v1/techniques/", "/api/v1/sources/"):
        assert client.get(url).status_code == expected, url
    response = client.get("/api/v1/incidents/?motive=Financial")
    assert response.status_code == 403
    assert "members" in response.json()["detail"]
    for fmt in ("stix", "misp", "navigator"):
        assert client.get(f"/api/v1/exports/{fmt}/").status_code == 403


@pytest.mark.parametrize("tier", MEMBERS)
def test_members_get_every_value(tier, client_for, rich_incident, member_values):
    client = client_for(tier)
    data = client.get(f"/api/v1/incidents/{rich_incident.uuid}/").json()
    assert data["techniques"] == ["T1486"]
    assert data["motives"] == ["Grudge"]
    assert data["cia"] == ["I", "A"]
    assert data["cia_detail"]["confidentiality"] == "not_affected"
    assert data["actors"][0]["name"] == "Zetagrupp Kollektiv"
    assert data["sources"][0]["url"] == member_values["source url"]
    actors = client.get("/api/v1/actors/").json()["results"]
    assert actors[0]["aliases"] == ["ZetaKollektiv"]
    assert actors[0]["incident_count"] == 1
    technique = client.get("/api/v1/techniques/T1486/").json()
    assert technique["name"] == "Data Encrypted for Impact"
    assert technique["incident_count"] == 1
    sources = client.get("/api/v1/sources/").json()["results"]
    assert sources[0]["publisher"] == "Zeta Daily Wire"
    listing = client.get("/api/v1/incidents/?technique=T1486&motive=Grudge&integrity=affected")
    assert listing.json()["count"] == 1
    assert client.get("/api/v1/incidents/?motive=Financial").json()["count"] == 0


@pytest.mark.parametrize("tier", TIERS)
def test_search_and_public_filters(tier, client_for, rich_incident):
    IncidentFactory(country="NO", summary="A hospital in Bergen lost its records.")
    client = client_for(tier)
    assert client.get("/api/v1/incidents/").json()["count"] == 2
    assert client.get("/api/v1/incidents/?country=SE").json()["count"] == 1
    found = client.get("/api/v1/incidents/?q=sjukhus OR hospital").json()
    assert found["count"] == 0  # all words must match, as on the page
    found = client.get("/api/v1/incidents/?q=municipality").json()
    assert [r["id"] for r in found["results"]] == [str(rich_incident.uuid)]
    response = client.get("/api/v1/incidents/?country=XX")
    assert response.status_code == 400
    assert "country" in response.json()["errors"]


def test_pagination(client_for, db):
    for _ in range(5):
        IncidentFactory()
    data = client_for("anonymous").get("/api/v1/incidents/?page_size=2&page=2").json()
    assert data["count"] == 5
    assert len(data["results"]) == 2
    assert data["next"] and data["previous"]
    assert client_for("anonymous").get("/api/v1/incidents/?page=9").status_code == 404


@pytest.mark.parametrize("tier", TIERS)
def test_drafts_only_for_editors(tier, client_for, rich_incident):
    rich_incident.status = "draft"
    rich_incident.save()
    client = client_for(tier)
    detail = client.get(f"/api/v1/incidents/{rich_incident.uuid}/")
    listing = client.get("/api/v1/incidents/").json()
    exported = json.loads(body(client.get("/api/v1/exports/json/")))
    if tier in ("editor", "admin"):
        assert detail.status_code == 200 and detail.json()["status"] == "draft"
        assert listing["count"] == 1 and len(exported) == 1
        assert client.get("/api/v1/incidents/?status=published").json()["count"] == 0
    else:
        assert detail.status_code == 404
        assert listing["count"] == 0 and exported == []
        assert "Sundsvalls" not in body(client.get("/api/v1/organizations/"))


def test_merged_incident_redirects(client_for, rich_incident):
    other = IncidentFactory(victim=rich_incident.victim)
    old = other.uuid
    services.merge_incidents(rich_incident, [other])
    response = client_for("anonymous").get(f"/api/v1/incidents/{old}/")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/api/v1/incidents/{rich_incident.uuid}/")


def test_tokens_created_used_and_revoked(client_for, users, rich_incident):
    member = client_for("member")
    response = member.post("/accounts/tokens/", {"name": "notebook"})
    assert response.status_code == 200
    key = re.search(r"(cidb_[\w-]+)", response.content.decode()).group(1)
    token = APIToken.objects.get(user=users["member"])
    assert token.name == "notebook" and token.key_hash != key and key not in token.hint
    assert "notebook" in member.get("/accounts/").content.decode()
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    data = api.get(f"/api/v1/incidents/{rich_incident.uuid}/").json()
    assert data["techniques"] == ["T1486"]
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/actors/").status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None
    member.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert not APIToken.objects.exists()
    assert api.get("/api/v1/incidents/").status_code == 401


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_non_members_cannot_create_tokens(tier, client_for, users):
    response = client_for(tier).post("/accounts/tokens/", {"name": "x"})
    assert response.status_code == 302
    assert not APIToken.objects.exists()


def test_a_bad_token_is_refused(db):
    from django.test import Client

    response = Client(HTTP_AUTHORIZATION="Token cidb_nonsense").get("/api/v1/incidents/")
    assert response.status_code == 401


def test_throttling_per_tier(settings, client_for, users):
    rates = {"anonymous": "2/min", "free": "3/min", "member": "4/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    for tier, allowed in (("anonymous", 2), ("free", 3), ("member", 4), ("editor", 4)):
        client = client_for(tier)
        codes = [client.get("/api/v1/organizations/").status_code for _ in range(allowed + 1)]
        assert codes == [200] * allowed + [429], tier


def test_schema_and_offline_docs(client, db):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/incidents/", "/api/v1/incidents/{uuid}/", "/api/v1/actors/"):
        assert path in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/v1/incidents/"]["get"]["parameters"]}
    assert {"q", "country", "year", "month", "sector", "attack_type", "page"} <= names
    docs = client.get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in docs
    assert not re.search(r"""(src|href)=["']https?://""", docs)
