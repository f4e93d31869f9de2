"""TAXII 2.1: members only, the right media type, filters and pagination, and a real
client (taxii2-client) against a live server."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from cidb.api.taxii import COLLECTION_ID, TAXII_MEDIA
from tests.conftest import MEMBERS
from tests.factories import IncidentFactory

ROOT = "/taxii2/api/"
OBJECTS = f"{ROOT}collections/{COLLECTION_ID}/objects/"
PASSWORD = "correct horse battery"


def basic(username: str, password: str = PASSWORD) -> Client:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=f"Basic {token}", HTTP_ACCEPT=TAXII_MEDIA)


@pytest.mark.parametrize("url", ["/taxii2/", ROOT, f"{ROOT}collections/", OBJECTS])
def test_non_members_are_refused(url, users, rich_incident, member_values):
    anonymous = Client().get(url)
    assert anonymous.status_code == 401
    assert "Basic" in anonymous["WWW-Authenticate"]
    assert basic("member-user", "wrong").get(url).status_code == 401
    free = basic("free-user").get(url)
    assert free.status_code == 403
    assert free["Content-Type"] == TAXII_MEDIA
    for response in (anonymous, free):
        assert not [v for v in member_values.values() if v in response.content.decode()]


@pytest.mark.parametrize("tier", MEMBERS)
def test_members_read_the_collection(tier, users, rich_incident):
    client = basic(f"{tier}-user")
    discovery = client.get("/taxii2/")
    assert discovery.status_code == 200
    assert discovery["Content-Type"] == TAXII_MEDIA
    assert discovery.json()["api_roots"] == ["http://testserver/taxii2/api/"]
    assert client.get(ROOT).json()["versions"] == [TAXII_MEDIA]
    collections = client.get(f"{ROOT}collections/").json()["collections"]
    assert collections[0]["id"] == COLLECTION_ID and collections[0]["can_write"] is False
    envelope = client.get(OBJECTS).json()
    types = {o["type"] for o in envelope["objects"]}
    assert {"incident", "identity", "attack-pattern", "threat-actor", "relationship"} <= types
    assert envelope["more"] is False


def test_filters_and_pagination(users, rich_incident):
    for _ in range(3):
        IncidentFactory()
    client = basic("member-user")
    incidents = client.get(OBJECTS, {"match[type]": "incident"}).json()["objects"]
    assert len(incidents) == 4
    one = client.get(OBJECTS, {"match[id]": f"incident--{rich_incident.uuid}"}).json()
    assert [o["id"] for o in one["objects"]] == [f"incident--{rich_incident.uuid}"]
    seen, params = [], {"match[type]": "incident", "limit": "1"}
    while True:
        response = client.get(OBJECTS, params)
        page = response.json()
        assert response["X-TAXII-Date-Added-First"]
        seen += [o["id"] for o in page.get("objects", [])]
        if not page["more"]:
            break
        params["next"] = page["next"]
    assert sorted(seen) == sorted(o["id"] for o in incidents)
    later = client.get(OBJECTS, {"added_after": "2999-01-01T00:00:00Z"}).json()
    assert later == {"more": False}
    assert client.get(OBJECTS, {"added_after": "yesterday"}).status_code == 400
    manifest = client.get(f"{ROOT}collections/{COLLECTION_ID}/manifest/").json()
    assert all(entry["media_type"].startswith("application/stix+json") for entry in manifest["objects"])  # fmt: skip
    detail = client.get(f"{OBJECTS}incident--{rich_incident.uuid}/").json()
    assert detail["objects"][0]["type"] == "incident"
    assert client.get(f"{ROOT}collections/nope/objects/").status_code == 404
    assert basic("member-user").get(OBJECTS, HTTP_ACCEPT="text/html").status_code == 406


def test_drafts_only_for_editors(users, rich_incident):
    rich_incident.status = "draft"
    rich_incident.save()
    assert "objects" not in basic("member-user").get(OBJECTS).json()
    assert basic("editor-user").get(OBJECTS).json()["objects"]


def test_token_authentication(users, rich_incident):
    from cidb.api.models import APIToken

    _, key = APIToken.issue(users["member"], "opencti")
    response = Client(HTTP_AUTHORIZATION=f"Token {key}").get("/taxii2/")
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_taxii2_client_against_a_live_server(live_server, users, rich_incident):
    IncidentFactory()
    v21 = pytest.importorskip("taxii2client.v21")
    server = v21.Server(f"{live_server.url}/taxii2/", user="member-user", password=PASSWORD)
    assert server.title == "cidb TAXII server"
    root = server.api_roots[0]
    collection = root.collections[0]
    assert collection.id == COLLECTION_ID and collection.can_read
    envelope = collection.get_objects()
    ids = {o["id"] for o in envelope["objects"]}
    assert f"incident--{rich_incident.uuid}" in ids
    pages = list(v21.as_pages(collection.get_objects, per_request=3))
    assert len(pages) >= 2
    manifest = collection.get_manifest()
    assert manifest["objects"]
    refused = v21.Server(f"{live_server.url}/taxii2/", user="free-user", password=PASSWORD)
    with pytest.raises(Exception, match="403"):
        refused.refresh()
