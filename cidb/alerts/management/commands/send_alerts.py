"""cidb send-alerts: one alert run now (for cron users; huey does it periodically)."""

from __future__ import annotations

from django.core.management.base import CommandError

from cidb.alerts.models import Frequency
from cidb.core.commands import CidbCommand

CHOICES = [f for f in Frequency.values if f != Frequency.NONE]


class Command(CidbCommand):
    help = (
        "E-mail the new matches of saved searches now. Immediate alerts by default, or the "
        "daily or weekly digests. For cron: every few minutes `cidb send-alerts`, daily "
        "`cidb send-alerts --frequency daily`, weekly `--frequency weekly`. Safe alongside "
        "the huey consumer: no incident is sent twice for one saved search."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--frequency",
            choices=CHOICES,
            action="append",
            help="Which alerts to send (repeat for several; default: immediate).",
        )

    def handle(self, *args, **options) -> None:
        from cidb.alerts import services

        failed = 0
        for frequency in options["frequency"] or [Frequency.IMMEDIATE]:
            summary = services.run(frequency)
            self.stdout.write(summary.line())
            failed += summary.failed
        if failed:
            raise CommandError(
                f"{failed} alert e-mail(s) failed (see the log); the next run retries them"
            )
