"""The ATT&CK technique tagger: text in, technique IDs with scores and evidence out."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from .glossary import Gloss, gloss, guess_language
from .options import CROSSLINGUAL_MODES
from .sentence_models import EmbeddingModel, KnnModel, LexicalModel, aggregate, make_vectorizer
from .text import function_word_counts, is_english, split_sentences

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models"
FORMAT_VERSION = 1
# How non-English text is scored (CROSSLINGUAL_MODES; docs/tagging.md, "Other languages"):
# "glossary": glossed into English domain words, then the English lexical model (fast);
# "glossary+e5": also e5 on the sentences that contain a glossary term (thorough, slow);
# "e5": e5 on every sentence (the first cross-lingual path; slowest, weakest);
# "none": the English model on the raw text (what the rcATT-style baseline does).


@dataclass
class TechniqueHit:
    """One technique found in a text.

    ``score`` is in [0, 1] and rescaled per technique so that its tuned decision
    threshold maps to 0.5: hits at or above 0.5 are the tagger's predictions; lower ones
    (returned only with ``min_score`` < 0.5) are suggestions. ``evidence`` lists the
    sentences that support it, strongest first.
    """

    id: str
    score: float
    evidence: list[str] = field(default_factory=list)
    name: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _rescale(score: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Piecewise-linear map sending 0 -> 0, threshold -> 0.5, 1 -> 1."""
    t = np.clip(threshold, 1e-6, 1 - 1e-6)
    low = 0.5 * score / t
    high = 0.5 + 0.5 * (score - t) / (1 - t)
    return np.clip(np.where(score < t, low, high), 0.0, 1.0)


