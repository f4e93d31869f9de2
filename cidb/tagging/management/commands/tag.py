import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cidb.tagging import Tagger, get_tagger
from cidb.tagging.io import read_documents
from cidb.tagging.tagger import CROSSLINGUAL_MODES


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
            "--crosslingual",
            choices=CROSSLINGUAL_MODES,
            default="glossary",
            help=(
                "How non-English text is tagged: glossary (default, fast: glossed into "
                "English domain words for the English model), glossary+e5 (thorough, ~50x "
                "slower: also multilingual e5 on sentences with a domain term), e5 (e5 on "
                "every sentence), none (the English model on the raw text)."
            ),
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(
        self,
        *args,
        file: Path,
        model: Path | None,
        min_score: float,
        crosslingual: str,
        no_progress: bool,
        **options,
    ):
        try:
            if crosslingual == "glossary":
                tagger = get_tagger(str(model) if model else None)
            else:
                tagger = Tagger.load(model, crosslingual=crosslingual)
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
