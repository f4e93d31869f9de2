"""Technique evidence in exports and imports: JSON carries `technique_evidence`, STIX
puts it on the `uses` relationship (description and x_cidb_evidence); both import it
back, and the round trip is exact."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cidb.exchange import stix
from cidb.incidents import services
from cidb.incidents.models import Incident, Organization, Source, ThreatActor

EVIDENCE = {
    "T1486": [
        {
            "sentence": "Die Angreifer verschlüsselten die Server der Stadtwerke.",
            "source": "https://zeitung.example.de/stadtwerke",
            "language": "de",
        },
        {"sentence": "Servers were encrypted.", "source": "urn:example:en", "language": "en"},
    ]
}


def export(fmt: str, *args: str) -> str:
    out = io.StringIO()
    call_command("export", "--format", fmt, "--status", "all", *args, stdout=out)
    return out.getvalue()


def empty_database() -> None:
    Incident.objects.all().delete()
    Organization.objects.all().delete()
    ThreatActor.objects.all().delete()
    Source.objects.all().delete()


@pytest.fixture
def with_evidence(rich_incident):
    services.set_technique_evidence(rich_incident, EVIDENCE, ["T1486"])
    return rich_incident


def test_json_export_has_the_evidence_for_members_only(with_evidence):
    (record,) = json.loads(export("json"))
    assert record["technique_evidence"] == EVIDENCE
    assert "technique_evidence" not in json.loads(export("json", "--public"))[0]
    assert "verschlüsselten" not in export("csv", "--public")


@pytest.mark.parametrize("fmt", ["json", "stix"])
def test_round_trip_keeps_the_evidence(fmt, with_evidence, tmp_path):
    first = export(fmt)
    path = tmp_path / f"export.{fmt}"
    path.write_text(first, encoding="utf-8")
    empty_database()
    call_command("import_", str(path), stdout=io.StringIO())
    incident = Incident.objects.get(uuid=with_evidence.uuid)
    assert services.evidence_map([incident.pk])[incident.pk] == EVIDENCE
    if fmt == "json":
        assert json.loads(export(fmt)) == json.loads(first)


def test_stix_uses_relationship_carries_the_evidence_and_validates(with_evidence):
    bundle = stix.bundle(Incident.objects.all())
    (uses,) = [
        o
        for o in bundle["objects"]
        if o["type"] == "relationship" and o["relationship_type"] == "uses"
    ]
    assert uses["x_cidb_evidence"] == EVIDENCE["T1486"]
    assert "verschlüsselten" in uses["description"]
    validator = pytest.importorskip("stix2validator")
    result = validator.validate_instance(bundle, validator.ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for e in result.errors]


def test_import_refuses_evidence_of_a_bad_shape(with_evidence, tmp_path):
    (record,) = json.loads(export("json"))
    record["technique_evidence"] = {"T1486": "not a list"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(Exception, match="nothing was written"):
        call_command("import_", str(path), stdout=out, stderr=err)
    assert "$[0].technique_evidence" in out.getvalue() + err.getvalue()
