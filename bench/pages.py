"""Page latency at scale: incident page and faceted browse with a text query.

Runs each (backend, size) in its own process (Django settings are per process),
generating the database once, then times requests through Django's test client
(application time: routing, queries, templates; no network). Prints a table.

    python bench/pages.py [--sizes 100000 1000000] [--backends sqlite postgres]
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
from pathlib import Path

from benchdb import ROOT, WORK, database_url

WORDS = ["hospital", "ransomware", "municipality", "data", "servers", "encrypted",
         "outage", "phishing", "kommun", "Krankenhaus", "attack", "systems", "customers",
         "police", "leak", "email"]  # fmt: skip
FACETS = ["country", "attack_type", "sector", "year"]


def worker(backend: str, size: int, requests: int, fresh: bool) -> dict:
    os.environ["DATABASE_URL"] = database_url(backend, size)
    os.environ["CIDB_DATA_DIR"] = str(WORK / f"{backend}-{size}")
    os.environ["CIDB_CACHE_URL"] = "locmem"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidb.config.settings")
    if backend == "postgres":
        name = f"cidb_bench_{size}"
        if fresh:
            subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name])
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name],
                       capture_output=True)  # fmt: skip
    elif fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{WORK}/sqlite-{size}.sqlite3{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from cidb.accounts.models import User
    from cidb.incidents.models import Incident

    setup_test_environment()
    call_command("migrate", verbosity=0)
    generation_seconds = None
    count = Incident.objects.count()
    if count != size:
        if count:
            raise SystemExit(f"{backend}: database has {count} incidents, not {size}: use --fresh")
        call_command("load_attack", verbosity=0)
        start = time.perf_counter()
        call_command("generate", incidents=size, seed=7, verbosity=0)
        generation_seconds = time.perf_counter() - start

    rng = random.Random(42)
    published = Incident.objects.filter(status="published")
    max_id = Incident.objects.order_by("-id").values_list("id", flat=True).first()
    uuids = []
    while len(uuids) < requests:
        row = (
            published.filter(id__gte=rng.randint(1, max_id))
            .order_by("id")
            .values_list("uuid", flat=True)[:1]
        )
        uuids.extend(row)
    countries = [c for (c,) in published.order_by().values_list("country").distinct()[:40]]
    from cidb.incidents import vocab

    values = {
        "country": countries[:12],
        "attack_type": list(vocab.ATTACK_TYPES),
        "sector": list(vocab.SECTORS),
        "year": [str(y) for y in range(2012, 2026)],
    }
    browse_urls = []
    for _ in range(requests):
        a, b = rng.sample(FACETS, 2)
        q = " ".join(rng.sample(WORDS, rng.choice([1, 1, 2])))
        browse_urls.append(
            f"/incidents/?{a}={rng.choice(values[a])}&{b}={rng.choice(values[b])}&q={q}"
        )

    member, _ = User.objects.get_or_create(username="bench-member", defaults={"tier": "member"})
    clients = {"anonymous": Client(), "member": Client()}
    clients["member"].force_login(member)

    def timed(client, url: str) -> float:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        return elapsed * 1000

    def series(client, urls: list[str], clear_cache: bool) -> dict:
        for url in urls[:10]:  # warm the database's page cache
            client.get(url)
        times = []
        for url in urls:
            if clear_cache:
                cache.clear()
            times.append(timed(client, url))
        times.sort()
        return {
            "median": statistics.median(times),
            "p95": times[int(len(times) * 0.95) - 1],
        }

    def queries(client, url: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx.captured_queries)

    detail_urls = [f"/incidents/{u}/" for u in uuids]
    result = {"backend": backend, "size": size, "generation_s": generation_seconds, "rows": []}
    for tier, client in clients.items():
        result["rows"].append(
            {
                "page": "incident",
                "tier": tier,
                **series(client, detail_urls, False),
                "queries": queries(client, detail_urls[0]),
            }  # fmt: skip
        )
        result["rows"].append(
            {"page": "browse 2 facets + q (uncached)", "tier": tier,
             **series(client, browse_urls, True), "queries": queries(client, browse_urls[0])}
        )  # fmt: skip
        result["rows"].append(
            {"page": "browse 2 facets + q (cached)", "tier": tier,
             **series(client, browse_urls, False), "queries": None}
        )  # fmt: skip
    result["rows"].append(
        {"page": "browse, no filter (uncached)", "tier": "anonymous",
         **series(clients["anonymous"], ["/incidents/"] * 20, True),
         "queries": queries(clients["anonymous"], "/incidents/")}
    )  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"],
                        choices=["sqlite", "postgres"])  # fmt: skip
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="Regenerate the databases.")
    parser.add_argument("--worker", nargs=2, metavar=("BACKEND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.worker:
        backend, size = args.worker[0], int(args.worker[1])
        print(json.dumps(worker(backend, size, args.requests, args.fresh)))
        return
    results = []
    for size in args.sizes:
        for backend in args.backends:
            cmd = [sys.executable, __file__, "--worker", backend, str(size),
                   "--requests", str(args.requests)] + (["--fresh"] if args.fresh else [])  # fmt: skip
            print(f"running {backend} at {size:,} incidents ...", file=sys.stderr, flush=True)
            out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if out.returncode != 0:
                print(out.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{backend} at {size} failed")
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print()
    print("| backend | incidents | page | tier | median ms | p95 ms | SQL queries |")
    print("|---|---:|---|---|---:|---:|---:|")
    for result in results:
        for row in result["rows"]:
            queries = "" if row["queries"] is None else row["queries"]
            print(f"| {result['backend']} | {result['size']:,} | {row['page']} | {row['tier']} "
                  f"| {row['median']:.1f} | {row['p95']:.1f} | {queries} |")  # fmt: skip
    print()
    for result in results:
        if result["generation_s"]:
            rate = result["size"] / result["generation_s"]
            print(f"generation: {result['backend']} {result['size']:,} incidents in "
                  f"{result['generation_s']:.0f} s ({rate:,.0f}/s)")  # fmt: skip


if __name__ == "__main__":
    main()
