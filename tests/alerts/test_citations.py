"""Citations: the "Cite this record" box and its files, stable across unrelated edits
and no-op saves, a new version on every change, public fields only."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cidb.alerts.citations import citation_for
from cidb.incidents import citation, services
from cidb.incidents.models import ChangeLog
from tests.factories import IncidentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
ACCESSED = dt.date(2026, 11, 27)


def cite_all(incident) -> tuple[str, str, str]:
    cited = citation_for(incident, accessed=ACCESSED)
    return citation.plain_text(cited), citation.bibtex(cited), citation.csl_json(cited)


def edit(incident, **changes):
    """Change an incident the way services do: save, then record what changed."""
    before = services.snapshot(incident)
    for name, value in changes.items():
        setattr(incident, name, value)
    incident.save()
    diff = services.diff(before, services.snapshot(incident))
    if diff:
        services.record_change(incident, ChangeLog.Action.UPDATE, diff)


def test_citation_formats(rich_incident):
    plain, bib, csl_text = cite_all(rich_incident)
    url = f"http://127.0.0.1:8000/incidents/{rich_incident.uuid}/"
    assert plain.startswith("cidb (")
    assert "Cyber incident: Sundsvalls kommun, Nov 2024" in plain
    assert "version 1 of" in plain and url in plain and "accessed 27 November 2026" in plain
    assert bib.startswith(f"@misc{{cidb-{str(rich_incident.uuid)[:8]},")
    assert f"  url = {{{url}}}," in bib and "  urldate = {2026-11-27}," in bib
    assert "  version = {1}," in bib
    assert bib.count("{") == bib.count("}")
    [item] = json.loads(csl_text)
    assert item["type"] == "dataset" and item["URL"] == url and item["version"] == "1"
    assert item["accessed"] == {"date-parts": [[2026, 11, 27]]}
    assert item["title"] == "Cyber incident: Sundsvalls kommun, Nov 2024"
    assert item["author"] == [{"literal": "cidb"}]


def test_bibtex_escapes_special_characters():
    cited = citation.Citation(
        uuid="0" * 36, victim="R&D {Lab} 100% #1 _x_", date_display="2024", url="http://x/",
        site_name="cidb", version=2, version_date=dt.datetime(2025, 1, 2, tzinfo=dt.UTC),
        accessed=ACCESSED,
    )  # fmt: skip
    bib = citation.bibtex(cited)
    assert r"R\&D \{Lab\} 100\% \#1 \_x\_" in bib
    assert "month = jan," in bib and "version = {2}" in bib


def test_stable_across_unrelated_edits_and_no_op_saves(rich_incident):
    first = cite_all(rich_incident)
    other = IncidentFactory(victim=OrganizationFactory(name="Annan kommun"))
    edit(other, summary="Another incident changed.")
    edit(rich_incident)  # a save that changes nothing
    rich_incident.save()
    rich_incident.refresh_from_db()
    assert cite_all(rich_incident) == first


def test_version_changes_when_the_record_changes(rich_incident):
    first = citation_for(rich_incident, accessed=ACCESSED)
    assert first.version == 1
    edit(rich_incident, summary="A corrected summary.")
    second = citation_for(rich_incident, accessed=ACCESSED)
    assert second.version == 2 and second.version_date >= first.version_date
    assert citation.plain_text(second) != citation.plain_text(first)
    assert "version 2 of" in citation.plain_text(second)
    edit(rich_incident, city="Sundsvall")
    assert citation_for(rich_incident, accessed=ACCESSED).version == 3
    # The key a reference manager files it under stays.
    assert second.key == first.key


def test_import_history_counts_as_the_first_version(db):
    incident = services.upsert_from_json(
        {"victim": "Importerad AB", "country": "SE", "date": "2024-05", "summary": "Imported.",
         "status": "published"}
    )  # fmt: skip
    assert citation_for(incident).version == 1
    services.upsert_from_json(
        {"id": str(incident.uuid), "victim": "Importerad AB", "country": "SE", "date": "2024-05",
         "summary": "Imported.", "status": "published"}
    )  # fmt: skip
    assert citation_for(incident).version == 1  # the same data again: no change recorded
    services.upsert_from_json(
        {"id": str(incident.uuid), "victim": "Importerad AB", "country": "SE", "date": "2024-05",
         "summary": "Imported, then corrected.", "status": "published"}
    )  # fmt: skip
    assert citation_for(incident).version == 2


def test_cite_box_and_files_carry_public_fields_only(client_for, rich_incident, member_values):
    for tier in ("anonymous", "member"):
        page = client_for(tier).get(f"/incidents/{rich_incident.uuid}/").content.decode()
        assert "Cite this record" in page
        start = page.index('<section class="cite"')
        box = page[start : page.index("</section>", start)]
        assert "@misc{cidb-" in box and "&quot;type&quot;: &quot;dataset&quot;" in box
        assert f"/incidents/{rich_incident.uuid}/cite.json" in box
        assert {k: v for k, v in member_values.items() if v in box} == {}
    for suffix, content_type in (("json", "application/vnd.citationstyles.csl+json"),
                                 ("bib", "application/x-bibtex")):  # fmt: skip
        response = client_for("member").get(f"/incidents/{rich_incident.uuid}/cite.{suffix}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
        assert f'filename="{rich_incident.uuid}.{suffix}"' in response["Content-Disposition"]
        body = response.content.decode()
        assert str(rich_incident.uuid) in body
        assert {k: v for k, v in member_values.items() if v in body} == {}
    assert json.loads(
        client_for("anonymous").get(f"/incidents/{rich_incident.uuid}/cite.json").content
    )[0]["URL"].endswith(f"/incidents/{rich_incident.uuid}/")


def test_no_citation_for_unpublished_records(client_for):
    draft = IncidentFactory(status="draft")
    assert client_for("anonymous").get(f"/incidents/{draft.uuid}/cite.json").status_code == 404
    assert client_for("editor").get(f"/incidents/{draft.uuid}/cite.bib").status_code == 404
    page = client_for("editor").get(f"/incidents/{draft.uuid}/").content.decode()
    assert "Cite this record" not in page
    assert client_for("anonymous").get("/incidents/not-a-uuid/cite.json").status_code == 404
