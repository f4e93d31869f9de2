"""Sentence-level technique scorers and document aggregation.

Two scorers share one interface (``proba(...) -> (n_sentences, n_classes)``):
a TF-IDF + one-vs-rest logistic regression over words (the rcATT/TRAM style), and a
logistic regression over multilingual e5 embeddings. Both are stored as plain arrays
(see ``artifact.py``) so a model does not depend on pickled scikit-learn objects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

TOKEN_PATTERN = r"(?u)\b\w[\w.\-]*\w\b|\b\w\b"


def make_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    """Word 1-2 gram TF-IDF; tokens keep dots/dashes so ``cmd.exe`` or ``T1059`` survive."""
    return TfidfVectorizer(
        lowercase=True,
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
        dtype=np.float32,
        vocabulary=vocabulary,
    )


def _label_matrix(labels: Sequence[Sequence[str]], classes: Sequence[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(classes)}
    y = np.zeros((len(labels), len(classes)), dtype=bool)
    for r, labs in enumerate(labels):
        for t in labs:
            if t in index:
                y[r, index[t]] = True
    return y


def _fit_ovr(
    x, y: np.ndarray, weights: np.ndarray | None, c: float
) -> tuple[np.ndarray, np.ndarray]:
    """One binary logistic regression per class; returns (coef (k, d), intercept (k,))."""
    k = y.shape[1]
    coef = np.zeros((k, x.shape[1]), dtype=np.float32)
    icpt = np.full(k, -10.0, dtype=np.float32)
    for j in range(k):
        if not y[:, j].any():
            continue
        # Dual solver with a loose tolerance: ~20x faster than the primal defaults, and the
        # weights still correlate > 0.9999 with a tight fit (measured on this corpus).
        clf = LogisticRegression(C=c, solver="liblinear", dual=True, tol=0.05, max_iter=500)
        clf.fit(x, y[:, j], sample_weight=weights)
        coef[j] = clf.coef_[0]
        icpt[j] = clf.intercept_[0]
    return coef, icpt


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


class LexicalModel:
    """TF-IDF word n-grams + one-vs-rest logistic regression."""

    def __init__(
        self, vectorizer: TfidfVectorizer, coef, intercept: np.ndarray, classes: list[str]
    ):
        self.vectorizer = vectorizer
        self.coef = sparse.csr_matrix(coef, dtype=np.float32)  # (k, d), pruned
        self._dense: np.ndarray | None = None
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.classes = list(classes)

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        labels: Sequence[Sequence[str]],
        classes: Sequence[str],
        weights: np.ndarray | None = None,
        c: float = 8.0,
        prune: float = 0.02,
    ) -> LexicalModel:
        vec = make_vectorizer()
        x = vec.fit_transform(texts)
        coef, icpt = _fit_ovr(x, _label_matrix(labels, classes), weights, c)
        # Tiny weights barely move a score but dominate the artifact's size.
        coef[np.abs(coef) < prune] = 0.0
        return cls(vec, coef, icpt, list(classes))

    def proba(self, texts: Sequence[str], scale: np.ndarray | None = None) -> np.ndarray:
        """Scores per text and class; ``scale`` multiplies each text's TF-IDF row."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        x = self.vectorizer.transform(texts)
        if scale is not None:
            x = sparse.diags(np.asarray(scale, dtype=np.float32)) @ x
        if self._dense is None:
            # sparse @ dense is far faster than sparse @ sparse (~60 MB for 200 classes).
            self._dense = np.ascontiguousarray(self.coef.T.toarray())
        z = x @ self._dense + self.intercept
        return _sigmoid(z).astype(np.float32)


class EmbeddingModel:
    """Logistic regression (one-vs-rest) over L2-normalised e5 sentence embeddings."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, classes: list[str]):
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.classes = list(classes)

    @classmethod
    def fit(
        cls,
        vectors: np.ndarray,
        labels: Sequence[Sequence[str]],
        classes: Sequence[str],
        weights: np.ndarray | None = None,
        c: float = 0.5,
    ) -> EmbeddingModel:
        # e5 vectors sit in a narrow cone: standardise the dimensions first (folded into
        # the stored weights), and use lbfgs, since liblinear's loose tolerance that suits
        # the sparse model stops far too early on dense inputs.
        x = np.asarray(vectors, dtype=np.float64)
        mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
        z = (x - mu) / sd
        y = _label_matrix(labels, classes)
        coef = np.zeros((len(classes), x.shape[1]), dtype=np.float32)
        icpt = np.full(len(classes), -10.0, dtype=np.float32)
        for j in range(len(classes)):
            if not y[:, j].any():
                continue
            clf = LogisticRegression(C=c, max_iter=300)
            clf.fit(z, y[:, j], sample_weight=weights)
            coef[j] = clf.coef_[0] / sd
            icpt[j] = clf.intercept_[0] - float(coef[j] @ mu)
        return cls(coef, icpt, list(classes))

    def proba(self, vectors: np.ndarray) -> np.ndarray:
        if len(vectors) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return _sigmoid(vectors @ self.coef.T + self.intercept).astype(np.float32)


class KnnModel:
    """Nearest neighbours over embedded training sentences and procedure examples."""

    def __init__(self, index: np.ndarray, labels, classes: list[str], k: int = 10):
        self.index = np.asarray(index, dtype=np.float32)
        self.labels = labels if isinstance(labels, np.ndarray) else _label_matrix(labels, classes)
        self.classes = list(classes)
        self.k = k

    def proba(self, vectors: np.ndarray) -> np.ndarray:
        return knn_proba(vectors, self.index, self.labels, self.k)


def knn_proba(
    vectors: np.ndarray,
    index: np.ndarray,
    index_labels: np.ndarray,
    k: int = 10,
    temperature: float = 0.02,
) -> np.ndarray:
    """Soft k-nearest-neighbour vote: share of neighbour weight carrying each class.

    ``index_labels`` is a boolean (n_index, n_classes) matrix; unlabelled index rows
    (sentences with no technique) pull scores down, which is what calibrates them.
    """
    if len(vectors) == 0:
        return np.zeros((0, index_labels.shape[1]), dtype=np.float32)
    sims = vectors @ index.T
    top = np.argpartition(-sims, kth=min(k, sims.shape[1] - 1), axis=1)[:, :k]
    top_s = np.take_along_axis(sims, top, axis=1)
    w = np.exp((top_s - top_s.max(axis=1, keepdims=True)) / temperature)
    w /= w.sum(axis=1, keepdims=True)
    out = np.einsum("nk,nkc->nc", w, index_labels[top].astype(np.float32))
    return out.astype(np.float32)


def aggregate(sent_scores: np.ndarray, offsets: Sequence[int], how: str = "max") -> np.ndarray:
    """Document scores from sentence scores; ``offsets`` are doc boundaries (len n_docs+1)."""
    k = sent_scores.shape[1]
    out = np.zeros((len(offsets) - 1, k), dtype=np.float32)
    for d in range(len(offsets) - 1):
        s = sent_scores[offsets[d] : offsets[d + 1]]
        if len(s) == 0:
            continue
        if how == "max":
            out[d] = s.max(axis=0)
        elif how == "noisy_or2":
            # Two strong sentences beat one: 1 - (1-p1)(1-p2) over the top two.
            top = -np.sort(-s, axis=0)[:2]
            out[d] = 1.0 - np.prod(1.0 - top, axis=0)
        else:
            raise ValueError(f"unknown aggregation {how!r}")
    return out
