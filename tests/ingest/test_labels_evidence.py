"""Labels, dates and techniques only from asserted sentences about this incident."""

from __future__ import annotations

from cidb.ingest.nlp.draft import build_draft
from cidb.ingest.nlp.pipeline import process_article


def article(text: str, published: str | None = "2023-03-10", url: str = "https://ex.org/a", **kw):
    return process_article(
        {
            "url": url,
            "title": kw.get("title"),
            "text": text,
            "published": published,
            "language": "en",
        }
    )


def test_negated_breach_blocks_data_breach_and_confidentiality() -> None:
    a = article(
        "Hackers encrypted the servers of Riverton Council in a ransomware attack on Monday. "
        "The council said no data was stolen."
    )
    assert "ransomware" in a.classification.attack_types
    assert "data_breach" not in a.classification.attack_types
    assert "C" not in a.classification.cia
    assert [f["fact"] for f in a.negative_facts] == ["no_data_stolen"]
    draft = build_draft([a])
    assert "C" not in draft["cia"]
    assert draft["negative_facts"][0]["fact"] == "no_data_stolen"
    assert draft["negative_facts"][0]["source"] == "https://ex.org/a"
    assert not {"T1567", "T1041"} & set(draft["techniques"])


def test_a_later_source_stating_the_breach_outweighs_an_early_denial() -> None:
    early = article(
        "Riverton Council was hit by a ransomware attack. The council said no data was stolen.",
        published="2023-03-10",
    )
    later = article(
        "Stolen data of Riverton Council was published on a leak site on the dark web after "
        "the ransomware attack.",
        published="2023-03-30",
        url="https://ex.org/b",
    )
    draft = build_draft([early, later])
    assert "data_breach" in draft["attack_types"]


def test_speculation_and_background_give_no_labels() -> None:
    a = article(
        "Riverton Council's website was down on Monday after a cyber attack. "
        "The attack may have involved stolen data. "
        "Last year another council, Northbridge Council, was hit by a DDoS attack."
    )
    assert "data_breach" not in a.classification.attack_types
    assert "ddos" not in a.classification.attack_types


def test_no_default_motive_for_ddos() -> None:
    a = article("A DDoS attack took the website of Riverton Council offline on Monday.")
    assert "ddos" in a.classification.attack_types
    assert a.classification.motives == ["Unknown"]
    b = article(
        "Pro-Russian hacktivists took the website of Riverton Council offline with a DDoS attack."
    )
    assert "Ideology" in b.classification.motives


def test_ransom_is_evidence_for_a_financial_motive() -> None:
    a = article("Hackers demanded a ransom from Riverton Council after a cyber attack on Monday.")
    assert a.classification.motives == ["Financial"]


def test_a_later_stage_never_moves_the_incident_date() -> None:
    a = article(
        "Riverton Council was hit by a ransomware attack on 3 March 2023. "
        "On 12 September 2023 the data protection authority fined the council over the attack.",
        published="2023-09-20",
    )
    assert a.incident_date == "2023-03-03"
    assert build_draft([a])["date"] == "2023-03-03"


def test_no_date_is_date_unknown_never_the_ingestion_day() -> None:
    a = article("Hackers attacked the servers of Riverton Council.", published=None)
    assert a.incident_date is None
    draft = build_draft([a])
    assert draft["date"] is None
    assert "date_unknown" in draft["review_flags"]


def test_publication_dates_give_a_month_never_a_day() -> None:
    a = article("Hackers attacked the servers of Riverton Council.", published="2023-03-10")
    draft = build_draft([a])
    assert draft["date"] == "2023-03"
    assert draft["review_flags"] == []


def test_an_incident_is_never_dated_after_its_first_source() -> None:
    first = article("Riverton Council was hit by a cyber attack.", published="2023-03-10")
    later = article(
        "Riverton Council said on 2 April 2023 that the attack disrupted services.",
        published="2023-04-05",
        url="https://ex.org/b",
    )
    draft = build_draft([first, later])
    assert draft["date"] <= "2023-03-10"


def test_negated_sentences_never_produce_techniques() -> None:
    a = article("Riverton Council said its files were not encrypted in the attack on Monday.")
    assert "T1486" not in a.classification.techniques


def test_techniques_carry_their_evidence_sentence() -> None:
    a = article("Hackers encrypted the servers of Riverton Council with ransomware on Monday.")
    draft = build_draft([a])
    assert "T1486" in draft["techniques"]
    ev = draft["technique_evidence"]["T1486"][0]
    assert "encrypted the servers" in ev["sentence"]
    assert ev["source"] == "https://ex.org/a" and ev["language"] == "en"


def test_a_speculative_attribution_is_no_actor() -> None:
    a = article("Riverton Council was hit on Monday, possibly by the LockBit ransomware gang.")
    assert a.entities.actors == []
    b = article("The LockBit ransomware gang claimed the attack on Riverton Council on Monday.")
    assert [x["name"] for x in b.entities.actors] == ["LockBit"]
