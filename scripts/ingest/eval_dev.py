"""Run the ingestion NLP pipeline over the labelled dev articles and score it.

    python scripts/ingest/eval_dev.py [--split all|dev|holdout] [--out export.json] [--json]

The gold ``incident`` label is removed before the pipeline sees an article.
``--split holdout`` keeps only the held-out incidents (every 4th incident in
dev_incidents.jsonl, plus every 4th negative) used to check that rules generalise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data" / "news"
SCORER = SHARED / "eval" / "score_incidents.py"


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def split_data(split: str) -> tuple[list[dict], list[dict]]:
    articles = load_jsonl(NEWS / "dev_articles.jsonl")
    gold = load_jsonl(NEWS / "dev_incidents.jsonl")
    if split == "all":
        return articles, gold
    held = {g["incident"] for i, g in enumerate(gold) if i % 4 == 3}
    negs = [a for a in articles if not a["incident"]]
    held_negs = {a["url"] for i, a in enumerate(negs) if i % 4 == 3}
    keep = (
        (lambda inc, url: inc in held or url in held_negs)
        if split == "holdout"
        else (lambda inc, url: (inc and inc not in held) or (not inc and url not in held_negs))
    )
    arts = [a for a in articles if keep(a["incident"], a["url"])]
    golds = [g for g in gold if (g["incident"] in held) == (split == "holdout")]
    return arts, golds


def evaluate(
    split: str = "all", out: Path | None = None, as_json: bool = False
) -> tuple[str, float]:
    from cidb.ingest.nlp import run_pipeline

    articles, gold = split_data(split)
    inputs = [{k: v for k, v in a.items() if k != "incident"} for a in articles]
    t0 = time.perf_counter()
    drafts = run_pipeline(inputs)
    elapsed = time.perf_counter() - t0
    tmp = Path(tempfile.mkdtemp(prefix="cidb-eval-"))
    out = out or tmp / "export.json"
    out.write_text(
        json.dumps({"incidents": drafts}, ensure_ascii=False, indent=1, default=str),
        encoding="utf-8",
    )
    (tmp / "articles.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in articles), encoding="utf-8"
    )
    (tmp / "gold.jsonl").write_text(
        "\n".join(json.dumps(g, ensure_ascii=False) for g in gold), encoding="utf-8"
    )
    cmd = [
        sys.executable,
        str(SCORER),
        "--articles",
        str(tmp / "articles.jsonl"),
        "--gold",
        str(tmp / "gold.jsonl"),
        "--export",
        str(out),
    ] + (["--json"] if as_json else [])
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return res.stdout, elapsed


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--split", choices=["all", "dev", "holdout"], default="all")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not SCORER.exists():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 2
    table, elapsed = evaluate(args.split, args.out, args.json)
    print(table)
    print(f"pipeline time: {elapsed:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
