"""Crash and resume: `cidb ingest` killed with SIGKILL in the middle of a batch's
transaction, then rerun: no article lost or duplicated, no half-written incident."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.ingestion.conftest import ARTICLES, FOLLOW_UP

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import json
from cidb.incidents.models import Incident, Source
from cidb.ingest.models import Article, IncidentCluster
arts = list(Article.objects.values_list("url", "status", "incident_id", "source_id"))
print(json.dumps({
    "articles": sorted(a[0] for a in arts),
    "grouped_without_incident": [a[0] for a in arts if a[1] in ("grouped", "duplicate") and not (a[2] and a[3])],
    "incidents": Incident.objects.count(),
    "clusters": IncidentCluster.objects.count(),
    "incidents_without_cluster": Incident.objects.filter(ingest__isnull=True).count(),
    "incidents_without_sources": Incident.objects.filter(sources__isnull=True).count(),
    "dirty": IncidentCluster.objects.filter(dirty=True).count(),
    "sources": Source.objects.count(),
}))
"""


@pytest.fixture
def database(tmp_path):
    """A database of its own for the subprocesses (the test database may be in memory)."""
    if connection.vendor == "postgresql":
        import psycopg

        base = django_settings.DATABASES["default"]
        name = f"cidb_resume_{uuid.uuid4().hex[:8]}"
        dsn = f"host={base['HOST'] or '127.0.0.1'} port={base['PORT'] or 5432} user={base['USER']} dbname=postgres"
        if base.get("PASSWORD"):
            dsn += f" password={base['PASSWORD']}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        auth = base["USER"] + (f":{base['PASSWORD']}" if base.get("PASSWORD") else "")
        yield f"postgres://{auth}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{name}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        yield f"sqlite:///{tmp_path / 'resume.sqlite3'}"


def cidb(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cidb", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


@pytest.mark.django_db
def test_kill_mid_run_then_resume(database, tmp_path, write_jsonl):
    rows = [dict(a) for a in ARTICLES] + [dict(FOLLOW_UP)]
    rows += [
        dict(a, url=a["url"] + "?copy=1", text=a["text"] + " Uppdaterad.") for a in ARTICLES[:3]
    ]
    path = write_jsonl(rows)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "CIDB_DATA_DIR": str(tmp_path / "data"),
        "CIDB_INGEST_EMBEDDER": "hash",
        "CIDB_INGEST_BATCH": "3",
    }
    cidb(env, "migrate", "-v0")
    killed = cidb(
        {**env, "CIDB_INGEST_KILL_AT": "5"}, "ingest", str(path), "--no-progress", check=False
    )
    assert killed.returncode == -signal.SIGKILL
    state = json.loads(cidb(env, "shell", "-v0", "-c", CHECK).stdout)
    # batches of 3: the first committed, the second (articles 4-6) died with its transaction
    assert len(state["articles"]) == 3
    assert not state["grouped_without_incident"] and not state["incidents_without_cluster"]
    assert not state["incidents_without_sources"]

    resumed = cidb(env, "ingest", str(path), "--no-progress")
    assert "3 already ingested" in resumed.stdout
    state = json.loads(cidb(env, "shell", "-v0", "-c", CHECK).stdout)
    assert state["articles"] == sorted(r["url"] for r in rows)  # none lost, none twice
    assert not state["grouped_without_incident"] and not state["incidents_without_cluster"]
    assert state["incidents"] == state["clusters"] and state["dirty"] == 0
