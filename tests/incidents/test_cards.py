"""Every incident has an image: its upload, else a generated card (SVG on pages, PNG for
social previews and feed enclosures) that shows only public fields."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cidb.incidents import cards
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def card_url(incident, fmt: str) -> str:
    return f"/incidents/{incident.uuid}/card.{fmt}"


@pytest.mark.parametrize("tier", ["anonymous", "free", "member"])
def test_card_shows_public_fields_and_no_member_value(
    client_for, tier, rich_incident, member_values
):
    response = client_for(tier).get(card_url(rich_incident, "svg"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    body = response.content.decode()
    for shown in (
        "Sundsvalls kommun",
        "Sweden",
        "November 2024",
        "RANSOMWARE",
        "Local and regional government",
    ):
        assert shown in body
    for name, value in member_values.items():
        assert value not in body, name
    assert "public" in response["Cache-Control"]


def test_png_is_an_open_graph_image_drawn_once_per_version(
    client, rich_incident, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    response = client.get(card_url(rich_incident, "png"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (1200, 630)
    drawn = list((tmp_path / "cards").glob("*.png"))
    assert len(drawn) == 1
    client.get(card_url(rich_incident, "png"))
    assert list((tmp_path / "cards").glob("*.png")) == drawn  # reused
    rich_incident.victim_label = ""
    rich_incident.victim.name = "Sundsvall"
    rich_incident.victim.save()
    client.get(card_url(rich_incident, "png"))
    assert len(list((tmp_path / "cards").glob("*.png"))) == 2  # what it shows changed


def test_draft_cards_are_for_editors_only(client_for, users):
    draft = IncidentFactory(status="draft", attack_types=["ddos"])
    assert client_for("anonymous").get(card_url(draft, "svg")).status_code == 404
    assert client_for("member").get(card_url(draft, "png")).status_code == 404
    response = client_for("editor").get(card_url(draft, "svg"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_format_and_incident_are_404(client, rich_incident):
    assert client.get(f"/incidents/{rich_incident.uuid}/card.gif").status_code == 404
    assert client.get("/incidents/not-a-uuid/card.svg").status_code == 404


def test_each_attack_type_has_its_icon_and_colour():
    for kind in cards.COLORS:
        assert cards.ICONS[kind], kind
    one = cards.CardData("A", "ransomware", "Ransomware", "SE", "Sweden", "May 2024", "")
    two = cards.CardData("A", "ddos", "DDoS", "SE", "Sweden", "May 2024", "")
    assert cards.svg(one) != cards.svg(two)
    assert one.key() != two.key()


def test_long_victim_names_wrap_to_two_lines():
    lines = cards._victim_lines("Landstinget i Västernorrland och Region Jämtland Härjedalen")
    assert len(lines) == 2 and all(len(line) <= 21 for line in lines)


def test_incident_page_shows_the_card_and_social_tags(client, rich_incident):
    html = client.get(rich_incident.get_absolute_url()).content.decode()
    assert f'src="/incidents/{rich_incident.uuid}/card.svg"' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image == f"http://testserver/incidents/{rich_incident.uuid}/card.png"
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{image}">' in html


def test_an_upload_replaces_the_card(client, rich_incident):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    rich_incident.image = SimpleUploadedFile("photo.png", buffer.getvalue(), "image/png")
    rich_incident.image_caption = "The town hall"
    rich_incident.save()
    html = client.get(rich_incident.get_absolute_url()).content.decode()
    assert "card.svg" not in html and "card.png" not in html
    assert rich_incident.image.url in html and "The town hall" in html


def test_feed_entries_carry_the_card_as_enclosure(client, rich_incident):
    feed = client.get("/feed/").content.decode()
    assert re.search(
        rf'<link href="[^"]*/incidents/{rich_incident.uuid}/card.png" length="\d+" rel="enclosure" '
        r'type="image/png"',
        feed,
    )
