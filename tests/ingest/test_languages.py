"""Languages the pipeline reads, relevance where no lexicon exists, and the unreadable path:
an uncertain article in a language without a lexicon is kept and flagged, never dropped.
Sentences and organisations are invented."""

from __future__ import annotations

import numpy as np
import pytest

from cidb.ingest.nlp import process_article, run_pipeline
from cidb.ingest.nlp.embed import E5Embedder
from cidb.ingest.nlp.lang import LEXICON_LANGS, SUPPORTED, detect_language, language_note
from cidb.ingest.nlp.relevance import (
    NEGATIVE,
    POSITIVE,
    THRESHOLD,
    UNCERTAIN,
    combined_relevance,
    finalize,
)

EU_EEA = set(
    [
        "bg",
        "hr",
        "cs",
        "da",
        "nl",
        "en",
        "et",
        "fi",
        "fr",
        "de",
        "el",
        "hu",
        "ga",
        "it",
        "lv",
        "lt",
        "mt",
        "pl",
        "pt",
        "ro",
        "sk",
        "sl",
        "es",
        "sv",
    ]
)


def test_every_eu_eea_language_is_supported():
    assert EU_EEA | {"no", "nn", "is"} <= set(SUPPORTED)
    assert "lb" in SUPPORTED


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Gmina Zielonka padła ofiarą ataku hakerskiego, systemy informatyczne nie działają.",
            "pl",
        ),
        ("Vallavalitsuse arvutivõrku tabas küberrünnak ja e-teenused ei tööta.", "et"),
        ("Pašvaldības datorsistēmas cieta kiberuzbrukumā, pakalpojumi nav pieejami.", "lv"),
        ("Savivaldybės kompiuterių sistemos nukentėjo nuo kibernetinės atakos.", "lt"),
        ("Sveitarfélagið varð fyrir netárás og tölvukerfin liggja niðri í dag.", "is"),
        ("A câmara municipal foi alvo de um ataque informático e os serviços estão parados.", "pt"),
        ("Il comune è stato colpito da un attacco informatico e i servizi sono bloccati.", "it"),
        (
            "Primăria a fost ținta unui atac cibernetic, iar serviciile online nu funcționează.",
            "ro",
        ),
        ("Mestský úrad zasiahol kybernetický útok a elektronické služby nefungujú.", "sk"),
        ("Občinski informacijski sistem je bil tarča kibernetskega napada.", "sl"),
        (
            "Το δημαρχείο δέχθηκε κυβερνοεπίθεση και οι ηλεκτρονικές υπηρεσίες δεν λειτουργούν.",
            "el",
        ),
        (
            "Az önkormányzat informatikai rendszerét kibertámadás érte, a szolgáltatások leálltak.",
            "hu",
        ),
        ("L'ajuntament ha patit un ciberatac i els serveis en línia no funcionen.", "ca"),
    ],
)
def test_detects_languages_without_a_lexicon(text, code):
    assert detect_language(text)[0] == code


def test_hint_only_languages_and_hint_spellings():
    lux = "D'Gemeng gouf vun engem Cyberugrëff getraff an d'Systemer sinn ausgefall."
    assert detect_language(lux, hint="lb")[0] == "lb"
    no = "Kommunen ble rammet av et dataangrep natt til mandag, og alle systemer er nede."
    assert detect_language(no, hint="nb")[0] == "no"


def test_language_note_names_what_could_not_be_read():
    note, flags = language_note(["en", "et", "it", "et"])
    assert flags == ["language_unreadable:et", "language_unreadable:it"]
    assert "Estonian (et)" in note and "Italian (it)" in note
    assert language_note(sorted(LEXICON_LANGS)) == (None, [])


ET = {
    "url": "https://uudised.example.ee/vald-haakerid",
    "title": "Kasevälja valla arvutivõrku tabas küberrünnak",
    "text": (
        "Kasevälja vallavalitsuse arvutisüsteemid langesid esmaspäeval rünnaku "
        "ohvriks. Häkkerid krüpteerisid serverid ja nõuavad lunaraha. Valla e-teenused ei "
        "tööta ning töötajad kasutavad paberit, ütles vallavanem."
    ),
    "published": "2024-05-14",
    "language": "et",
}


