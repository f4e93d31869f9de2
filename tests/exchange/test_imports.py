"""Imports: every format, validated first, one transaction, every problem reported;
and the round trip export → import into an empty database → export."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from cidb.exchange import importer, stix
from cidb.incidents.models import Incident, Organization, Source, ThreatActor
from tests.conftest import shared_path
from tests.factories import IncidentFactory, SourceFactory, TechniqueFactory


def export(fmt: str = "json", *args: str) -> str:
    out = io.StringIO()
    call_command("export", "--format", fmt, "--status", "all", *args, stdout=out)
    return out.getvalue()


def empty_database() -> None:
    Incident.objects.all().delete()
    Organization.objects.all().delete()
    ThreatActor.objects.all().delete()
    Source.objects.all().delete()


@pytest.fixture
def corpus(rich_incident):
    technique = TechniqueFactory(attack_id="T1566.001", name="Spearphishing Attachment")
    IncidentFactory(
        victim=None,
        victim_label="Municipalities in Norway",
        sector="local_government",
        country="NO",
        date_precision="day",
        status="draft",
        summary="Phishing e-mails; the word =SUM(A1) should not run in a spreadsheet.",
        attack_types=["phishing", "account_compromise"],
        techniques=[technique],
        sources=[SourceFactory(title="Kommuner; angrepet", published=None)],
        confidentiality="affected",
    )
    return rich_incident


@pytest.mark.parametrize("fmt", ["json", "csv", "stix"])
def test_round_trip(fmt, corpus, tmp_path):
    first = export(fmt)
    path = tmp_path / f"export.{fmt}"
    path.write_text(first, encoding="utf-8")
    empty_database()
    call_command("import_", str(path), stdout=io.StringIO())
    second = export(fmt)
    if fmt == "json":
        assert json.loads(second) == json.loads(first)
    elif fmt == "csv":
        # CSV is lossy (no publishers, "; " inside titles): one pass is a fixed point.
        path.write_text(second, encoding="utf-8")
        empty_database()
        call_command("import_", str(path), stdout=io.StringIO())
        assert export(fmt) == second
        assert "'=SUM(A1)" not in second and "=SUM(A1)" in second
    else:
        assert _stable(json.loads(second)) == _stable(json.loads(first))


def _stable(bundle: dict) -> list[dict]:
    """Bundle objects without the times of the database rows (new rows on import)."""
    out = []
    for obj in bundle["objects"]:
        obj = {k: v for k, v in obj.items() if k not in ("created", "modified")}
        if obj["type"] == "report":
            obj.pop("published", None)
        out.append(obj)
    return sorted(out, key=lambda o: o["id"])


def test_json_import_reports_every_problem_and_writes_nothing(rich_incident, tmp_path):
    records = json.loads(export("json"))
    good = dict(records[0], id="6a4c5c5e-3f0e-4a8e-9d7e-2f5b6f1c0a11", summary="New one")
    bad_date = dict(records[0], id="6a4c5c5e-3f0e-4a8e-9d7e-2f5b6f1c0a12", date="2024-13")
    bad_technique = dict(good, id="6a4c5c5e-3f0e-4a8e-9d7e-2f5b6f1c0a13", techniques=["T9999"])
    bad_country = dict(good, id="6a4c5c5e-3f0e-4a8e-9d7e-2f5b6f1c0a14", country="XX")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([good, bad_date, bad_technique, bad_country]))
    before = Incident.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 problem"):
        call_command("import_", str(path), stderr=err)
    messages = err.getvalue()
    assert "$[1].date" in messages
    assert "$[2].techniques[0]" in messages and "T9999" in messages
    assert "$[3].country" in messages
    assert Incident.objects.count() == before


def test_jsonl_and_csv_problems_have_line_numbers(db, tmp_path):
    lines = tmp_path / "bad.jsonl"
    lines.write_text('{"summary": "ok", "date": "2024-01", "sector": "health"}\n{oops\n')
    report = importer.run(lines.read_text(), name=lines.name)
    assert [str(p) for p in report.problems] == ["line 2: not valid JSON: Expecting property name enclosed in double quotes (column 2)"]  # fmt: skip
    table = tmp_path / "bad.csv"
    table.write_text(
        "summary,date,sector,attack_types\n"
        "Fine,2024-02,healthcare,ransomware\n"
        '"Two\nlines",2024-99,healthcare,\n'
        "Bad type,2024-03,healthcare,meteor\n"
    )
    report = importer.run(table.read_text(), name=table.name)
    assert [p.where for p in report.problems] == ["line 3, $.date", "line 5, $.attack_types[0]"]
    assert Incident.objects.count() == 0


def test_dry_run_writes_nothing(rich_incident, tmp_path):
    path = tmp_path / "e.json"
    path.write_text(export("json"))
    empty_database()
    out = io.StringIO()
    call_command("import_", str(path), "--dry-run", stdout=out)
    assert "would create 1" in out.getvalue()
    assert Incident.objects.count() == 0


def test_vcdb_samples_import(db):
    folder = shared_path("data", "vcdb")
    out = io.StringIO()
    call_command("import_", str(folder), stdout=out)
    count = len(list(folder.glob("*.json")))
    assert f"created {count}" in out.getvalue()
    first = Incident.objects.get(uuid="0001aa7f-c601-424a-b2b8-be6c9f5164e7")
    assert first.victim.name == "United States Department of Veterans Affairs"
    assert first.country == "US" and first.sector == "government"
    assert first.date_iso == "2010-04-09"
    assert first.confidentiality == "affected" and first.integrity == "affected"
    assert first.availability == "unknown"
    assert first.status == "draft"
    assert set(first.motives.values_list("slug", flat=True)) == {"Unknown"}
    assert first.sources.get().url == "http://vcdb.org/pdf/va-security.pdf"
    ransomware = Incident.objects.filter(attack_types__slug="ransomware").count()
    assert ransomware >= 3
    assert ThreatActor.objects.filter(name="Cl0p ransomware group").exists()


def test_veris_problems_have_paths(db):
    text = json.dumps([{"timeline": {"incident": {"year": 1800}}, "action": {}},
                       {"action": {}, "timeline": {}}])  # fmt: skip
    report = importer.run(text, "veris")
    assert [p.where for p in report.problems] == ["$[0].timeline.incident.year", "$[1].timeline.incident"]  # fmt: skip


def test_stix_sample_imports(db):
    path = shared_path("data", "stix", "afrintel_january_2024_opencti.json")
    out = io.StringIO()
    call_command("import_", str(path), "--status", "published", stdout=out)
    assert "created 12" in out.getvalue()
    k24 = Incident.objects.get(uuid="31f8bf3f-ea8c-5a0a-bf4e-bf123083b079")
    assert k24.victim.name == "Kenya News Broadcasting Company (K24)"
    assert k24.country == "KE" and k24.date_iso == "2024-01-01"
    assert list(k24.attack_types.values_list("slug", flat=True)) == ["data_breach"]
    assert k24.actors.get().name == "Tanaka"
    assert k24.sources.filter(url__contains="victims.md").exists()
    assert k24.status == "published"
    # Importing again changes nothing.
    call_command("import_", str(path), stdout=out)
    assert Incident.objects.count() == 12


def test_malformed_stix_is_rejected_with_every_problem(db):
    path = shared_path("data", "stix", "malformed", "afrintel-january-2026-bundle.json")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_", str(path), stderr=err)
    messages = err.getvalue()
    assert re.search(r"\$\.objects\[\d+\]\.id: duplicate of \$\.objects\[\d+\]", messages)
    assert re.search(r"\$\.objects\[\d+\]\.spec_version: must be '2.1'", messages)
    assert Incident.objects.count() == 0 and Organization.objects.count() == 0


def test_stix_structure_problems(db):
    bundle = {"type": "bundle", "id": "bundle--1", "objects": [
        {"type": "incident", "id": "incident--nope", "spec_version": "2.1"},
        {"type": "relationship", "spec_version": "2.1", "id": stix.stix_id("relationship", 1),
         "created": "2024-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
         "relationship_type": "targets", "source_ref": stix.stix_id("incident", 1),
         "target_ref": stix.stix_id("identity", 2)},
    ]}  # fmt: skip
    report = importer.run(json.dumps(bundle), "stix")
    wheres = [p.where for p in report.problems]
    assert "$.id" in wheres
    assert "$.objects[0].id" in wheres and "$.objects[0].created" in wheres
    assert "$.objects[0].name" in wheres
    assert "$.objects[1].source_ref" in wheres and "$.objects[1].target_ref" in wheres


@pytest.mark.parametrize("tier", ["anonymous", "free", "member"])
def test_import_form_needs_an_editor(tier, client_for):
    response = client_for(tier).get("/exchange/import/")
    assert response.status_code == (302 if tier == "anonymous" else 403)


@pytest.mark.parametrize("tier", ["editor", "admin"])
def test_import_form_for_editors(tier, client_for, rich_incident):
    client = client_for(tier)
    assert client.get("/exchange/import/").status_code == 200
    data = export("json").encode()
    empty_database()
    upload = io.BytesIO(data)
    upload.name = "incidents.json"
    response = client.post(
        "/exchange/import/", {"file": upload, "format": "auto", "status": "draft"}
    )
    assert response.status_code == 200
    assert "created 1" in response.content.decode()
    assert Incident.objects.get().changes.first().user.username == f"{tier}-user"
    bad = io.BytesIO(b"summary,date\nx,2024-13\n")
    bad.name = "bad.csv"
    response = client.post("/exchange/import/", {"file": bad, "format": "auto", "status": "draft"})
    assert response.status_code == 400
    assert "line 2, $.date" in response.content.decode()
