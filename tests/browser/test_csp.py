"""The Content-Security-Policy in a real browser: the API docs (offline Swagger UI),
the admin and an incident page (with its citation script) work and report no
violation."""

from __future__ import annotations

import pytest

from tests.factories import IncidentFactory, UserFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page):
    seen: list[str] = []
    page.on(
        "console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None
    )
    return seen


def test_api_docs_render(live_server, page, violations):
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("cidb API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations == []


def test_admin_and_incident_page(live_server, page, violations):
    incident = IncidentFactory()
    UserFactory(username="ada", tier="admin", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/incidents/incident/{incident.pk}/change/")
    expect(page.locator("#incident_form")).to_be_visible()
    page.goto(f"{live_server.url}{incident.get_absolute_url()}")
    expect(page.locator("h1")).to_be_visible()
    assert violations == []
