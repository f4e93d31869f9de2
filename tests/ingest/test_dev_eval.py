"""Dev-set regression check (needs the shared data; skipped without it)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SHARED = ROOT.parent / "shared"

# Scores reached on the full dev set (docs/ingestion.md) minus a small margin.
FLOORS = {
    "bcubed": 0.92,
    "relevance": 0.95,
    "victim_acc": 0.92,
    "country_acc": 0.95,
    "month_acc": 0.86,
    "attack_types_f1": 0.81,
    "cia_f1": 0.84,
}


@pytest.mark.skipif(
    not (SHARED / "data" / "news" / "dev_articles.jsonl").exists(),
    reason=f"shared dev data not found at {SHARED} (the dev-set eval needs /work/shared)",
)
def test_dev_set_scores_do_not_regress():
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "ingest" / "eval_dev.py"),
            "--split",
            "all",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    ).stdout
    m = json.loads(out[: out.rindex("}") + 1])
    got = {
        "bcubed": m["bcubed"]["f1"],
        "relevance": m["relevance"]["f1"],
        "victim_acc": m["victim_acc"],
        "country_acc": m["country_acc"],
        "month_acc": m["month_acc"],
        "attack_types_f1": m["attack_types_f1"],
        "cia_f1": m["cia_f1"],
    }
    low = {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"dev-set scores regressed: {low} (floors {FLOORS})"
