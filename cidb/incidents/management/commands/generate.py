from django.core.management.base import CommandError

from cidb.core.commands import CidbCommand, Stopwatch


class Command(CidbCommand):
    help = (
        "Create N synthetic incidents with bulk inserts, for demos and benchmarks. Skewed, "
        "realistic distributions of countries, sectors, techniques and actors; text of "
        "realistic length (1,000,000 incidents in minutes)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--incidents", type=int, required=True, metavar="N", help="How many to create."
        )
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same data.")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=5000,
            help="Incidents per bulk insert and transaction (default: 5000).",
        )
        self.add_progress_arguments(parser)

    def handle(self, *args, incidents: int, seed: int, batch_size: int, **options) -> None:
        from cidb.incidents import bulk  # the generator and its vocabularies: only when run

        watch = Stopwatch()
        if incidents < 1:
            raise CommandError("--incidents must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        with self.progress_bar(options, total=incidents, unit="incident") as bar:
            try:
                counts = bulk.generate(
                    incidents, seed=seed, batch_size=batch_size, progress=bar.update
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Created {counts['incidents']:,} incidents, {counts['organizations']:,} "
            f"organizations, {counts['sources']:,} sources and {counts['links']:,} links "
            f"in {watch}."
        )
