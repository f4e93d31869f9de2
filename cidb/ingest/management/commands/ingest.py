"""cidb ingest: news articles (JSONL, HTML/text files, URLs, feeds) into draft incidents."""

from __future__ import annotations

import fcntl
import itertools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import URLValidator

from cidb.core.commands import CidbCommand, Stopwatch
from cidb.ingest.models import Feed


class Command(CidbCommand):
    help = (
        "Ingest news (JSONL, HTML/text files, URLs, --feed) into draft incidents for review. "
        "Reads .jsonl files (one article a "
        'line: {"url", "title", "text" or "html", "published", "language"}), .html/.txt '
        "files and http(s) URLs; --feed polls every enabled feed. Idempotent and resumable. "
        "Feeds: --add-feed URL [--language sv], --disable-feed URL, --enable-feed URL, "
        "--remove-feed URL, --list-feeds."
    )

    verbosity_help = "1: the summary (default); 2: also where the time went."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "inputs",
            nargs="*",
            metavar="FILE_OR_URL",
            help="A .jsonl, .html or .txt file, or an http(s) URL of an article.",
        )
        parser.add_argument("--feed", action="store_true", help="Poll all enabled feeds.")
        parser.add_argument("--limit", type=int, metavar="N", help="Stop after reading N articles.")
        parser.add_argument(
            "--add-feed", metavar="URL", help="Add (or re-enable) an RSS/Atom feed to poll."
        )
        parser.add_argument(
            "--language",
            default="",
            help="Language of the feed added with --add-feed (e.g. sv), when it does not say.",
        )
        parser.add_argument("--disable-feed", metavar="URL", help="Stop polling a feed.")
        parser.add_argument("--enable-feed", metavar="URL", help="Poll a disabled feed again.")
        parser.add_argument("--remove-feed", metavar="URL", help="Delete a feed.")
        parser.add_argument(
            "--list-feeds",
            action="store_true",
            help="List the feeds: language, enabled or not, last poll and error.",
        )
        self.add_progress_arguments(parser)

    def handle(self, *args, **options) -> None:
        if self._manage_feeds(options):
            return
        if not options["inputs"] and not options["feed"]:
            raise CommandError("give files or URLs to ingest, or --feed (see --help)")
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        from cidb.ingest import inputs

        # Errors never stop the run, but a path that does not exist fails it at the end.
        absent = inputs.missing(options["inputs"])
        watch = Stopwatch()
        with _single_run():
            summary = self._ingest(options)
        for line in summary.lines():
            self.stdout.write(line)
        if options["verbosity"] >= 2:
            spent = ", ".join(f"{k} {v:.1f}s" for k, v in summary.seconds.items())
            self.stdout.write(f"time: {spent}")
            self.stdout.write(f"analysed {summary.analysed}, embedded {summary.embedded}")
        self.stdout.write(f"took {watch}")
        problems = []
        if absent:
            problems.append(f"no such file: {', '.join(absent)}")
        if summary.errors:
            # The others are stored; a re-run skips them and retries these.
            problems.append(
                f"{len(summary.errors)} of {summary.read} article(s) failed (listed above); "
                "run the same command again to retry them"
            )
        if problems:
            raise CommandError("; ".join(problems))

    def _ingest(self, options):
        # The pipeline (NLP models, fetching, feed parsing) loads only for a run.
        from cidb.ingest import inputs, services

        sources = [inputs.items_for(target) for target in options["inputs"]]
        if options["feed"]:
            sources.append(services.all_feed_items())
        total = sum(inputs.count_items(t) for t in options["inputs"]) or None
        if options["limit"] and total:
            total = min(total, options["limit"])
        bar = self.progress_bar(options, total=total, unit="article")
        ingestor = services.Ingestor()
        try:
            return ingestor.run(itertools.chain(*sources), options["limit"], bar.update)
        finally:
            bar.close()

    def _manage_feeds(self, options) -> bool:
        if options["add_feed"]:
            url = options["add_feed"].strip()
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise CommandError(f"not an http(s) URL: {url}") from None
            feed, created = Feed.objects.update_or_create(
                url=url, defaults={"language": options["language"][:8], "enabled": True}
            )
            self.stdout.write(f"{'added' if created else 'updated'} feed {feed.url}")
            return True
        for option, enabled in (("disable_feed", False), ("enable_feed", True)):
            if options[option]:
                if not Feed.objects.filter(url=options[option]).update(enabled=enabled):
                    raise CommandError(f"no feed {options[option]}")
                self.stdout.write(f"{'enabled' if enabled else 'disabled'} {options[option]}")
                return True
        if options["remove_feed"]:
            deleted, _ = Feed.objects.filter(url=options["remove_feed"]).delete()
            if not deleted:
                raise CommandError(f"no feed {options['remove_feed']}")
            self.stdout.write(f"removed {options['remove_feed']}")
            return True
        if options["list_feeds"]:
            for feed in Feed.objects.all():
                state = "enabled" if feed.enabled else "disabled"
                polled = (
                    feed.last_polled.isoformat(timespec="minutes") if feed.last_polled else "never"
                )
                error = f"  error: {feed.last_error}" if feed.last_error else ""
                self.stdout.write(
                    f"{feed.url}  [{feed.language or '-'}] {state}, polled {polled}{error}"
                )
            return True
        return False


class _single_run:
    """One ingest at a time per data directory (the grouping state is loaded once);
    the lock dies with the process, so a killed run never blocks the next."""

    def __enter__(self):
        self.fh = open(settings.DATA_DIR / "ingest.lock", "w")  # noqa: SIM115
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise CommandError("another ingest is running (waiting is safer than racing)") from None
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
