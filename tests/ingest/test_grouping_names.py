"""Grouping by names across languages and time: one organisation's English and own-language
names match, kinds of body are compared across languages, a follow-up months later joins
its incident, a new attack on the same victim months later and a same-day wave on other
victims stay apart. Organisations and sentences are invented."""

from __future__ import annotations

import pytest

from cidb.ingest.nlp import run_pipeline
from cidb.ingest.nlp.embed import HashEmbedder
from cidb.ingest.nlp.grouping import follow_up, name_match, new_attack


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Regione Valdoro", "Valdoro region"),
        ("Comune di Valdoro", "City of Valdoro"),
        ("Ayuntamiento de Robledal", "Robledal City Council"),
        ("Stad Westerlo", "City of Westerlo"),
        ("Universität Lindenau", "University of Lindenau"),
        ("Westmoor Regional Transit Authority", "WRTA"),
    ],
)
def test_one_organisation_in_two_languages(a, b):
    assert name_match(a, b) >= 0.85


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ayuntamiento de Robledal", "Ayuntamiento de Valdoro"),
        ("Comune di Valdoro", "Ospedale di Valdoro"),  # same place, another kind of body
        ("Stadt Lindenau", "Universitätsklinikum Lindenau"),
        ("Regione Valdoro", "Regione Montalto"),
    ],
)
def test_different_organisations_do_not_match(a, b):
    assert name_match(a, b) < 0.65


class _A:
    def __init__(self, title: str, text: str) -> None:
        self.title, self.text = title, text


def test_new_attack_and_follow_up_cues_in_several_languages():
    assert new_attack(_A("Nordbank hit by a new cyber attack", ""))
    assert new_attack(_A("Nordbank victime d'une nouvelle cyberattaque", ""))
    assert new_attack(_A("Neuer Hackerangriff auf die Nordbank", ""))
    assert not new_attack(_A("Nordbank systems back online again after the attack", ""))
    assert follow_up(_A("Nordbank fined 2 million euros over data breach", ""))
    assert follow_up(_A("Deux suspects interpellés après le piratage de Nordbank", ""))
    assert follow_up(_A("Festgenommen: Verdächtige nach Angriff auf Nordbank", ""))
    assert not follow_up(_A("Nordbank hit by ransomware", ""))


def _article(url: str, title: str, text: str, published: str, lang: str = "en") -> dict:
    return {"url": url, "title": title, "text": text, "published": published, "language": lang}


FIRST = _article(
    "https://news.example.org/kestrel-1",
    "Kestrel Bank hit by ransomware attack",
    "Kestrel Bank was hit by a ransomware attack on 3 March 2023. The attackers encrypted "
    "servers and demanded a ransom; Kestrel Bank's online banking is down.",
    "2023-03-04",
)
FOLLOW = _article(
    "https://news.example.org/kestrel-2",
    "Kestrel Bank fined over ransomware attack",
    "The data protection authority fined Kestrel Bank 1.2 million euros over the ransomware "
    "attack in March 2023, in which customer data was stolen.",
    "2023-11-20",
)
AGAIN = _article(
    "https://news.example.org/kestrel-3",
    "Kestrel Bank hit by a new cyber attack",
    "Kestrel Bank was hit by a new cyber attack on 2 September 2024. Hackers stole customer "
    "data from Kestrel Bank's loan system, the bank said.",
    "2024-09-03",
)
WAVE = _article(
    "https://news.example.org/orwell-1",
    "Orwell Savings hit by ransomware attack",
    "Orwell Savings was hit by a ransomware attack on 3 March 2023. The attackers encrypted "
    "servers and demanded a ransom; Orwell Savings' online banking is down.",
    "2023-03-04",
)


def _groups(drafts: list[dict]) -> list[set[str]]:
    return [{s["url"] for s in d["sources"]} for d in drafts]


def test_follow_up_joins_new_attack_and_same_day_wave_stay_apart():
    drafts = run_pipeline([FIRST, WAVE, FOLLOW, AGAIN], embedder=HashEmbedder())
    groups = _groups(drafts)
    assert {FIRST["url"], FOLLOW["url"]} in groups  # the fine months later joins
    assert {AGAIN["url"]} in groups  # the same bank hit again a year later: apart
    assert {WAVE["url"]} in groups  # another bank hit the same day: apart
