"""Backups: the whole database (users, tokens, saved searches, history, incidents,
articles, ingest state) and the media files, in one archive that `restore` puts back.

The archive is a gzipped tar with ``manifest.json`` (backend, time, row counts),
the database (SQLite: a copy made with SQLite's online backup API, consistent while
the site keeps running; PostgreSQL: ``pg_dump --format=custom``) and ``media/``.
A backup is restored into the same kind of database it was taken from.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from cidb import __version__

FORMAT = "cidb-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
DUMP_NAME = "database.pgdump"
MEDIA = "media"
PAGES_PER_STEP = 4096  # SQLite pages copied per step of the online backup

Say = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot be done, with what to do about it."""


def backend() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def row_counts() -> dict[str, int]:
    """Rows per table of every installed model (what the manifest records and a restore
    is checked against)."""
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if model._meta.managed and not model._meta.proxy and table in tables:
            counts[table] = model._default_manager.count()
    return counts


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    return env, [*args, "--dbname", str(db["NAME"])]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client tools (Debian: "
            "apt-get install postgresql-client) at the server's version or newer"
        )
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{Path(command[0]).name} failed: {' '.join(message[-3:])}")


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection, say: Say) -> None:
    def progress(status: int, remaining: int, total: int) -> None:
        if total:
            say(f"  {100 * (total - remaining) // total}% of {total} pages")

    source.backup(target, pages=PAGES_PER_STEP, progress=progress)


def backup(file: Path, say: Say = lambda line: None) -> dict:
    """Write a backup archive to ``file``; returns its manifest."""
    file = Path(file)
    if not file.parent.is_dir():
        raise BackupError(f"{file.parent}: no such directory")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "backend": backend(),
        "cidb": __version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "rows": row_counts(),
    }
    media = _media_files()
    manifest["media_files"] = len(media)
    with tempfile.TemporaryDirectory(dir=file.parent, prefix=".cidb-backup-") as tmp:
        if manifest["backend"] == "sqlite":
            database = Path(tmp) / SQLITE_NAME
            say("copying the SQLite database (online backup)")
            connection.ensure_connection()
            target = sqlite3.connect(database)
            try:
                _sqlite_copy(connection.connection, target, say)
            finally:
                target.close()
        else:
            database = Path(tmp) / DUMP_NAME
            say("dumping the PostgreSQL database (pg_dump)")
            env, args = _pg_env_and_args()
            command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
            _run([*command, "--file", str(database), *args], env)
        say(f"  {database.stat().st_size / 1e6:.1f} MB")
        partial = Path(tmp) / "archive.tar.gz"
        say(f"writing {file} ({len(media)} media files)")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(dt.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(database, database.name)
            root = Path(settings.MEDIA_ROOT)
            for path in media:
                archive.add(path, f"{MEDIA}/{path.relative_to(root).as_posix()}")
        os.replace(partial, file)  # never a half-written archive under the final name
    return manifest


def read_manifest(archive: tarfile.TarFile, file: Path) -> dict:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.load(member) if member else None
    except (KeyError, json.JSONDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{file}: not a cidb backup (made by `cidb backup`)")
    if manifest.get("version") != VERSION:
        raise BackupError(f"{file}: backup format {manifest.get('version')} is not supported")
    return manifest


def restore(file: Path, say: Say = lambda line: None) -> dict:
    """Replace the database and the media files with the backup's; returns its
    manifest. The site should be stopped meanwhile (its writes would be lost)."""
    file = Path(file)
    if not file.is_file():
        raise BackupError(f"{file}: no such file")
    try:
        archive = tarfile.open(file, "r:*")  # noqa: SIM115 - closed by the with below
    except tarfile.TarError as exc:
        raise BackupError(f"{file}: not a cidb backup ({exc})") from None
    with archive, tempfile.TemporaryDirectory(prefix="cidb-restore-") as tmp:
        manifest = read_manifest(archive, file)
        if manifest["backend"] != backend():
            raise BackupError(
                f"{file} is a {manifest['backend']} backup and this site uses {backend()}: "
                "restore into the same kind of database (cidb export/import moves incidents "
                "between kinds)"
            )
        say(f"restoring the backup of {manifest['created']} (cidb {manifest['cidb']})")
        archive.extractall(tmp, filter="data")
        if manifest["backend"] == "sqlite":
            say("copying the SQLite database back (online backup)")
            source = sqlite3.connect(Path(tmp) / SQLITE_NAME)
            try:
                connection.ensure_connection()
                _sqlite_copy(source, connection.connection, say)
            finally:
                source.close()
        else:
            say("restoring the PostgreSQL database (pg_restore, one transaction)")
            connections.close_all()
            env, args = _pg_env_and_args()
            command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                       "--no-privileges", "--single-transaction", "--exit-on-error"]  # fmt: skip
            _run([*command, *args, str(Path(tmp) / DUMP_NAME)], env)
        connections.close_all()
        media = Path(tmp) / MEDIA
        if media.is_dir():
            say(f"restoring {manifest.get('media_files', 0)} media files")
            root = Path(settings.MEDIA_ROOT)
            root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media, root, dirs_exist_ok=True)
    rows = row_counts()
    wrong = {t: (n, rows.get(t)) for t, n in manifest["rows"].items() if rows.get(t) != n}
    if wrong:
        raise BackupError(f"restored rows differ from the backup's (table: backup, now): {wrong}")
    say("bringing the schema up to date (migrate)")
    call_command("migrate", interactive=False, verbosity=0)
    return manifest
