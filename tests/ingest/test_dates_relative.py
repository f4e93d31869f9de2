"""Relative and multilingual date expressions resolved against the publication date."""

from __future__ import annotations

import pytest

from cidb.ingest.nlp.dates import extract_dates

PUBLISHED = "2023-11-15"  # a Wednesday


@pytest.mark.parametrize(
    ("lang", "text", "iso", "precision"),
    [
        ("sv", "Attacken upptäcktes i måndags.", "2023-11-13", "day"),
        ("es", "El ataque se produjo el pasado martes por la noche.", "2023-11-14", "day"),
        ("de", "Der Angriff wurde gestern bemerkt.", "2023-11-14", "day"),
        ("nl", "De aanval vond vorige week plaats.", "2023-11", "month"),
        ("en", "The systems went down last weekend.", "2023-11", "month"),
        ("pl", "Atak nastąpił w zeszłym tygodniu.", "2023-11", "month"),
        ("fr", "L'attaque a eu lieu le mois dernier.", "2023-10", "month"),
        ("it", "L'attacco è avvenuto ieri.", "2023-11-14", "day"),
        ("pl", "Atak miał miejsce 3 listopada.", "2023-11-03", "day"),
        ("hr", "Napad se dogodio u listopadu 2023.", "2023-10", "month"),
        ("de", "Am 12. März 2023 begann der Angriff.", "2023-03-12", "day"),
    ],
)
def test_dates_resolve_in_the_articles_language(
    lang: str, text: str, iso: str, precision: str
) -> None:
    found = extract_dates(text, PUBLISHED, lang)
    assert [(m.iso(), m.precision) for m in found] == [(iso, precision)]


def test_an_unyeared_date_after_publication_belongs_to_the_previous_year() -> None:
    found = extract_dates("The attack began on 16 December.", PUBLISHED, "en")
    assert [m.iso() for m in found] == ["2022-12-16"]


def test_relative_dates_need_a_publication_date() -> None:
    assert extract_dates("The attack was discovered yesterday.", None, "en") == []


def test_last_month_resolves_against_a_month_precision_publication() -> None:
    found = extract_dates("De gemeente werd vorige maand getroffen.", "2021-01", "nl")
    assert [m.iso() for m in found] == ["2020-12"]


def test_no_year_is_guessed_from_a_text_with_several_years() -> None:
    """'16 December' in a text naming 2021 and 2022 far away: no year, no date."""
    text = "In 2021 and 2022 budgets grew. " + "x " * 60 + "It began on 16 December."
    assert [m for m in extract_dates(text, None, "en") if m.precision == "day"] == []


def test_a_nearby_year_dates_an_unyeared_day() -> None:
    found = extract_dates("In 2021 it was bad: on 16 December the servers stopped.", None, "en")
    assert "2021-12-16" in [m.iso() for m in found]
