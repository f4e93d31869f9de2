"""The base of every `cidb` management command.

- The usage line names the command as users type it (`cidb load-attack`, `cidb import`),
  not by its Python module (`load_attack`, `import_`).
- Django's boilerplate options (--settings, --pythonpath, --traceback, --no-color,
  --force-color, --skip-checks, --version, and -v unless the command uses it) keep
  working but stay out of the help, so each command's help shows what matters.
- Long commands share one progress switch (--progress / --no-progress; by default a
  bar when standard error is a terminal) and time their closing summary.

This module must stay light: `cidb COMMAND --help` imports it for every command.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from typing import Any

from django.core.management.base import BaseCommand, DjangoHelpFormatter

from cidb.cli import cli_name

BOILERPLATE_OPTIONS = frozenset(
    {
        "--version",
        "--settings",
        "--pythonpath",
        "--traceback",
        "--no-color",
        "--force-color",
        "--skip-checks",
    }
)


class HelpFormatter(DjangoHelpFormatter):
    """Django's formatter that never splits an option name (`--random-` / `password`)
    across lines."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )


class CidbCommand(BaseCommand):
    """A cidb command: its own name in the usage line, only its own options in the help."""

    # A command that reads --verbosity says what it changes; otherwise -v is hidden.
    verbosity_help: str = ""

    @property
    def suppressed_base_arguments(self) -> set[str]:  # read by BaseCommand.add_base_argument
        hidden = set(BOILERPLATE_OPTIONS)
        if not self.verbosity_help:
            hidden.add("--verbosity")
        return hidden

    @property
    def name(self) -> str:
        return cli_name(type(self).__module__)

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):
        # Django builds the usage line from the module name; users type `cidb NAME`.
        kwargs.setdefault("formatter_class", HelpFormatter)
        parser = super().create_parser("cidb", self.name, **kwargs)
        # Django adds --skip-checks directly, not through add_base_argument.
        skip_checks = parser._option_string_actions.get("--skip-checks")
        if skip_checks is not None:
            skip_checks.help = argparse.SUPPRESS
        return parser

    def add_base_argument(self, parser, *args: str, **kwargs: Any) -> None:
        if "--verbosity" in args and self.verbosity_help:
            kwargs["help"] = self.verbosity_help
        super().add_base_argument(parser, *args, **kwargs)

    # -- progress and closing summaries -------------------------------------------------
    @staticmethod
    def add_progress_arguments(parser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--progress",
            dest="progress",
            action="store_true",
            default=None,
            help="Show a progress bar on standard error even when it is not a terminal.",
        )
        group.add_argument(
            "--no-progress",
            dest="progress",
            action="store_false",
            help="No progress bar (default: a bar when standard error is a terminal).",
        )

    def wants_progress(self, options: dict[str, Any]) -> bool:
        """--progress / --no-progress, else a bar when standard error is a terminal;
        -v 0 silences it too."""
        if options.get("verbosity", 1) == 0:
            return False
        chosen = options.get("progress")
        if chosen is not None:
            return chosen
        stream = getattr(self.stderr, "_out", sys.stderr)
        return bool(getattr(stream, "isatty", lambda: False)())

    def progress_bar(self, options: dict[str, Any], **kwargs: Any):
        """A tqdm bar on standard error (disabled unless wants_progress)."""
        from tqdm import tqdm

        kwargs.setdefault("dynamic_ncols", True)
        return tqdm(
            file=self.stderr._out,
            disable=not self.wants_progress(options),
            **kwargs,
        )

    def note(self, options: dict[str, Any], message: str) -> None:
        """A progress line on standard error (shown when a bar would be)."""
        if self.wants_progress(options):
            self.stderr.write(message)
            self.stderr.flush()


class Stopwatch:
    """Seconds since creation, for closing summaries ("... in 3.2 s")."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.start

    def __str__(self) -> str:
        return f"{self.seconds:.1f} s"
