"""Conflicts of people and numbers, only between sentences about this incident."""

from __future__ import annotations

from cidb.ingest.nlp.conflicts import number_conflicts, person_conflicts, role_key
from cidb.ingest.nlp.draft import build_draft
from cidb.ingest.nlp.frame import Hit, number_groups
from cidb.ingest.nlp.pipeline import process_article


def test_role_keys_across_languages():
    assert role_key("Bürgermeisterin") == "mayor"
    assert role_key("borgmester") == "mayor"
    assert role_key("maire") == "mayor"
    assert role_key("kommundirektör") == "municipal director"
    assert role_key("woordvoerder") == "spokesperson"
    assert role_key("minister") is None


def test_same_surname_different_first_names():
    got = person_conflicts(
        [
            {"name": "Anna Lindqvist", "role": "kommundirektör", "source": "a"},
            {"name": "Anne Lindqvist", "role": "kommundirektör", "source": "b"},
        ]
    )
    assert got[0]["field"] == "person"
    assert {v["value"] for v in got[0]["values"]} == {"Anna Lindqvist", "Anne Lindqvist"}
    assert {s for v in got[0]["values"] for s in v["sources"]} == {"a", "b"}


def test_same_name_different_roles_in_two_languages():
    got = person_conflicts(
        [
            {"name": "Jan Peeters", "role": "burgemeester", "source": "nl-source"},
            {"name": "Jan Peeters", "role": "porte-parole", "source": "fr-source"},
        ]
    )
    assert [c["values"] for c in got] == [
        [
            {"value": "Jan Peeters as mayor", "sources": ["nl-source"]},
            {"value": "Jan Peeters as spokesperson", "sources": ["fr-source"]},
        ]
    ]


def test_one_mayor_two_names():
    got = person_conflicts(
        [
            {"name": "Klaus Berger", "role": "Bürgermeister", "source": "a"},
            {"name": "Markus Weber", "role": "Oberbürgermeister", "source": "b"},
        ]
    )
    assert got and got[0]["values"][0]["value"].endswith("(mayor)")


def test_no_conflict_within_one_source_or_for_agreeing_sources():
    assert not person_conflicts(
        [
            {"name": "Klaus Berger", "role": "Bürgermeister", "source": "a"},
            {"name": "Markus Weber", "role": "Bürgermeister", "source": "a"},
        ]
    )
    assert not person_conflicts(
        [
            {"name": "Klaus Berger", "role": "Bürgermeister", "source": "a"},
            {"name": "Klaus Berger", "role": "Bürgermeister", "source": "b"},
        ]
    )


def _num(slot, value, unit, source):
    return Hit(slot, {"value": value, "unit": unit, "text": str(value)}, "s", source, "en")


def test_number_conflicts_between_sources():
    hits = [
        _num("ransom_amount", 1e6, "EUR", "a"),
        _num("ransom_amount", 5e6, "EUR", "b"),
        _num("outage_duration", 3, "days", "a"),
        _num("outage_duration", 3, "days", "b"),
    ]
    groups = {
        s: number_groups([h for h in hits if h.slot == s])
        for s in ("ransom_amount", "outage_duration")
    }
    got = number_conflicts(groups)
    assert got == [
        {
            "field": "number:ransom_amount",
            "values": [
                {"value": "€5 million", "sources": ["b"]},
                {"value": "€1 million", "sources": ["a"]},
            ],
        }
    ]


SV = {
    "url": "https://example.se/a",
    "language": "sv",
    "published": "2023-03-10",
    "title": "Exempelby kommun drabbad av ransomwareattack",
    "text": (
        "Exempelby kommun drabbades av en ransomwareattack den 8 mars 2023. "
        "Angriparna krävde en lösensumma på 2 miljoner kronor. "
        "Vid attacken stals personuppgifter för 12 000 invånare. "
        "Kommunen har polisanmält attacken och informerat IMY."
    ),
}
DE = {
    "url": "https://example.de/b",
    "language": "de",
    "published": "2023-03-11",
    "title": "Hackerangriff auf schwedische Gemeinde Exempelby",
    "text": (
        "Die schwedische Gemeinde Exempelby ist Opfer eines Ransomware-Angriffs geworden. "
        "Die Täter erbeuteten Daten von 45.000 Einwohnern. "
        "Die Angreifer fordern ein Lösegeld von 2 Millionen Kronen. "
        "Im vergangenen Jahr hatte eine andere Gemeinde, Beispielstadt, nach einem Angriff "
        "Daten von 90.000 Einwohnern verloren."
    ),
}


def test_draft_number_conflict_from_two_languages_not_from_background():
    d = build_draft([process_article(SV), process_article(DE)])
    fields = {c["field"]: c for c in d["conflicts"]}
    people = fields["number:data_subjects"]["values"]
    assert {v["value"] for v in people} == {"12,000 people", "45,000 people"}
    assert "number:ransom_amount" not in fields  # both say 2 million kronor
    # the other municipality's 90,000 residents (background) are nowhere
    assert "90,000" not in str(d["conflicts"]) + d["summary"] + d["description"]
    assert d["frame"]["data_subjects"]["agree"] is False
    assert (
        "Sources give different figures for the number of people or records affected"
        in d["description"]
    )
    assert d["field_confidence"]["data_subjects"] == "low"
    assert d["field_confidence"]["ransom"] == "high"
    assert all(e["precision"] in ("day", "month") for e in d["timeline"])
    assert "ransom demanded" not in {e["event"] for e in d["timeline"]}  # "ransomwareattack"
