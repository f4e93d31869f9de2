"""Score the database ingestion path on the labelled news, end to end.

    nice -n 10 python bench/ingest_eval_db.py [--set dev|wide|both] [--folds K] [--keep]
    nice -n 10 python bench/ingest_eval_db.py --articles FILE --gold FILE

Each run uses a temporary data directory with a fresh SQLite database: ``cidb migrate``,
``cidb load-attack``, ``cidb ingest <articles>.jsonl`` (the gold ``incident`` key is in
the file and ignored by the command), ``cidb export --format json --status all``, then
``../shared/eval/score_incidents.py``.

``--set`` picks the development set (``dev_*``), the wide set (``dev_wide_*``) or both.
With one set and no ``--folds`` the scorer's full table is printed; otherwise one
table with a column per set.

``--folds K`` adds a cross-validation by incident: the set's incidents (and its
non-incident articles) are split into K folds (a fixed round-robin over the sorted
incident keys), and each fold is ingested on its own into an empty database and scored
on its own incidents, so that nothing from another fold is seen. Anything fitted or
tuned must be chosen on the other K-1 folds only: the NLP core currently fits nothing
on these sets (its thresholds and cue lists are fixed in code), so no selection step
runs, and the column reports the mean over the held-out folds (dated_after_sources
summed). Set DATABASE_URL to score a single run on PostgreSQL instead (the database
must be empty; not with --folds or --set both).
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
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data" / "news"
SCORER = SHARED / "eval" / "score_incidents.py"
CIDB = [sys.executable, "-m", "cidb"]
SETS = {
    "dev": (NEWS / "dev_articles.jsonl", NEWS / "dev_incidents.jsonl"),
    "wide": (NEWS / "dev_wide_articles.jsonl", NEWS / "dev_wide_incidents.jsonl"),
}
# rows of the summary table: (label, metric key in the scorer's JSON)
ROWS = [
    ("b-cubed F1", "bcubed.f1"),
    ("b-cubed P", "bcubed.precision"),
    ("b-cubed R", "bcubed.recall"),
    ("relevance R", "relevance.recall"),
    ("victim", "victim_acc"),
    ("country", "country_acc"),
    ("month", "month_acc"),
    ("month_wrong_confident", "month_wrong_confident"),
    ("dated_after_sources", "dated_after_sources"),
    ("attack types F1", "attack_types_f1"),
    ("CIA F1", "cia_f1"),
    ("motives F1", "motives_f1"),
    ("techniques F1", "techniques_f1"),
    ("actors F1", "actors_f1"),
    ("fact_recall", "fact_recall"),
    ("false_claim_rate", "false_claim_rate"),
]


def run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(CIDB + args, env=env, check=True, cwd=ROOT, **kwargs)


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


class Runner:
    """Ingest + export + score in fresh SQLite databases copied from one migrated
    template (migrating and loading ATT&CK once, not once per fold)."""

    def __init__(self, keep: bool = False) -> None:
        self.keep = keep
        self.tmp = Path(tempfile.mkdtemp(prefix="cidb-eval-db-"))
        self.template: Path | None = None
        self.timings: dict[str, float] = {"setup": 0.0, "ingest": 0.0, "score": 0.0}
        self.n = 0

    def _fresh_dir(self) -> tuple[Path, dict]:
        self.n += 1
        data = self.tmp / f"run{self.n}"
        env = {**os.environ, "CIDB_DATA_DIR": str(data)}
        if os.environ.get("DATABASE_URL"):
            data.mkdir()
        elif self.template is None:
            t0 = time.perf_counter()
            data.mkdir()
            run(["migrate", "-v0"], env)
            run(["load_attack"], env, stdout=subprocess.DEVNULL)
            self.template = self.tmp / "template"
            shutil.copytree(data, self.template)
            self.timings["setup"] += time.perf_counter() - t0
        else:
            shutil.copytree(self.template, data)
        if os.environ.get("DATABASE_URL"):
            t0 = time.perf_counter()
            run(["migrate", "-v0"], env)
            run(["load_attack"], env, stdout=subprocess.DEVNULL)
            self.timings["setup"] += time.perf_counter() - t0
        return data, env

    def score(self, articles: Path, gold: Path, as_json: bool = True) -> dict | str:
        data, env = self._fresh_dir()
        t0 = time.perf_counter()
        # the command's own summary only where the scorer's table is printed too
        quiet = {"stdout": subprocess.DEVNULL} if as_json else {}
        run(["ingest", str(articles), "--no-progress"], env, **quiet)
        t1 = time.perf_counter()
        export = data / "export.json"
        run(["export", "--format", "json", "--status", "all", "--output", str(export)], env)
        cmd = [sys.executable, str(SCORER), "--articles", str(articles), "--gold", str(gold)]
        cmd += ["--export", str(export)] + (["--json"] if as_json else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        self.timings["ingest"] += t1 - t0
        self.timings["score"] += time.perf_counter() - t1
        return json.loads(out) if as_json else out

    def folds(self, articles: Path, gold: Path, k: int) -> list[dict]:
        """Score each of ``k`` incident folds on its own (see the module docstring)."""
        arts, golds = load_jsonl(articles), load_jsonl(gold)
        keys = sorted(g["incident"] for g in golds)
        fold_of = {key: i % k for i, key in enumerate(keys)}
        negatives = sorted((a for a in arts if not a.get("incident")), key=lambda a: a["url"])
        neg_fold = {a["url"]: i % k for i, a in enumerate(negatives)}
        out = []
        for f in range(k):
            fa = [
                a
                for a in arts
                if (fold_of.get(a["incident"]) if a.get("incident") else neg_fold[a["url"]]) == f
            ]
            fg = [g for g in golds if fold_of[g["incident"]] == f]
            pa, pg = self.tmp / f"fold{f}_articles.jsonl", self.tmp / f"fold{f}_gold.jsonl"
            write_jsonl(pa, fa)
            write_jsonl(pg, fg)
            out.append(self.score(pa, pg))
        return out

    def close(self) -> None:
        if self.keep:
            print(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def metric(m: dict, key: str) -> float | None:
    v: object = m
    for part in key.split("."):
        if not isinstance(v, dict) or part not in v:
            return None
        v = v[part]
    return float(v) if isinstance(v, (int, float)) else None


def cv_mean(folds: list[dict], key: str) -> float | None:
    vals = [metric(m, key) for m in folds]
    vals = [v for v in vals if v is not None and v == v]  # skip missing and NaN
    if not vals:
        return None
    return sum(vals) if key == "dated_after_sources" else sum(vals) / len(vals)


def print_table(columns: dict[str, dict[str, float | None]]) -> None:
    names = list(columns)
    width = max(12, *(len(n) + 2 for n in names))
    print(f"{'measure':24}" + "".join(f"{n:>{width}}" for n in names))
    for label, key in ROWS:
        cells = []
        for n in names:
            v = columns[n].get(key)
            if v is None:
                cells.append(f"{'-':>{width}}")
            elif key == "dated_after_sources":
                cells.append(f"{v:>{width}.0f}")
            else:
                cells.append(f"{v:>{width}.2f}")
        print(f"{label:24}" + "".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", choices=("dev", "wide", "both"), default="dev")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate by incident (K >= 2)")
    ap.add_argument("--articles", type=Path, help="articles JSONL (overrides --set)")
    ap.add_argument("--gold", type=Path, help="gold incidents JSONL (with --articles)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    if args.folds == 1 or args.folds < 0:
        ap.error("--folds needs K >= 2")
    if bool(args.articles) != bool(args.gold):
        ap.error("--articles and --gold go together")
    if args.articles:
        sets = {"custom": (args.articles, args.gold)}
    else:
        sets = {k: v for k, v in SETS.items() if args.set in (k, "both")}
    if os.environ.get("DATABASE_URL") and (args.folds or len(sets) > 1):
        ap.error("with DATABASE_URL, score one set without --folds (one empty database)")
    if not SCORER.exists() or any(not a.exists() for a, _ in sets.values()):
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 2
    runner = Runner(keep=args.keep)
    t0 = time.perf_counter()
    try:
        if len(sets) == 1 and not args.folds:
            ((articles, gold),) = sets.values()
            print(runner.score(articles, gold, as_json=False))
        else:
            columns: dict[str, dict[str, float | None]] = {}
            for name, (articles, gold) in sets.items():
                full = runner.score(articles, gold)
                columns[name] = {key: metric(full, key) for _, key in ROWS}
                if args.folds:
                    folds = runner.folds(articles, gold, args.folds)
                    columns[f"{name} cv{args.folds}"] = {
                        key: cv_mean(folds, key) for _, key in ROWS
                    }
            print_table(columns)
            if args.folds:
                print(
                    f"\ncv{args.folds}: incidents in {args.folds} folds, each ingested alone and "
                    "scored on its own incidents; nothing is fitted on these sets, so no "
                    "parameter is selected on the other folds (mean over folds; "
                    "dated_after_sources summed)."
                )
        tm = runner.timings
        print(
            f"setup {tm['setup']:.1f}s, ingest {tm['ingest']:.1f}s, export+score "
            f"{tm['score']:.1f}s, total {time.perf_counter() - t0:.1f}s"
        )
    finally:
        runner.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
