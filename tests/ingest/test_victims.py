"""The victim is the organisation attacked: not the discloser or investigator, not a hit
supplier's customer, not two organisations glued together, in normalised form; its
country from its own-language name and region. Organisations and sentences are invented."""

from __future__ import annotations

from collections import Counter

import pytest

from cidb.ingest.nlp.draft import _base_forms
from cidb.ingest.nlp.entities import extract_entities, is_authority
from cidb.ingest.nlp.gazetteer import org_type_country, region_adjective_country


def victim(text: str, title: str | None, lang: str) -> str | None:
    return extract_entities(text, title, lang).victim


@pytest.mark.parametrize(
    "name",
    [
        "Polizia Postale",
        "Policía Nacional",
        "National Cyber Security Centre",
        "Directoratul Naţional de Securitate Cibernetică",
        "Datatilsynet",
        "Parquet de Paris",
        "Garante per la protezione dei dati personali",
        "CERT-EE",
        "Data Protection Commissioner",
    ],
)
def test_authorities_are_recognised(name):
    assert is_authority(name)


@pytest.mark.parametrize("name", ["Transport for London", "Comune di Verona", "Nordbank AG"])
def test_ordinary_organisations_are_no_authorities(name):
    assert not is_authority(name)


def test_investigating_authority_is_not_the_victim_en():
    text = (
        "The National Cyber Security Centre (NCSC) said on Monday that it is investigating a "
        "ransomware attack on Marlow Water. The NCSC is working with Marlow Water to restore "
        "billing systems. The National Cyber Security Centre urged customers to be alert."
    )
    assert victim(text, "Ransomware attack on Marlow Water", "en") == "Marlow Water"


def test_disclosing_directorate_is_not_the_victim_ro():
    text = (
        "Directoratul Naţional de Securitate Cibernetică (DNSC) a anunţat că Spitalul Judeţean "
        "Valea Verde a fost lovit de un atac ransomware. DNSC analizează incidentul, iar DNSC "
        "recomandă spitalelor să verifice copiile de siguranţă."
    )
    v = victim(text, None, "ro")
    assert v and "Valea Verde" in v


def test_hit_supplier_is_the_victim_not_its_customers():
    text = (
        "Payroll data of staff at Harbour Airways and Northgate Stores was stolen after a breach "
        "at Paysmith, a payroll services provider. Harbour Airways said its staff data was "
        "affected. Northgate Stores said the same. Harbour Airways is informing employees."
    )
    assert victim(text, "Payroll provider Paysmith breached", "en") == "Paysmith"


def test_two_organisations_joined_by_and_are_two_candidates():
    text = (
        "Staff data at Kestrel Bank and Orwell Foods was exposed. Kestrel Bank said it was hit "
        "by the attack on Monday; Orwell Foods confirmed it too."
    )
    cands = [n for n, _ in extract_entities(text, None, "en").candidates]
    assert "Kestrel Bank and Orwell Foods" not in cands
    assert "Kestrel Bank" in cands and "Orwell Foods" in cands


def test_acronym_resolved_to_the_long_form_a_source_gives():
    text = (
        "The Westmoor Regional Transit Authority (WRTA) was hit by a cyber attack. WRTA said "
        "ticket machines are down; WRTA engineers are restoring systems."
    )
    e = extract_entities(text, None, "en")
    assert e.victim == "Westmoor Regional Transit Authority"
    assert "WRTA" in e.victim_aliases


def test_head_of_the_organisation_is_cut_from_its_name():
    text = (
        "Útok zasiahol úrad. Podľa slov predsedu ÚGGR Marek Kováčik sú systémy mimo prevádzky. "
        "Kováčik dodal, že dáta sú zálohované. ÚGGR spolupracuje s políciou."
    )
    cands = [n for n, _ in extract_entities(text, None, "sk").candidates]
    assert "ÚGGR Marek Kováčik" not in cands and "ÚGGR" in cands


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Il Comune di Valdoro è stato colpito da un attacco hacker: i servizi sono bloccati. "
            "Il Comune di Valdoro ha denunciato l'attacco.",
            "it",
            "Comune di Valdoro",
        ),
        (
            "El Ayuntamiento de Robledal sufrió un ciberataque que paralizó sus servicios. El "
            "Ayuntamiento de Robledal denunció el ataque ante la Policía Nacional.",
            "es",
            "Ayuntamiento de Robledal",
        ),
        (
            "L'Ajuntament de Vilamar ha patit un ciberatac. L'Ajuntament de Vilamar ha "
            "desconnectat els sistemes.",
            "ca",
            "Ajuntament de Vilamar",
        ),
    ],
)
def test_own_language_municipality_names(text, lang, expected):
    assert victim(text, None, lang) == expected


def test_own_language_org_types_pin_the_country():
    assert org_type_country("Comune di Valdoro") == "IT"
    assert org_type_country("Ayuntamiento de Robledal") == "ES"
    assert org_type_country("Gmina Zielonka") == "PL"
    assert org_type_country("Region Hovedstaden") == "DK"  # the specific pattern wins
    assert region_adjective_country("Kärntner Landesverwaltung") == "AT"
    assert region_adjective_country("Nordbank AG") is None


def test_country_from_the_region_not_the_article_language():
    text = (
        "Die Landesverwaltung in Kärnten wurde Opfer eines Hackerangriffs. Die Kärntner "
        "Landesverwaltung hat alle Systeme heruntergefahren, teilte das Land Kärnten mit."
    )
    assert extract_entities(text, None, "de").country == "AT"


@pytest.mark.parametrize(
    ("forms", "base"),
    [
        ({"Vastaamon": 2.0, "Vastaamo": 1.0}, "Vastaamo"),  # Finnish genitive
        ({"Nordbergs": 1.0, "Nordberg": 1.0}, "Nordberg"),  # Scandinavian/German genitive
        ({"Sevillas": 1.0, "Sevilla": 0.5}, "Sevilla"),
        ({"Kalix kommuns": 1.0, "Kalix kommun": 1.0}, "Kalix kommun"),
    ],
)
def test_inflected_forms_count_for_their_base(forms, base):
    out = _base_forms(Counter(forms))
    assert list(out) == [base]
    assert out[base] == sum(forms.values())


def test_swedish_genitive_that_is_part_of_the_name_stays():
    text = (
        "Nordbergs kommun utsattes för en it-attack i natt. Nordbergs kommuns system är nere "
        "och Nordbergs kommun har polisanmält attacken."
    )
    assert victim(text, None, "sv") == "Nordbergs kommun"


def test_country_names_count_only_capitalised():
    from cidb.ingest.nlp.gazetteer import country_mentions

    assert country_mentions("El equipo gana el partido en Costa Rica.") == {"CR": 1}
    assert country_mentions("Landes ist ein Wort; die Landesverwaltung in Kärnten") == {"AT": 1}
