"""Document-level decision thresholds and F1 metrics (micro/macro like score_techniques.py)."""

from __future__ import annotations

import numpy as np

GRID = np.round(np.concatenate([np.arange(0.02, 0.2, 0.01), np.arange(0.2, 0.96, 0.025)]), 3)


def f1_scores(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """Micro P/R/F1 and macro F1 over the classes that occur in ``gold`` (bool arrays)."""
    tp = float((pred & gold).sum())
    fp = float((pred & ~gold).sum())
    fn = float((~pred & gold).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    micro = 2 * p * r / (p + r) if p + r else 0.0
    present = gold.any(axis=0)
    ctp = (pred & gold).sum(axis=0)
    cfp = (pred & ~gold).sum(axis=0)
    cfn = (~pred & gold).sum(axis=0)
    denom = 2 * ctp + cfp + cfn
    cf1 = np.divide(2 * ctp, denom, out=np.zeros(len(ctp)), where=denom > 0)
    macro = float(cf1[present].mean()) if present.any() else 0.0
    return {"precision": p, "recall": r, "micro_f1": micro, "macro_f1": macro}


def tune_global(scores: np.ndarray, gold: np.ndarray) -> float:
    """The single threshold maximising micro-F1."""
    best = max(GRID, key=lambda t: (f1_scores(scores >= t, gold)["micro_f1"], -t))
    return float(best)


def tune_per_class(
    scores: np.ndarray,
    gold: np.ndarray,
    start: float,
    min_positives: int = 3,
    passes: int = 2,
    max_step: float = 0.5,
) -> np.ndarray:
    """Per-class thresholds by coordinate ascent on micro-F1 from a global start.

    Classes with fewer than ``min_positives`` positive documents keep the global value
    (too little evidence to move it), and a move is limited to ``max_step`` so a class
    cannot jump to "always" or "never" on a handful of documents.
    """
    k = scores.shape[1]
    th = np.full(k, start, dtype=np.float32)
    pos = gold.sum(axis=0)
    pred = scores >= th
    tp, fp, fn = (pred & gold).sum(), (pred & ~gold).sum(), (~pred & gold).sum()
    for _ in range(passes):
        for j in np.argsort(-pos):
            if pos[j] < min_positives:
                continue
            cur = pred[:, j]
            base_tp = tp - (cur & gold[:, j]).sum()
            base_fp = fp - (cur & ~gold[:, j]).sum()
            base_fn = fn - (~cur & gold[:, j]).sum()
            best_t, best_f = th[j], -1.0
            for t in GRID:
                if abs(t - start) > max_step:
                    continue
                p = scores[:, j] >= t
                a = base_tp + (p & gold[:, j]).sum()
                b = base_fp + (p & ~gold[:, j]).sum()
                c = base_fn + (~p & gold[:, j]).sum()
                f = 2 * a / (2 * a + b + c) if a else 0.0
                # Prefer the threshold nearest the global one among ties (less overfit).
                if f > best_f + 1e-9 or (
                    abs(f - best_f) <= 1e-9 and abs(t - start) < abs(best_t - start)
                ):
                    best_t, best_f = t, f
            th[j] = best_t
            pred[:, j] = scores[:, j] >= best_t
            tp, fp, fn = (pred & gold).sum(), (pred & ~gold).sum(), (~pred & gold).sum()
    return th
