import json
import os
import secrets
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cidb.accounts.models import Tier, User
from cidb.incidents import services
from cidb.incidents.models import Technique

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo_data" / "incidents.json"


class Command(BaseCommand):
    help = "Load the demo incidents (idempotent: records keep their IDs and are updated)."

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
        self.stdout.write(f"Loaded {len(records)} demo incidents.")
        if users:
            password = os.environ.get("CIDB_DEMO_PASSWORD") or secrets.token_urlsafe(9)
            for tier in (Tier.FREE, Tier.MEMBER, Tier.EDITOR, Tier.ADMIN):
                user, _ = User.objects.get_or_create(username=f"demo-{tier}")
                user.tier = tier
                user.set_password(password)
                user.save()
            self.stdout.write(
                "Demo accounts demo-free, demo-member, demo-editor, demo-admin; "
                f"password: {password}"
            )
