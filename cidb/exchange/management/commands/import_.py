"""cidb import FILE: cidb JSON/JSONL, CSV, STIX 2.1 or VERIS, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from cidb.core.commands import CidbCommand, Stopwatch
from cidb.exchange import importer
from cidb.incidents import vocab


class Command(CidbCommand):
    help = (
        "Import incidents from cidb JSON, CSV, STIX 2.1 or VERIS, all or nothing. A file "
        "(cidb JSON or JSON Lines, CSV, STIX 2.1 bundle, VERIS JSON) or a directory of VERIS "
        ".json files is checked first and written in one transaction: a file with any "
        "problem changes nothing, and every problem is listed with its line or JSON path."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The file, or a directory of VERIS .json files.")
        parser.add_argument(
            "--format",
            choices=importer.FORMATS,
            default="auto",
            help="Format of the file (default: auto, recognised from its name and content).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--status",
            choices=list(vocab.STATUSES),
            default="draft",
            help="Status of imported incidents when the file does not say (default: draft).",
        )
        self.add_progress_arguments(parser)

    def handle(self, *args, file: str, format: str, dry_run: bool, status: str, **options):
        watch = Stopwatch()
        path = Path(file)
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise CommandError(f"{path}: no .json files")
            texts = [importer.read_text(f.read_bytes()) for f in files]
            # A directory of single VERIS records becomes one array, imported at once.
            text = "[" + ",".join(texts) + "]"
            fmt = "veris" if format == "auto" else format
        elif path.is_file():
            text, fmt = importer.read_text(path.read_bytes()), format
        else:
            raise CommandError(f"{path}: no such file")
        self.note(options, f"checking {len(text):,} characters of {path.name} ...")
        report = importer.run(text, fmt, name=path.name, dry_run=dry_run, status=status)
        for problem in report.problems:
            self.stderr.write(f"{path.name}: {problem}")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(f"{report.summary()} Took {watch}.")
