"""Export speed and memory: N generated incidents to CSV and to STIX 2.1.

Generates the database once with `cidb generate` into a throwaway SQLite file under
/tmp/cidb-bench (kept for later runs; --fresh regenerates), then runs each export in
its own process (`cidb export --format F --output FILE`) and reports wall time, rate,
output size and memory sampled from /proc: the heap (anonymous resident memory) early
in the run and at its peak, and the peak total RSS, which also counts the pages of the
SQLite file that cidb memory-maps (PRAGMA mmap_size, shared and reclaimable).

    python bench/export_speed.py [--incidents 100000] [--formats csv stix] [--fresh]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/cidb-bench")


DATABASE = {}  # --database: an existing database to read instead of generating one


def environment(size: int) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = DATABASE.get("url") or f"sqlite:///{WORK}/export-{size}.sqlite3"
    env["CIDB_DATA_DIR"] = str(WORK / f"export-{size}")
    env["CIDB_CACHE_URL"] = "locmem"
    env.setdefault("DJANGO_SETTINGS_MODULE", "cidb.config.settings")
    return env


def cidb(size: int, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cidb", *args]
    return subprocess.run(command, env=environment(size), cwd=ROOT, capture_output=True, text=True)


def prepare(size: int, fresh: bool) -> float | None:
    if DATABASE.get("url"):
        return None
    database = WORK / f"export-{size}.sqlite3"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    if database.exists():
        return None
    start = time.perf_counter()
    for args in (("migrate", "-v0"), ("load-attack",), ("generate", "--incidents", str(size),
                 "--seed", "7", "-v0")):  # fmt: skip
        result = cidb(size, *args)
        if result.returncode:
            raise SystemExit(result.stderr[-3000:])
    return time.perf_counter() - start


def _status(pid: int) -> dict[str, int]:
    """Resident memory of a process in kB: total, anonymous (heap) and file-backed."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                values[name] = int(rest.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return values


def measure(size: int, fmt: str) -> dict:
    """One export in its own process, its memory sampled from /proc every 0.1 s."""
    out = WORK / f"export-{size}.{fmt}"
    command = [sys.executable, "-m", "cidb", "export", "--format", fmt, "--status", "all",
               "--output", str(out)]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=environment(size), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    peak = {"VmRSS": 0, "RssAnon": 0, "RssFile": 0}
    samples = []
    while process.poll() is None:
        status = _status(process.pid)
        for key, value in status.items():
            peak[key] = max(peak[key], value)
        if status:
            samples.append(status.get("RssAnon", 0))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(process.stderr.read().decode()[-3000:])
    # Heap at 10% of the run against its peak: flat memory keeps these close.
    early = samples[len(samples) // 10] if samples else 0
    return {
        "format": fmt,
        "seconds": seconds,
        "rate": size / seconds,
        "mb_out": out.stat().st_size / 1e6,
        "heap_mb": peak["RssAnon"] / 1024,
        "heap_early_mb": early / 1024,
        "rss_mb": peak["VmRSS"] / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", default=["csv", "stix"],
                        choices=["csv", "json", "stix", "misp", "navigator"])  # fmt: skip
    parser.add_argument("--fresh", action="store_true", help="Regenerate the database.")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="Read this database (e.g. one bench/pages.py generated) instead of generating.",
    )
    args = parser.parse_args()
    DATABASE["url"] = args.database
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"preparing {args.incidents:,} incidents ...", file=sys.stderr, flush=True)
    generated = prepare(args.incidents, args.fresh)
    rows = []
    for fmt in args.formats:
        print(f"exporting {fmt} ...", file=sys.stderr, flush=True)
        rows.append(measure(args.incidents, fmt))
    print()
    print("| format | incidents | time s | incidents/s | output MB | heap MB at 10% | peak heap MB "
          "| peak RSS MB (with SQLite mmap) |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['format']} | {args.incidents:,} | {row['seconds']:.0f} | "
              f"{row['rate']:,.0f} | {row['mb_out']:,.0f} | {row['heap_early_mb']:.0f} | "
              f"{row['heap_mb']:.0f} | {row['rss_mb']:.0f} |")  # fmt: skip
    if generated:
        print(f"\ngeneration: {args.incidents:,} incidents in {generated:.0f} s")


if __name__ == "__main__":
    main()
