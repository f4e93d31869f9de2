"""Fit and cross-validate the relevance model (lexicon score + e5 prototype margins).

    nice -n 10 python bench/relevance_cv.py [--articles FILE] [--check FILE] [--folds 5]

Features per article (``cidb/ingest/nlp/relevance.py``): the lexicon logit and the two
e5 margins of its title + lead against the English prototypes. A balanced logistic
regression is fitted on ``--articles`` (default dev_articles.jsonl) with folds by
incident (an incident's articles, and each non-incident article, in one fold), and
the held-out recall and false positives are printed for several thresholds, then the
weights fitted on all articles (to be copied into ``relevance.WEIGHTS``). ``--check``
scores another file with those weights (for the wide set: look rarely).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NEWS = ROOT.parent / "shared" / "data" / "news"


def features(path: Path, embedder) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    from cidb.ingest.nlp.embed import embedding_text
    from cidb.ingest.nlp.pipeline import process_article
    from cidb.ingest.nlp.relevance import _logit, semantic_features

    X, y, groups, langs = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        gold = raw.pop("incident", None)
        a = process_article(raw)
        vec = embedder.embed([embedding_text(a.title, a.text)])[0]
        m_max, m_mean = semantic_features(vec, embedder)
        X.append([_logit(a.relevance_lex), m_max, m_mean])
        y.append(gold is not None)
        groups.append(gold or raw.get("url", ""))
        langs.append(a.language or "?")
    return np.array(X), np.array(y), groups, langs


def report(name: str, p: np.ndarray, y: np.ndarray, langs: list[str], t: float) -> None:
    hit = p >= t
    per = {}
    for lang in sorted(set(langs)):
        idx = [i for i, x in enumerate(langs) if x == lang and y[i]]
        if idx:
            per[lang] = round(float(hit[idx].mean()), 2)
    print(
        f"{name} t={t:.2f}: recall {hit[y].mean():.3f}, false positives {int(hit[~y].sum())}"
        f"/{int((~y).sum())}  {per}"
    )


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    from cidb.ingest.nlp.embed import E5Embedder
    from cidb.ingest.nlp.relevance import THRESHOLD

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=NEWS / "dev_articles.jsonl")
    ap.add_argument("--check", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    args = ap.parse_args()
    if not args.articles.exists():
        print(f"articles not found: {args.articles}", file=sys.stderr)
        return 2
    emb = E5Embedder()
    X, y, groups, langs = features(args.articles, emb)
    keys = sorted(set(groups))
    random.Random(0).shuffle(keys)
    fold_of = {k: i % args.folds for i, k in enumerate(keys)}
    folds = np.array([fold_of[g] for g in groups])
    held = np.zeros(len(y))
    for k in range(args.folds):
        m = LogisticRegression(C=args.C, class_weight="balanced").fit(X[folds != k], y[folds != k])
        held[folds == k] = m.predict_proba(X[folds == k])[:, 1]
    for t in (0.3, THRESHOLD, 0.7):
        report("cross-validated", held, y, langs, t)
    m = LogisticRegression(C=args.C, class_weight="balanced").fit(X, y)
    w = (round(float(m.intercept_[0]), 3), *(round(float(c), 3) for c in m.coef_[0]))
    print(f"WEIGHTS = {w}  (intercept, lexicon logit, margin max, margin mean)")
    if args.check:
        Xc, yc, _, lc = features(args.check, emb)
        report(f"check {args.check.name}", m.predict_proba(Xc)[:, 1], yc, lc, THRESHOLD)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
