"""cidb export: the filtered incident list as CSV, JSON, STIX, MISP or a Navigator layer."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cidb.exchange import exports, records
from cidb.incidents.filters import IncidentFilterSet


class Command(BaseCommand):
    help = (
        "Export incidents (streamed, any number) to standard output or --output. Filters are "
        "the browse page's: --country SE --year 2024 --q text --technique T1486 ..."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="json")
        parser.add_argument(
            "--status",
            choices=records.STATUS_CHOICES,
            default="published",
            help="Which statuses to export (default: published).",
        )
        parser.add_argument("--output", "-o", metavar="FILE", help="Write here, not to stdout.")
        parser.add_argument(
            "--public",
            action="store_true",
            help="Only public fields and counts, as a non-member gets them (csv, json).",
        )
        parser.add_argument("--chunk-size", type=int, default=records.CHUNK_SIZE)
        for name, field in IncidentFilterSet.base_filters.items():
            if name == "status":
                continue
            parser.add_argument(
                f"--{name.replace('_', '-')}",
                dest=f"filter_{name}",
                action="append",
                metavar="VALUE",
                help=f"filter: {field.label or name} (repeat for several)",
            )

    def handle(self, *args, **options) -> None:
        params = {
            key[len("filter_") :]: values
            for key, values in options.items()
            if key.startswith("filter_") and values
        }
        try:
            queryset = records.filtered(params, records.OPERATOR, status=options["status"])
        except records.FilterError as exc:
            raise CommandError(f"bad filter: {exc}") from exc
        audience = records.Audience(member=not options["public"], editor=True)
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1.")
        try:
            chunks = exports.render(
                options["format"], queryset, audience, chunk_size=options["chunk_size"]
            )
        except exports.MembersOnly as exc:
            raise CommandError(f"{exc} (--public gives public fields only)") from exc
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # One pass over the file gains little from the site's read-heavy settings,
            # which would hold memory as long as the export runs: no memory map (mapped
            # pages count in this process's RSS, up to 1 GB), a 16 MB page cache, and
            # the sort of the ids spilling to a temporary file rather than the heap.
            with connection.cursor() as cursor:
                for pragma in ("mmap_size=0", "cache_size=-16384", "temp_store=FILE"):
                    cursor.execute(f"PRAGMA {pragma}")
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                for chunk in chunks:
                    out.write(chunk)
        else:
            out = self.stdout._out  # the raw stream: chunks carry their own newlines
            for chunk in chunks:
                out.write(chunk)
            out.flush()
