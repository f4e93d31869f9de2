"""Exports: the command, the formats, the gating and the browse-page links."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cidb.exchange import exports, records, stix
from cidb.incidents.models import Incident
from tests.conftest import MEMBERS, NON_MEMBERS
from tests.factories import IncidentFactory


def run_export(*args: str) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_json_export_command_all_statuses(rich_incident):
    draft = IncidentFactory(status="draft", summary="A draft about a water utility.")
    data = json.loads(run_export("--format", "json", "--status", "all"))
    assert isinstance(data, list) and len(data) == 2
    by_id = {d["id"]: d for d in data}
    rich = by_id[str(rich_incident.uuid)]
    assert rich["url"] == f"http://127.0.0.1:8000/incidents/{rich_incident.uuid}/"
    assert rich["victim"] == "Sundsvalls kommun"
    assert rich["country"] == "SE" and rich["date"] == "2024-11"
    assert rich["cia"] == ["I", "A"]
    assert rich["techniques"] == ["T1486"] and rich["motives"] == ["Grudge"]
    assert rich["actors"][0] == {
        "name": "Zetagrupp Kollektiv",
        "aliases": ["ZetaKollektiv"],
        "type": "hacktivist",
        "country": "BY",
        "attack_id": None,
    }
    assert rich["sources"][0]["url"] == "https://news.example.org/zeta-attack-report"
    assert by_id[str(draft.uuid)]["status"] == "draft"
    published = json.loads(run_export("--format", "json"))
    assert [d["id"] for d in published] == [str(rich_incident.uuid)]
    assert json.loads(run_export("--status", "draft")) == [by_id[str(draft.uuid)]]


def test_export_command_filters_and_errors(rich_incident):
    IncidentFactory(country="NO")
    assert len(json.loads(run_export("--country", "SE"))) == 1
    assert len(json.loads(run_export("--technique", "T1486", "--q", "municipality"))) == 1
    assert json.loads(run_export("--motive", "Financial")) == []
    with pytest.raises(CommandError, match="country"):
        run_export("--country", "XX")
    with pytest.raises(CommandError, match="members"):
        run_export("--format", "stix", "--public")


def test_export_command_writes_a_file(rich_incident, tmp_path):
    target = tmp_path / "out.csv"
    call_command("export", "--format", "csv", "--output", str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows[0]["victim"] == "Sundsvalls kommun"
    assert rows[0]["techniques"] == "T1486"


def test_public_exports_have_counts_not_values(rich_incident, member_values):
    public = json.loads(run_export("--public"))
    assert public[0]["counts"] == {"motives": 1, "techniques": 1, "actors": 1, "sources": 1}
    text = run_export("--public") + run_export("--public", "--format", "csv")
    assert not [v for v in member_values.values() if v in text]
    header = run_export("--public", "--format", "csv").splitlines()[0].split(",")
    assert "technique_count" in header and "techniques" not in header


def test_streaming_reads_in_chunks(rich_incident, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(exports, "BATCH_CHARACTERS", 1)
    for _ in range(9):
        IncidentFactory()
    queryset = Incident.objects.all()
    # 10 incidents in chunks of 3: the id cursor, then 4 chunks of a fixed number of
    # queries each (incidents, victims, five relations, techniques and actors not met
    # before), never one per incident.
    with django_assert_max_num_queries(1 + 4 * 9):
        chunks = list(exports.render("json", queryset, records.Audience(True), chunk_size=3))
    assert len(json.loads("".join(chunks))) == 10
    assert len(chunks) == 12  # opening, one per incident, closing
    monkeypatch.setattr(exports, "BATCH_CHARACTERS", 10_000_000)
    assert list(exports.render("json", queryset, records.Audience(True))) == ["".join(chunks)]


def test_every_stix_export_validates(rich_incident):
    validator = pytest.importorskip("stix2validator")
    IncidentFactory(victim=None, victim_label="Municipalities in Norway", country="NO")
    bundle = stix.bundle(Incident.objects.all())
    result = validator.validate_instance(bundle, validator.ValidationOptions(version="2.1"))
    errors = [str(e) for e in result.errors]
    assert result.is_valid, errors
    kinds = {o["type"] for o in bundle["objects"]}
    assert {"incident", "identity", "location", "attack-pattern", "threat-actor", "report",
            "relationship", "extension-definition"} <= kinds  # fmt: skip
    incident = next(o for o in bundle["objects"] if o["type"] == "incident")
    assert incident["id"] == f"incident--{rich_incident.uuid}"
    assert incident["x_cidb_cia"]["confidentiality"] == "not_affected"
    pattern = next(o for o in bundle["objects"] if o["type"] == "attack-pattern")
    assert pattern["external_references"][0]["external_id"] == "T1486"
    assert pattern["id"] == rich_incident.techniques.get().stix_id or pattern["id"].startswith(
        "attack-pattern--"
    )
    report = next(o for o in bundle["objects"] if o["type"] == "report")
    assert report["object_refs"] == [incident["id"]]


def test_attack_patterns_carry_attacks_stix_ids(rich_incident):
    technique = rich_incident.techniques.get()
    technique.stix_id = "attack-pattern--b80d107d-fa0d-4b60-9684-b0433e8bdba0"
    technique.save()
    bundle = stix.bundle(Incident.objects.all())
    ids = {o["id"] for o in bundle["objects"] if o["type"] == "attack-pattern"}
    assert ids == {technique.stix_id}
    uses = [o for o in bundle["objects"] if o.get("relationship_type") == "uses"]
    assert uses[0]["target_ref"] == technique.stix_id


def test_misp_and_navigator(rich_incident):
    misp = json.loads(run_export("--format", "misp"))
    event = misp["response"][0]["Event"]
    assert event["uuid"] == str(rich_incident.uuid)
    tags = {t["name"] for t in event["Tag"]}
    assert 'veris:actor:motive="Grudge"' in tags
    assert 'veris:action:malware:variety="Ransomware"' in tags
    clusters = [c for g in event["Galaxy"] for c in g["GalaxyCluster"]]
    assert any(c["meta"].get("external_id") == ["T1486"] for c in clusters)
    layer = json.loads(run_export("--format", "navigator"))
    assert layer["versions"] == {"attack": "18", "navigator": "5.1.0", "layer": "4.5"}
    assert layer["domain"] == "enterprise-attack"
    assert layer["techniques"][0]["techniqueID"] == "T1486"
    assert layer["techniques"][0]["score"] == 1


@pytest.mark.parametrize("tier", NON_MEMBERS)
def test_browse_page_offers_public_exports(tier, client_for, rich_incident):
    html = client_for(tier).get("/incidents/?country=SE").content.decode()
    assert "/incidents/export/csv/?country=SE" in html
    assert "/incidents/export/stix/" not in html
    response = client_for(tier).get("/incidents/export/csv/?country=SE")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "Sundsvalls kommun" in streamed(response)


@pytest.mark.parametrize("tier", MEMBERS)
def test_browse_page_exports_for_members(tier, client_for, rich_incident):
    client = client_for(tier)
    html = client.get("/incidents/?country=SE&attack_type=ransomware").content.decode()
    assert "/incidents/export/stix/?country=SE&amp;attack_type=ransomware" in html
    for fmt in exports.FORMATS:
        response = client.get(f"/incidents/export/{fmt}/?country=SE")
        assert response.status_code == 200, fmt
        assert "T1486" in streamed(response), fmt
    empty = client.get("/incidents/export/json/?country=NO")
    assert json.loads(streamed(empty)) == []
