import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cidb.tagging import get_tagger
from cidb.tagging.io import read_documents


class Command(BaseCommand):
    help = (
        "Tag ATT&CK techniques in a file: plain text, HTML, or JSONL with "
        '{"id", "text"} per line. Prints JSONL {"id", "techniques": [{"id", "score", "evidence"}]}.'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="A .txt, .html or .jsonl file.")
        parser.add_argument("--model", type=Path, help="Model directory (default: shipped model).")
        parser.add_argument(
            "--min-score",
            type=float,
            default=0.5,
            help="Lowest score to print (0.5 = decision threshold).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(
        self, *args, file: Path, model: Path | None, min_score: float, no_progress: bool, **options
    ):
        try:
            tagger = get_tagger(str(model) if model else None)
        except (FileNotFoundError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        errors = []

        def on_error(msg: str) -> None:
            errors.append(msg)
            self.stderr.write(msg)

        try:
            docs = read_documents(file, on_error)
            bar = tqdm(
                docs, desc="tagging", unit="doc", file=sys.stderr, disable=no_progress or None
            )
            for doc_id, text in bar:
                hits = tagger.tag(text, min_score=min_score)
                row = {
                    "id": doc_id,
                    "techniques": [
                        {"id": h.id, "score": h.score, "evidence": h.evidence} for h in hits
                    ],
                }
                self.stdout.write(json.dumps(row, ensure_ascii=False))
        except (FileNotFoundError, IsADirectoryError) as exc:
            raise CommandError(str(exc)) from exc
        if errors:
            self.stderr.write(f"{len(errors)} input line(s) skipped")
