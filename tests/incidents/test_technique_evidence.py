"""Each technique of a record carries the sentences supporting it: stored per
technique, shown to members on the incident page, never to visitors, in the admin
for editors."""

from __future__ import annotations

import re

import pytest

from cidb.incidents import services
from cidb.incidents.models import TechniqueEvidence, clean_evidence
from tests.conftest import MEMBERS, NON_MEMBERS
from tests.factories import TechniqueFactory
from tests.incidents.test_gating import page_urls

SENTENCE = "Angriparna krypterade kommunens servrar med Zetacrypt."
SOURCE = "https://nyheter.example.se/zeta-kryptering"


@pytest.fixture
def with_evidence(rich_incident):
    services.set_technique_evidence(
        rich_incident,
        {"T1486": [{"sentence": SENTENCE, "source": SOURCE, "language": "sv"}]},
        ["T1486"],
    )
    return rich_incident


def test_clean_evidence_keeps_linked_techniques_and_refuses_bad_shapes():
    data = {
        "t1486": [{"sentence": "  Files  were encrypted. ", "source": "u", "language": "en"}] * 2,
        "T1566": [{"sentence": "Phishing."}],
        "T1490": [{"sentence": ""}],
    }
    assert clean_evidence(data, ["T1486", "T1490"]) == {
        "T1486": [{"sentence": "Files were encrypted.", "source": "u", "language": "en"}]
    }
    assert clean_evidence(None, ["T1486"]) == {}
    for bad in (["T1486"], {"T1486": "text"}, {"T1486": [3]}):
        with pytest.raises(ValueError):
            clean_evidence(bad, ["T1486"])


def test_evidence_of_unlinked_techniques_is_not_read(with_evidence):
    other = TechniqueFactory(attack_id="T1490", name="Inhibit System Recovery")
    TechniqueEvidence.objects.create(incident=with_evidence, technique=other, sentence="Backups.")
    assert services.evidence_map([with_evidence.pk]) == {
        with_evidence.pk: {"T1486": [{"sentence": SENTENCE, "source": SOURCE, "language": "sv"}]}
    }
    with_evidence.techniques.clear()
    assert services.evidence_map([with_evidence.pk]) == {}


@pytest.mark.parametrize("tier", MEMBERS)
def test_members_see_the_evidence_on_the_incident_page(tier, client_for, with_evidence):
    html = client_for(tier).get(with_evidence.get_absolute_url()).content.decode()
    assert SENTENCE in html and SOURCE in html
    assert 'lang="sv"' in html


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_visitors_never_see_the_evidence(tier, client_for, with_evidence):
    client = client_for(tier)
    urls = {**page_urls(with_evidence), "api": "/api/v1/incidents/"}
    urls["api detail"] = f"/api/v1/incidents/{with_evidence.uuid}/"
    urls["json export"] = "/incidents/export/json/"
    urls["stix export"] = "/incidents/export/stix/"
    for page, url in urls.items():
        response = client.get(url, follow=True)
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        ).decode()
        body = re.sub(r"next=[^\"&]*", "next=", body)
        assert SENTENCE not in body and SOURCE not in body, f"{page} ({url}) leaks to {tier}"


def test_editors_edit_evidence_in_the_admin(client_for, with_evidence):
    html = (
        client_for("editor")
        .get(f"/admin/incidents/incident/{with_evidence.pk}/change/")
        .content.decode()
    )
    assert SENTENCE in html and "technique_evidence-TOTAL_FORMS" in html


def test_merge_keeps_the_evidence(with_evidence, users):
    from tests.factories import IncidentFactory

    technique = TechniqueFactory(attack_id="T1566", name="Phishing")
    other = IncidentFactory(techniques=[technique])
    services.set_technique_evidence(other, {"T1566": ["A phishing e-mail."]}, ["T1566"])
    services.merge_incidents(with_evidence, [other], users["editor"])
    assert set(services.evidence_map([with_evidence.pk])[with_evidence.pk]) == {"T1486", "T1566"}


@pytest.mark.parametrize("tier", MEMBERS)
def test_members_get_the_evidence_from_the_api(tier, client_for, with_evidence):
    data = client_for(tier).get(f"/api/v1/incidents/{with_evidence.uuid}/").json()
    assert data["technique_evidence"] == {
        "T1486": [{"sentence": SENTENCE, "source": SOURCE, "language": "sv"}]
    }
