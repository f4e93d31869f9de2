"""The cross-lingual glossary: file format, folding, decompounding, language guess."""

from __future__ import annotations

from collections import defaultdict

import pytest

from cidb.tagging.glossary import (
    FUNCTION_WORDS,
    GLOSSARY_PATH,
    LANGUAGES,
    fold,
    gloss,
    guess_language,
    load_glossary,
)


def test_fold_strips_accents_and_special_letters():
    assert fold("Lösegeldforderung") == "losegeldforderung"
    assert fold("Løsesum ÆØÅ straße Hasło") == "losesum aeoa strasse haslo"
    assert fold("rançongiciel hameçonnage") == "rancongiciel hameconnage"


def test_glossary_file_is_consistent():
    entries = load_glossary()
    assert set(LANGUAGES) <= set(entries) and "*" in entries
    for lang, rows in entries.items():
        seen: dict[str, set[str]] = defaultdict(set)
        for term, english in rows:
            assert term == fold(term), term
            assert english.strip() == english and english
            seen[term.strip("<>")].add(english)
        # One meaning per term and language, or the gloss would depend on file order.
        conflicts = {t: e for t, e in seen.items() if len(e) > 1}
        assert not conflicts, (lang, conflicts)


def test_glossary_rejects_malformed_lines(tmp_path):
    bad = tmp_path / "g.tsv"
    bad.write_text("sv\tkrypter\n")
    with pytest.raises(ValueError, match=":1:"):
        load_glossary(bad)
    bad.write_text("sv\tKrypter\tencrypted\n")
    with pytest.raises(ValueError, match="not folded"):
        load_glossary(bad)
    assert GLOSSARY_PATH.is_file()


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Lösegeldforderung", "ransom demanded"),
        ("sv", "nätfiskemejlet", "phishing email"),
        ("sv", "ransomware-attacken", "ransomware attack"),
        ("da", "ransomwareangrebet", "ransomware attack"),
        ("de", "Verschlüsselungstrojaner", "ransomware"),
        # Longest term wins: "lösenord" (password) is not "lösen" (ransom) + "ord".
        ("sv", "lösenordet", "password"),
        ("fr", "mot de passe", "password"),
    ],
)
def test_compounds_and_multiword_terms(lang, text, expected):
    assert gloss(text, lang)[0] == expected


def test_word_start_terms_do_not_match_inside_words():
    # "<hack" must start a word: the Swedish "schack" (chess) is not "hacked".
    assert gloss("schack", "sv")[:2] == ("", 0)
    assert gloss("hackad", "sv")[:2] == ("hacked", 1)


def test_function_words_dropped_known_words_kept():
    keep = {"rclone", "lsass", "och", "med"}
    text, n, _ = gloss("Angriparna använde Rclone och LSASS med", "sv", keep)
    assert text == "attackers used rclone lsass"
    assert n == 2  # glossary terms; the kept words are not counted
    assert gloss("Angriparna använde Rclone", "sv", keep.__contains__)[0] == (
        "attackers used rclone"
    )
    # Without a vocabulary the tool name is left out and counted as another word.
    assert gloss("Angriparna använde Rclone", "sv") == ("attackers used", 2, 1)


def test_unknown_language_uses_international_terms():
    assert gloss("ransomware phishing xyzzy", None)[0] == "ransomware phishing"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Kommunen har drabbats av en attack och det är inte klart när systemen är igång."),
        ("da", "Kommunen er blevet ramt af et angreb, og det er ikke klart, hvornår det er løst."),
        ("no", "Kommunen ble rammet av et angrep, og det er ikke klart hva som har skjedd."),
        (
            "de",
            "Die Stadt wurde Opfer eines Angriffs und es ist nicht klar, wann die Systeme laufen.",
        ),
        ("nl", "De gemeente is getroffen door een aanval en het is niet duidelijk wanneer dat is."),
        ("fr", "La ville a été victime d'une attaque et les services sont toujours perturbés."),
        ("es", "El ayuntamiento ha sufrido un ataque y los servicios siguen sin funcionar."),
        ("it", "Il comune ha subito un attacco e i servizi non sono ancora disponibili."),
        ("fi", "Kaupunki on joutunut hyökkäyksen kohteeksi ja palvelut ovat edelleen poissa."),
        ("pl", "Miasto padło ofiarą ataku i nie wiadomo, kiedy systemy będą działać."),
    ],
)
def test_guess_language(lang, text):
    assert guess_language(text) == lang


def test_guess_language_without_function_words():
    assert guess_language("LockBit 3.0 RDP VPN") is None
    assert all(FUNCTION_WORDS[lang] for lang in LANGUAGES)
