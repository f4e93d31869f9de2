"""Pages say what visitors cannot see and what counts count; the admin and the API docs
carry the site's brand and a way back."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def cells(html: str, label: str) -> list[str]:
    return re.findall(rf'<td data-label="{re.escape(label)}">(.*?)</td>', html, re.S)


@pytest.mark.parametrize("tier", ["anonymous", "free"])
def test_every_member_only_cell_says_so(client_for, tier, rich_incident):
    html = client_for(tier).get(rich_incident.get_absolute_url()).content.decode()
    for label in ("CIA Posture", "Motives", "Tactics, Techniques &amp; Procedures", "Threat Actors",
                  "Type", "Location"):  # fmt: skip
        (cell,) = cells(html, label)
        assert "Available to members" in cell, label
    assert "1 actor" in cells(html, "Threat Actors")[0]


def test_members_see_the_values_in_labelled_cells(client_for, rich_incident):
    html = client_for("member").get(rich_incident.get_absolute_url()).content.decode()
    assert "Hacktivist" in cells(html, "Type")[0]
    assert "Belarus" in cells(html, "Location")[0]


def test_the_member_only_mark_is_explained(client_for, rich_incident):
    member = client_for("member").get("/incidents/").content.decode()
    assert "marks the filters only members see" in member
    assert "(members only)" in member  # read out where the mark is only drawn
    visitor = client_for("anonymous").get("/incidents/").content.decode()
    assert "marks the filters" not in visitor
    stats = client_for("member").get("/stats/").content.decode()
    assert "marks the charts only members see" in stats


def test_counts_say_what_they_count(client_for, rich_incident):
    assert (
        "Incident counts are of published incidents."
        in client_for("anonymous").get("/stats/").content.decode()
    )
    editor = client_for("editor").get("/incidents/").content.decode()
    assert "Incident counts include drafts and incidents in review" in editor


def test_admin_and_api_docs_carry_the_brand_and_a_way_back(client_for):
    admin = client_for("admin").get("/admin/").content.decode()
    assert "cidb administration" in admin and 'href="/">← Back to the site' in admin
    assert "cidb/admin.css" in admin
    docs = client_for("anonymous").get("/api/docs/").content.decode()
    assert 'class="brand-bar"' in docs and "← Back to the site" in docs
    assert "API documentation" in docs
