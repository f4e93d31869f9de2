"""Speed of the ingestion NLP pipeline: articles/s, peak memory, scaling ratio.

    nice -n 10 python bench/ingest_speed.py [--sizes 1000 10000] [--threads N] [--cache]

Inputs are synthetic variations of the dev articles (/work/shared; a small built-in
template set otherwise): in variation v every incident's victim is renamed to a new
invented name (all its forms, genitives included), years are shifted by v, and the tail
sentences are shuffled -- so variations form new incidents rather than duplicates, and
every embedding is computed (no disk cache unless --cache). Articles of one variation
are interleaved, as in a feed. One-time loading (language model, word lists, embedding
model) happens in a warm-up before timing and is reported separately.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NEWS = ROOT.parent / "shared" / "data" / "news"

FALLBACK = [
    {
        "incident": "t1",
        "title": "Cyberattack mot Almby kommun",
        "text": "Almby kommun utsattes den 4 mars 2023 för en ransomware-attack. "
        "Systemen ligger nere och kommunen har polisanmält händelsen. "
        "Angriparna kräver en lösensumma.",
        "language": "sv",
        "published": "2023-03-06",
    },
    {
        "incident": "t2",
        "title": "Hackerangriff auf Stadtwerke Brekke",
        "text": "Die Stadtwerke Brekke wurden am 12. März 2023 Opfer eines Hackerangriffs. "
        "Die Systeme sind nicht erreichbar, Daten wurden verschlüsselt.",
        "language": "de",
        "published": "2023-03-13",
    },
    {"incident": None, "title": "Tips", "text": "Use strong passwords.", "language": "en"},
]
FALLBACK_VICTIMS = {"t1": ["Almby"], "t2": ["Brekke"]}
SYLLABLES = [
    "ka",
    "lo",
    "vi",
    "ster",
    "mar",
    "en",
    "dal",
    "berg",
    "ris",
    "to",
    "fen",
    "ha",
    "nor",
    "lin",
    "sa",
    "vik",
    "gu",
    "mo",
    "ra",
    "te",
]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_base() -> tuple[list[dict], dict[str, list[str]]]:
    """Dev articles and, per incident, the distinctive words of its victim's names."""
    if not (NEWS / "dev_articles.jsonl").exists():
        return FALLBACK, FALLBACK_VICTIMS
    from cidb.ingest.nlp.entities import fold
    from cidb.ingest.nlp.grouping import name_tokens

    words: dict[str, list[str]] = {}
    for g in _jsonl(NEWS / "dev_incidents.jsonl"):
        found = set()
        for name in [g["victim"], *g.get("victim_aliases", [])]:
            toks = name_tokens(name)
            found |= {w for w in re.findall(r"[\w]+", name) if fold(w) in toks and len(w) >= 3}
        words[g["incident"]] = sorted(found, key=len, reverse=True)
    return _jsonl(NEWS / "dev_articles.jsonl"), words


def _pseudo_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if name not in used:
            used.add(name)
            return name


def _shift_years(s: str | None, shift: int) -> str | None:
    if not s:
        return s
    return re.sub(r"(?<!\d)(20[0-3]\d)(?!\d)", lambda m: str(int(m.group(1)) + shift), s)


