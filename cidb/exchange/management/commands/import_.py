"""cidb import FILE: cidb JSON/JSONL, CSV, STIX 2.1 or VERIS, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from cidb.core.commands import CidbCommand, Stopwatch
from cidb.exchange import decode, importer
from cidb.incidents import vocab


class Command(CidbCommand):
    help = (
        "Import incidents from cidb JSON, CSV, STIX 2.1 or VERIS, all or nothing. A file "
        "(cidb JSON or JSON Lines, CSV, STIX 2.1 bundle, VERIS JSON) or a directory of VERIS "
        ".json files is read. Every record is checked before anything is "
        "written: a file with any problem changes nothing, and every problem is listed. "
        "Then the records are written in transactions of about a second; if that is cut "
        "short, run the same import again to finish it (records are keyed by id)."
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
        try:
            text, fmt = self._read(path, format)
        except decode.DecodeError as exc:
            self.stderr.write(f"{exc.where_in or path.name}: {exc.problem}")
            raise CommandError("1 problem; nothing was written.") from None
        except OSError as exc:
            raise CommandError(f"{path}: cannot read ({exc.strerror or exc})") from None
        self.note(options, f"checking {len(text):,} characters of {path.name} ...")
        with self.progress_bar(options, unit="record") as bar:
            report = importer.run(
                text, fmt, name=path.name, dry_run=dry_run, status=status, progress=bar.update
            )
        for problem in report.problems:  # one line each, with its line or JSON path
            self.stderr.write(f"{path.name}: {problem}")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(f"{report.summary()} Took {watch}.")

    @staticmethod
    def _read(path: Path, format: str) -> tuple[str, str]:
        """The text to import and its format; the size limit is checked before reading."""
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise CommandError(f"{path}: no .json files")
            decode.check_size(sum(f.stat().st_size for f in files))
            texts = []
            for f in files:
                try:
                    # each file must be one JSON value, so joining cannot merge two
                    texts.append(json.dumps(decode.load_json(decode.decode(f.read_bytes()))))
                except decode.DecodeError as exc:
                    exc.where_in = f.name
                    raise
            # A directory of single VERIS records becomes one array, imported at once.
            return "[" + ",".join(texts) + "]", "veris" if format == "auto" else format
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        if not path.is_file():
            raise CommandError(f"{path}: not a regular file")
        decode.check_size(path.stat().st_size)
        try:
            return decode.decode(path.read_bytes()), format
        except decode.DecodeError as exc:
            exc.where_in = path.name
            raise
