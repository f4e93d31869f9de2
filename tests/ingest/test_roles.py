"""Sentence roles in many languages: background, negation, speculation, general.

The sentences are written for these tests (invented organisations), not taken from
the evaluation articles.
"""

from __future__ import annotations

import pytest

from cidb.ingest.nlp.roles import modality_of, negative_facts, sentence_roles
from cidb.ingest.nlp.sentences import split_sentences

VICTIM = ["Riverton Council"]


def roles_of(text: str, lang: str, other: list[str] | None = None, published: str = "2024-03-20"):
    return sentence_roles(text, None, lang, published, VICTIM, other or [])


# --- negation / denial ------------------------------------------------------------

NEGATED = [
    ("en", "The council said no data was stolen in the attack.", "no_data_stolen"),
    ("de", "Nach Angaben der Stadt wurden keine Daten gestohlen.", "no_data_stolen"),
    ("fr", "Aucune donnée personnelle n'a été volée, selon la mairie.", "no_data_stolen"),
    ("es", "El ayuntamiento asegura que no se robaron datos de los vecinos.", "no_data_stolen"),
    ("it", "Secondo il comune non sono stati rubati dati personali.", "no_data_stolen"),
    ("pl", "Dane mieszkańców nie zostały skradzione.", "no_data_stolen"),
    ("sv", "Inga personuppgifter har stulits, enligt kommunen.", "no_data_stolen"),
    ("nl", "Er zijn volgens de gemeente geen gegevens gestolen.", "no_data_stolen"),
    ("pt", "A câmara garante que não foram roubados dados.", "no_data_stolen"),
    ("ro", "Primăria spune că nu au fost furate date personale.", "no_data_stolen"),
    ("en", "The council will not pay the ransom.", "no_ransom_paid"),
    ("de", "Die Stadt wird kein Lösegeld zahlen.", "no_ransom_paid"),
    ("fr", "La mairie ne paiera pas la rançon demandée.", "no_ransom_paid"),
    ("es", "El ayuntamiento no pagará el rescate.", "no_ransom_paid"),
    ("it", "Il comune non pagherà il riscatto.", "no_ransom_paid"),
    ("nl", "De gemeente gaat het losgeld niet betalen.", "no_ransom_paid"),
]


@pytest.mark.parametrize(("lang", "text", "fact"), NEGATED)
def test_negated_sentences_become_negative_facts(lang: str, text: str, fact: str) -> None:
    sents = roles_of(text, lang)
    assert [s.modality for s in sents] == ["negated"]
    assert not sents[0].usable
    assert any(r.startswith(("negation:", "denial:")) for r in sents[0].reasons)
    assert [f["fact"] for f in negative_facts(sents, lang)] == [fact]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The municipality denied that any data had been taken."),
        ("de", "Die Stadtverwaltung dementiert einen Datenabfluss."),
        ("fr", "La mairie dément tout vol de données."),
        ("es", "El ayuntamiento desmiente el robo de datos."),
        ("it", "Il comune smentisce il furto di dati."),
        ("pl", "Urząd zaprzecza, że doszło do wycieku danych."),
    ],
)
def test_denials_are_negated(lang: str, text: str) -> None:
    modality, reasons = modality_of(text, lang)
    assert modality == "negated", reasons


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The council's website was not available on Monday."),
        ("en", "Staff could not access their email accounts."),
        ("de", "Die Webseite der Stadt ist nicht erreichbar."),
        ("fr", "Les services en ligne ne sont pas accessibles."),
        ("es", "La web municipal no funciona desde el martes."),
        ("it", "Il sito del comune non è raggiungibile."),
        ("sv", "Kommunens system fungerar inte."),
        ("en", "The hackers threatened to publish the data if no ransom was paid."),
        ("de", "In der Folge wurde eine noch nicht bekannte Zahl von Dateien verschlüsselt."),
    ],
)
def test_impact_conditions_and_attributive_negation_are_asserted(lang: str, text: str) -> None:
    """'Not available' is the outage itself, a threat's condition denies nothing."""
    modality, reasons = modality_of(text, lang)
    assert modality == "asserted", reasons


# --- speculation --------------------------------------------------------------------

SPECULATIVE = [
    ("en", "The attack was possibly carried out by a Russian group."),
    ("en", "Hackers may have accessed personal data."),
    ("de", "Vermutlich steckt eine Hackergruppe hinter dem Angriff."),
    ("de", "Die Täter sollen Daten von Bürgern erbeutet haben."),
    ("fr", "Les pirates auraient dérobé des données de patients."),
    ("es", "Presuntamente, los atacantes robaron datos del padrón."),
    ("it", "Probabilmente si tratta di un attacco ransomware."),
    ("sv", "Attacken utfördes troligen av ryska hackare."),
    ("pl", "Atak prawdopodobnie przeprowadzili rosyjscy hakerzy."),
    ("fi", "Hyökkäyksen takana on mahdollisesti venäläinen ryhmä."),
    ("nl", "De aanvallers zouden gegevens hebben buitgemaakt."),
    ("en", "It is not yet clear whether data was stolen."),
]


@pytest.mark.parametrize(("lang", "text"), SPECULATIVE)
def test_speculative_sentences(lang: str, text: str) -> None:
    sents = roles_of(text, lang)
    assert sents[0].modality == "speculative", sents[0].reasons
    assert not sents[0].usable
    assert negative_facts(sents, lang) == []


# --- background ---------------------------------------------------------------------

