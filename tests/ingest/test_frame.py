"""Event frame: slots from sentences in several languages, negation, numbers, merging."""

from __future__ import annotations

import pytest

from cidb.ingest.nlp.frame import Hit, merge_frame, sentence_hits
from cidb.ingest.nlp.numbers import find_quantities, format_quantity, parse_number


def slots(text: str, lang: str, modality: str = "asserted", actors=()) -> dict:
    out: dict = {}
    for h in sentence_hits(text, modality, lang, "https://example.org/a", list(actors)):
        out.setdefault(h.slot, []).append(h.value)
    return out


@pytest.mark.parametrize(
    ("token", "lang", "scaled", "value"),
    [
        ("4.000", "de", False, 4000),
        ("4 000", "sv", False, 4000),
        ("4,000", "en", False, 4000),
        ("1,2", "es", True, 1.2),
        ("2,5", "de", True, 2.5),
        ("1.5", "en", True, 1.5),
        ("2,265,300", "en", False, 2265300),
        ("2.265.300", "nl", False, 2265300),
        ("1.234,5", "de", False, 1234.5),
    ],
)
def test_parse_number_locales(token, lang, scaled, value):
    assert parse_number(token, lang, scaled=scaled) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit"),
    [
        ("Rund 4.000 Computer der Verwaltung fielen aus.", "de", 4000, "computers"),
        ("Omkring 4 000 datorer slogs ut.", "sv", 4000, "computers"),
        ("Piden un rescate de 1,2 millones de euros.", "es", 1.2e6, "EUR"),
        ("Der Schaden liegt bei 2,5 Mio. Euro.", "de", 2.5e6, "EUR"),
        ("They asked for $1 million.", "en", 1e6, "USD"),
        ("Les pirates ont volé 600 Go de données.", "fr", 600, "GB"),
        ("Gli utenti coinvolti sono 38.000 dipendenti.", "it", 38000, "employees"),
        ("Palvelut olivat poissa käytöstä 40 päivää.", "fi", 40, "days"),
    ],
)
def test_quantities_with_units(text, lang, value, unit):
    qs = find_quantities(text, lang)
    assert [(q.value, q.unit) for q in qs] == [(pytest.approx(value), unit)]


def test_years_are_no_quantities():
    assert find_quantities("In 2023 the council had 5 servers.", "en")[0].value == 5


def test_format_quantity():
    assert format_quantity(4000, "computers") == "4,000 computers"
    assert format_quantity(1.2e6, "EUR") == "€1.2 million"
    assert format_quantity(8.3e6, "SEK") == "SEK 8.3 million"
    assert format_quantity(1, "days") == "1 day"


@pytest.mark.parametrize(
    ("text", "lang", "slot", "value"),
    [
        (
            "Die Stadt hat Anzeige bei der Polizei erstattet.",
            "de",
            "police",
            "reported to the police",
        ),
        ("Kommunen har polisanmält attacken.", "sv", "police", "criminal complaint"),
        (
            "La mairie a informé la CNIL de la fuite de données.",
            "fr",
            "dpa",
            "the data protection authority",
        ),
        (
            "Personalet måtte gå over til penn og papir.",
            "no",
            "manual_operations",
            "manual operations",
        ),
        (
            "De servers zijn uitgeschakeld en van het netwerk losgekoppeld.",
            "nl",
            "containment",
            "shut down",
        ),
        ("I sistemi sono stati isolati dalla rete.", "it", "containment", "isolated"),
        ("Los atacantes publicaron los datos en la dark web.", "es", "data_site", "the dark web"),
        ("Hakkerit julkaisivat potilastietoja verkossa.", "fi", "data_published", "published"),
        ("Napastnicy wykradli dane osobowe klientów.", "pl", "data_stolen", "stolen"),
        ("Externe IT-Experten wurden hinzugezogen.", "de", "external_experts", "external experts"),
        (
            "Der Landkreis hat den Katastrophenfall ausgerufen.",
            "de",
            "crisis",
            "state of emergency",
        ),
        ("Systemerne kører igen efter angrebet.", "da", "recovery", "restored"),
        ("The website and e-mail were down for days.", "en", "services", "the website"),
        (
            "Patients were diverted to other hospitals.",
            "en",
            "patients_diverted",
            "patients diverted",
        ),
        ("Angriperne slettet alle sikkerhetskopiene.", "no", "backups_deleted", "backups deleted"),
        (
            "The attackers got in through a phishing e-mail.",
            "en",
            "entry_point",
            "a phishing e-mail",
        ),
        ("Ein Verdächtiger wurde festgenommen.", "de", "later", "arrest"),
        ("Förundersökningen har lagts ned.", "sv", "later", "investigation closed"),
    ],
)
def test_cue_slots_in_several_languages(text, lang, slot, value):
    assert value in slots(text, lang).get(slot, [])


