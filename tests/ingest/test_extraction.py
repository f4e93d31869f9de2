from cidb.ingest.nlp.actors import find_actors
from cidb.ingest.nlp.classify import classify
from cidb.ingest.nlp.dates import extract_dates, parse_published
from cidb.ingest.nlp.entities import extract_entities
from cidb.ingest.nlp.pipeline import estimate_incident_date
from cidb.ingest.nlp.relevance import relevance_score


def test_dates_absolute_and_relative():
    got = {m.iso() for m in extract_dates("Am 6. Juli 2021 wurde die Verwaltung angegriffen.")}
    assert "2021-07-06" in got
    rel = extract_dates("Kommunen ble rammet av et dataangrep lørdag.", "2021-01-25")
    assert rel[0].iso() == "2021-01-23" and rel[0].kind == "relative"
    assert extract_dates("on January 17, 2024, the attack")[0].iso() == "2024-01-17"
    assert extract_dates("ensimmäinen marraskuussa 2018")[0].iso() == "2018-11"


def test_unyeared_date_after_publication_goes_to_previous_year():
    m = extract_dates("Natten mot torsdag den 16 december gjorde någon intrång.", "2022-01-08")
    assert m[0].iso() == "2021-12-16"


def test_incident_date_not_moved_by_late_publication():
    text = "Die Klinik wurde am 12. März 2022 Opfer eines Cyberangriffs. Heute zieht sie Bilanz."
    date, prec, sentence, from_text = estimate_incident_date(text, "2022-09-30")
    assert date == "2022-03-12" and prec == "day" and from_text and "Cyberangriffs" in sentence


def test_parse_published_precisions():
    assert parse_published("2023-05")[1] == "month"
    assert parse_published("garbage") == (None, None)


def test_actors_from_list_and_attack():
    names = {
        a.name
        for a in find_actors(
            "Die Gruppe NoName057(16) und Fancy Bear sowie die Ransomware-Bande Alphv"
        )
    }
    assert {"NoName057(16)", "APT28", "ALPHV"} <= names
    assert find_actors("We like to play football") == []


def test_victim_and_country_per_language(articles):
    e = extract_entities(
        articles["sv"]["text"], articles["sv"]["title"], "sv", articles["sv"]["url"]
    )
    assert e.victim == "Bergsala kommun" and e.country == "SE"
    e = extract_entities(
        articles["de"]["text"], articles["de"]["title"], "de", articles["de"]["url"]
    )
    assert e.victim and "Lindenau" in e.victim and e.country == "DE"
    e = extract_entities(
        articles["nl"]["text"], articles["nl"]["title"], "nl", articles["nl"]["url"]
    )
    assert e.victim and "Veldhoven-aan-Zee" in e.victim and e.country == "NL"


def test_people_found(articles):
    e = extract_entities(articles["sv"]["text"], articles["sv"]["title"], "sv")
    assert {"name": "Anna Lindqvist", "role": "kommundirektör"} in e.people


def test_classification_ransomware_and_ddos(articles):
    c = classify(articles["sv"]["title"] + "\n" + articles["sv"]["text"], [])
    assert "ransomware" in c.attack_types and {"I", "A"} <= set(c.cia) and "T1486" in c.techniques
    assert c.motives == ["Financial"]
    actors = [a.as_dict() for a in find_actors(articles["de"]["text"])]
    c = classify(articles["de"]["title"] + "\n" + articles["de"]["text"], actors)
    assert (
        "ddos" in c.attack_types
        and c.cia == ["A"]
        and c.motives == ["Ideology"]
        and "T1498" in c.techniques
    )
    c = classify(articles["nl"]["title"] + "\n" + articles["nl"]["text"], [])
    assert "data_breach" in c.attack_types and "C" in c.cia


def test_relevance_separates_incident_from_advice(articles):
    inc, _ = relevance_score(articles["sv"]["text"], articles["sv"]["title"], 10.0)
    adv, _ = relevance_score(articles["advice"]["text"], articles["advice"]["title"], 0.0)
    assert inc > 0.5 > adv
