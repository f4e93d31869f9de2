"""The `cidb` command: Django management with cidb's own commands first.

`cidb load-attack` runs the `load_attack` management command; `cidb --help` lists
cidb's commands, then Django's.
"""

from __future__ import annotations

import os
import sys

CIDB_COMMANDS = {
    "serve": "Serve the site with gunicorn (static files by whitenoise).",
    "migrate": "Create or update the database tables.",
    "setup": "Migrate, load ATT&CK and (with --demo) the demo incidents: a ready site.",
    "load-attack": "Load ATT&CK Enterprise techniques (offline) or a STIX bundle (--bundle).",
    "demo": "Load the demo incidents (idempotent).",
    "generate": "Create N synthetic incidents with bulk inserts (--incidents N).",
    "createuser": "Create a user with a tier (free, member, editor, admin).",
    "ingest": "Ingest news (JSONL, HTML/text files, URLs, --feed) into draft incidents.",
    "tag": "Tag text with ATT&CK techniques (scores and evidence sentences).",
    "train-tagger": "Retrain the ATT&CK tagger from TRAM2 and ATT&CK data.",
    "reindex": "Rebuild the full-text search index.",
    "check": "Check the installation (--deploy for production settings).",
    "export": "Export incidents as CSV, JSON, STIX 2.1, MISP or an ATT&CK Navigator layer.",
    "import": "Import incidents from cidb JSON, CSV, STIX 2.1 or VERIS (all or nothing).",
    "send-alerts": "E-mail new matches of saved searches (--frequency immediate|daily|weekly).",
    "backup": "Back up the database and media files into one archive (the site may run).",
    "restore": "Restore a backup archive, replacing all current data (--yes to confirm).",
}
# Commands whose module name differs from the command (`import` is a Python keyword).
ALIASES = {"import": "import_"}


def _usage() -> str:
    width = max(len(name) for name in CIDB_COMMANDS)
    lines = ["usage: cidb COMMAND [options]   (cidb COMMAND --help for a command's options)", ""]
    lines.append("cidb commands:")
    lines += [f"  {name.ljust(width)}  {text}" for name, text in CIDB_COMMANDS.items()]
    lines.append("")
    lines.append("Every Django management command works too (cidb help --commands lists them).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidb.config.settings")
    if not argv or argv[0] in ("-h", "--help"):
        print(_usage())
        return
    if argv[0] == "--version":
        from cidb import __version__

        print(f"cidb {__version__}")
        return
    argv[0] = ALIASES.get(argv[0], argv[0].replace("-", "_"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cidb", *argv])


if __name__ == "__main__":
    main()
