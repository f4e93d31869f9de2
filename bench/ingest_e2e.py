"""End-to-end ingestion speed through the database (the `cidb ingest` path).

    nice -n 10 python bench/ingest_e2e.py [--sizes 1000 10000] [--embedder e5|hash]

For each size, a fresh SQLite database in a temporary directory, the dev articles
plus synthetic variations (bench/ingest_speed.py's corpus), then one timed
`cidb ingest FILE` subprocess. Prints articles/s, peak RSS of the ingest process
and the time ratio of the two largest sizes. The embedding cache
(/tmp/ingest-cache) is used as in production; set CIDB_INGEST_CACHE to move it.
Set DATABASE_URL to measure PostgreSQL (an empty database per size is up to you).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest_speed import corpus  # noqa: E402

PEAK = "import resource,sys;print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def run(n: int, embedder: str) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="cidb-e2e-"))
    env = {**os.environ, "CIDB_DATA_DIR": str(tmp), "CIDB_INGEST_EMBEDDER": embedder}
    try:
        path = tmp / "articles.jsonl"
        path.write_text(
            "\n".join(json.dumps(a, ensure_ascii=False) for a in corpus(n)), encoding="utf-8"
        )
        subprocess.run([sys.executable, "-m", "cidb", "migrate", "-v0"], env=env, check=True)
        # a wrapper process reports the ingest child's peak RSS
        code = (
            "import subprocess,sys,resource;"
            f"subprocess.run([sys.executable,'-m','cidb','ingest',{str(path)!r},'--no-progress'],check=True);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        secs = time.perf_counter() - t0
        lines = out.stdout.strip().splitlines()
        return {"n": n, "secs": secs, "peak_mb": int(lines[-1]) / 1024, "summary": lines[:-1]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--embedder", choices=["e5", "hash"], default="e5")
    args = ap.parse_args()
    results = []
    print("| articles | seconds | articles/s | peak RSS (MB) |")
    print("|---|---|---|---|")
    for n in args.sizes:
        r = run(n, args.embedder)
        results.append(r)
        print(f"| {n} | {r['secs']:.1f} | {n / r['secs']:.1f} | {r['peak_mb']:.0f} |", flush=True)
        for line in r["summary"]:
            print(f"    {line}", file=sys.stderr)
    if len(results) >= 2:
        a, b = sorted(results, key=lambda r: r["n"])[-2:]
        print(
            f"\ntime ratio {b['n']}/{a['n']} articles: {b['secs'] / a['secs']:.1f}x "
            f"for {b['n'] / a['n']:.0f}x the articles (target <= 12x)"
        )


if __name__ == "__main__":
    main()
