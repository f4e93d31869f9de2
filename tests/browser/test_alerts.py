"""A member follows a filtered list: the feed link, "Save this search" with alerts,
the account page's saved searches and personal feed, and the "Cite this record" box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cidb.alerts.models import FeedToken, SavedSearch
from tests.factories import IncidentFactory, OrganizationFactory, UserFactory

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data():
    incident = IncidentFactory(
        victim=OrganizationFactory(name="Region Västerbotten", country="SE"),
        country="SE",
        summary="Ransomware hit the region's hospital systems.",
        attack_types=["ransomware"],
    )
    IncidentFactory(country="NO", attack_types=["ddos"], summary="Websites went down.")
    UserFactory(username="mona", tier="member")
    return incident


def test_save_search_feed_and_cite(live_server, page, screenshot, data, log_in):
    page.goto(f"{live_server.url}/incidents/?country=SE&attack_type=ransomware")
    alternate = page.locator('head link[rel=alternate][type="application/atom+xml"]')
    assert alternate.get_attribute("href") == "/feed/?attack_type=ransomware&country=SE"
    expect(page.locator(".browse-tools")).to_contain_text("Members can save this search")
    feed = page.request.get(f"{live_server.url}/feed/?attack_type=ransomware&country=SE")
    assert feed.ok and "Region Västerbotten" in feed.text() and "Websites" not in feed.text()

    log_in()
    page.goto(f"{live_server.url}/incidents/?country=SE&attack_type=ransomware")
    page.locator("#save-search-name").fill("Ransomware in Sweden")
    page.locator("#save-search-frequency").select_option("daily")
    page.get_by_role("button", name="Save this search").click()
    expect(page.locator(".messages")).to_contain_text("Saved “Ransomware in Sweden”")
    screenshot("1-saved")
    search = SavedSearch.objects.get()
    assert (search.query, search.frequency) == ("attack_type=ransomware&country=SE", "daily")

    page.goto(f"{live_server.url}/accounts/")
    expect(page.locator("#saved-searches")).to_contain_text("Ransomware in Sweden")
    page.get_by_role("button", name="Create a personal feed address").click()
    token = FeedToken.objects.get().token
    expect(page.locator(".feed-address")).to_contain_text(f"/feed/{token}/")
    screenshot("2-account")

    page.goto(f"{live_server.url}{data.get_absolute_url()}")
    box = page.locator("section.cite")
    expect(box).to_contain_text("Cite this record")
    expect(box.locator("#cite-text")).to_contain_text("Cyber incident: Region Västerbotten")
    expect(box.locator("button.copy").first).to_be_visible()  # the clipboard API is there
    box.locator("summary", has_text="CSL-JSON").click()
    with page.expect_download() as download:
        box.get_by_role("link", name="Download CSL-JSON").click()
    item = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))[0]
    assert item["URL"].endswith(data.get_absolute_url()) and item["version"] == "1"
    screenshot("3-cite")
