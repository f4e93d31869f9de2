import sys
from pathlib import Path

from django.core.management.base import CommandError

from cidb.core.commands import CidbCommand, Stopwatch
from cidb.tagging.options import DEFAULT_METHOD, METHODS


class Command(CidbCommand):
    help = (
        "Retrain the ATT&CK tagger from TRAM2 and ATT&CK data. Reads TRAM2 train_split and "
        "the ATT&CK bundle (CIDB_SHARED_DATA, ../shared/data or --data DIR); writes the model to the package (or --out) and prints out-of-fold scores."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--data", type=Path, help="Data dir with tram2/train_split.json (and attack/)."
        )
        parser.add_argument(
            "--out", type=Path, help="Output model directory (default: the shipped model's)."
        )
        parser.add_argument(
            "--method",
            choices=METHODS,
            default=DEFAULT_METHOD,
            help=f"Training recipe (default: {DEFAULT_METHOD}, the shipped model's; "
            "see docs/tagging.md).",
        )
        parser.add_argument(
            "--cache", type=Path, help="Embedding cache directory (speeds up re-training)."
        )
        parser.add_argument(
            "--cache-only",
            action="store_true",
            help="Embed nothing new: train the cross-lingual model on cached rows only.",
        )

    def handle(self, *args, data, out, method, cache, cache_only, **options):
        from cidb.tagging.train import TrainConfig  # scikit-learn and friends: only here
        from cidb.tagging.training_run import MissingDataError, run_training

        watch = Stopwatch()
        if cache_only and not cache:
            raise CommandError("--cache-only needs --cache DIR")
        try:
            path = run_training(
                data, out, TrainConfig(method=method), cache, cache_only, log=self._log
            )
        except MissingDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"model written to {path} in {watch}")

    def _log(self, msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)
