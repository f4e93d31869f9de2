import numpy as np

from cidb.tagging.sentence_models import aggregate
from cidb.tagging.thresholds import f1_scores, tune_global, tune_per_class


def test_f1_scores_micro_and_macro():
    gold = np.array([[1, 0], [1, 1]], dtype=bool)
    pred = np.array([[1, 1], [0, 1]], dtype=bool)
    s = f1_scores(pred, gold)
    # tp=2, fp=1, fn=1 -> P=R=F1=2/3; class F1s: 2/3 and 2/3
    assert abs(s["micro_f1"] - 2 / 3) < 1e-9
    assert abs(s["macro_f1"] - 2 / 3) < 1e-9


def test_thresholds_separate_classes():
    rng = np.random.default_rng(0)
    gold = rng.random((60, 3)) < 0.4
    # Class 0 positives score ~0.8, class 1 positives ~0.3: needs different thresholds.
    scores = np.where(gold, [0.8, 0.3, 0.6], [0.5, 0.1, 0.2]).astype(np.float32)
    g = tune_global(scores, gold)
    th = tune_per_class(scores, gold, g)
    assert f1_scores(scores >= th, gold)["micro_f1"] == 1.0
    assert 0.5 < th[0] <= 0.8 and 0.1 < th[1] <= 0.3


def test_aggregate_max_over_document_sentences():
    s = np.array([[0.1, 0.9], [0.7, 0.2], [0.3, 0.3]], dtype=np.float32)
    out = aggregate(s, [0, 2, 3, 3])
    assert out.tolist() == [
        [np.float32(0.7), np.float32(0.9)],
        [np.float32(0.3), np.float32(0.3)],
        [0.0, 0.0],
    ]
