"""The cidb command and its management commands."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from cidb.accounts.models import User
from cidb.incidents.models import Incident, Organization, Source, Technique
from tests.conftest import shared_path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cidb", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("serve", "load-attack", "demo", "generate", "createuser", "setup"):
        assert command in result.stdout


@pytest.mark.parametrize(
    "command", ["serve", "load-attack", "demo", "generate", "createuser", "setup", "reindex"]
)
def test_each_command_has_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_unknown_command_is_a_clear_error():
    result = run_cli("frobnicate")
    assert result.returncode != 0
    assert "Unknown command" in result.stderr


def test_serve_rejects_bad_port():
    with pytest.raises(CommandError, match="--port"):
        call_command("serve", port=0, skip_collectstatic=True)


@pytest.mark.django_db
def test_load_attack_from_package_is_idempotent(capsys):
    call_command("load_attack")
    first = Technique.objects.count()
    assert first > 800
    call_command("load_attack")
    assert Technique.objects.count() == first
    out = capsys.readouterr().out
    assert "0 new" in out.splitlines()[-1]
    t1486 = Technique.objects.get(attack_id="T1486")
    assert t1486.name == "Data Encrypted for Impact"
    assert t1486.tactics == ["impact"]
    sub = Technique.objects.get(attack_id="T1566.001")
    assert sub.is_subtechnique and sub.parent.attack_id == "T1566"
    assert Technique.objects.filter(revoked=True).exists()
    assert Technique.objects.filter(deprecated=True).exists()


@pytest.mark.django_db
def test_load_attack_from_a_bundle(tmp_path):
    bundle = {
        "type": "bundle",
        "id": "bundle--1",
        "objects": [
            {
                "type": "attack-pattern",
                "id": "attack-pattern--1",
                "name": "Data Encrypted for Impact",
                "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "impact"}],
                "external_references": [{"source_name": "mitre-attack", "external_id": "T1486"}],
            },
            {
                "type": "attack-pattern",
                "id": "attack-pattern--2",
                "name": "Old thing",
                "revoked": True,
                "external_references": [{"source_name": "mitre-attack", "external_id": "T1002"}],
            },
        ],
    }
    path = tmp_path / "bundle.json.gz"
    with gzip.open(path, "wt") as fh:
        json.dump(bundle, fh)
    call_command("load_attack", bundle=path)
    assert Technique.objects.get(attack_id="T1002").revoked
    assert Technique.objects.get(attack_id="T1486").stix_id == "attack-pattern--1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("not json", "not a readable JSON"),
        ('{"type": "not-a-bundle"}', "not a STIX bundle"),
        ('{"type": "bundle", "objects": []}', "no ATT&CK attack-pattern"),
    ],
)
def test_load_attack_rejects_bad_bundles(tmp_path, content, message):
    path = tmp_path / "bundle.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("load_attack", bundle=path)
    assert not Technique.objects.exists()


@pytest.mark.django_db
def test_load_attack_from_the_full_shared_bundle():
    path = shared_path("data", "attack", "enterprise-attack-18.1.json.gz")
    call_command("load_attack", bundle=path)
    assert Technique.objects.filter(revoked=False, deprecated=False).count() > 600


@pytest.mark.django_db
def test_demo_loads_and_is_idempotent(capsys):
    call_command("load_attack")
    call_command("demo", users=True)
    count = Incident.objects.count()
    assert count >= 20
    assert Incident.objects.published().count() >= 18
    assert Incident.objects.values("country").distinct().count() >= 8
    assert Incident.objects.filter(actors__isnull=False).distinct().count() >= 5
    assert Incident.objects.filter(actors__isnull=True).exists()
    assert Organization.objects.filter(name__regex=r"[åäöøæüéÅÄÖØÆÜ]").exists()
    call_command("demo")
    assert Incident.objects.count() == count
    assert User.objects.get(username="demo-member").tier == "member"
    assert "password:" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_needs_attack_first():
    with pytest.raises(CommandError, match="load-attack"):
        call_command("demo")


@pytest.mark.django_db
def test_generate_creates_searchable_linked_incidents():
    call_command("load_attack")
    call_command("generate", incidents=300, seed=3, verbosity=0)
    assert Incident.objects.count() == 300
    assert Incident.objects.filter(victim__isnull=True).count() == 0
    assert Source.objects.count() > 0
    assert Incident.objects.filter(techniques__isnull=False).distinct().count() > 200
    # search rows and link rows were written alongside
    assert Incident.objects.search("attack").count() > 0
    from cidb.incidents import link_index
    from cidb.incidents.models import IncidentLinks

    def as_sets(rows):
        return {
            (r[0], *(frozenset(c.split()) for c in r[1:5]), r[5], frozenset(r[6].split("\n")))
            for r in rows
        }

    written = IncidentLinks.objects.values_list(*link_index.COLUMNS)
    built = link_index.build(list(Incident.objects.values_list("id", flat=True)))
    assert len(written) > 250
    assert as_sets(written) == as_sets(built)
    # a later save through the ORM still works (sequences were reset on PostgreSQL)
    org = Organization.objects.create(name="After generation", country="SE")
    assert org.pk > 0
    # skewed: the most common country holds far more than an even share
    top = (
        Incident.objects.values("country")
        .order_by()
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
        .order_by("-n")[0]["n"]
    )
    assert top > 300 / Incident.objects.values("country").distinct().count() * 2


@pytest.mark.django_db
def test_generate_rejects_bad_input():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate", incidents=0)
    with pytest.raises(CommandError, match="load-attack"):
        call_command("generate", incidents=5)


@pytest.mark.django_db
def test_createuser_sets_tiers(capsys):
    call_command("createuser", "alice", tier="member", random_password=True)
    alice = User.objects.get(username="alice")
    assert alice.is_member and not alice.is_staff
    call_command("createuser", "alice", tier="editor")
    alice.refresh_from_db()
    assert alice.is_staff and alice.groups.filter(name="Editors").exists()
    call_command("createuser", "alice", tier="admin")
    alice.refresh_from_db()
    assert alice.is_superuser
    with pytest.raises(CommandError, match="e-mail"):
        call_command("createuser", "bob", email="not-an-email", random_password=True)
    with pytest.raises(CommandError, match="password"):
        call_command("createuser", "carol", tier="free")


@pytest.mark.django_db
def test_reindex_rebuilds_search(rich_incident):
    from cidb.incidents import search_index

    search_index.clear()
    assert not Incident.objects.search("Sundsvalls").exists()
    call_command("reindex", verbosity=0)
    assert Incident.objects.search("Sundsvalls").exists()


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "CIDB_DATA_DIR": str(tmp_path),
        "CIDB_SECRET_KEY": "x" * 60 + "production-secret-that-is-long-and-random-enough",
        "CIDB_HTTPS": "1",
        "CIDB_ALLOWED_HOSTS": "cidb.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "cidb", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_serve_runs_gunicorn_with_static_files(tmp_path):
    import os
    import socket
    import time
    import urllib.request

    env = dict(os.environ, CIDB_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db")
    subprocess.run([sys.executable, "-m", "cidb", "migrate", "-v0"], env=env, check=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "cidb", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90  # collectstatic and imports are slow on a busy machine
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    assert response.headers["Server"].startswith("gunicorn")
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("cidb serve did not answer within 90 s")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            html = response.read().decode()
        css = html.split('href="/static/')[1].split('"')[0]
        assert ".css" in css  # hashed by the manifest storage
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/{css}", timeout=5) as r:
            assert r.status == 200 and "max-age" in r.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=20)