def test_uncertain_article_in_unreadable_language_is_kept_and_flagged():
    a = process_article(ET)  # no model: the lexicon sees only a few shared words
    assert a.language == "et"
    assert a.relevance_lex < 0.45
    assert a.relevant, "an uncertain article in a language without a lexicon is kept"
    assert "language_unreadable:et" in a.flags
    # the model is unsure too (a little nearer the negative prototypes): still kept
    d = next(
        d
        for d in np.linspace(0, 0.05, 101)
        if UNCERTAIN <= combined_relevance(a.relevance_lex, -100 * d, -100 * d) < THRESHOLD
    )
    unsure = np.array([0.5, 0.5 + d, 0, 0, 0, 0, 0, 0], dtype=np.float32)
    drafts = run_pipeline([ET], embedder=_Fixed(unsure))
    assert len(drafts) == 1
    d = drafts[0]
    assert "language_unreadable:et" in d["review_flags"]
    assert "relevance_uncertain" in d["review_flags"]
    assert "Estonian" in d["language_note"]


def test_clear_non_incident_in_a_lexicon_language_is_not_kept():
    a = process_article(
        {
            "url": "https://example.org/tips",
            "title": "Five tips for strong passwords",
            "text": "Use a password manager and turn on two-factor login for your accounts. "
            "Update your phone regularly and be careful with links in e-mails.",
            "language": "en",
        }
    )
    assert not a.relevant and not any(f.startswith("language_unreadable") for f in a.flags)


class _Fixed:
    """A 'semantic' embedder whose article vector is given: prototypes are unit axes."""

    semantic = True
    dim = 8

    def __init__(self, article: np.ndarray) -> None:
        self.article = article

    def embed(self, texts: list[str]) -> np.ndarray:
        out = []
        for t in texts:
            v = np.zeros(self.dim, dtype=np.float32)
            if t in POSITIVE:
                v[0] = 1.0
            elif t in NEGATIVE:
                v[1] = 1.0
            else:
                v = self.article
            out.append(v)
        return np.array(out)


def test_model_decides_where_the_lexicon_is_unsure():
    toward_pos = np.array([0.9, 0.1, 0, 0, 0, 0, 0, 0], dtype=np.float32)
    toward_neg = np.array([0.1, 0.9, 0, 0, 0, 0, 0, 0], dtype=np.float32)
    for vec, expected in ((toward_pos, True), (toward_neg, False)):
        emb = _Fixed(vec)
        a = process_article(ET | {"language": "et"})
        a.embedding = vec
        finalize(a, emb)
        assert a.relevant is expected
        assert a.relevance_final
    # the model's verdict on a negative-looking text is not overruled by the keep rule
    assert not any(f.startswith("language_unreadable") for f in a.flags)


def test_combined_relevance_is_monotone():
    assert combined_relevance(0.2, 3.0, 2.0) > combined_relevance(0.2, 0.0, 0.0)
    assert combined_relevance(0.8, 0.0, 0.0) > combined_relevance(0.2, 0.0, 0.0)


def test_e5_reads_an_incident_in_a_language_without_lexicon():
    emb = E5Embedder(cache_dir=None)
    it = {
        "url": "https://notizie.example.it/comune-attacco",
        "title": "Attacco hacker al Comune di Valdoro: servizi bloccati",
        "text": (
            "Il Comune di Valdoro è stato colpito da un attacco informatico nella notte di "
            "sabato. I criminali hanno cifrato i server e chiesto un riscatto; l'anagrafe e "
            "il sito web sono fuori uso, ha detto il sindaco."
        ),
        "published": "2024-02-03",
        "language": "it",
    }
    a = process_article(it, embedder=emb)
    assert a.relevant and a.relevance_final
    assert not any(f.startswith("language_unreadable") for f in a.flags)
