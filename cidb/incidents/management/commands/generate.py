from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cidb.incidents import bulk


class Command(BaseCommand):
    help = (
        "Create N synthetic, realistic incidents with bulk inserts (skewed countries, "
        "sectors, techniques and actors; text of realistic length). For demos and benchmarks."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--incidents", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same data.")
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, incidents: int, seed: int, batch_size: int, **options) -> None:
        if incidents < 1:
            raise CommandError("--incidents must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        with tqdm(total=incidents, unit="incident", disable=options["verbosity"] == 0) as bar:
            try:
                counts = bulk.generate(
                    incidents, seed=seed, batch_size=batch_size, progress=bar.update
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Created {counts['incidents']} incidents, {counts['organizations']} organizations, "
            f"{counts['sources']} sources and {counts['links']} links."
        )
