"""Training recipe for the technique tagger.

Data: TRAM2 train-split sentences (labelled, and unlabelled ones as negatives) plus
ATT&CK procedure examples and technique names/descriptions. Decision thresholds are
tuned per technique on out-of-fold document scores (folds grouped by report), so no
report ever scores itself. Everything is seeded; the same inputs give the same model.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from .data import AttackData, Report
from .options import DEFAULT_METHOD, METHODS
from .sentence_models import EmbeddingModel, KnnModel, LexicalModel, aggregate
from .tagger import Tagger
from .thresholds import f1_scores, tune_global, tune_per_class


@dataclass
class TrainConfig:
    """Hyper-parameters of the recipe (defaults are the shipped model's)."""

    method: str = DEFAULT_METHOD
    use_attack: bool = True  # add ATT&CK procedure examples and descriptions
    per_class: bool = True  # per-technique thresholds (else one global threshold)
    extra_classes: bool = True  # also learn ATT&CK techniques absent from TRAM2
    extra_min_examples: int = 15
    folds: int = 5
    lex_c: float = 8.0
    emb_c: float = 0.5
    attack_weight: float = 0.5
    lex_weight: float = 0.5
    agg: str = "max"
    seed: int = 0
    # Lexical methods add an embedding model for non-English text (cross-lingual path).
    crosslingual: bool = True
    # Its document threshold: fixed, as TRAM2 has no non-English text to tune it on.
    xl_threshold: float = 0.5


@dataclass
class Corpus:
    texts: list[str]
    labels: list[list[str]]
    groups: np.ndarray  # report index, -1 for ATT&CK rows (always in training)
    weights: np.ndarray
    offsets: list[int] = field(default_factory=list)  # report boundaries in rows


def build_corpus(reports: Sequence[Report], attack: AttackData | None, cfg: TrainConfig) -> Corpus:
    texts: list[str] = []
    labels: list[list[str]] = []
    groups: list[int] = []
    weights: list[float] = []
    offsets = [0]
    for i, r in enumerate(reports):
        texts += r.sentences
        labels += [list(x) for x in r.labels]
        groups += [i] * len(r.sentences)
        weights += [1.0] * len(r.sentences)
        offsets.append(len(texts))
    if attack is not None and cfg.use_attack:
        extra = [(p, t) for p, t in attack.procedures]
        extra += [(n, t) for t, n in attack.names.items() if n]
        extra += [(d, t) for t, d in attack.descriptions.items() if d]
        for text, tid in extra:
            texts.append(text)
            labels.append([tid])
            groups.append(-1)
            weights.append(cfg.attack_weight)
    return Corpus(texts, labels, np.array(groups), np.array(weights, dtype=np.float64), offsets)


def choose_classes(
    reports: Sequence[Report], attack: AttackData | None, cfg: TrainConfig
) -> list[str]:
    classes = {t for r in reports for t in r.techniques}
    if attack is not None and cfg.use_attack and cfg.extra_classes:
        counts = Counter(t for _, t in attack.procedures)
        classes |= {t for t, n in counts.items() if n >= cfg.extra_min_examples}
    return sorted(classes)


def report_folds(n_reports: int, folds: int, seed: int) -> np.ndarray:
    """Fold number per report (a seeded shuffle, so folds are grouped by report)."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(n_reports)
    fold = np.empty(n_reports, dtype=int)
    fold[order] = np.arange(n_reports) % folds
    return fold


def _gold_matrix(reports: Sequence[Report], classes: Sequence[str]) -> np.ndarray:
    idx = {c: j for j, c in enumerate(classes)}
    gold = np.zeros((len(reports), len(classes)), dtype=bool)
    for i, r in enumerate(reports):
        for t in r.techniques:
            if t in idx:
                gold[i, idx[t]] = True
    return gold


class _Components:
    """Fits and caches the sentence scorers (lexical, embedding) per training subset."""

    def __init__(
        self, corpus: Corpus, classes: list[str], cfg: TrainConfig, vectors, memo: dict | None
    ):
        self.corpus, self.classes, self.cfg, self.vectors = corpus, classes, cfg, vectors
        self.memo = memo if memo is not None else {}

    def _key(self, kind: str, rows: np.ndarray) -> str:
        h = hashlib.sha1(rows.tobytes()).hexdigest()[:12]
        c = self.cfg
        params = (
            c.use_attack,
            c.attack_weight,
            c.lex_c if kind == "lex" else c.emb_c,
            tuple(self.classes),
        )
        return f"{kind}:{h}:{hashlib.sha1(repr(params).encode()).hexdigest()[:12]}"

    def lexical(self, rows: np.ndarray) -> LexicalModel:
        key = self._key("lex", rows)
        if key not in self.memo:
            c = self.corpus
            self.memo[key] = LexicalModel.fit(
                [c.texts[i] for i in rows],
                [c.labels[i] for i in rows],
                self.classes,
                c.weights[rows],
                self.cfg.lex_c,
            )
        return self.memo[key]

    def _embedded(self, rows: np.ndarray) -> np.ndarray:
        # Zero vectors mark rows a partial cache could not provide: leave them out.
        return rows[np.abs(self.vectors[rows]).sum(axis=1) > 0]

    def knn(self, rows: np.ndarray) -> KnnModel:
        rows = self._embedded(rows)
        c = self.corpus
        return KnnModel(self.vectors[rows], [c.labels[i] for i in rows], self.classes)

    def embedding(self, rows: np.ndarray) -> EmbeddingModel:
        rows = self._embedded(rows)
        key = self._key("emb", rows)
        if key not in self.memo:
            c = self.corpus
            self.memo[key] = EmbeddingModel.fit(
                self.vectors[rows],
                [c.labels[i] for i in rows],
                self.classes,
                c.weights[rows],
                self.cfg.emb_c,
            )
        return self.memo[key]


def _score(method: str, lex, emb, texts, vecs, w: float) -> np.ndarray:
    if method in ("baseline", "lexical"):
        return lex.proba(texts)
    if method in ("e5-lr", "e5-knn"):
        return emb.proba(vecs)
    return w * lex.proba(texts) + (1 - w) * emb.proba(vecs)


def oof_document_scores(
    reports: Sequence[Report],
    corpus: Corpus,
    comps: _Components,
    method: str,
    cfg: TrainConfig,
    log: Callable[[str], None] = print,
) -> np.ndarray:
    """Out-of-fold document scores (n_reports, n_classes) for one method."""
    fold = report_folds(len(reports), cfg.folds, cfg.seed)
    sent_scores = np.zeros((corpus.offsets[-1], len(comps.classes)), dtype=np.float32)
    uses_lex = method in ("baseline", "lexical", "lexical+e5")
    uses_emb = method in ("e5-knn", "e5-lr", "lexical+e5")
    for f in range(cfg.folds):
        t0 = time.time()
        held = np.flatnonzero(fold == f)
        row_fold = np.where(corpus.groups >= 0, fold[np.maximum(corpus.groups, 0)], -1)
        train_rows = np.flatnonzero(row_fold != f)
        test_rows = np.concatenate(
            [np.arange(corpus.offsets[i], corpus.offsets[i + 1]) for i in held]
        )
        lex = comps.lexical(train_rows) if uses_lex else None
        emb = (
            (comps.knn if method == "e5-knn" else comps.embedding)(train_rows) if uses_emb else None
        )
        texts = [corpus.texts[i] for i in test_rows]
        vecs = comps.vectors[test_rows] if uses_emb else None
        sent_scores[test_rows] = _score(method, lex, emb, texts, vecs, cfg.lex_weight)
        log(f"  {method} fold {f + 1}/{cfg.folds}: {time.time() - t0:.0f}s")
    return aggregate(sent_scores, corpus.offsets, cfg.agg)


def train(
    reports: Sequence[Report],
    attack: AttackData | None,
    cfg: TrainConfig | None = None,
    embed_fn: Callable[[list[str]], np.ndarray] | None = None,
    memo: dict | None = None,
    log: Callable[[str], None] = print,
) -> Tagger:
    """Fit a tagger on ``reports`` (+ ATT&CK) with thresholds from grouped CV."""
    cfg = cfg or TrainConfig()
    if cfg.method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    if cfg.method == "baseline":
        # rcATT/TRAM style: TRAM sentences only, one global threshold.
        cfg = TrainConfig(
            **{**asdict(cfg), "use_attack": False, "per_class": False, "crosslingual": False}
        )
    classes = choose_classes(reports, attack, cfg)
    corpus = build_corpus(reports, attack, cfg)
    uses_emb = cfg.method in ("e5-knn", "e5-lr", "lexical+e5")
    vectors = None
    if uses_emb:
        if embed_fn is None:
            from .embed import embed as embed_fn
        t0 = time.time()
        vectors = embed_fn(corpus.texts)
        log(f"embedded {len(corpus.texts)} texts in {time.time() - t0:.0f}s")
    # Thresholds are tuned out-of-fold on the TRAM2 techniques only (the others have no
    # labelled reports to tune on, and skipping them keeps training to minutes).
    tram_classes = sorted({t for r in reports for t in r.techniques})
    comps = _Components(corpus, tram_classes, cfg, vectors, memo)
    gold = _gold_matrix(reports, tram_classes)
    log(
        f"{cfg.method}: {len(classes)} classes ({len(tram_classes)} in TRAM2), {len(corpus.texts)} rows"
    )
    pos = {c: j for j, c in enumerate(classes)}
    tram_idx = np.array([pos[c] for c in tram_classes], dtype=int)

    oof: dict[str, np.ndarray] = {}

    def thresholds(method: str) -> tuple[np.ndarray, dict]:
        scores = oof_document_scores(reports, corpus, comps, method, cfg, log)
        oof.setdefault("oof_scores", scores)
        g = tune_global(scores, gold)
        tuned = tune_per_class(scores, gold, g) if cfg.per_class else np.full(len(tram_classes), g)
        th = np.full(len(classes), g, dtype=np.float32)  # techniques outside TRAM2 keep g
        th[tram_idx] = tuned
        return th, {"global_threshold": g, "oof": f1_scores(scores >= tuned, gold)}

    th, info = thresholds(cfg.method)
    log(f"  OOF document F1 on training reports: {info['oof']}")
    xl_th = None
    if cfg.method == "lexical+e5":
        # Non-English text is scored by the embedding model alone: tune its thresholds too.
        xl_th, _ = thresholds("e5-lr")
    comps = _Components(corpus, classes, cfg, vectors, memo)
    if cfg.crosslingual and not uses_emb:
        xl_th = np.full(len(classes), cfg.xl_threshold, dtype=np.float32)
        if embed_fn is None:
            from .embed import embed as embed_fn
        t0 = time.time()
        comps.vectors = np.asarray(embed_fn(corpus.texts), dtype=np.float32)
        log(
            f"embedded {len(corpus.texts)} texts for the cross-lingual model in {time.time() - t0:.0f}s"
        )
    all_rows = np.arange(len(corpus.texts))
    lex = comps.lexical(all_rows) if cfg.method in ("baseline", "lexical", "lexical+e5") else None
    emb = None
    if uses_emb:
        emb = (comps.knn if cfg.method == "e5-knn" else comps.embedding)(all_rows)
    elif xl_th is not None:
        have = comps._embedded(all_rows)
        log(f"cross-lingual model on {len(have)}/{len(all_rows)} embedded rows")
        emb = comps.embedding(have)
    names = dict(attack.names) if attack is not None else {}
    meta = {
        "config": asdict(cfg),
        "trained_on": {
            "tram2_reports": len(reports),
            "attack": attack.source if attack is not None and cfg.use_attack else None,
        },
        **info,
    }
    tagger = Tagger(classes, names, cfg.method, th, lex, emb, xl_th, cfg.lex_weight, cfg.agg, meta)
    # Kept with the model so thresholds can be re-tuned without retraining.
    tagger.extra_arrays = {**oof, "oof_gold": gold, "oof_class_index": tram_idx}
    return tagger
