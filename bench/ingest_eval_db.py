"""Score the database ingestion path on the development set, end to end.

    nice -n 10 python bench/ingest_eval_db.py [--articles FILE] [--gold FILE] [--keep]

In a temporary data directory (a fresh SQLite database): ``cidb migrate``,
``cidb load-attack``, ``cidb ingest dev_articles.jsonl`` (the gold ``incident`` key
is in the file and ignored by the command), ``cidb export --format json --status
all``, then ``score_incidents.py``. Prints the scorer's table and the timings.
Set DATABASE_URL to score on PostgreSQL instead (the database must be empty).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data" / "news"
SCORER = SHARED / "eval" / "score_incidents.py"
CIDB = [sys.executable, "-m", "cidb"]


def run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(CIDB + args, env=env, check=True, cwd=ROOT, **kwargs)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=Path, default=NEWS / "dev_articles.jsonl")
    ap.add_argument("--gold", type=Path, default=NEWS / "dev_incidents.jsonl")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    if not SCORER.exists() or not args.articles.exists():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="cidb-eval-db-"))
    env = {**os.environ, "CIDB_DATA_DIR": str(tmp)}
    try:
        t0 = time.perf_counter()
        run(["migrate", "-v0"], env)
        run(["load_attack"], env, stdout=subprocess.DEVNULL)
        t1 = time.perf_counter()
        run(["ingest", str(args.articles), "--no-progress"], env)
        t2 = time.perf_counter()
        export = tmp / "export.json"
        run(["export", "--format", "json", "--status", "all", "--output", str(export)], env)
        score = subprocess.run(
            [
                sys.executable,
                str(SCORER),
                "--articles",
                str(args.articles),
                "--gold",
                str(args.gold),
                "--export",
                str(export),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        print(score.stdout)
        print(
            f"setup {t1 - t0:.1f}s, ingest {t2 - t1:.1f}s, export+score {time.perf_counter() - t2:.1f}s"
        )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
