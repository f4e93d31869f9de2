"""A strict Content-Security-Policy on every page: scripts only from the site (or
nonce'd), no plugins, no framing; the pages, the offline API docs and the admin carry
no inline script that the policy would block."""

from __future__ import annotations

import re

import pytest

from tests.factories import IncidentFactory

PAGES = [
    "/",
    "/incidents/",
    "/organizations/",
    "/countries/",
    "/countries/SE/",
    "/stats/",
    "/actors/",
    "/techniques/",
    "/accounts/login/",
    "/accounts/signup/",
    "/api/docs/",
    "/api/v1/incidents/",
    "/feed/",
    "/admin/",
    "/admin/incidents/incident/",
    "/exchange/import/",
    "/does-not-exist/",
]
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


@pytest.fixture
def incident(db):
    return IncidentFactory()


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def _blocked_inline_scripts(html: str, nonce: str) -> list[str]:
    blocked = []
    for attributes, body in SCRIPT.findall(html):
        if "src=" in attributes or 'type="application/json"' in attributes:
            continue
        if body.strip() and f'nonce="{nonce}"' not in attributes:
            blocked.append(body.strip()[:80])
    return blocked


@pytest.mark.parametrize("tier", ["anonymous", "member", "admin"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_strict_policy(incident, client_for, tier, path):
    response = client_for(tier).get(path, follow=True)
    assert response.status_code in (200, 403, 404)
    policy = _policy(response)
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["default-src"] == "default-src 'self'"
    nonce = re.search(r"'nonce-([^']+)'", script).group(1)
    content = response.content.decode() if not response.streaming else ""
    assert _blocked_inline_scripts(content, nonce) == []


def test_incident_page_scripts_are_files(incident, client_for):
    html = client_for("member").get(incident.get_absolute_url()).content.decode()
    assert _blocked_inline_scripts(html, "no-nonce") == []


def test_nonce_changes_per_response(db, client):
    first = _policy(client.get("/"))["script-src"]
    assert first != _policy(client.get("/"))["script-src"]


def test_api_docs_script_served_separately(db, client):
    html = client.get("/api/docs/").content.decode()
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert len(sources) == 3 and all(s.startswith("/") for s in sources)
    init = client.get(sources[-1].replace("&amp;", "&"))
    assert init.status_code == 200 and b"SwaggerUIBundle" in init.content