def corpus(n: int, seed: int = 1, labels: list | None = None) -> list[dict]:
    """``n`` varied articles; ``labels`` (if given) receives each one's synthetic incident
    key (variation, dev incident) -- for checking grouping, never a pipeline input."""
    base, victim_words = load_base()
    rng = random.Random(seed)
    used: set[str] = set()
    out: list[dict] = []
    v = 0
    while len(out) < n:
        v += 1
        names = {inc: _pseudo_name(rng, used) for inc in victim_words}
        batch = []
        for a in base:
            a = dict(a)
            inc = a.pop("incident", None)
            title, text = a.get("title"), a.get("text") or ""
            for w in victim_words.get(inc, []) if inc else []:
                rx = re.compile(rf"(?<!\w){re.escape(w)}", re.IGNORECASE)
                title = rx.sub(names[inc], title) if title else title
                text = rx.sub(names[inc], text)
            parts = re.split(r"(?<=[.!?])\s+", text)
            head, tail = parts[:2], parts[2:]
            rng.shuffle(tail)
            a["title"] = _shift_years(title, v)
            a["text"] = _shift_years(" ".join(head + tail), v)
            a["published"] = _shift_years(a.get("published"), v)
            a["url"] = f"https://bench.example/{v}/{len(out) + len(batch)}"
            batch.append((a, f"{v}:{inc}" if inc else None))
        rng.shuffle(batch)
        out += [a for a, _ in batch]
        if labels is not None:
            labels += [key for _, key in batch]
    if labels is not None:
        del labels[n:]
    return out[:n]


def run(n: int, cache: bool, threads: int | None) -> dict:
    from cidb.ingest.nlp import run_pipeline
    from cidb.ingest.nlp.embed import E5Embedder

    arts = corpus(n)
    emb = E5Embedder(cache_dir=Path("/tmp/ingest-cache") if cache else None, num_threads=threads)
    emb.embed(["warm-up"])
    stats: dict = {}
    c0, t0 = time.process_time(), time.perf_counter()
    drafts = run_pipeline(arts, embedder=emb, stats=stats)
    secs = time.perf_counter() - t0
    return stats | {
        "n": n,
        "secs": secs,
        "cpu": time.process_time() - c0,
        "incidents": len(drafts),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def warm_up() -> float:
    """One-time loads (lingua, wordfreq, gazetteers, model) outside the timed runs."""
    from cidb.ingest.nlp import process_article

    t0 = time.perf_counter()
    for a in corpus(40, seed=99):
        process_article(a)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--cache", action="store_true", help="use the /tmp/ingest-cache embeddings")
    ap.add_argument("--threads", type=int, default=None, help="embedding threads (OpenMP)")
    args = ap.parse_args()
    print(f"warm-up (one-time loads): {warm_up():.1f} s")
    rows = []
    for n in args.sizes:
        load = os.getloadavg()[0]
        r = run(n, args.cache, args.threads) | {"load": load}
        rows.append(r)
        print(
            f"| {r['n']:>6} | {r['n'] / r['secs']:6.1f} | {r['secs']:7.1f} | {r['cpu']:7.1f} "
            f"| {r['extract_s'] / r['n'] * 1000:5.1f} | {r['embedded'] / r['n']:4.0%} "
            f"({r['on_demand']:.0f}) "
            f"| {r['embed_s'] / max(r['embedded'], 1) * 1000:5.1f} "
            f"| {r['group_s'] / r['n'] * 1000:5.2f} | {r['incidents']:>5} "
            f"| {r['peak_mb']:6.0f} | {r['load']:4.1f} |",
            flush=True,
        )
    print(
        "\n| articles | articles/s | wall s | CPU s | extract ms/article | embedded (on demand) "
        "| embed ms/text | group ms/article | incidents | peak RSS MB | load avg (1 min) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['n'] / r['secs']:.1f} | {r['secs']:.1f} | {r['cpu']:.1f} "
            f"| {r['extract_s'] / r['n'] * 1000:.1f} "
            f"| {r['embedded'] / r['n']:.0%} ({r['on_demand']:.0f}) "
            f"| {r['embed_s'] / max(r['embedded'], 1) * 1000:.1f} "
            f"| {r['group_s'] / r['n'] * 1000:.2f} | {r['incidents']:,} "
            f"| {r['peak_mb']:.0f} | {r['load']:.1f} |"
        )
    if len(rows) >= 2:
        a, b = sorted(rows, key=lambda r: r["n"])[:2]
        print(
            f"\ntime ratio {b['n']:,}/{a['n']:,} articles: {b['secs'] / a['secs']:.1f}x "
            f"for {b['n'] / a['n']:.0f}x the articles"
        )


if __name__ == "__main__":
    main()
