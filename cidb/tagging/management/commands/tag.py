import json
from pathlib import Path

from django.core.management.base import CommandError

from cidb.core.commands import CidbCommand
from cidb.tagging.options import CROSSLINGUAL_MODES


class Command(CidbCommand):
    help = (
        "Tag text with ATT&CK techniques (scores and evidence sentences). Reads plain text, "
        'HTML, or JSONL with {"id", "text"} per line; prints JSONL {"id", "techniques": [{"id", "score", "evidence"}]}.'
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
        self.add_progress_arguments(parser)

    def handle(
        self,
        *args,
        file: Path,
        model: Path | None,
        min_score: float,
        crosslingual: str,
        **options,
    ):
        from cidb.tagging import Tagger, get_tagger  # numpy, scipy, scikit-learn: only here
        from cidb.tagging.io import read_documents

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
            bar = self.progress_bar(options, iterable=docs, desc="tagging", unit="doc")
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
