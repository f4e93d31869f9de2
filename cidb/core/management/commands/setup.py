import io

from django.core.management import call_command

from cidb.core.commands import CidbCommand, Stopwatch


class Command(CidbCommand):
    help = (
        "Make a ready site: migrate, load ATT&CK, collect static files. With --demo it also "
        "loads the demo incidents, with --demo-users the demo accounts. Safe to run again."
    )
    verbosity_help = "0: only errors; 1: each step and its result (default); 2: more detail."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also load the demo incidents.")
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help=(
                "Also create the accounts demo-free, demo-member, demo-editor and demo-admin "
                "(password from CIDB_DEMO_PASSWORD, else generated and printed). Local trials "
                "only; works with or without --demo."
            ),
        )

    def handle(self, *args, demo: bool, demo_users: bool, **options) -> None:
        watch = Stopwatch()
        verbosity = options["verbosity"]
        steps = ["migrate the database", "load ATT&CK techniques", "collect static files"]
        if demo:
            steps.append("load the demo incidents")
        if demo_users:
            steps.append("create the demo accounts")

        def step(text: str) -> None:
            if verbosity:
                self.stdout.write(f"[{len(done) + 1}/{len(steps)}] {text}")
                self.stdout.flush()
            done.append(text)

        done: list[str] = []
        # Each step's own result line, unless -v 0 asks for errors only.
        out = self.stdout._out if verbosity else io.StringIO()
        step(steps[0])
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        step(steps[1])
        call_command("load_attack", verbosity=verbosity, stdout=out)
        step(steps[2])
        call_command("collectstatic", interactive=False, verbosity=0)
        if demo:
            step(steps[3])
            call_command("demo", verbosity=verbosity, stdout=out)
        if demo_users:
            from cidb.accounts.demo import announcement, create_demo_users

            step(steps[-1])
            # The password is printed whatever the verbosity: it is generated here.
            self.stdout.write(announcement(create_demo_users()))
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"cidb is set up ({len(steps)} steps in {watch}).")
            )
