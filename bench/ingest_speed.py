"""Speed of the ingestion NLP pipeline: articles/s, peak memory, scaling ratio.

    nice -n 10 python bench/ingest_speed.py [--sizes 1000 10000] [--no-cache]

Inputs are the dev articles (when /work/shared exists) plus synthetic
variations (sentences shuffled, victim/city names swapped, dates shifted), so
embeddings are not simply re-used from the cache. Run with --no-cache for
honest embedding cost; the default cache directory is /tmp/ingest-cache.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "data" / "news" / "dev_articles.jsonl"

FALLBACK = [
    {
        "title": "Cyberattack mot {v} kommun",
        "text": "{v} kommun utsattes den {d} mars för en ransomware-attack. "
        "Systemen ligger nere och kommunen har polisanmält händelsen.",
        "language": "sv",
    },
    {
        "title": "Hackerangriff auf Stadtwerke {v}",
        "text": "Die Stadtwerke {v} wurden am {d}. März Opfer eines "
        "Hackerangriffs. Die Systeme sind nicht erreichbar.",
        "language": "de",
    },
]
NAMES = [
    "Almby",
    "Brekke",
    "Corvik",
    "Dalsholm",
    "Eskeby",
    "Fjellnes",
    "Grönvik",
    "Holmstad",
    "Ingeby",
    "Juvik",
]


def corpus(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    base = (
        [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines()]
        if DEV.exists()
        else []
    )
    out = []
    for i in range(n):
        if base:
            a = dict(rng.choice(base))
            a.pop("incident", None)
            parts = a["text"].split(". ")
            tail = parts[1:]
            rng.shuffle(tail)
            a["text"] = ". ".join(parts[:1] + tail) + f" {rng.choice(NAMES)}{i}."
        else:
            t = rng.choice(FALLBACK)
            v = f"{rng.choice(NAMES)}{i}"
            a = {
                "title": t["title"].format(v=v),
                "text": t["text"].format(v=v, d=rng.randint(1, 28)),
                "language": t["language"],
                "published": f"2023-03-{rng.randint(1, 28):02d}",
            }
        a["url"] = f"https://bench.example/{i}"
        out.append(a)
    return out


def run(n: int, cache: bool) -> tuple[float, float]:
    from cidb.ingest.nlp import run_pipeline
    from cidb.ingest.nlp.embed import E5Embedder

    arts = corpus(n)
    emb = E5Embedder(cache_dir=None if not cache else Path("/tmp/ingest-cache"))
    t0 = time.perf_counter()
    run_pipeline(arts, embedder=emb)
    return time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args()
    times = {}
    for n in args.sizes:
        secs, peak = run(n, not args.no_cache)
        times[n] = secs
        print(
            f"{n:>6} articles  {secs:8.1f} s  {n / secs:6.1f} articles/s  peak RSS {peak:7.0f} MB"
        )
    if len(times) >= 2:
        a, b = sorted(times)[:2]
        print(
            f"time ratio {b}/{a} articles: {times[b] / times[a]:.1f}x for {b / a:.0f}x the articles"
        )


if __name__ == "__main__":
    main()
