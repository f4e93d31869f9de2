"""`cidb backup` and `cidb restore` round-trip everything: users, tokens, saved
searches, history, incidents, articles, ingest state and media files (SQLite here;
the same test runs on PostgreSQL when DATABASE_URL points there)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from cidb.alerts.models import SavedSearch
from cidb.api.models import APIToken
from cidb.core import backup
from cidb.incidents import services
from cidb.incidents.models import Incident
from cidb.ingest.models import Article
from tests.factories import IncidentFactory, UserFactory


def everything() -> dict[str, list]:
    """Every row of every table, in key order (what a restore must give back)."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            fields = [f.attname for f in model._meta.concrete_fields]
            values = model._default_manager.order_by("pk").values_list(*fields)
            rows[model._meta.db_table] = [tuple(map(_plain, row)) for row in values]
    return rows


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def media(*parts: str) -> Path:
    return Path(settings.MEDIA_ROOT).joinpath(*parts)


@pytest.fixture
def site(db):
    member = UserFactory(username="member-user", tier="member")
    APIToken.issue(member, "notebook")
    SavedSearch.objects.create(user=member, name="Nordic", query="country=SE")
    services.upsert_from_json(
        {"victim": "Kommun", "country": "SE", "date": "2024-05", "summary": "Imported.",
         "status": "published", "attack_types": ["ransomware"]},
        user=member,
    )  # fmt: skip
    IncidentFactory(country="NO", status="draft")
    Article.objects.create(url="https://news.example/a", title="A", status="irrelevant")
    media("incidents").mkdir(parents=True, exist_ok=True)
    media("incidents", "map.png").write_bytes(b"\x89PNG original")
    return member


@pytest.mark.django_db(transaction=True)
def test_backup_then_changes_then_restore_gives_everything_back(site, tmp_path):
    before = everything()
    archive = tmp_path / "site.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out, stderr=io.StringIO())
    assert "media files" in out.getvalue() and archive.stat().st_size > 0
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["backend"] == backup.backend() and manifest["rows"]["accounts_user"] == 1

    # Everything changes after the backup.
    SavedSearch.objects.update(name="Changed")
    APIToken.objects.all().delete()
    Incident.objects.filter(country="NO").delete()
    IncidentFactory(country="DK", status="published")
    UserFactory(username="later-user")
    media("incidents", "map.png").write_bytes(b"overwritten")
    assert everything() != before

    call_command("restore", str(archive), "--yes", stdout=out, stderr=io.StringIO())
    assert everything() == before
    assert media("incidents", "map.png").read_bytes() == b"\x89PNG original"
    # The restored site works: counts and search index came back too.
    assert Incident.objects.filter(country="NO").count() == 1


@pytest.mark.django_db
def test_restore_refuses_what_it_cannot_restore(tmp_path):
    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(tmp_path / "x.tar.gz"))
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "x.tar.gz"), "--yes")
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a cidb backup"):
        call_command("restore", str(junk), "--yes")
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        data = json.dumps({"format": "cidb-backup", "version": 1, "backend": "oracle",
                           "created": "", "cidb": "", "rows": {}}).encode()  # fmt: skip
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="oracle backup and this site uses"):
        call_command("restore", str(other), "--yes")


@pytest.mark.django_db
def test_backup_does_not_overwrite_and_needs_pg_dump_on_postgresql(tmp_path, monkeypatch):
    existing = tmp_path / "b.tar.gz"
    existing.write_text("keep")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(existing))
    assert existing.read_text() == "keep"
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup, "backend", lambda: "postgresql")
    with pytest.raises(CommandError, match="pg_dump not found"):
        call_command("backup", str(tmp_path / "new.tar.gz"), stderr=io.StringIO())
