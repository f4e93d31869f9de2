"""cidb backup FILE: the whole site (database and media files) in one archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from cidb.core import backup
from cidb.core.commands import CidbCommand, Stopwatch


class Command(CidbCommand):
    help = (
        "Back up the whole site into one archive while it runs. Everything is in it: users, "
        "API tokens, saved searches, history, incidents, articles, ingest state and media "
        "files, by SQLite's online backup or pg_dump for PostgreSQL. `cidb restore FILE` puts it "
        "back. Keep the secret key (CIDB_SECRET_KEY or DATA_DIR/secret_key) separately: "
        "log-in sessions need it."
    )

    verbosity_help = "0: only the closing line; 1 (default): each step on standard error."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Archive to write, e.g. cidb-2026-12-04.tar.gz.")
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")

    def handle(self, *args, file: str, force: bool, **options) -> None:
        watch = Stopwatch()
        path = Path(file)
        if path.exists() and not force:
            raise CommandError(f"{path} exists (--force overwrites it)")
        say = self.stderr.write if options["verbosity"] > 0 else (lambda line: None)
        try:
            manifest = backup.backup(path, say)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"backed up {manifest['backend']}: {rows} rows in {len(manifest['rows'])} tables, "
            f"{manifest['media_files']} media files to {path} "
            f"({path.stat().st_size / 1e6:.1f} MB) in {watch}"
        )
