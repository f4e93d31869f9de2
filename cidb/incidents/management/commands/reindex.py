from django.core.management.base import BaseCommand
from tqdm import tqdm

from cidb.incidents import services
from cidb.incidents.models import Incident


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index, the facet link rows and the statistics summary counts."
    )

    def handle(self, *args, **options) -> None:
        total = Incident.objects.count()
        with tqdm(total=total, unit="incident", disable=options["verbosity"] == 0) as bar:
            last = [0]

            def progress(done: int) -> None:
                bar.update(done - last[0])
                last[0] = done

            done = services.rebuild_search_index(progress=progress)
        services.bump_generation()
        self.stdout.write(f"Indexed {done} incidents.")
