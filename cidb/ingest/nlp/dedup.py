"""Near-duplicate detection with MinHash over word shingles and LSH buckets."""

from __future__ import annotations

import re

from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 3  # words; small enough that light edits keep most shingles
DUP_THRESHOLD = 0.6  # estimated Jaccard above which two texts are the same article
SCHEME = "affine32"  # datasketch 2.x hashing scheme; stored fingerprints depend on it


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = re.findall(r"\w+", (text or "").lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


_TEMPLATE: MinHash | None = None


def minhash(text: str) -> LeanMinHash:
    global _TEMPLATE
    if _TEMPLATE is None:  # permutations are drawn once, not per article
        _TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    m = _TEMPLATE.copy()
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))  # vectorised: same values as update() per shingle
    return LeanMinHash(m)


def fingerprint(text: str) -> list[int]:
    """MinHash signature as plain ints (JSON/DB friendly)."""
    return [int(x) for x in minhash(text).hashvalues]


def from_fingerprint(values: list[int]) -> LeanMinHash:
    import numpy as np

    return LeanMinHash(seed=7, hashvalues=np.array(values, dtype=np.uint64), scheme=SCHEME)


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two fingerprints."""
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=False)) / len(a)


class DuplicateIndex:
    """LSH index: ``check_add(key, fp)`` returns the key of an earlier near-duplicate or None."""

    def __init__(self, threshold: float = DUP_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._fps: dict[str, list[int]] = {}
        self._order: dict[str, int] = {}

    def query(self, fp: list[int]) -> str | None:
        if not fp:
            return None
        best, best_rank = None, (0.0, 0)
        for key in self._lsh.query(from_fingerprint(fp)):
            sim = similarity(fp, self._fps[key])
            # ties go to the earliest article: the LSH returns a set, whose order
            # changes from one process to the next
            rank = (sim, -self._order[key])
            if sim >= self.threshold and rank > best_rank:
                best, best_rank = key, rank
        return best

    def add(self, key: str, fp: list[int]) -> None:
        if key in self._fps or not fp:
            return
        self._fps[key] = fp
        self._order[key] = len(self._order)
        self._lsh.insert(key, from_fingerprint(fp))

    def check_add(self, key: str, fp: list[int]) -> str | None:
        dup = self.query(fp)
        self.add(key, fp)
        return dup
