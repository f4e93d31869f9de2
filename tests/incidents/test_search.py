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
    ranked = list(Incident.objects.search("kommun").by_relevance("kommun"))
    assert ranked[0].victim.name == "Kalix kommun"
    assert len(ranked) == 2
    # Past the limit, newest first: Region Norrbotten was created last (same date).
    newest = list(Incident.objects.search("kommun").by_relevance("kommun", limit=1))
    assert [i.victim.name for i in newest] == ["Region Norrbotten", "Kalix kommun"]


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


def test_rank_weighs_victim_and_repeated_terms():
    query = search.parse_query("ransomware kommun")
    docs = [
        (1, search.document("Region Norrbotten"), search.document("kommun ransomware hit")),
        (2, search.document("Kalix kommun"), search.document("ransomware hit the kommun")),
        (3, search.document("Bolaget AB"), search.document("kommun ransomware ransomware")),
        (4, search.document("Other Region"), search.document("kommun ransomware hit")),
    ]
    ranked = search.rank(query, docs)
    assert ranked[0] == 2  # the victim's own name matches
    assert ranked.index(3) < ranked.index(1)  # more occurrences beat fewer
    assert ranked.index(1) < ranked.index(4)  # a tie keeps the given order
    assert search.rank(search.parse_query(""), docs) == [1, 2, 3, 4]


def test_prefix_terms_rank_too():
    query = search.parse_query("kyrk*")
    docs = [(1, "other", "kyrkan"), (2, "kyrkan", "kyrkans")]
    assert search.rank(query, docs) == [2, 1]


def test_published_status_becomes_an_exclusion_of_the_others():
    query = search.parse_query("data")
    query.tags = [(search.tag("country", "SE"),), (search.tag("status", "published"),)]
    expression = search.to_fts5(query)
    assert "zzqspublished" not in expression
    assert 'NOT tags : ("zzqsdraft" OR "zzqsinreview" OR "zzqsretracted")' in expression
    assert "!('zzqsdraft' | 'zzqsinreview' | 'zzqsretracted')" in search.to_tsquery(query)
    # Alone it must stay positive: a query of exclusions selects nothing.
    alone = search.ParsedQuery(tags=[(search.tag("status", "published"),)])
    assert search.to_fts5(alone) == 'tags : ("zzqspublished")'
    drafts = search.parse_query("data")
    drafts.tags = [(search.tag("status", "draft"),)]
    assert 'tags : ("zzqsdraft")' in search.to_fts5(drafts)


@pytest.mark.django_db
def test_status_exclusion_keeps_drafts_out(client, corpus):
    hidden = IncidentFactory(
        victim=OrganizationFactory(name="Draft Hospital"),
        country="DE",
        summary="Ransomware hit the draft hospital.",
        status="draft",
    )
    response = client.get("/incidents/", {"q": "ransomware", "country": "DE"})
    assert hidden.victim.name not in response.content.decode()
    assert [i.victim.name for i in response.context["page"].object_list] == [
        "Universitätsklinikum Düsseldorf"
    ]


@pytest.mark.django_db
def test_rank_ids_orders_candidates_on_both_backends(corpus):
    from cidb.incidents import search_index

    other = IncidentFactory(
        victim=OrganizationFactory(name="Region Norrbotten"),
        summary="Staff of every kommun in the county could not log in.",
    )
    kalix = corpus["municipality"].id
    assert search_index.rank_ids("kommun", [other.id, kalix]) == [kalix, other.id]
    assert search_index.rank_ids("", [other.id, kalix]) == [other.id, kalix]
    assert search_index.rank_ids("kommun", [999_999, kalix]) == [kalix, 999_999]
