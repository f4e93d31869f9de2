"""An editor reviews a machine-written draft in a real browser: the banner says it is
unreviewed, a date conflict shows both values with their sources, the editor accepts
the date and corrects the country in one step each, and publishes the draft, which
is then "Confirmed"."""

from __future__ import annotations

import pytest

from cidb.incidents.models import ChangeLog, Incident, Source
from cidb.ingest import services
from cidb.ingest.models import IncidentCluster
from tests.factories import TechniqueFactory, UserFactory
from tests.ingestion.drafts import EN, SV, draft, members

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def drafted():
    TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact")
    UserFactory(username="erik", tier="editor")
    source = Source.objects.create(url=SV, language="sv", title="Attack mot Östervik")
    return services.apply_draft(None, draft(), members(), [source], key="k1").incident


def test_review_conflict_accept_correct_publish(live_server, page, screenshot, log_in, drafted):
    url = f"/review/{drafted.uuid}/"
    log_in("erik", url)
    expect(page.locator(".machine-draft")).to_contain_text("Machine-written draft")

    date = page.locator("#field-date")
    conflict = date.locator(".conflict")
    expect(conflict).to_contain_text("Sources disagree")
    expect(conflict.locator("mark")).to_have_text(["2024-03-05", "2024-03-04"])
    expect(conflict).to_contain_text(SV)
    expect(conflict).to_contain_text(EN)
    expect(conflict).to_contain_text("Natten mot tisdagen den 5 mars 2024.")
    expect(date).to_contain_text("confidence: low")
    screenshot("1-conflict")

    date.get_by_role("button", name="Accept").click()
    page.wait_for_url(f"**{url}#field-date")
    expect(page.get_by_role("status")).to_contain_text("Date accepted.")
    expect(page.locator("#field-date .decided-by")).to_contain_text("accepted by erik")

    country = page.locator("#field-country")
    country.locator("input[name=value]").fill("NO")
    country.get_by_role("button", name="Save correction").click()
    page.wait_for_url(f"**{url}#field-country")
    expect(page.locator("#field-country .decided-by")).to_contain_text("corrected by erik")
    expect(page.locator("#field-country input[name=value]")).to_have_value("NO")
    screenshot("2-decided")

    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/review/")
    expect(page.locator("main")).to_contain_text("Published")

    incident = Incident.objects.get(pk=drafted.pk)
    assert (incident.status, incident.confidence, incident.country) == (
        "published",
        "confirmed",
        "NO",
    )
    marks = IncidentCluster.objects.get(incident=incident).editor_fields
    assert marks["date"]["action"] == "accepted" and marks["country"]["action"] == "corrected"
    comments = set(ChangeLog.objects.filter(incident=incident).values_list("comment", flat=True))
    assert {"review: accepted date", "review: corrected country"} <= comments

    page.goto(f"{live_server.url}{incident.get_absolute_url()}")
    expect(page.locator(".facts")).to_contain_text("Confirmed")
    expect(page.locator(".machine-draft")).to_have_count(0)
    screenshot("3-published")
