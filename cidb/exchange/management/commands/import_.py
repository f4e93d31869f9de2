"""cidb import FILE: cidb JSON/JSONL, CSV, STIX 2.1 or VERIS, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cidb.exchange import importer
from cidb.incidents import vocab


class Command(BaseCommand):
    help = (
        "Import incidents from a file (cidb JSON or JSON Lines, CSV, STIX 2.1 bundle, VERIS "
        "JSON, or a directory of VERIS files). Every record is checked before anything is "
        "written: a file with any problem changes nothing, and every problem is listed. "
        "Then the records are written in transactions of about a second; if that is cut "
        "short, run the same import again to finish it (records are keyed by id)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The file, or a directory of VERIS .json files.")
        parser.add_argument("--format", choices=importer.FORMATS, default="auto")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--status",
            choices=list(vocab.STATUSES),
            default="draft",
            help="Status of imported incidents when the file does not say (default: draft).",
        )

    def handle(self, *args, file: str, format: str, dry_run: bool, status: str, **options):
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
        with tqdm(unit="record", file=self.stderr._out, disable=None) as bar:
            report = importer.run(
                text, fmt, name=path.name, dry_run=dry_run, status=status, progress=bar.update
            )
        for problem in report.problems:
            self.stderr.write(f"{path.name}: {problem}")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