class Tagger:
    """Scores sentences per technique and aggregates them to the document.

    English documents use ``method`` (lexical, embedding, or both averaged); other
    languages go through ``crosslingual`` (one of ``CROSSLINGUAL_MODES``).
    """

    def __init__(
        self,
        classes: list[str],
        names: dict[str, str],
        method: str,
        thresholds: np.ndarray,
        lexical: LexicalModel | None = None,
        embedding: EmbeddingModel | KnnModel | None = None,
        xl_thresholds: np.ndarray | None = None,
        lex_weight: float = 0.5,
        agg: str = "max",
        meta: dict | None = None,
        crosslingual: str = "glossary",
    ) -> None:
        if crosslingual not in CROSSLINGUAL_MODES:
            raise ValueError(f"crosslingual must be one of {CROSSLINGUAL_MODES}")
        self.crosslingual = crosslingual
        self.classes = list(classes)
        self.names = dict(names)
        self.method = method
        self.thresholds = np.asarray(thresholds, dtype=np.float32)
        self.lexical = lexical
        self.embedding = embedding
        self.xl_thresholds = (
            None if xl_thresholds is None else np.asarray(xl_thresholds, np.float32)
        )
        self.lex_weight = float(lex_weight)
        self.agg = agg
        self.meta = dict(meta or {})
        self.extra_arrays: dict[str, np.ndarray] = {}

    # -- scoring -----------------------------------------------------------------------

    @property
    def uses_embeddings(self) -> bool:
        return self.method in ("e5-knn", "e5-lr", "lexical+e5")

    def sentence_scores(
        self, sentences: Sequence[str], english: bool = True, vectors: np.ndarray | None = None
    ) -> np.ndarray:
        """Per-sentence technique scores (n_sentences, n_classes) in [0, 1]."""
        if not english and self.embedding is not None:
            return self.embedding.proba(self._embed(sentences, vectors))
        if self.method in ("baseline", "lexical") or self.embedding is None:
            return self.lexical.proba(sentences)
        emb = self.embedding.proba(self._embed(sentences, vectors))
        if self.method in ("e5-lr", "e5-knn") or self.lexical is None:
            return emb
        w = self.lex_weight
        return w * self.lexical.proba(sentences) + (1 - w) * emb

    @staticmethod
    def _embed(sentences: Sequence[str], vectors: np.ndarray | None) -> np.ndarray:
        if vectors is not None:
            return vectors
        from .embed import embed

        return embed(list(sentences))

    def _keep_word(self, word: str) -> bool:
        return word in self.lexical.vectorizer.vocabulary_

    def gloss(self, sentences: Sequence[str], lang: str | None) -> list[Gloss]:
        """English glosses of non-English sentences (see ``glossary.gloss``)."""
        return [gloss(s, lang, self._keep_word) for s in sentences]

    def gloss_scores(
        self, sentences: Sequence[str], lang: str | None
    ) -> tuple[np.ndarray, list[int]]:
        """Lexical scores of the glosses and the number of glossary terms per sentence.

        A gloss holds only domain words, so its TF-IDF row (unit length) would weigh them
        as if the sentence had nothing else: each row is scaled by sqrt(k / (k + other)),
        as if the ``other`` left-out words had the weight of an average kept one.
        """
        gl = self.gloss(sentences, lang)
        k = np.array([len(g.text.split()) for g in gl], dtype=np.float32)
        other = np.array([g.other for g in gl], dtype=np.float32)
        scale = np.sqrt(k / np.maximum(k + other, 1.0))
        return self.lexical.proba([g.text for g in gl], scale), [g.terms for g in gl]

    def foreign_scores(
        self, sentences: Sequence[str], lang: str | None, mode: str | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(sentence scores, decision thresholds) for non-English sentences."""
        mode = mode or self.crosslingual
        if mode == "none" or self.lexical is None:
            mode = "e5" if self.lexical is None else "none"
        if mode in ("e5", "glossary+e5") and (self.embedding is None or self.xl_thresholds is None):
            mode = "glossary"
        if mode == "none":
            return self.sentence_scores(sentences), self.thresholds
        if mode == "e5":
            return self.embedding.proba(self._embed(sentences, None)), self.xl_thresholds
        scores, terms = self.gloss_scores(sentences, lang)
        if mode == "glossary":
            return scores, self.thresholds
        # Thorough: e5 also scores the sentences that mention a domain term; the two
        # paths are put on one scale (threshold -> 0.5) and the higher score wins.
        scores = _rescale(scores, self.thresholds)
        picked = [i for i, n in enumerate(terms) if n]
        if picked:
            emb = self.embedding.proba(self._embed([sentences[i] for i in picked], None))
            scores[picked] = np.maximum(scores[picked], _rescale(emb, self.xl_thresholds))
        return scores, np.full(len(self.classes), 0.5, dtype=np.float32)

    def language(self, text: str) -> str | None:
        """None for English text (or when cross-lingual scoring is off), else a code
        from ``glossary.LANGUAGES`` or "xx" (not English, language unknown).

        Text without a sign of another language (IOC lists, code, tables) stays English.
        """
        known = self._keep_word if self.lexical is not None else None
        if self.crosslingual == "none" or is_english(text, known):
            return None
        lang = guess_language(text)
        if lang is None:
            en, other, _ = function_word_counts(text)
            return "xx" if other > en else None
        return lang

    def tag(self, text: str, min_score: float = 0.5, max_evidence: int = 3) -> list[TechniqueHit]:
        """Techniques in ``text`` with scores and evidence sentences, best first."""
        return self.tag_many([text], min_score=min_score, max_evidence=max_evidence)[0]

    def tag_many(
        self,
        texts: Sequence[str],
        min_score: float = 0.5,
        max_evidence: int = 3,
        progress: Callable[[int], None] | None = None,
    ) -> list[list[TechniqueHit]]:
        """Tag several texts; ``progress(n)`` is called after each text."""
        results = []
        for text in texts:
            sentences = split_sentences(text or "")
            if not sentences:
                results.append([])
            else:
                lang = self.language(text)
                if lang is None:
                    scores, th = self.sentence_scores(sentences), self.thresholds
                else:
                    scores, th = self.foreign_scores(sentences, lang)
                results.append(self._hits(sentences, scores, th, min_score, max_evidence))
            if progress:
                progress(1)
        return results

    def _hits(
        self,
        sentences: Sequence[str],
        scores: np.ndarray,
        th: np.ndarray,
        min_score: float,
        max_evidence: int,
    ) -> list[TechniqueHit]:
        doc = aggregate(scores, [0, len(sentences)], self.agg)[0]
        rescaled = _rescale(doc, th)
        hits = []
        for j in np.flatnonzero(rescaled >= min_score):
            col = scores[:, j]
            order = np.argsort(-col, kind="stable")[:max_evidence]
            # Evidence: the top sentence always, others only if they clear the threshold.
            ev = [sentences[i] for n, i in enumerate(order) if n == 0 or col[i] >= th[j]]
            tid = self.classes[j]
            hits.append(
                TechniqueHit(tid, round(float(rescaled[j]), 4), ev, self.names.get(tid, ""))
            )
        hits.sort(key=lambda h: (-h.score, h.id))
        return hits

    # -- persistence -------------------------------------------------------------------

    def save(self, directory: str | os.PathLike) -> None:
        """Write ``tagger.npz`` + ``tagger.json`` (plain arrays, no pickles)."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {**self.extra_arrays, "thresholds": self.thresholds}
        meta = {
            "format": FORMAT_VERSION,
            "classes": self.classes,
            "names": self.names,
            "method": self.method,
            "lex_weight": self.lex_weight,
            "agg": self.agg,
            "meta": self.meta,
        }
        if self.xl_thresholds is not None:
            arrays["xl_thresholds"] = self.xl_thresholds
        if self.lexical is not None:
            vec = self.lexical.vectorizer
            vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
            meta["lex_vocabulary"] = vocab
            arrays["lex_idf"] = vec.idf_.astype(np.float32)
            coef = self.lexical.coef.tocsr()
            arrays["lex_coef_data"] = coef.data.astype(np.float16)
            arrays["lex_coef_indices"] = coef.indices.astype(np.int32)
            arrays["lex_coef_indptr"] = coef.indptr.astype(np.int64)
            arrays["lex_coef_shape"] = np.array(coef.shape, dtype=np.int64)
            arrays["lex_intercept"] = self.lexical.intercept
        if isinstance(self.embedding, KnnModel):
            arrays["knn_index"] = self.embedding.index.astype(np.float16)
            arrays["knn_labels"] = self.embedding.labels
        elif self.embedding is not None:
            arrays["emb_coef"] = self.embedding.coef.astype(np.float16)
            arrays["emb_intercept"] = self.embedding.intercept
        np.savez_compressed(d / "tagger.npz", **arrays)
        (d / "tagger.json").write_text(
            json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(
        cls, directory: str | os.PathLike | None = None, crosslingual: str = "glossary"
    ) -> Tagger:
        """Load a saved model (default: the artifact shipped inside this package)."""
        d = Path(directory) if directory else DEFAULT_MODEL_DIR
        if not (d / "tagger.json").is_file():
            raise FileNotFoundError(f"no tagger model in {d}; run `cidb train-tagger`")
        meta = json.loads((d / "tagger.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"tagger model format {meta.get('format')} != {FORMAT_VERSION}")
        with np.load(d / "tagger.npz") as z:
            arrays = {k: z[k] for k in z.files}
        classes = meta["classes"]
        lexical = embedding = None
        if "lex_idf" in arrays:
            vocab = {t: i for i, t in enumerate(meta["lex_vocabulary"])}
            vec = make_vectorizer(vocabulary=vocab)
            vec.fit(["x"])  # sets up the fixed vocabulary; idf comes from the model
            vec.idf_ = arrays["lex_idf"]
            coef = sparse.csr_matrix(
                (
                    arrays["lex_coef_data"].astype(np.float32),
                    arrays["lex_coef_indices"],
                    arrays["lex_coef_indptr"],
                ),
                shape=tuple(arrays["lex_coef_shape"]),
            )
            lexical = LexicalModel(vec, coef, arrays["lex_intercept"], classes)
        if "knn_index" in arrays:
            embedding = KnnModel(
                arrays["knn_index"].astype(np.float32), arrays["knn_labels"], classes
            )
        if "emb_coef" in arrays:
            embedding = EmbeddingModel(
                arrays["emb_coef"].astype(np.float32), arrays["emb_intercept"], classes
            )
        tagger = cls(
            classes,
            meta.get("names", {}),
            meta["method"],
            arrays["thresholds"],
            lexical=lexical,
            embedding=embedding,
            xl_thresholds=arrays.get("xl_thresholds"),
            lex_weight=meta.get("lex_weight", 0.5),
            agg=meta.get("agg", "max"),
            meta=meta.get("meta", {}),
            crosslingual=crosslingual,
        )
        tagger.extra_arrays = {k: v for k, v in arrays.items() if k.startswith("oof_")}
        return tagger
