"""Statistics page latency at scale: /stats/ for the whole database and for two random
facets, cold (cache cleared before every request) and warm, anonymous and member.

Reuses the generated databases of bench/pages.py (see benchdb.py). Each (backend,
size) runs in its own process (Django settings are per process) and times requests
through Django's test client (application time: routing, queries, SVG, templates).

    python bench/stats.py [--sizes 100000 1000000] [--backends sqlite postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

from benchdb import ROOT, WORK, environment, prepare

FACETS = ["country", "attack_type", "sector", "year"]
TARGET_MS = 300


def worker(backend: str, size: int, requests: int, repeats: int) -> dict:
    os.environ.update(environment(backend, size))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from cidb.accounts.models import User
    from cidb.incidents import vocab
    from cidb.incidents.models import Incident

    setup_test_environment()
    rng = random.Random(42)
    published = Incident.objects.filter(status="published").order_by()
    countries = [c for (c,) in published.values_list("country").distinct()[:40] if c]
    values = {
        "country": countries[:12],
        "attack_type": list(vocab.ATTACK_TYPES),
        "sector": list(vocab.SECTORS),
        "year": [str(y) for y in range(2012, 2026)],
    }
    facet_urls = []
    for _ in range(requests):
        a, b = rng.sample(FACETS, 2)
        facet_urls.append(f"/stats/?{a}={rng.choice(values[a])}&{b}={rng.choice(values[b])}")
    whole = ["/stats/"] * repeats

    member, _ = User.objects.get_or_create(username="bench-member", defaults={"tier": "member"})
    clients = {"anonymous": Client(), "member": Client()}
    clients["member"].force_login(member)

    def series(client, urls: list[str], cold: bool) -> dict:
        client.get(urls[0])  # warm the database's page cache
        if not cold:
            for url in urls:  # fill ours
                client.get(url)
        times = []
        for url in urls:
            if cold:
                cache.clear()
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        return {
            "median": statistics.median(times),
            "p95": times[max(int(len(times) * 0.95) - 1, 0)],
            "n": len(times),
        }

    def queries(client, url: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    rows = []
    for tier, client in clients.items():
        for page, urls in (("whole database", whole), ("two facets", facet_urls)):
            for cold in (True, False):
                rows.append({
                    "page": page, "tier": tier, "cache": "cold" if cold else "warm",
                    **series(client, urls, cold),
                    "queries": queries(client, urls[0]) if cold else None,
                })  # fmt: skip
                print(f"  {backend} {size:,} {rows[-1]}", file=sys.stderr, flush=True)
    return {"backend": backend, "size": size, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"],
                        choices=["sqlite", "postgres"])  # fmt: skip
    parser.add_argument("--requests", type=int, default=40,
                        help="two-facet requests per series (default 40)")  # fmt: skip
    parser.add_argument("--repeats", type=int, default=10,
                        help="whole-database requests per series (default 10)")  # fmt: skip
    parser.add_argument("--fresh", action="store_true", help="Regenerate the databases.")
    parser.add_argument("--worker", nargs=2, metavar=("BACKEND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        backend, size = args.worker[0], int(args.worker[1])
        print(json.dumps(worker(backend, size, args.requests, args.repeats)))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        for backend in args.backends:
            print(f"preparing {backend} at {size:,} incidents ...", file=sys.stderr, flush=True)
            prepare(backend, size, fresh=args.fresh)
            cmd = [sys.executable, __file__, "--worker", backend, str(size),
                   "--requests", str(args.requests), "--repeats", str(args.repeats)]  # fmt: skip
            out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
            if out.returncode != 0:
                raise SystemExit(f"{backend} at {size} failed")
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print()
    print(f"| backend | incidents | /stats/ | tier | cache | median ms | p95 ms | p95 ≤ {TARGET_MS} ms "
          "| SQL queries |")  # fmt: skip
    print("|---|---:|---|---|---|---:|---:|---|---:|")
    for result in results:
        for row in result["rows"]:
            queries = "" if row["queries"] is None else row["queries"]
            ok = "yes" if row["p95"] <= TARGET_MS else "no"
            print(f"| {result['backend']} | {result['size']:,} | {row['page']} | {row['tier']} "
                  f"| {row['cache']} | {row['median']:.0f} | {row['p95']:.0f} | {ok} "
                  f"| {queries} |")  # fmt: skip


if __name__ == "__main__":
    main()