def test_ransomware_word_is_no_ransom_demand():
    for text, lang in [
        ("Das Krankenhaus wurde Opfer eines Erpressungstrojaners.", "de"),
        ("Hotellet ble rammet av et løsepengevirus.", "no"),
        ("This is known as ransom, hence ransomware.", "en"),
    ]:
        assert "ransom" not in slots(text, lang)


def test_ransom_demand_and_refusal():
    got = slots("Die Täter forderten ein Lösegeld, die Stadt will nicht zahlen.", "de")
    assert got["ransom"] == ["demanded"]
    assert got["ransom_response"] == ["refused"]
    got = slots("Kommunen kommer inte att betala lösensumman.", "sv", modality="negated")
    assert got.get("ransom_response") == ["refused"]


def test_ransom_amount_number():
    got = slots("Los delincuentes exigen un rescate de 1,5 millones de dólares.", "es")
    assert got["ransom_amount"][0]["value"] == pytest.approx(1.5e6)
    assert got["ransom_amount"][0]["unit"] == "USD"


def test_negated_sentence_gives_negative_values():
    got = slots("Es gibt keine Hinweise, dass Daten abgeflossen sind.", "de", modality="negated")
    assert got["data_stolen"] == ["no data stolen"]
    got = slots("The hackers did not steal any data.", "en", modality="negated")
    assert got["data_stolen"] == ["no data stolen"]


def test_speculative_theft_is_hedged():
    got = slots("Personuppgifter kan ha stulits.", "sv", modality="speculative")
    assert got["data_stolen"] == ["possibly stolen"]
    assert got["data_kinds"] == ["personal data"]


def test_question_asserts_nothing():
    assert slots("Was a ransom demanded from the council?", "en") == {}


def test_claims_and_attribution():
    got = slots("The Play group claimed responsibility on its leak site.", "en", actors=["Play"])
    assert got["claimed_by"] == ["Play"]
    got = slots("Die Bundesregierung macht russische Staatshacker verantwortlich.", "de")
    assert got["nation"] == ["Russian state"]
    got = slots("Wer hinter dem Angriff steckt, ist noch unbekannt.", "de")
    assert got["perpetrator_unknown"] == ["unknown"]


def test_agencies_by_acronym_and_full_name():
    got = slots(
        "Das Bundesamt für Sicherheit in der Informationstechnik unterstützt die Stadt.", "de"
    )
    assert got["cert"] == ["BSI"]
    assert set(slots("Kommunen har kontaktat MSB och CERT-SE.", "sv")["cert"]) == {"CERT-SE", "MSB"}


def test_affected_and_data_numbers_by_context():
    got = slots("Rund 4.000 Computer waren nach dem Angriff nicht nutzbar.", "de")
    assert got["affected"][0]["value"] == 4000
    got = slots("The attackers stole data of more than 38,000 employees.", "en")
    assert got["data_subjects"][0] == {
        "value": 38000,
        "unit": "employees",
        "text": "38,000 employees",
        "qualifier": "more than",
    }


def _hit(slot, value, source):
    return Hit(slot, value, f"sentence {source}", source, "en")


def test_merge_agreement_and_dispute():
    frame = merge_frame(
        [
            _hit("ransom_response", "refused", "a"),
            _hit("ransom_response", "refused", "b"),
            _hit("ransom_response", "paid", "c"),
            _hit("services", "e-mail", "a"),
            _hit("services", "the website", "b"),
            _hit("services", "e-mail", "c"),
        ],
        ["ransomware"],
    )
    assert frame["ransom_response"]["value"] == "refused"
    assert frame["ransom_response"]["agree"] is False
    assert frame["ransom_response"]["disputed"] == ["paid"]
    assert frame["services"]["value"] == ["e-mail", "the website"]
    assert frame["services"]["agree"] is True
    assert frame["attack_types"]["value"] == ["ransomware"]
    assert {s["source"] for s in frame["ransom_response"]["sentences"]} == {"a", "b", "c"}


