import pytest

from cidb.ingest.nlp.dedup import DuplicateIndex, fingerprint, similarity
from cidb.ingest.nlp.lang import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Kommunen utsattes för en allvarlig it-attack under natten och alla system stängdes av.",
            "sv",
        ),
        (
            "Die Stadtverwaltung wurde Opfer eines Hackerangriffs, die Systeme sind heruntergefahren.",
            "de",
        ),
        (
            "La mairie a été victime d'une cyberattaque et les services en ligne sont indisponibles.",
            "fr",
        ),
        ("De gemeente is getroffen door een cyberaanval en de systemen liggen plat.", "nl"),
        ("Kaupunki joutui kyberhyökkäyksen kohteeksi ja järjestelmät suljettiin.", "fi"),
        ("The council was hit by a cyber attack and its systems were taken offline.", "en"),
    ],
)
def test_detect_language(text, code):
    assert detect_language(text)[0] == code


def test_language_hint_for_short_text():
    assert detect_language("OK", hint="da") == ("da", 0.0)
    assert detect_language("", hint=None) == (None, 0.0)


def test_near_duplicate_found_and_distinct_text_not():
    a = (
        "Fjordby kommune ble natt til lørdag rammet av et alvorlig dataangrep. Alle systemer er slått av, "
        "og de ansatte jobber nå med penn og papir mens politiet etterforsker saken."
    )
    b = a.replace("alvorlig", "svært alvorlig") + " Saken oppdateres."
    c = "Die Stadtwerke meldeten am Dienstag eine Störung ihrer Webseiten nach einem DDoS-Angriff."
    idx = DuplicateIndex()
    assert idx.check_add("a", fingerprint(a)) is None
    assert idx.check_add("b", fingerprint(b)) == "a"
    assert idx.check_add("c", fingerprint(c)) is None
    assert similarity(fingerprint(a), fingerprint(b)) > 0.6


def test_empty_fingerprint_is_safe():
    idx = DuplicateIndex()
    assert idx.check_add("x", fingerprint("")) is None
