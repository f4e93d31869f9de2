"""cidb restore FILE: put back a `cidb backup` archive, replacing the current data."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError

from cidb.core import backup
from cidb.core.commands import CidbCommand


class Command(CidbCommand):
    help = (
        "Restore a `cidb backup` archive, replacing all current data. The database is "
        "replaced by the backup's (all or nothing) and its media files are copied back, "
        "then the schema is migrated. "
        "Stop the site and the ingest first: writes made meanwhile are lost. Asks for "
        "confirmation unless --yes."
    )

    verbosity_help = "0: only the closing line; 1 (default): each step on standard error."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Archive written by `cidb backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, file: str, yes: bool, **options) -> None:
        path = Path(file)
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("restore replaces all current data: add --yes to confirm")
            answer = input("Replace ALL current data with the backup's? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled; nothing was changed")
        say = self.stderr.write if options["verbosity"] > 0 else (lambda line: None)
        try:
            manifest = backup.restore(path, say)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"restored {sum(manifest['rows'].values())} rows and "
            f"{manifest.get('media_files', 0)} media files from {path} "
            f"(backup of {manifest['created']})"
        )
