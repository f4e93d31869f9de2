"""Export speed and memory: N generated incidents to CSV and to STIX 2.1.

Reads the generated database that every benchmark shares (bench/benchdb.py:
/tmp/cidb-bench/sqlite-<N>.sqlite3 or PostgreSQL cidb_bench_<N>; generated only when
missing), then runs each export in its own process (`cidb export --format F
--status all --output FILE`) and reports wall time, CPU time, rate, output size and
memory: peak RSS (kernel high-water mark of the process), and the heap (anonymous
resident memory, sampled from /proc every 0.1 s) at 10% of the run and at its peak.

--compare DIR runs the same exports with the code of another checkout too (e.g.
`git worktree add /tmp/cidb-old <commit>`), so before/after ratios come from one run
on the same machine load.

    python bench/export_speed.py [--incidents 1000000] [--formats csv stix]
        [--backend sqlite|postgres] [--compare DIR] [--fresh]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from benchdb import ROOT, WORK, database_url, environment, prepare


def _anon_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return None


def measure(backend: str, size: int, fmt: str, code: Path = ROOT, label: str = "") -> dict:
    """One export in its own process; CPU and peak RSS from wait4, heap from /proc."""
    out = WORK / f"export-{backend}-{size}{'-' + label if label else ''}.{fmt}"
    command = [sys.executable, "-m", "cidb", "export", "--format", fmt, "--status", "all",
               "--output", str(out)]  # fmt: skip
    errors = open(WORK / f"export-{backend}-{size}.stderr", "w+b")  # noqa: SIM115
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=environment(backend, size), cwd=code, stdout=subprocess.DEVNULL, stderr=errors
    )
    samples = []
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        anon = _anon_kb(process.pid)
        if anon is not None:
            samples.append(anon)
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        errors.seek(0)
        raise SystemExit(errors.read().decode()[-3000:])
    # Heap at 10% of the run against its peak: flat memory keeps these close.
    early = samples[len(samples) // 10] if samples else 0
    return {
        "code": label or "this checkout",
        "backend": backend,
        "format": fmt,
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rate": size / seconds,
        "mb_out": out.stat().st_size / 1e6,
        "heap_mb": max(samples, default=0) / 1024,
        "heap_early_mb": early / 1024,
        "rss_mb": usage.ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", default=["csv", "stix"],
                        choices=["csv", "json", "stix", "misp", "navigator"])  # fmt: skip
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--compare",
        metavar="DIR",
        type=Path,
        help="Also run each export with the code in this checkout (a git worktree).",
    )
    parser.add_argument("--fresh", action="store_true", help="Regenerate the database.")
    args = parser.parse_args()
    size, backend = args.incidents, args.backend
    print(f"preparing {database_url(backend, size)} ...", file=sys.stderr, flush=True)
    generated = prepare(backend, size, fresh=args.fresh)
    rows = []
    for fmt in args.formats:
        runs = [(ROOT, "")] + ([(args.compare.resolve(), "compare")] if args.compare else [])
        for code, label in runs:
            print(f"exporting {fmt} ({code}) ...", file=sys.stderr, flush=True)
            rows.append(measure(backend, size, fmt, code, label))
    print()
    print("| code | backend | format | incidents | time s | CPU s | incidents/s | output MB "
          "| heap MB at 10% | peak heap MB | peak RSS MB |")  # fmt: skip
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['code']} | {row['backend']} | {row['format']} | {size:,} "
              f"| {row['seconds']:.0f} | {row['cpu']:.0f} | {row['rate']:,.0f} "
              f"| {row['mb_out']:,.0f} | {row['heap_early_mb']:.0f} | {row['heap_mb']:.0f} "
              f"| {row['rss_mb']:.0f} |")  # fmt: skip
    if args.compare:
        print()
        for fmt in args.formats:
            new, old = (r for r in rows if r["format"] == fmt)
            print(f"{fmt}: {old['seconds'] / new['seconds']:.1f}x faster (wall), "
                  f"{old['cpu'] / new['cpu']:.1f}x less CPU")  # fmt: skip
    if generated:
        print(f"\ngeneration: {size:,} incidents in {generated:.0f} s")


if __name__ == "__main__":
    main()
