"""Load test: many clients on a served site while an import and an ingest write.

    python bench/load.py [--backend sqlite|postgres] [--clients 50] [--seconds 60]

Builds a fresh database (`cidb setup` + `cidb generate`), starts `cidb serve` on
loopback, and runs --clients concurrent clients for --seconds over pages, browse,
the API, statistics, the feed and member log-ins, while `cidb import` of
--import-size incidents and `cidb ingest` of the dev articles
(../shared/data/news/dev_articles.jsonl, with the model-free hash embedder) run.
Prints one table: requests, server errors, client timeouts and p50/p95 per request
kind; then both writers' exit codes and times, deadlock and lock errors found in
every log, and whether the final data is correct (every imported incident with its
values, every article stored, the summary counts equal to a fresh count).

Bounded: requests stop after --seconds (and --max-requests), writers are killed
after --writer-timeout, the server is stopped at the end. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "data" / "news" / "dev_articles.jsonl"
PG = "postgres://postgres@127.0.0.1:5432"
MEMBERS = 5
PASSWORD = "load-test-password-1"  # noqa: S105 - a throwaway local database
COUNTRIES = ["SE", "NO", "DK", "FI", "DE", "FR", "GB", "US", "NL", "PL"]
SECTORS = ["healthcare", "energy", "education", "finance", "local_government", "retail"]
TYPES = ["ransomware", "ddos", "data_breach", "phishing", "intrusion", "wiper"]
KINDS = ["page", "browse", "api", "stats", "feed", "login"]
LOCK_MARKERS = ("deadlock detected", "DeadlockDetected", "database is locked")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url", help="PostgreSQL database to (re)create "
                        "(default: postgres://postgres@127.0.0.1:5432/cidb_load)")  # fmt: skip
    parser.add_argument("--incidents", type=int, default=3000, help="generated beforehand")
    parser.add_argument("--import-size", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=30, help="client timeout, seconds")
    parser.add_argument("--writer-timeout", type=float, default=1200)
    parser.add_argument("--port", type=int, default=8160)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--work", type=Path, default=Path("/tmp/cidb-load"))
    args = parser.parse_args()
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients and --seconds must be positive")
    return args


# --- the site -------------------------------------------------------------------------


def environment(args: argparse.Namespace) -> dict[str, str]:
    data = args.work / args.backend
    env = dict(os.environ)
    if args.backend == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{data}/cidb.sqlite3"
    else:
        env["DATABASE_URL"] = args.database_url or f"{PG}/cidb_load"
    env.update(
        CIDB_DATA_DIR=str(data),
        CIDB_INGEST_CACHE=str(data / "ingest-cache"),
        CIDB_INGEST_EMBEDDER="hash",  # keeps the shared machine usable; same writes
        CIDB_HUEY_IMMEDIATE="0",
        # The API limits would turn most of one address's requests into 429s.
        CIDB_API_RATE_ANONYMOUS="1000000/min",
        CIDB_API_RATE_FREE="1000000/min",
        CIDB_API_RATE_MEMBER="1000000/min",
        DJANGO_SETTINGS_MODULE="cidb.config.settings",
    )
    return env


def cidb(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "cidb", *args],
        env=env, cwd=ROOT, input=stdin, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        sys.exit(f"cidb {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def build(args: argparse.Namespace, env: dict[str, str]) -> float:
    data = args.work / args.backend
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if args.backend == "postgres":
        name = urllib.parse.urlsplit(env["DATABASE_URL"]).path.lstrip("/")
        for tool in ("dropdb", "createdb"):
            extra = ["--if-exists"] if tool == "dropdb" else []
            subprocess.run([tool, *extra, "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    t0 = time.perf_counter()
    cidb(env, "setup")
    cidb(env, "generate", "--incidents", str(args.incidents), "--seed", "7")
    for i in range(MEMBERS):
        cidb(env, "createuser", f"member{i}", "--tier", "member", "--password-stdin",
             stdin=PASSWORD + "\n")  # fmt: skip
    return time.perf_counter() - t0


def import_file(args: argparse.Namespace) -> tuple[Path, list[dict]]:
    rng = random.Random(11)
    rows = []
    for i in range(args.import_size):
        country = rng.choice(COUNTRIES)
        rows.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "victim": f"Load test organisation {i % 700}",
            "country": country,
            "sector": rng.choice(SECTORS),
            "date": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "summary": f"Load test incident {i} in {country}.",
            "status": rng.choice(["published", "published", "draft"]),
            "attack_types": sorted(rng.sample(TYPES, rng.randint(1, 2))),
            "sources": [f"https://news.example/load/{i}"],
        })  # fmt: skip
    path = args.work / args.backend / "import.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path, rows


class Server:
    def __init__(self, args: argparse.Namespace, env: dict[str, str]) -> None:
        self.log = (args.work / args.backend / "server.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cidb", "serve", "--host", "127.0.0.1", "--port",
             str(args.port), "--workers", str(args.workers), "--skip-collectstatic"],
            env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{args.port}"
        for _ in range(120):
            time.sleep(0.5)
            if self.process.poll() is not None:
                sys.exit(f"cidb serve stopped: see {self.log.name}")
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()
                return
            except OSError:
                continue
        self.stop()
        sys.exit("cidb serve did not answer within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


# --- the clients ----------------------------------------------------------------------


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.total = 0

    def add(self, kind: str, outcome: str, seconds: float) -> None:
        with self.lock:
            self.total += 1
            self.counts[kind][outcome] += 1
            if outcome in ("ok", "4xx"):
                self.times[kind].append(seconds)


def request(opener, url: str, timeout: float, data: bytes | None = None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client(n: int, base: str, args, uuids: list[str], results: Results, stop: float) -> None:
    rng = random.Random(n)
    anonymous = urllib.request.build_opener()
    member = None  # logged in by the first "login" request of this client

    def timed(kind: str, opener, path: str, data=None, headers=None, expect=200) -> None:
        t0 = time.perf_counter()
        try:
            status, _ = request(opener, base + path, args.timeout, data, headers)
        except TimeoutError:
            results.add(kind, "timeout", 0)
            return
        except OSError as exc:
            timed_out = "timed out" in str(exc)
            results.add(kind, "timeout" if timed_out else "error", 0)
            return
        seconds = time.perf_counter() - t0
        if status >= 500:
            outcome = "5xx"
        elif status != expect:
            outcome = "4xx" if 400 <= status < 500 else "other"
        else:
            outcome = "ok"
        results.add(kind, outcome, seconds)

    while time.monotonic() < stop and results.total < args.max_requests:
        kind = rng.choice(KINDS)
        opener = member if (member is not None and rng.random() < 0.5) else anonymous
        country = rng.choice(COUNTRIES)
        if kind == "page":
            path = rng.choice(["/", f"/incidents/{rng.choice(uuids)}/", "/countries/"])
            timed(kind, opener, path)
        elif kind == "browse":
            query = {"country": country}
            if rng.random() < 0.5:
                query["attack_type"] = rng.choice(TYPES)
            if rng.random() < 0.3:
                query["q"] = rng.choice(["ransomware", "hospital", "municipality"])
            timed(kind, opener, "/incidents/?" + urllib.parse.urlencode(query))
        elif kind == "api":
            timed(kind, opener, f"/api/v1/incidents/?country={country}")
        elif kind == "stats":
            timed(kind, opener, rng.choice(["/stats/", f"/stats/?country={country}"]))
        elif kind == "feed":
            timed(kind, opener, rng.choice(["/feed/", f"/feed/?country={country}"]))
        else:
            jar = http.cookiejar.CookieJar()
            fresh = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
            try:
                status, body = request(fresh, base + "/accounts/login/", args.timeout)
            except OSError:
                results.add(kind, "timeout", 0)
                continue
            found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            if status != 200 or not found:
                results.add(kind, "5xx" if status >= 500 else "other", 0)
                continue
            form = urllib.parse.urlencode({
                "csrfmiddlewaretoken": found.group(1).decode(),
                "username": f"member{n % MEMBERS}", "password": PASSWORD,
            }).encode()  # fmt: skip
            timed(kind, fresh, "/accounts/login/", form,
                  {"Referer": base + "/accounts/login/"}, expect=302)  # fmt: skip
            member = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


# --- the writers and the checks -------------------------------------------------------


class Writer:
    def __init__(self, name: str, command: list[str], env, log: Path) -> None:
        self.name, self.log_path = name, log
        self.log = log.open("w")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cidb", *command], env=env, cwd=ROOT,
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.seconds: float | None = None
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        self.watcher.start()

    def _watch(self) -> None:
        self.process.wait()
        self.seconds = time.perf_counter() - self.started  # its own end, not the wait's

    def wait(self, deadline: float) -> int | None:
        try:
            code = self.process.wait(max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            code = None
        self.watcher.join(5)
        self.log.close()
        return code


CHECK = r"""
import json, sys
import django
django.setup()
from cidb.incidents import vocab
from cidb.incidents.models import Incident, StatsDelta
from cidb.ingest.models import Article
from cidb.stats import data
rows = [json.loads(l) for l in open(sys.argv[1])]
found = {str(i.uuid): i for i in Incident.objects.filter(uuid__in=[r["id"] for r in rows])
         .prefetch_related("attack_types")}