def test_merge_numbers_disagree_between_sources():
    frame = merge_frame(
        [
            _hit("data_subjects", {"value": 1.5e6, "unit": "customers", "text": "x"}, "a"),
            _hit("data_subjects", {"value": 1.52e6, "unit": "customers", "text": "y"}, "b"),
            _hit("data_subjects", {"value": 115000, "unit": "customers", "text": "z"}, "c"),
        ]
    )
    slot = frame["data_subjects"]
    assert slot["value"][0]["value"] == 1.5e6
    assert slot["value"][0]["sources"] == 2
    assert slot["agree"] is False


def test_firm_statement_beats_hedged_one():
    frame = merge_frame(
        [_hit("data_stolen", "possibly stolen", "a"), _hit("data_stolen", "stolen", "b")]
    )
    assert frame["data_stolen"]["value"] == "stolen"
    assert frame["data_stolen"]["agree"] is True


def test_actor_aliases_and_first_actor_only():
    got = slots("De Clop-ransomware heeft de universiteit getroffen.", "nl", actors=["Cl0p"])
    assert got["named_actor"] == ["Cl0p"]
    got = slots(
        "The group Play claimed the attack on the firm and the group NoName the DDoS attacks.",
        "en",
        actors=["Play", "NoName057(16)"],
    )
    assert got["claimed_by"] == ["Play"]


class _Sent:
    def __init__(self, text, about="incident", modality="asserted"):
        self.text, self.about, self.modality = text, about, modality


class _KeywordEmbedder:
    """Stand-in for e5: a sentence is close to a slot description sharing its keyword."""

    dim = 3
    words = ("police", "ransom", "paper")

    def __init__(self):
        self.calls = []

    def embed(self, texts):
        import numpy as np

        self.calls.append(list(texts))
        out = np.zeros((len(texts), 3), dtype=np.float32)
        for i, t in enumerate(texts):
            low = t.lower()
            for j, w in enumerate(self.words):
                if w in low or {"police": "polít", "ransom": "výkup", "paper": "papier"}[w] in low:
                    out[i, j] = 1.0
        return out


def test_embedder_reads_languages_without_cues_and_stays_bounded():
    from cidb.ingest.nlp.frame import EMBED_MAX_SENTENCES, embed_hits

    emb = _KeywordEmbedder()
    sents = [_Sent("Útočníci požadovali výkupné od nemocnice v bitcoinoch.")]
    sents += [_Sent(f"Iná veta číslo {i} bez významu pre incident.") for i in range(30)]
    sents += [_Sent("Nemocnica nahlásila útok na políciu a úradom.", about="background")]
    hits = embed_hits(sents, "sk", "u", emb)
    assert [(h.slot, h.value) for h in hits] == [("ransom", "demanded")]
    assert len(emb.calls[-1]) == EMBED_MAX_SENTENCES  # background skipped, rest capped
    assert embed_hits(sents, "de", "u", emb) == []  # cue tables cover German


def test_sentence_naming_only_authorities_counts_for_this_incident():
    from cidb.ingest.nlp.frame import article_hits

    class S:
        text = (
            "The breach has been reported to the police and the Computer Emergency Response Team."
        )
        about = "background"
        modality = "asserted"
        reasons = ("other_org:Computer Emergency Response Team", "attack_words")

    class Other(S):
        reasons = ("other_org:Another Council", "attack_words")

    assert {h.slot for h in article_hits([S()], "en", "u")} >= {"police"}
    assert article_hits([Other()], "en", "u") == []


def test_vague_recovery_time():
    got = slots("Det kan ta flera månader innan allt fungerar.", "sv")
    assert got["recovery_time"] == [{"value": None, "unit": "months", "text": "flera manader"}]


def test_fine_amount_and_speculated_vulnerability():
    got = slots("Die Aufsicht verhängte ein Bußgeld von 2,5 Mio. Euro.", "de")
    assert got["fine_amount"][0]["value"] == 2.5e6
    assert "entry_point" not in slots("Experts discuss the vulnerability of municipalities.", "en")
    assert slots("The hackers exploited a vulnerability in the VPN.", "en")["entry_point"]
