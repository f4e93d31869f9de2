"""Full-text search: accent- and case-insensitive, stemmed for sv/de/da/en, ranked."""

from __future__ import annotations

import datetime as dt

import pytest

from cidb.incidents import search
from cidb.incidents.models import Incident
from tests.factories import IncidentFactory, OrganizationFactory


def test_fold_handles_letters_unicode_does_not_decompose():
    assert search.fold("Østre Tøten Ærø Straße Malmö Düsseldorf") == (
        "ostre toten aero strasse malmo dusseldorf"
    )


@pytest.mark.parametrize(
    ("document_word", "query_word"),
    [
        ("sjukhuset", "sjukhus"),  # Swedish definite form
        ("kommunerna", "kommun"),  # Swedish plural definite
        ("Krankenhäuser", "Krankenhaus"),  # German plural with umlaut
        ("angrebet", "angreb"),  # Danish definite
        ("hospitals", "hospital"),  # English plural
        ("encrypted", "encrypting"),
        ("Malmö", "malmo"),  # accent-insensitive
        ("RANSOMWARE", "ransomware"),  # case-insensitive
    ],
)
def test_query_terms_meet_document_terms(document_word, query_word):
    document_terms = set(search.document(document_word).split())
    (group,) = search.parse_query(query_word).groups
    assert document_terms & set(group), (document_word, query_word)


def test_unrelated_words_do_not_meet():
    document_terms = set(search.document("kommun").split())
    (group,) = search.parse_query("hospital").groups
    assert not document_terms & set(group)


def test_query_syntax():
    parsed = search.parse_query('"Norsk Hydro" ransom* -phishing')
    assert parsed.groups == [("norsk",), ("hydro",)]
    assert parsed.prefixes == ["ransom"]
    assert parsed.excluded and "phishing" in parsed.excluded[0]
    assert not search.parse_query("  ;;; ")
    # hostile input yields only word characters in the backend expressions
    expression = search.to_fts5(search.parse_query('x" OR 1=1 -- NEAR( "'))
    assert '""' not in expression and "NEAR(" not in expression
    assert len(search.parse_query(" ".join(["w"] * 100)).groups) == search.MAX_QUERY_TERMS


@pytest.fixture
def corpus(db):
    hospital = IncidentFactory(
        victim=OrganizationFactory(name="Universitätsklinikum Düsseldorf", country="DE"),
        country="DE",
        summary="Ransomware encrypted servers of the hospital; emergency patients were redirected.",
        description="Die Krankenhäuser der Region nahmen die Patienten auf.",
    )
    municipality = IncidentFactory(
        victim=OrganizationFactory(name="Kalix kommun"),
        summary="The municipality was hit by ransomware.",
        description="Kommunens servrar krypterades och sjukhuset i regionen drabbades inte.",
    )
    church = IncidentFactory(
        victim=OrganizationFactory(name="Svenska kyrkan"),
        summary="A data breach exposed member records of the church.",
        description="Angrebet ramte kirkens systemer.",
        date=dt.date(2023, 11, 1),
    )
    return {"hospital": hospital, "municipality": municipality, "church": church}


def names(queryset) -> set[str]:
    return {i.victim.name for i in queryset}


@pytest.mark.django_db
def test_search_backend_matches_stems_and_accents(corpus):
    qs = Incident.objects.all()
    assert names(qs.search("dusseldorf")) == {"Universitätsklinikum Düsseldorf"}
    assert names(qs.search("Krankenhaus")) == {"Universitätsklinikum Düsseldorf"}
    assert names(qs.search("sjukhus")) == {"Kalix kommun"}
    assert names(qs.search("ransomware")) == {"Universitätsklinikum Düsseldorf", "Kalix kommun"}
    assert names(qs.search("ransomware -hospital")) == {"Kalix kommun"}
    assert names(qs.search("KYRKAN")) == {"Svenska kyrkan"}
    assert names(qs.search("kyrk*")) == {"Svenska kyrkan"}
    assert names(qs.search("angreb")) == {"Svenska kyrkan"}
    assert names(qs.search("ransomware church")) == set()


@pytest.mark.django_db
def test_victim_matches_rank_first(corpus):
    # "kommun" is in Kalix kommun's name; the hospital's text never says it.
    IncidentFactory(
        victim=OrganizationFactory(name="Region Norrbotten"),
        summary="Staff of every kommun in the county could not log in.",
    )
    ranked = list(Incident.objects.search("kommun").rank_by_search("kommun"))
    assert ranked[0].victim.name == "Kalix kommun"
    assert len(ranked) == 2


@pytest.mark.django_db
def test_index_follows_edits_and_deletes(corpus):
    incident = corpus["church"]
    incident.summary = "Phishing mails targeted parish staff."
    incident.save()
    assert names(Incident.objects.search("parish")) == {"Svenska kyrkan"}
    assert not Incident.objects.search("member records").exists()
    victim = incident.victim
    victim.name = "Church of Sweden"
    victim.save()
    assert names(Incident.objects.search("church")) == {"Church of Sweden"}
    incident.delete()
    assert not Incident.objects.search("parish").exists()


@pytest.mark.django_db
def test_search_page(client, corpus):
    html = client.get("/incidents/", {"q": "Krankenhäuser"}).content.decode()
    assert "1 incident matching" in html
    assert "Universitätsklinikum Düsseldorf" in html
    html = client.get("/incidents/", {"q": "dusseldorf", "country": "SE"}).content.decode()
    assert "0 incidents matching" in html


@pytest.mark.django_db
def test_search_page_ranks_victim_matches_first(client, corpus):
    IncidentFactory(
        victim=OrganizationFactory(name="Region Norrbotten"),
        summary="Staff of every kommun in the county could not log in.",
        date=dt.date(2025, 1, 1),  # newer, so only relevance puts Kalix first
    )
    response = client.get("/incidents/", {"q": "kommun", "country": "SE"})
    assert response.context["ranked"]
    names_in_order = [i.victim.name for i in response.context["page"].object_list]
    assert names_in_order == ["Kalix kommun", "Region Norrbotten"]
    assert "best matches first" in response.content.decode()
