from cidb.core.commands import CidbCommand, Stopwatch
from cidb.incidents import services
from cidb.incidents.models import Incident


class Command(CidbCommand):
    help = (
        "Rebuild the search index, the facet link rows and the statistics' summary counts. "
        "Run after a bulk import or an upgrade that changes how text is indexed."
    )

    def add_arguments(self, parser) -> None:
        self.add_progress_arguments(parser)

    def handle(self, *args, **options) -> None:
        watch = Stopwatch()
        total = Incident.objects.count()
        with self.progress_bar(options, total=total, unit="incident") as bar:
            last = [0]

            def progress(done: int) -> None:
                bar.update(done - last[0])
                last[0] = done

            done = services.rebuild_search_index(progress=progress)
        services.bump_generation()
        self.stdout.write(f"Indexed {done:,} incidents in {watch}.")
