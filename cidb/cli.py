"""The `cidb` command: Django management with cidb's own commands first.

`cidb load-attack` runs the `load_attack` management command. The command overview of
`cidb --help` is built from the commands themselves: every module under
`cidb/<app>/management/commands/` is a cidb command, and its line in the overview is
the first sentence of its `help`. The overview is read from the source (no Django
setup, no imports), so `cidb --help` answers at once.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SETTINGS = "cidb.config.settings"
HELP_SETTINGS = "cidb.config.help_settings"
# Django's own commands that cidb users run, listed with cidb's.
DJANGO_COMMANDS = ("migrate", "check")


def cli_name(module: str) -> str:
    """`...commands.import_` -> `import`, `load_attack` -> `load-attack` (the names
    users type; also the usage line of each command, cidb.core.commands)."""
    return module.rsplit(".", 1)[-1].rstrip("_").replace("_", "-")


def command_files() -> dict[str, Path]:
    """Every command of the overview: its name users type -> its module file."""
    found = {
        cli_name(path.stem): path
        for path in PACKAGE_DIR.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    spec = importlib.util.find_spec("django")  # finds the package without importing it
    if spec and spec.submodule_search_locations:
        django_dir = Path(next(iter(spec.submodule_search_locations)))
        for name in DJANGO_COMMANDS:
            found.setdefault(name, django_dir / "core" / "management" / "commands" / f"{name}.py")
    return dict(sorted(found.items()))


def help_text(path: Path) -> str:
    """The `help` string of the module's `Command` class, read from its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)
                    and statement.targets[0].id == "help"
                ):
                    return ast.literal_eval(statement.value)
    return ""


def summary(help: str) -> str:
    """The first sentence of a command's help: its line in the overview."""
    text = " ".join(help.split())
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    return match.group(1) if match else text


def overview() -> dict[str, str]:
    """Command name -> one-line summary, for `cidb --help` (and the README test)."""
    return {name: summary(help_text(path)) for name, path in command_files().items()}


def usage() -> str:
    commands = overview()
    width = max(len(name) for name in commands)
    columns = shutil.get_terminal_size((100, 24)).columns
    lines = ["usage: cidb COMMAND [options]   (cidb COMMAND --help for a command's options)", ""]
    lines.append("commands:")
    for name, text in commands.items():
        lines += textwrap.wrap(
            text,
            width=max(columns - 1, 60),
            initial_indent=f"  {name.ljust(width)}  ",
            subsequent_indent=" " * (width + 4),
        )
    lines.append("")
    lines.append("Every Django management command works too (cidb help --commands lists them).")
    return "\n".join(lines)


def module_name(command: str) -> str:
    """The management command (module) name for what the user typed."""
    path = command_files().get(command)
    return path.stem if path else command.replace("-", "_")


def is_listed_help(argv: list[str]) -> bool:
    """`cidb COMMAND --help` (or -h) for a command of the overview."""
    listed = bool(argv) and argv[0] in command_files()
    return listed and any(arg in ("-h", "--help") for arg in argv[1:])


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("DJANGO_SETTINGS_MODULE", SETTINGS) == SETTINGS:
        os.environ["DJANGO_SETTINGS_MODULE"] = HELP_SETTINGS if is_listed_help(argv) else SETTINGS
    if not argv or argv[0] in ("-h", "--help") or argv == ["help"]:
        print(usage())
        return
    if argv[0] == "--version":
        from cidb import __version__

        print(f"cidb {__version__}")
        return
    argv[0] = module_name(argv[0])
    if argv[0] == "help" and len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = module_name(argv[1])  # `cidb help load-attack`
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["cidb", *argv])
    except Exception as exc:
        from cidb.core.operations import problem

        message = problem(exc)
        if message is None:
            raise
        print(f"cidb: {message}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
