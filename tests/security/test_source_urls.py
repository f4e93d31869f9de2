"""Only http(s) source addresses come in through imports (file: and urn: only as
identifiers of ingested articles), and exports never pass a javascript: or data:
address on, even one stored before the rule."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cidb.exchange import importer
from cidb.incidents.models import Incident, Source
from cidb.ingest.inputs import jsonl_items
from tests.factories import IncidentFactory, SourceFactory

HOSTILE = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    " javascript:alert(1)",
    "java\nscript:alert(1)",
    "//evil.example/x",
    "http:///nohost",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_model_refuses(db, url):
    with pytest.raises(ValidationError):
        Source(url=url).save()
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    "url", ["https://news.example.org/a", "urn:example:1", "file:///tmp/a.html"]
)
def test_model_accepts(db, url):
    Source(url=url).save()


@pytest.mark.parametrize("url", [*HOSTILE, "urn:example:1", "file:///etc/passwd"])
def test_import_accepts_only_http(db, url):
    record = {"summary": "s", "date": "2024-01", "sector": "healthcare", "sources": [{"url": url}]}
    report = importer.run(json.dumps([record]), "json")
    assert not report.ok
    assert report.problems[0].where == "$[0].sources[0].url"
    assert Incident.objects.count() == 0 and Source.objects.count() == 0


@pytest.mark.parametrize("url", HOSTILE)
def test_ingest_jsonl_refuses(tmp_path, url):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"url": url, "text": "Something happened."}) + "\n")
    [item] = list(jsonl_items(path))
    assert item.error.startswith('"url": ')


@pytest.fixture
def stored_hostile(db, users):
    incident = IncidentFactory()
    source = SourceFactory()
    incident.sources.add(source)
    # a row written before the rule (bypassing save)
    Source.objects.filter(pk=source.pk).update(url="javascript:alert(1)")
    return incident


@pytest.mark.parametrize("fmt", ["json", "csv", "stix", "misp"])
def test_exports_drop_hostile_urls(stored_hostile, fmt):
    out = io.StringIO()
    call_command("export", "--format", fmt, "--status", "all", stdout=out)
    assert "javascript:" not in out.getvalue()


def test_api_drops_hostile_urls(stored_hostile, client_for):
    body = client_for("member").get(f"/api/v1/incidents/{stored_hostile.uuid}/").content
    assert b"javascript:" not in body
    listing = client_for("member").get("/api/v1/incidents/").content
    assert b"javascript:" not in listing
