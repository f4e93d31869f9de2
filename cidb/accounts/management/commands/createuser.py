import getpass
import secrets
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email

from cidb.accounts.models import Tier, User
from cidb.core.commands import CidbCommand


class Command(CidbCommand):
    help = (
        "Create a user with a tier, or change an existing user's tier. A new user needs a "
        "password: from standard input (--password-stdin), generated (--random-password) "
        "or typed at the prompt."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="The user's login name (created if new).")
        parser.add_argument(
            "--tier",
            choices=[t.value for t in Tier],
            default=Tier.FREE,
            help="What the user may see and do (default: free): free users see public "
            "fields, members every value, editors also drafts and curation, admins grant tiers.",
        )
        parser.add_argument("--email", default="", help="E-mail address (for alerts and resets).")
        parser.add_argument(
            "--password",
            help="The password (visible in shell history; prefer --password-stdin or the prompt).",
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )
        parser.add_argument(
            "--random-password", action="store_true", help="Generate a password and print it."
        )

    def handle(self, *args, username: str, tier: str, email: str, **options) -> None:
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise CommandError(f"{email!r} is not an e-mail address.") from exc
        user = User.objects.filter(username=username).first()
        password = options["password"]
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        elif options["random_password"]:
            password = secrets.token_urlsafe(12)
        elif password is None and user is None and sys.stdin.isatty():
            password = getpass.getpass(f"Password for {username}: ")
        if user is None:
            if not password:
                raise CommandError(
                    "A new user needs a password: --password-stdin, --random-password "
                    "or the prompt."
                )
            user = User(username=username, email=email)
            created = True
        else:
            created = False
            if email:
                user.email = email
        user.tier = tier
        if password:
            user.set_password(password)
        user.save()
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {username} ({tier}).")
        if options["random_password"]:
            self.stdout.write(f"Password: {password}")
