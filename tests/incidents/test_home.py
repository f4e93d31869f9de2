"""The home page: headline figures that say what they count, a world map of incidents
by country with its table, the timeline, the latest incidents with images; a bounded,
cached number of queries; nothing member-only for visitors."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cidb.stats import worldmap
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db
NS = "{http://www.w3.org/2000/svg}"


def map_svg(html: str) -> ET.Element:
    markup = re.search(r'<svg[^>]*class="chart worldmap".*?</svg>', html, re.S).group(0)
    return ET.fromstring(markup)


def test_figures_count_published_incidents_and_say_so(client_for):
    year = dt.date.today().year
    for country in ("SE", "SE", "NO"):
        IncidentFactory(country=country, date=dt.date(year, 1, 1), attack_types=["ransomware"])
    IncidentFactory(country="DE", date=dt.date(year - 1, 1, 1), attack_types=["ddos"])
    IncidentFactory(country="FI", status="draft")
    html = client_for("anonymous").get("/").content.decode()
    figures = re.search(r'<section class="figures".*?</section>', html, re.S).group(0)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", figures))
    assert "Published incidents 4 public records" in text
    assert "Countries 3 with at least one published incident" in text
    assert (
        f"This year ({year}) 3 published incidents dated {year}; last year ({year - 1}): 1" in text
    )
    assert "Most common attack Ransomware in 3 published incidents" in text
    assert "draft" not in text  # visitors are not told about drafts
    editor = client_for("editor").get("/").content.decode()
    assert "These figures count published incidents only; 1 more is a draft or in review" in editor


def test_map_shades_countries_with_a_title_each_and_a_table(client):
    for country in ("SE", "SE", "NO"):
        IncidentFactory(country=country)
    html = client.get("/").content.decode()
    root = map_svg(html)
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Published incidents by country"
    assert "Sweden 2" in root.find(f"{NS}desc").text
    titles = {t.text for t in root.iter(f"{NS}title")}
    assert titles == {"Published incidents by country", "Sweden: 2 incidents", "Norway: 1 incident"}
    assert len(root.findall(f"{NS}g/{NS}path")) > 150  # every other country, grey
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert sorted(links) == ["/countries/NO/", "/countries/SE/"]
    table = re.search(r'<table class="map-table">.*?</table>', html, re.S).group(0)
    rows = re.findall(r'<a href="/countries/(\w+)/">([^<]+)</a></td><td class="num">(\d+)', table)
    assert rows == [("SE", "Sweden", "2"), ("NO", "Norway", "1")]


def test_latest_incidents_show_their_images(client):
    incident = IncidentFactory(attack_types=["phishing"])
    html = client.get("/").content.decode()
    assert f'src="/incidents/{incident.uuid}/card.svg"' in html
    assert "Incidents over time, by attack type" in html
    assert 'href="/feed/"' in html and 'href="/stats/"' in html


def test_home_shows_no_member_value_to_visitors(client_for, rich_incident, member_values):
    for tier in ("anonymous", "free"):
        html = client_for(tier).get("/").content.decode()
        for name, value in member_values.items():
            assert value not in html, (tier, name)


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured.captured_queries)


def test_query_count_is_small_and_does_not_grow_with_the_data(client):
    IncidentFactory.create_batch(3, attack_types=["ddos"])
    first = queries(client)  # fills the cache
    few = queries(client)
    assert few <= 8 and few < first
    IncidentFactory.create_batch(30, country="DK", attack_types=["ransomware", "wiper"])
    queries(client)
    assert queries(client) == few


def test_geometry_is_simplified_once_and_cached_on_disk(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    worldmap.geometry.cache_clear()
    try:
        geo = worldmap.geometry()
        cached = tmp_path / "map" / f"world-v{worldmap.GEOMETRY_VERSION}.json"
        assert cached.exists() and cached.stat().st_size < 120_000  # the source is ~1 MB
        assert {"SE", "US", "BR", "AU", "ZA"} <= set(geo["countries"])
        assert "AQ" not in geo["countries"]
        assert isinstance(geo["countries"]["SG"], dict)  # too small for a shape: a dot
    finally:
        worldmap.geometry.cache_clear()


def test_path_parser_follows_relative_commands():
    (ring,) = worldmap._rings("m 10,10 l 5,0 0,5 h -5 z")
    assert ring == [(10, 10), (15, 10), (15, 15), (10, 15)]
    (curve,) = worldmap._rings("M0 0 c 1,1 2,2 10,0 C 0 0 0 0 10 10 L 0 10 Z")
    assert curve == [(0, 0), (10, 0), (10, 10), (0, 10)]
