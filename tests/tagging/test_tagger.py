"""Behaviour of the shipped tagger model (English and cross-lingual)."""

from __future__ import annotations

import numpy as np

from cidb.tagging import Tagger, TechniqueHit
from cidb.tagging.data import AttackData, Report
from cidb.tagging.train import TrainConfig, train

RANSOM_EN = (
    "The company published its quarterly results on Monday. "
    "The ransomware encrypted files on all file servers and demanded a ransom for the decryption key."
)
RANSOM_DE = "Die Angreifer verschlüsselten mit einer Ransomware alle Dateien auf den Servern und forderten ein Lösegeld."
RANSOM_SV = "Angriparna krypterade alla filer på företagets servrar med ransomware och krävde en lösensumma."
RANSOM_DA = "Hackerne krypterede alle filer med ransomware og krævede en løsesum."


def _ids(hits: list[TechniqueHit]) -> list[str]:
    return [h.id for h in hits]


def test_ransomware_sentence_yields_t1486_with_evidence(tagger: Tagger):
    hits = {h.id: h for h in tagger.tag(RANSOM_EN)}
    assert "T1486" in hits
    hit = hits["T1486"]
    assert hit.evidence[0].startswith("The ransomware encrypted files")
    assert "quarterly results" not in " ".join(hit.evidence)
    assert hit.name == "Data Encrypted for Impact"


def test_danish_ransomware_yields_t1486(tagger: Tagger):
    assert "T1486" in _ids(tagger.tag(RANSOM_DA))


def test_german_ransomware_suggests_t1486_first(tagger: Tagger):
    # Cross-lingual scores are weaker than English ones: T1486 is the top suggestion.
    hits = tagger.tag(RANSOM_DE, min_score=0.2)
    assert hits and hits[0].id == "T1486"
    assert hits[0].evidence == [RANSOM_DE]


def test_swedish_ransomware_yields_t1486(tagger: Tagger):
    assert "T1486" in _ids(tagger.tag(RANSOM_SV))


def test_english_techniques_from_threat_report_sentences(tagger: Tagger):
    text = (
        "The attachment contained a malicious macro that ran when the victim opened the Word document.\n"
        "The malware used Mimikatz to dump credentials from LSASS memory.\n"
        "It creates a scheduled task with schtasks.exe to run every hour."
    )
    ids = set(_ids(tagger.tag(text)))
    assert {"T1003.001", "T1053.005"} <= ids


def test_empty_and_irrelevant_text_yield_nothing(tagger: Tagger):
    assert tagger.tag("") == []
    assert tagger.tag("   \n ") == []
    assert tagger.tag("The weather in Stockholm was sunny and the football team won 2-0.") == []


def test_scores_in_unit_interval_and_sorted(tagger: Tagger):
    hits = tagger.tag(
        RANSOM_EN + "\nThe actor used PowerShell to download a second stage.", min_score=0.0
    )
    assert hits
    scores = [h.score for h in hits]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert all(h.evidence for h in hits)


def test_min_score_filters(tagger: Tagger):
    strict = tagger.tag(RANSOM_EN, min_score=0.5)
    loose = tagger.tag(RANSOM_EN, min_score=0.1)
    assert set(_ids(strict)) <= set(_ids(loose))
    assert all(h.score >= 0.5 for h in strict)


def test_deterministic_and_tag_many_matches_tag(tagger: Tagger):
    texts = [RANSOM_EN, "", RANSOM_SV]
    first = tagger.tag_many(texts)
    again = tagger.tag_many(texts)
    assert first == again
    assert first == [tagger.tag(t) for t in texts]
    assert first[1] == []


def test_train_save_load_roundtrip(tmp_path):
    """A tiny lexical model trains, saves to plain arrays and reloads identically."""
    reports = []
    for i in range(10):
        reports.append(
            Report(
                f"r{i}",
                [
                    f"Report {i} introduction about the campaign.",
                    "The ransomware encrypted the files and demanded payment.",
                    "The actor used PowerShell scripts to run commands."
                    if i % 2
                    else "Nothing notable here.",
                ],
                [[], ["T1486"], ["T1059.001"] if i % 2 else []],
            )
        )
    attack = AttackData({"T1486": "Data Encrypted for Impact"}, {}, [], "test")
    cfg = TrainConfig(method="lexical", use_attack=False, folds=2, crosslingual=False)
    model = train(reports, attack, cfg, log=lambda s: None)
    model.save(tmp_path)
    loaded = Tagger.load(tmp_path)
    text = "Files were encrypted by ransomware.\nPowerShell scripts ran commands."
    a = model.sentence_scores(["Files were encrypted by ransomware."])
    b = loaded.sentence_scores(["Files were encrypted by ransomware."])
    assert np.allclose(a, b, atol=1e-2)
    assert _ids(loaded.tag(text)) == _ids(model.tag(text))
    assert "T1486" in _ids(loaded.tag(text))
