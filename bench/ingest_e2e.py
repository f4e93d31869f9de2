"""End-to-end ingestion speed through the database (the `cidb ingest` path).

    nice -n 10 python bench/ingest_e2e.py [--sizes 1000 10000] [--embedder e5|hash]
                                          [--cache] [--profile]

For each size: a fresh SQLite database in a temporary directory, the dev articles
plus synthetic variations (bench/ingest_speed.py's corpus: victims renamed, years
shifted, so variations are new incidents), then one timed `cidb ingest FILE`
subprocess with the real embedder. The embedding cache starts empty in every run
(every embedding is computed); --cache uses /tmp/ingest-cache as production does.

Prints wall-clock articles/s and CPU seconds per article (user + system of the
ingest process, all threads: the figure that does not depend on what else runs on
the machine), peak RSS, the load average, and the 10k/1k ratios of both.

--profile runs the ingest in-process under cProfile with a main-thread CPU clock
(``time.thread_time``) and prints where the main thread's CPU went by stage and
the top functions; the rest of the process CPU is the embedding thread.
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

# Runs in a wrapper process: the ingest child's CPU and peak RSS from its rusage.
WRAPPER = """
import json, resource, subprocess, sys
out = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"out": out.stdout, "cpu": r.ru_utime + r.ru_stime,
                  "user": r.ru_utime, "sys": r.ru_stime, "peak_kb": r.ru_maxrss}))
"""

# In-process profile of the main thread (CPU time, not wall time: the machine is shared).
PROFILE = """
import cProfile, io, json, pstats, sys, time
import django
django.setup()
from django.core.management import call_command
prof = cProfile.Profile(timer=time.thread_time)
c0 = time.process_time()
prof.enable()
call_command("ingest", sys.argv[1], "--no-progress", "-v", "2")
prof.disable()
cpu = time.process_time() - c0
funcs = {}
for (path, line, name), (cc, nc, tt, ct, callers) in pstats.Stats(prof).stats.items():
    own, cum = funcs.get(path + ":" + name, (0.0, 0.0))
    funcs[path + ":" + name] = (own + tt, cum + ct)
