"""cidb export: the filtered incident list as CSV, JSON, STIX, MISP or a Navigator layer."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import connection

from cidb.core.commands import CidbCommand, Stopwatch
from cidb.exchange import exports, records
from cidb.incidents.filters import IncidentFilterSet

# What a value looks like, for the filters whose values are not a short list.
VALUE_HINTS = {
    "q": "words, as in the search box",
    "country": "ISO code, e.g. SE",
    "year": "e.g. 2024",
    "month": "1-12; with --year, that month of that year",
    "date_after": "YYYY-MM-DD",
    "date_before": "YYYY-MM-DD",
    "organization": "an organization's id",
    "technique": "ATT&CK id, e.g. T1486",
    "actor": "a threat actor's id",
}


class Command(CidbCommand):
    help = (
        "Export incidents as CSV, JSON, STIX 2.1, MISP or an ATT&CK Navigator layer. "
        "Streamed (any number) to standard output or --output; the filters are the browse "
        "page's: --country SE --year 2024 --q text --technique T1486 ..."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--format",
            choices=sorted(exports.FORMATS),
            default="json",
            help="Output format (default: json); stix, misp and navigator hold member values.",
        )
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
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=records.CHUNK_SIZE,
            help=f"Incidents read per database round (default: {records.CHUNK_SIZE}).",
        )
        self.add_progress_arguments(parser)
        filters = parser.add_argument_group(
            "filters", "The browse page's filters; repeat an option for several values."
        )
        for name, field in IncidentFilterSet.base_filters.items():
            if name == "status":
                continue
            label = str(field.label or name.replace("_", " "))
            choices = [str(value) for value, _ in field.extra.get("choices") or ()]
            if name in VALUE_HINTS:
                label += f" ({VALUE_HINTS[name]})"
            elif 0 < len(choices) <= 8:
                label += f" ({', '.join(choices)})"
            elif choices:
                label += f" (e.g. {choices[0]}, {choices[1]}; see the browse page)"
            filters.add_argument(
                f"--{name.replace('_', '-')}",
                dest=f"filter_{name}",
                action="append",
                metavar="VALUE",
                help=label[0].upper() + label[1:],
            )

    def handle(self, *args, **options) -> None:
        watch = Stopwatch()
        params = {
            key[len("filter_") :]: values
            for key, values in options.items()
            if key.startswith("filter_") and values
        }
        try:
            queryset = records.filtered(params, records.OPERATOR, status=options["status"])
        except records.FilterError as exc:
            # Name the option and the value the user gave, as they typed them.
            problems = [
                f"--{name.replace('_', '-')} {' '.join(params.get(name, []))}: "
                f"{' '.join(messages).rstrip('.')}"
                for name, messages in exc.errors.items()
            ]
            raise CommandError("bad filter value: " + "; ".join(problems)) from exc
        audience = records.Audience(member=not options["public"], editor=True)
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1.")
        try:
            # Rendering is lazy: `bar` (made below, once the format is known to be
            # allowed and the count announced) exists by the time progress is reported.
            chunks = exports.render(
                options["format"],
                queryset,
                audience,
                chunk_size=options["chunk_size"],
                progress=lambda done: bar.update(done),
            )
        except exports.MembersOnly as exc:
            raise CommandError(
                f"--format {options['format']} holds values for members only, which --public "
                "leaves out: drop --public, or export csv or json."
            ) from exc
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # One pass over the file gains little from the site's read-heavy settings,
            # which would hold memory as long as the export runs: no memory map (mapped
            # pages count in this process's RSS, up to 1 GB), a 16 MB page cache, and
            # the sort of the ids spilling to a temporary file rather than the heap.
            with connection.cursor() as cursor:
                for pragma in ("mmap_size=0", "cache_size=-16384", "temp_store=FILE"):
                    cursor.execute(f"PRAGMA {pragma}")
        fmt = exports.FORMATS[options["format"]]
        where = options["output"] or "standard output"
        total = queryset.count()
        incidents = f"{total:,} incident{'' if total == 1 else 's'}"
        self.note(options, f"exporting {incidents} as {fmt.label} to {where}")
        bar = self.progress_bar(options, total=total, unit="incident", desc=fmt.name)
        written = 0
        try:
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8", newline="") as out:
                    written = _copy(chunks, out)
            else:
                out = self.stdout._out  # the raw stream: chunks carry their own newlines
                written = _copy(chunks, out)
                out.flush()
            bar.update(total - bar.n)  # the Navigator layer reports no progress of its own
        finally:
            bar.close()
        # The closing summary goes to standard error: standard output may be the export.
        self.stderr.write(
            f"exported {incidents} ({fmt.label}, {_size(written)}) to {where} in {watch}"
        )


def _copy(chunks, out) -> int:
    """Write every chunk; returns the bytes written (UTF-8)."""
    written = 0
    for chunk in chunks:
        out.write(chunk)
        written += len(chunk) if chunk.isascii() else len(chunk.encode("utf-8"))
    return written


def _size(count: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:,} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"
