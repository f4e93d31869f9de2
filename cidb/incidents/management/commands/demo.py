import json
from collections import Counter
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from cidb.accounts.demo import announcement, create_demo_users
from cidb.core.commands import CidbCommand
from cidb.incidents import services, vocab
from cidb.incidents.models import Technique

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo_data" / "incidents.json"


class Command(CidbCommand):
    help = (
        "Load the demo incidents (idempotent). Records keep their IDs and are updated; "
        "some are drafts or in review, which only editors see."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--users",
            action="store_true",
            help=(
                "Also create the accounts demo-free, demo-member, demo-editor and demo-admin "
                "(password from CIDB_DEMO_PASSWORD, else generated and printed). Local trials only."
            ),
        )

    def handle(self, *args, users: bool = False, **options) -> None:
        if not Technique.objects.exists():
            raise CommandError("Load ATT&CK first: cidb load-attack")
        records = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        with transaction.atomic():
            for index, record in enumerate(records):
                try:
                    services.upsert_from_json(record, path=f"$[{index}]", comment="demo data")
                except services.ImportError_ as exc:
                    raise CommandError(f"{DEMO_FILE.name}: {exc}") from exc
        self.stdout.write(loaded_line(records))
        if users:
            self.stdout.write(announcement(create_demo_users()))


def loaded_line(records: list[dict]) -> str:
    """'Loaded 29 demo incidents: 26 published, 3 not published (2 draft, 1 in review) ...'
    so the count matches what visitors see on the site."""
    statuses = Counter(record.get("status") or "draft" for record in records)
    published = statuses.pop("published", 0)
    line = f"Loaded {len(records)} demo incidents: {published} published"
    hidden = sum(statuses.values())
    if hidden:
        parts = ", ".join(
            f"{count} {vocab.STATUSES.get(status, status).lower()}"
            for status, count in sorted(statuses.items())
        )
        line += f", {hidden} not published ({parts}; only editors see them)"
    return line + "."