wrong = 0
for r in rows:
    i = found.get(r["id"])
    if i is None or (i.summary, i.country, i.sector, i.date.isoformat(), i.status,
                     sorted(t.slug for t in i.attack_types.all())) != (
            r["summary"], r["country"], r["sector"], r["date"], r["status"], r["attack_types"]):
        wrong += 1
articles = sys.argv[2]
lines = sum(1 for l in open(articles) if l.strip()) if articles else 0
statuses = list(vocab.STATUSES)
ids = list(Incident.objects.order_by("id").values_list("id", flat=True))
counts_ok = all(
    getattr(data.from_counts(statuses, member=True), f) == getattr(
        data.compute_small(ids, member=True), f)
    for f in ("total", "month_totals", "attack_types", "countries", "sectors", "techniques")
)
print(json.dumps({
    "imported": len(found), "import_wrong": wrong, "articles_in": lines,
    "articles_stored": Article.objects.exclude(status="error").count(),
    "articles_error": Article.objects.filter(status="error").count(),
    "counts_exact": counts_ok, "incidents": len(ids),
    "deltas_left": StatsDelta.objects.count(),
}))
"""


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    args = parse_args()
    env = environment(args)
    print(f"building the {args.backend} site: {args.incidents} generated incidents ...",
          flush=True)  # fmt: skip
    built = build(args, env)
    path, rows = import_file(args)
    uuids_out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "from cidb.incidents.models import Incident; "
         "print('\\n'.join(str(u) for u in Incident.objects.filter(status='published')"
         ".values_list('uuid', flat=True)[:500]))"],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    uuids = uuids_out.stdout.split()
    articles = ARTICLES if ARTICLES.exists() else None
    if articles is None:
        print(f"note: {ARTICLES} is absent: the ingest writer is skipped")
    data = args.work / args.backend
    server = Server(args, env)
    results = Results()
    try:
        print(f"built in {built:.0f} s; {args.clients} clients for {args.seconds:.0f} s ...",
              flush=True)  # fmt: skip
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(n, server.base, args, uuids, results, stop))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(min(3, args.seconds / 10))  # the writers start under load
        writers = [Writer("import", ["import", str(path)], env, data / "import.log")]
        if articles is not None:
            writers.append(
                Writer("ingest", ["ingest", str(articles), "--no-progress"], env,
                       data / "ingest.log")
            )  # fmt: skip
        for thread in threads:
            thread.join(args.seconds + args.timeout + 30)
        deadline = time.monotonic() + args.writer_timeout
        codes = {w.name: w.wait(deadline) for w in writers}
    finally:
        server.stop()
    logs = [data / "server.log", *(w.log_path for w in writers)]
    server_log = (data / "server.log").read_text(errors="replace")
    causes = defaultdict(int)
    for found in re.finditer(r"Internal Server Error: (\S+)\n(?:.*\n)*?(\w+(?:Error|Exception)\b.*)",
                             server_log):  # fmt: skip
        causes[f"{found.group(1)}: {found.group(2)[:80]}"] += 1
    locks = {
        marker: sum(p.read_text(errors="replace").count(marker) for p in logs)
        for marker in LOCK_MARKERS
    }
    check = subprocess.run(
        [sys.executable, "-c", CHECK, str(path), str(articles or "")],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if check.returncode:
        sys.exit(f"the data check failed:\n{check.stderr[-3000:]}")
    final = json.loads(check.stdout.strip().splitlines()[-1])

    print()
    print(f"backend {args.backend}, {args.incidents} incidents + import {args.import_size}, "
          f"{args.clients} clients, {args.seconds:.0f} s, {args.workers} gunicorn workers")  # fmt: skip
    print(f"{'kind':8} {'requests':>8} {'ok':>6} {'5xx':>5} {'timeout':>7} {'other':>6} "
          f"{'p50 ms':>8} {'p95 ms':>8}")  # fmt: skip
    totals: dict[str, int] = defaultdict(int)
    for kind in KINDS:
        c = results.counts[kind]
        n = sum(c.values())
        other = n - c["ok"] - c["5xx"] - c["timeout"]
        for key, value in (("n", n), ("ok", c["ok"]), ("5xx", c["5xx"]),
                           ("timeout", c["timeout"]), ("other", other)):  # fmt: skip
            totals[key] += value
        times = [t * 1000 for t in results.times[kind]]
        print(f"{kind:8} {n:8} {c['ok']:6} {c['5xx']:5} {c['timeout']:7} {other:6} "
              f"{percentile(times, .5):8.0f} {percentile(times, .95):8.0f}")  # fmt: skip
    all_times = [t * 1000 for k in KINDS for t in results.times[k]]
    print(f"{'all':8} {totals['n']:8} {totals['ok']:6} {totals['5xx']:5} {totals['timeout']:7} "
          f"{totals['other']:6} {percentile(all_times, .5):8.0f} "
          f"{percentile(all_times, .95):8.0f}")  # fmt: skip
    print()
    for writer in writers:
        print(f"{writer.name:8} exit {codes[writer.name]}, {writer.seconds:.0f} s "
              f"(log {writer.log_path})")  # fmt: skip
    for cause, n in sorted(causes.items()):
        print(f"server error x{n}: {cause}")
    print(
        f"deadlocks {locks['deadlock detected'] + locks['DeadlockDetected']}, "
        f"'database is locked' {locks['database is locked']} (server and writer logs)"
    )
    print(
        f"imported {final['imported']}/{len(rows)} with {final['import_wrong']} wrong values; "
        f"articles stored {final['articles_stored']}/{final['articles_in']} "
        f"({final['articles_error']} errors); summary counts exact: {final['counts_exact']} "
        f"(deltas left {final['deltas_left']}); incidents {final['incidents']}"
    )
    ok = (
        totals["5xx"] == 0
        and not any(locks.values())
        and all(code == 0 for code in codes.values())
        and final["imported"] == len(rows)
        and final["import_wrong"] == 0
        and final["counts_exact"]
        and (articles is None or final["articles_error"] == 0)
    )
    print("targets met" if ok else "TARGETS MISSED")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
