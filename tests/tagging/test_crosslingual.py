"""Non-English text: hand-written sentence pairs tagged like their English references.

Each fixture row (tests/tagging/data/crosslingual_sentences.jsonl) is a sentence in one
of ten languages, its English reference and the techniques an analyst would tag. These
are tests, not tuning data: the glossary holds general vocabulary of the domain.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cidb.tagging import Tagger
from cidb.tagging.tagger import _rescale

FIXTURE = Path(__file__).parent / "data" / "crosslingual_sentences.jsonl"
ROWS = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]
# Gaps the glossary does not close (word-by-word glossing has no grammar).
KNOWN_GAPS = {
    "Die Hacker nutzten eine Schwachstelle im Webserver aus.": (
        "German separable verb 'nutzten ... aus' (exploited) is glossed as 'used'"
    ),
}


def _ids(tagger: Tagger, text: str) -> set[str]:
    return {h.id for h in tagger.tag(text)}


def test_fixture_covers_ten_languages():
    langs = {r["lang"] for r in ROWS}
    assert {"sv", "de", "da", "no", "nl", "fr", "es", "it", "fi", "pl"} <= langs
    assert all(sum(r["lang"] == lang for r in ROWS) >= 10 for lang in ("sv", "de", "da"))


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['lang']}-{i}" for i, r in enumerate(ROWS)])
def test_sentence_tagged_like_its_english_reference(tagger: Tagger, row: dict, request):
    if row["text"] in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[row["text"]], strict=True))
    assert tagger.language(row["text"]) is not None, "routed to the English path"
    gold = set(row["techniques"])
    found_in_english = gold & _ids(tagger, row["english"])
    found = _ids(tagger, row["text"])
    assert found_in_english <= found
    if not gold:
        assert not found


def test_evidence_stays_in_the_original_language(tagger: Tagger):
    text = (
        "Kommunen höll presskonferens på tisdagen.\n"
        "Angriparna krypterade filerna på servrarna och krävde en lösensumma."
    )
    hit = {h.id: h for h in tagger.tag(text)}["T1486"]
    assert hit.evidence == ["Angriparna krypterade filerna på servrarna och krävde en lösensumma."]


def test_modes_route_non_english_text(tagger: Tagger):
    text = "Angriparna krypterade filerna på servrarna och krävde en lösensumma."
    sentences = [text]
    glossary, _ = tagger.foreign_scores(sentences, "sv", "glossary")
    raw, _ = tagger.foreign_scores(sentences, "sv", "none")
    j = tagger.classes.index("T1486")
    assert glossary[0, j] > raw[0, j]
    plain = Tagger.load(crosslingual="none")
    assert plain.language(text) is None
    assert "T1486" not in {h.id for h in plain.tag(text)}
    with pytest.raises(ValueError, match="crosslingual"):
        Tagger.load(crosslingual="babelfish")


def test_thorough_path_keeps_every_glossary_hit(tagger: Tagger):
    # glossary+e5 takes, per sentence, the higher of the two rescaled scores.
    text = (
        "Angriparna krypterade filerna på servrarna och krävde en lösensumma.\n"
        "Kommunens möte sköts upp."
    )
    sentences = text.splitlines()
    fast, th = tagger.foreign_scores(sentences, "sv", "glossary")
    thorough, th5 = tagger.foreign_scores(sentences, "sv", "glossary+e5")
    assert np.all(th5 == 0.5)
    assert np.all(thorough >= _rescale(fast, th) - 1e-6)
    hits = {h.id for h in Tagger.load(crosslingual="glossary+e5").tag(text)}
    assert {h.id for h in tagger.tag(text)} <= hits
