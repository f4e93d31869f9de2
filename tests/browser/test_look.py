"""How the main pages look at 1280 px and on a 390 px phone: screenshots saved to
test-artifacts/ (look-<width>-<page>.png) so every change can be looked at, and checks
that nothing scrolls sideways on a phone, the header's menu button works, the ATT&CK
heatmap shows all 14 tactics at 1280 px and the home page's map comes with its table."""

from __future__ import annotations

import datetime as dt

import pytest

from cidb.incidents import vocab
from tests.factories import (
    IncidentFactory,
    OrganizationFactory,
    TechniqueFactory,
    ThreatActorFactory,
    UserFactory,
)

from .conftest import save_screenshot

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COUNTRIES = ["SE", "SE", "NO", "DE", "US", "FI", "DK", "UA", "GB", "FR"]
TYPES = [["ransomware"], ["ddos"], ["ransomware", "data_breach"], ["phishing"], ["wiper"]]


@pytest.fixture
def site():
    """Incidents across countries and years with a technique in every tactic; an actor
    whose only technique is in Impact (the last column); an organization hit once."""
    per_tactic = [
        TechniqueFactory(attack_id=f"T{1100 + i}", name=f"Example {label} technique", tactics=[key])
        for i, (key, label) in enumerate(vocab.TACTICS.items())
    ]
    encrypt = TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact")
    gang = ThreatActorFactory(name="Nordgruppen", actor_type="organized_crime", country="RU")
    for i in range(36):
        IncidentFactory(
            victim=OrganizationFactory(name=f"Exempelkommun {i}", country=COUNTRIES[i % 10]),
            country=COUNTRIES[i % 10],
            sector=["healthcare", "local_government", "education"][i % 3],
            date=dt.date(2022 + i // 12, 1 + i % 12, 1),
            attack_types=TYPES[i % 5],
            motives=["Financial"],
            techniques=[per_tactic[i % 14], per_tactic[(i + 5) % 14], encrypt],
            actors=[gang],
            integrity="affected",
        )
    lone = ThreatActorFactory(name="Impact Only Crew", actor_type="hacktivist", country="BY")
    once = OrganizationFactory(name="Ensam Stiftelse", country="SE")
    incident = IncidentFactory(
        victim=once, country="SE", date=dt.date(2024, 5, 1), attack_types=["ransomware"],
        techniques=[encrypt], actors=[lone], summary="A foundation's files were encrypted.",
    )  # fmt: skip
    UserFactory(username="mona", tier="member")
    return {"incident": incident, "lone": lone, "once": once}


def log_in(page, base: str, username: str = "mona") -> None:
    page.goto(f"{base}/accounts/login/?next=/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("correct horse battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def pages(site, member: bool) -> dict[str, str]:
    out = {
        "home": "/",
        "browse": "/incidents/",
        "incident": site["incident"].get_absolute_url(),
        "statistics": "/stats/",
        "organization": site["once"].get_absolute_url(),
    }
    if member:
        out["actor"] = site["lone"].get_absolute_url()
    return out


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("member", [False, True], ids=["visitor", "member"])
def test_phone_pages_never_scroll_sideways(live_server, phone, site, member):
    if member:
        log_in(phone, live_server.url)
    wide = {}
    for name, path in pages(site, member).items():
        phone.goto(live_server.url + path)
        save_screenshot(phone, f"look-390-{name}-{'member' if member else 'visitor'}")
        wide[name] = overflow(phone)
    assert wide == dict.fromkeys(wide, 0)


@pytest.mark.parametrize("member", [False, True], ids=["visitor", "member"])
def test_desktop_pages_and_a_one_row_header(live_server, page, site, member):
    if member:
        log_in(page, live_server.url)
    for name, path in pages(site, member).items():
        page.goto(live_server.url + path)
        save_screenshot(page, f"look-1280-{name}-{'member' if member else 'visitor'}")
        assert overflow(page) == 0, name
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < 64, name  # one row, logged in or not
        main = page.locator("main").bounding_box()
        first = page.locator("main > *:not(.messages)").first.bounding_box()
        assert first["y"] - (header["y"] + header["height"]) >= 16, name  # space under it
        assert main["y"] >= header["y"] + header["height"]


def test_heatmap_shows_all_fourteen_tactics_at_1280(live_server, page, site):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/stats/")
    card = page.locator("#chart-techniques")
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(save_screenshot(page, "look-1280-statistics-member").with_name(
        "look-1280-heatmap.png")))  # fmt: skip
    figure = card.locator(".chart-figure")
    assert figure.evaluate("f => f.scrollWidth <= f.clientWidth")  # nothing hidden
    expect(card.locator(".scroll-hint")).to_be_hidden()  # no need to say it scrolls
    labels = figure.evaluate(
        "f => Array.from(f.querySelectorAll('svg.heatmap > text')).filter(t => {"
        " const r = t.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth;"
        "}).map(t => t.textContent)"
    )
    for label in vocab.TACTICS.values():
        assert all(word in " ".join(labels) for word in label.split()), label
    # An actor whose only technique is in Impact, the last column, shows it.
    page.goto(live_server.url + site["lone"].get_absolute_url())
    cell = page.locator("svg.heatmap a[href='/techniques/T1486/']")
    expect(cell).to_be_visible()
    box = cell.bounding_box()
    assert box["x"] + box["width"] <= 1280


def test_heatmap_says_it_scrolls_on_a_phone(live_server, phone, site):
    log_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/stats/")
    card = phone.locator("#chart-techniques")
    card.scroll_into_view_if_needed()
    expect(card.locator(".scroll-hint")).to_be_visible()
    assert card.locator(".chart-figure").evaluate("f => f.scrollWidth > f.clientWidth")
    card.screenshot(path=str(save_screenshot(phone, "look-390-statistics-member").with_name(
        "look-390-heatmap.png")))  # fmt: skip


def test_home_map_comes_with_its_table(live_server, page, site):
    page.goto(live_server.url)
    world = page.get_by_role("img", name="Published incidents by country")
    expect(world).to_be_visible()
    assert world.bounding_box()["width"] > 600
    assert world.locator("a[href='/countries/SE/'] title").text_content() == "Sweden: 9 incidents"
    table = page.locator("table.map-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("Sweden")
    expect(table.locator("tbody tr").first).to_contain_text("9")
    expect(page.locator(".figures")).to_contain_text("Published incidents")
    assert page.locator(".tile img").count() == 6
    table.get_by_role("link", name="Norway").click()
    page.wait_for_url("**/countries/NO/")


def test_menu_button_opens_the_menu_on_a_phone(live_server, phone, page, site):
    phone.goto(live_server.url)
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    statistics = phone.locator(".site-header nav").get_by_role("link", name="Statistics")
    expect(statistics).to_be_hidden()
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] < 70  # one row, not a quarter of the screen
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(statistics).to_be_visible()
    save_screenshot(phone, "look-390-menu-open")
    assert overflow(phone) == 0
    phone.keyboard.press("Escape")
    expect(statistics).to_be_hidden()
    menu.click()
    statistics.click()
    phone.wait_for_url("**/stats/")
    # On a desktop there is no menu button: the links are in the header.
    page.goto(live_server.url)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator(".site-header nav").get_by_role("link", name="Statistics")).to_be_visible()


def test_a_single_month_is_a_slim_chart_not_a_block(live_server, page, site):
    page.goto(live_server.url + site["once"].get_absolute_url())
    chart = page.get_by_role("img", name="Incidents over time, by attack type", exact=True)
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] < 700  # a half-width card
    column = chart.locator("rect[fill]").last.bounding_box()
    assert column["width"] < 60
