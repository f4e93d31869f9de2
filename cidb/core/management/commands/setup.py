from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make a ready site: migrate the database, load ATT&CK techniques, collect static "
        "files and, with --demo, load the demo incidents. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also load the demo incidents.")
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Also create demo accounts for each tier (local trials only).",
        )

    def handle(self, *args, demo: bool, demo_users: bool, **options) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        call_command("load_attack", verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=0)
        if demo:
            call_command("demo", users=demo_users, verbosity=verbosity)
        self.stdout.write(self.style.SUCCESS("cidb is set up."))
