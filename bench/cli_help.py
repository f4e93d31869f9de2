"""How fast `cidb --help` and `cidb COMMAND --help` answer, for every command.

Each run is a fresh process (`python -m cidb ...`), as a user's shell starts it. The
table shows the median and worst wall time and the median CPU time (user + system of
the child) against the 0.5 s target; on a busy machine wall time grows with the load
while CPU time stays put, so both are printed.

    python bench/cli_help.py [--repeats 5] [--compare DIR]

--compare DIR times a second checkout (e.g. `git worktree add /tmp/before <commit>`)
with the same interpreter and prints both side by side.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.5


LIST = """
from cidb import cli
# Older checkouts kept a hand-written list instead of the registry.
names = cli.command_files() if hasattr(cli, "command_files") else cli.CIDB_COMMANDS
print(cli.__file__)
print(" ".join(names))
"""


def environment(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(root)
    return env


def commands(root: Path) -> list[str]:
    """The commands of the checkout at `root`, as its own cli module lists them."""
    result = subprocess.run(
        [sys.executable, "-c", LIST],
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    where, names = result.stdout.splitlines()
    if not Path(where).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"{root}: python imports cidb from {where}, not from this checkout")
    return names.split()


def timed(root: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one `python -m cidb ARGS` in a fresh process."""
    env = environment(root)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "cidb", *args], cwd=root, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"cidb {' '.join(args)} failed in {root}:\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(root: Path, args: list[str], repeats: int) -> dict[str, float]:
    timed(root, args)  # warm the file cache and bytecode
    runs = [timed(root, args) for _ in range(repeats)]
    walls = [w for w, _ in runs]
    return {
        "median": statistics.median(walls),
        "max": max(walls),
        "cpu": statistics.median(c for _, c in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="Timed runs per command.")
    parser.add_argument("--compare", type=Path, help="Another checkout to time beside this one.")
    args = parser.parse_args()
    names = commands(ROOT)
    before_names = commands(args.compare) if args.compare else []
    rows = [("--help", ["--help"])] + [(name, [name, "--help"]) for name in names]
    os.environ.setdefault("CIDB_DATA_DIR", "/tmp/cidb-bench-cli")
    header = f"{'command':<22}{'median s':>10}{'max s':>8}{'cpu s':>8}"
    if args.compare:
        header += f"{'before median':>15}{'before cpu':>12}"
    print(header)
    worst = 0.0
    for label, argv in rows:
        now = measure(ROOT, argv, args.repeats)
        worst = max(worst, now["cpu"])
        line = f"{'cidb ' + label:<22}{now['median']:>10.2f}{now['max']:>8.2f}{now['cpu']:>8.2f}"
        if args.compare:
            if label not in ("--help", *before_names):
                line += f"{'(absent)':>15}"
            else:
                before = measure(args.compare, argv, args.repeats)
                line += f"{before['median']:>15.2f}{before['cpu']:>12.2f}"
        mark = "" if now["median"] < TARGET else "  over target"
        print(line + mark, flush=True)
    print(f"target: under {TARGET} s each; slowest median CPU time {worst:.2f} s")


if __name__ == "__main__":
    main()