print("PROFILE " + json.dumps({"cpu": cpu, "funcs": funcs}))
"""

# Main-thread CPU by stage: cumulative time of the stage's functions ("file:function").
STAGES = [
    ("analysis (process_article)", ["nlp/pipeline.py:process_article"]),
    ("- text cleaning / extraction", ["nlp/textclean.py:clean_article"]),
    ("- language detection (lingua)", ["nlp/lang.py:detect_language"]),
    ("- entities (victim, country, actors, people)", ["nlp/entities.py:extract_entities"]),
    (
        "- cues, classification, relevance",
        [
            "nlp/classify.py:cue_counts",
            "nlp/classify.py:classify",
            "nlp/relevance.py:lexicon_relevance",
        ],
    ),
    (
        "- dates (mentions, incident date, timeline)",
        [
            "nlp/dates.py:extract_dates",
            "nlp/pipeline.py:estimate_incident_date",
            "nlp/pipeline.py:build_timeline",
        ],
    ),
    ("- MinHash fingerprint", ["nlp/dedup.py:fingerprint"]),
    ("choosing what to embed (select_for_embedding)", ["nlp/pipeline.py:select_for_embedding"]),
    ("storing batches (grouping, rows, new drafts)", ["services/intake.py:_store_batch"]),
    ("- grouping (Grouper.assign)", ["nlp/grouping.py:assign"]),
    ("-- of which on-demand embedding", ["services/intake.py:_embed_now"]),
    ("- new incidents' first drafts (apply_draft)", ["services/intake.py:_attach"]),
    ("rescue pass (borderline articles)", ["services/intake.py:rescue"]),
    ("draft rebuilds (end of run)", ["services/intake.py:flush"]),
    ("- of which build_draft (NLP)", ["nlp/draft.py:build_draft"]),
    (
        "search index + generation (everywhere)",
        ["incidents/services.py:reindex_incidents", "incidents/services.py:bump_generation"],
    ),
    ("technique tagger (everywhere)", ["cidb/tagging/"]),
]
# self time of these packages, wherever they are called from
DATABASE = ("django/db/", "sqlite3", "psycopg", "django/dispatch/")


def print_profile(r: dict) -> None:
    prof, n = r["profile"], r["n"]
    funcs = prof["funcs"]

    def cum(keys: list[str]) -> float:
        # "file:function": cumulative time; a package ("dir/"): self time of its code
        total = 0.0
        for k, (own, c) in funcs.items():
            for x in keys:
                if x.endswith("/") and x in k:
                    total += own
                elif k.endswith(x):
                    total += c
        return total

    main = sum(own for own, _ in funcs.values())
    rows = [(label, cum(keys)) for label, keys in STAGES]
    rows.append(
        (
            "database: ORM + driver self time (everywhere)",
            sum(own for k, (own, _) in funcs.items() if any(d in k for d in DATABASE)),
        )
    )
    rows.append(("main thread total", main))
    rows.append(("embedding thread (process CPU - main thread)", prof["cpu"] - main))
    rows.append(("process total", prof["cpu"]))
    print(f"\nCPU by stage ({n:,} articles; cProfile with a thread CPU clock, which adds")
    print("its own overhead to the main thread's Python code):\n")
    print("| stage | CPU s | ms/article | share of process CPU |")
    print("|---|---|---|---|")
    for label, secs in rows:
        print(f"| {label} | {secs:.1f} | {secs / n * 1000:.1f} | {secs / prof['cpu']:.0%} |")


def run(n: int, embedder: str, cache: bool, profile: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="cidb-e2e-"))
    env = {**os.environ, "CIDB_DATA_DIR": str(tmp), "CIDB_INGEST_EMBEDDER": embedder}
    if not cache:
        env["CIDB_INGEST_CACHE"] = str(tmp / "embeddings")
    env.setdefault("DJANGO_SETTINGS_MODULE", "cidb.config.settings")
    try:
        path = tmp / "articles.jsonl"
        path.write_text(
            "\n".join(json.dumps(a, ensure_ascii=False) for a in corpus(n)), encoding="utf-8"
        )
        subprocess.run([sys.executable, "-m", "cidb", "migrate", "-v0"], env=env, check=True)
        if profile:
            cmd = [sys.executable, "-c", PROFILE, str(path)]
        else:
            cmd = [sys.executable, "-m", "cidb", "ingest", str(path), "--no-progress", "-v", "2"]
        load = os.getloadavg()[0]
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, *cmd],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        secs = time.perf_counter() - t0
        r = json.loads(done.stdout.strip().splitlines()[-1])
        lines = r["out"].strip().splitlines()
        result = {
            "n": n,
            "secs": secs,
            "cpu": r["cpu"],
            "peak_mb": r["peak_kb"] / 1024,
            "load": (load + os.getloadavg()[0]) / 2,
            "summary": [x for x in lines if not x.startswith("PROFILE ")],
        }
        for x in lines:
            if x.startswith("PROFILE "):
                result["profile"] = json.loads(x[len("PROFILE ") :])
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--embedder", choices=["e5", "hash"], default="e5")
    ap.add_argument("--cache", action="store_true", help="reuse /tmp/ingest-cache embeddings")
    ap.add_argument("--profile", action="store_true", help="profile the main thread's CPU")
    args = ap.parse_args()
    results = []
    header = (
        "| articles | wall s | articles/s (wall) | CPU s | CPU ms/article "
        "| articles per CPU s | peak RSS MB | load avg |"
    )
    print(header)
    print("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        r = run(n, args.embedder, args.cache, args.profile)
        results.append(r)
        print(
            f"| {n:,} | {r['secs']:.1f} | {n / r['secs']:.1f} | {r['cpu']:.1f} "
            f"| {r['cpu'] / n * 1000:.1f} | {n / r['cpu']:.1f} | {r['peak_mb']:.0f} "
            f"| {r['load']:.1f} |",
            flush=True,
        )
        for line in r["summary"]:
            print(f"    {line}", file=sys.stderr)
    if len(results) >= 2:
        a, b = sorted(results, key=lambda r: r["n"])[-2:]
        print(
            f"\n{b['n']:,}/{a['n']:,} articles ({b['n'] / a['n']:.0f}x): wall time "
            f"{b['secs'] / a['secs']:.1f}x, CPU time {b['cpu'] / a['cpu']:.1f}x (target <= 12x)"
        )
    for r in results:
        if "profile" in r:
            print_profile(r)
            print("\n".join(x for x in r["summary"] if x.strip()))


if __name__ == "__main__":
    main()