BACKGROUND = [
    ("en", "Last year another council, Northbridge District Council, was hit by ransomware."),
    ("de", "Im vergangenen Jahr war bereits eine andere Verwaltung, die Stadt Nordhausen, Opfer."),
    ("fr", "L'an dernier, un autre hôpital, le Centre hospitalier de Valmont, avait été touché."),
    ("es", "El año pasado, otro ayuntamiento, el Ayuntamiento de Villarejo, sufrió un ataque."),
    ("it", "L'anno scorso un altro comune, il Comune di Montelupo, era stato colpito."),
    ("sv", "Förra året drabbades en annan kommun, Norrby kommun, av en liknande attack."),
    ("pl", "W zeszłym roku inny szpital, Szpital Miejski w Zielonce, padł ofiarą ataku."),
    ("nl", "Vorig jaar werd een andere gemeente, gemeente Zuidwolde, getroffen."),
]
OTHERS = [
    "Northbridge District Council",
    "Stadt Nordhausen",
    "Centre hospitalier de Valmont",
    "Ayuntamiento de Villarejo",
    "Comune di Montelupo",
    "Norrby kommun",
    "Szpital Miejski w Zielonce",
    "gemeente Zuidwolde",
]


@pytest.mark.parametrize(("lang", "text"), BACKGROUND)
def test_another_organisations_case_is_background(lang: str, text: str) -> None:
    sents = roles_of(text, lang, other=OTHERS)
    assert sents[0].about == "background"
    assert any(r.startswith("other_org:") for r in sents[0].reasons)
    assert not sents[0].usable


def test_an_earlier_dated_attack_is_background_when_the_article_is_recent() -> None:
    text = (
        "Riverton Council was hit by a ransomware attack on 18 March 2024.\n"
        "In 2019, hackers encrypted the servers of a hospital in the region."
    )
    sents = roles_of(text, "en", published="2024-03-20")
    assert [s.about for s in sents] == ["incident", "background"]
    assert sents[1].reasons[0].startswith("date_gap:2019")


def test_a_follow_up_about_an_old_attack_keeps_its_dates() -> None:
    """Published a year later: the old date is the incident's own, not background."""
    text = "In March 2023, hackers encrypted the servers of Riverton Council."
    sents = roles_of(text, "en", published="2024-06-02")
    assert sents[0].about == "incident"


def test_the_victim_named_in_an_inflected_form_is_not_another_organisation() -> None:
    sents = sentence_roles(
        "Anställda inom Härjedalens kommuns förvaltning arbetar med papper efter IT-attacken.",
        None,
        "sv",
        "2024-01-10",
        ["Härjedalens kommun"],
        ["Härjedalen"],
    )
    assert sents[0].about == "incident"


# --- general --------------------------------------------------------------------------

GENERAL = [
    ("en", "Ransomware attacks like these are increasingly common across Europe."),
    ("de", "Solche Angriffe nehmen weltweit jedes Jahr zu."),
    ("fr", "Ces attaques sont de plus en plus fréquentes dans le monde."),
    ("es", "Este tipo de ataques es cada vez más frecuente en todo el mundo."),
    ("it", "Questo tipo di attacchi è sempre più frequente nel mondo."),
    ("nl", "Dergelijke aanvallen komen steeds vaker voor."),
    ("sv", "Sådana attacker blir allt vanligare varje år."),
    ("pl", "Takie ataki zdarzają się coraz częściej na świecie."),
    ("en", "About 40 % of hospitals reported an incident in 2023."),
]


@pytest.mark.parametrize(("lang", "text"), GENERAL)
def test_explainers_and_statistics_are_general(lang: str, text: str) -> None:
    sents = roles_of(text, lang)
    assert sents[0].about == "general", sents[0].reasons
    assert not sents[0].usable


def test_an_incident_sentence_is_usable() -> None:
    sents = roles_of("Hackers encrypted the servers of Riverton Council on Monday.", "en")
    assert sents[0].usable and sents[0].reasons == ()


def test_title_comes_first_without_offsets() -> None:
    sents = sentence_roles("Body sentence.", "Title here", "en", None, [], [])
    assert (sents[0].text, sents[0].start, sents[0].end) == ("Title here", -1, -1)


def test_a_language_without_cue_tables_falls_back_visibly() -> None:
    modality, reasons = modality_of("これはテストです。", "ja")
    assert modality == "asserted"
    assert "no_cues:ja" in reasons


# --- sentence splitter -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Am 12. März griff die Gruppe an. Es wurden Daten verschlüsselt.",
            ["Am 12. März griff die Gruppe an.", "Es wurden Daten verschlüsselt."],
        ),
        (
            "Dr. Smith said the U.S. firm was hit. Systems are down!",
            ["Dr. Smith said the U.S. firm was hit.", "Systems are down!"],
        ),
        (
            "Das betrifft z. B. die Kfz-Zulassung. Der Angriff begann 2023. Danach Stillstand.",
            [
                "Das betrifft z. B. die Kfz-Zulassung.",
                "Der Angriff begann 2023.",
                "Danach Stillstand.",
            ],
        ),
        (
            "Headline without stop\nFirst line. Second line.",
            ["Headline without stop", "First line.", "Second line."],
        ),
        (
            "Dne 2. listopadu byl napaden úřad. Data zašifrována.",
            ["Dne 2. listopadu byl napaden úřad.", "Data zašifrována."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_without_a_publication_date_the_latest_stated_date_stands_for_now() -> None:
    text = (
        "Riverton Council was hit by a ransomware attack on 18 July 2022.\n"
        "Attacks have grown since the attack on a pipeline operator in May 2021."
    )
    sents = roles_of(text, "en", published=None)
    assert [s.about for s in sents] == ["incident", "background"]
