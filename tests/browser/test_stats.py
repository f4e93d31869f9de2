"""The statistics page in a real browser: a filtered view shows its charts, the ATT&CK
heatmap is there for a member and not for a visitor, and chart data downloads as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.factories import IncidentFactory, TechniqueFactory, ThreatActorFactory, UserFactory

from .conftest import ARTIFACTS

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data():
    encrypt = TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact",
                               tactics=["impact"])  # fmt: skip
    phishing = TechniqueFactory(attack_id="T1566", name="Phishing", tactics=["initial-access"])
    gang = ThreatActorFactory(name="Nordgruppen", actor_type="organized_crime")
    for i in range(24):
        IncidentFactory(
            country=["SE", "SE", "NO", "DE"][i % 4],
            sector=["healthcare", "local_government", "education"][i % 3],
            date=dt.date(2023 + i // 12, 1 + i % 12, 1),
            attack_types=[["ransomware"], ["ddos"], ["ransomware", "data_breach"]][i % 3],
            motives=["Financial"],
            techniques=[encrypt, phishing][: 1 + i % 2],
            actors=[gang],
            integrity="affected",
        )
    UserFactory(username="mona", tier="member")


def test_filtered_statistics_show_charts(live_server, page, screenshot, data):
    page.goto(f"{live_server.url}/incidents/?country=SE")
    page.get_by_role("link", name="Statistics for this filter").click()
    page.wait_for_url("**/stats/?country=SE")
    expect(page.locator(".total")).to_contain_text("12 incidents match these filters.")
    for title in ("Incidents over time, by attack type", "Attack types", "Countries", "Sectors"):
        chart = page.get_by_role("img", name=title, exact=True)
        expect(chart).to_be_visible()
        assert chart.bounding_box()["width"] > 300  # scaled to its card
    # The filter form narrows further, keeping the address shareable.
    page.locator("#stats-type").select_option("ddos")
    page.locator(".stats-filter button").click()
    page.wait_for_url("**attack_type=ddos**")
    expect(page.locator(".total")).to_contain_text("4 incidents match")
    expect(page.locator(".selected")).to_contain_text("DDoS")
    # The text equivalent opens in place.
    page.locator("#chart-sectors summary").click()
    expect(page.locator("#chart-sectors table")).to_be_visible()
    screenshot("filtered")
    assert page.get_by_role("img", name="ATT&CK techniques", exact=True).count() == 0
    assert "T1486" not in page.locator("main").inner_text()


def test_heatmap_for_members_only(live_server, page, screenshot, data, log_in):
    page.goto(f"{live_server.url}/stats/")
    expect(page.locator("#chart-timeline")).to_be_visible()
    assert page.locator("#chart-techniques").count() == 0
    expect(page.locator(".member-note")).to_contain_text("ATT&CK technique heatmap")
    screenshot("visitor")
    log_in(next_path="/stats/")
    heatmap = page.get_by_role("img", name="ATT&CK techniques", exact=True)
    expect(heatmap).to_be_visible()
    expect(heatmap.locator("a[href='/techniques/T1486/']")).to_have_count(1)
    expect(page.locator("#chart-motives")).to_contain_text("Motives")
    page.locator("#chart-techniques").scroll_into_view_if_needed()
    screenshot("member")


def test_chart_data_downloads_as_csv(live_server, page, data, log_in):
    page.goto(f"{live_server.url}/stats/?country=SE")
    with page.expect_download() as info:
        page.locator("#chart-countries").get_by_role("link", name="Download the data (CSV)").click()
    download = info.value
    assert download.suggested_filename == "cidb-countries.csv"
    ARTIFACTS.mkdir(exist_ok=True)
    saved = ARTIFACTS / "stats-countries.csv"
    download.save_as(saved)
    assert list(csv.reader(io.StringIO(saved.read_text()))) == [
        ["Country", "Incidents"],
        ["Sweden", "12"],
    ]
    log_in(next_path="/stats/")
    with page.expect_download() as info:
        page.locator("#chart-techniques").get_by_role(
            "link", name="Download the data (CSV)"
        ).click()
    rows = list(csv.reader(io.StringIO(info.value.path().read_text())))
    assert rows[0] == ["Technique", "Name", "Tactics", "Incidents"]
    assert ["T1486", "Data Encrypted for Impact", "Impact", "24"] in rows
