"""Atom feeds, citations and alert runs at scale.

Times the public and personal feeds (with and without filters) beside the incident
page as a baseline, then alert runs of 100 immediate saved searches: with nothing
newly published, with 200 incidents just published, and the same run again (nothing
left to send). The alert part runs inside a transaction that is rolled back, so the
shared benchmark database is left as it was. Prints a table.

    python bench/feeds.py [--sizes 1000000] [--backends sqlite postgres]
    python bench/feeds.py --database-url sqlite:////tmp/copy.sqlite3   # any database
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time

from benchdb import ROOT, WORK, database_url, prepare

SEARCHES = ["", "country=SE", "country=SE&attack_type=ransomware", "q=sjukhus",
            "sector=healthcare", "technique=T1486", "attack_type=ddos&year=2024"]  # fmt: skip


def timed(call, n: int) -> tuple[float, float]:
    call()  # warm
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def worker(url: str, requests: int) -> dict:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("CIDB_DATA_DIR", str(WORK / "feeds-bench"))
    os.environ["CIDB_CACHE_URL"] = "locmem"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cidb.config.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from cidb.accounts.models import User
    from cidb.alerts import services
    from cidb.alerts.models import FeedToken
    from cidb.incidents.models import Incident

    rows = []
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", ALLOWED_HOSTS=["*"]
        ),
        transaction.atomic(),
    ):
        user, _ = User.objects.update_or_create(
            username="feeds-bench", defaults={"email": "bench@example.org", "tier": "member"}
        )
        token = FeedToken.issue(user).token
        client = Client()
        page = Incident.objects.filter(status="published").order_by("-id").first()
        urls = [
            ("incident page (baseline)", page.get_absolute_url()),
            ("citation CSL-JSON", page.get_absolute_url() + "cite.json"),
            ("feed", "/feed/"),
            ("feed, two facets", "/feed/?country=SE&attack_type=ransomware"),
            ("feed, text query", "/feed/?q=sjukhus"),
            ("personal feed", f"/feed/{token}/"),
            ("personal feed, technique", f"/feed/{token}/?technique=T1486"),
        ]
        for label, path in urls:
            median, p95 = timed(lambda path=path: client.get(path), requests)
            rows.append({"what": label, "median": median, "p95": p95})
        for i in range(100):
            services.save_search(user, f"bench {i}", SEARCHES[i % len(SEARCHES)], "immediate")
        now = timezone.now() + dt.timedelta(seconds=1)
        median, p95 = timed(lambda: services.run("immediate", now=now), 5)
        rows.append({"what": "alert run, 100 searches, nothing new", "median": median, "p95": p95})
        ids = list(
            Incident.objects.filter(status="published")
            .order_by("-id")
            .values_list("id", flat=True)[:200]
        )
        Incident.objects.filter(id__in=ids).update(published_at=now + dt.timedelta(seconds=1))
        for label, offset in (("200 just published", 2), ("the same again", 3)):
            start = time.perf_counter()
            summary = services.run("immediate", now=now + dt.timedelta(seconds=offset))
            took = (time.perf_counter() - start) * 1000
            rows.append({"what": f"alert run, 100 searches, {label}", "median": took,
                         "p95": took, "note": summary.line()})  # fmt: skip
        transaction.set_rollback(True)
    return {"incidents": Incident.objects.count(), "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--database-url", help="measure this database instead")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.requests)))
        return
    targets = [("given", args.database_url)] if args.database_url else []
    for backend in [] if args.database_url else args.backends:
        for size in args.sizes:
            prepare(backend, size)
            targets.append((f"{backend} {size:,}", database_url(backend, size)))
    print("| database | what | median ms | p95 ms | note |\n|---|---|---:|---:|---|")
    for name, url in targets:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", url, "--requests", str(args.requests)],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        if out.returncode:
            raise SystemExit(out.stderr[-3000:])
        result = json.loads(out.stdout.strip().splitlines()[-1])
        label = f"{name} ({result['incidents']:,} incidents)"
        for row in result["rows"]:
            print(f"| {label} | {row['what']} | {row['median']:.0f} | {row['p95']:.0f} "
                  f"| {row.get('note', '')} |")  # fmt: skip


if __name__ == "__main__":
    main()
