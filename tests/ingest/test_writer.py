"""English text from the event frame: every slot, combinations, missing and disputed values."""

from __future__ import annotations

import re

import pytest

from cidb.ingest.nlp.writer import date_phrase, join, quantity, write


def slot(value, agree=True, sources=1, **extra):
    return {
        "value": value,
        "sentences": [{"text": "s", "source": "u", "language": "sv"}],
        "agree": agree,
        "sources": sources,
        **extra,
    }


def draft(frame=None, **kw):
    d = {
        "victim": "Example Municipality",
        "country": "SE",
        "date": "2023-09-05",
        "attack_types": ["ransomware"],
        "actors": [],
        "conflicts": [],
        "timeline": [],
        "frame": frame or {},
    }
    d.update(kw)
    return d


def text_of(d) -> str:
    summary, description, _ = write(d)
    return summary + "\n" + description


def test_date_phrases():
    assert date_phrase("2023-09-05") == "on 5 September 2023"
    assert date_phrase("2023-09") == "in September 2023"
    assert date_phrase("2023") == "in 2023"
    assert date_phrase(None) == ""
    assert date_phrase("2023-13") == ""


def test_lists_and_numbers():
    assert join(["A"]) == "A"
    assert join(["A", "B"]) == "A and B"
    assert join(["A", "B", "C"]) == "A, B and C"
    assert join(["A", "B"], "or") == "A or B"
    assert quantity({"value": 4000, "unit": "computers", "qualifier": "about"}, "computers") == (
        "about 4,000 computers"
    )
    assert quantity({"value": None, "unit": "weeks"}) == "several weeks"


def test_minimal_frame_opening_sentence():
    summary, description, prov = write(draft())
    assert summary.startswith(
        "Example Municipality in Sweden was hit by a ransomware attack on 5 September 2023."
    )
    assert prov[0]["slots"] == ["victim", "country", "attack_types", "date"]


def test_unknown_date_and_victim_are_not_invented():
    text = text_of(draft(victim=None, date=None, country=None, attack_types=[]))
    assert text.startswith("An organisation was hit by a cyberattack.")
    assert "unknown date" not in text
    assert "The sources give no date for the attack." in text
    assert not re.search(r"\bin \d{1,2} [A-Z]", text)  # never "in 24 August 2025"


def test_impact_slots():
    text = text_of(
        draft(
            {
                "services": slot(["the website", "e-mail", "telephones"]),
                "affected": slot([{"value": 4000, "unit": "computers", "qualifier": "about"}]),
                "outage_duration": slot([{"value": 3, "unit": "days"}]),
                "manual_operations": slot("manual operations"),
                "patients_diverted": slot(["patients diverted"]),
            }
        )
    )
    assert "The attack disrupted the website, e-mail and telephones." in text
    assert "About 4,000 computers were affected." in text
    assert "The disruption lasted 3 days." in text
    assert "manual procedures, working with pen and paper" in text
    assert "Patients were diverted to other hospitals." in text


def test_response_slots():
    text = text_of(
        draft(
            {
                "containment": slot(["shut down", "isolated"]),
                "external_experts": slot("external experts"),
                "crisis": slot(["crisis management"]),
                "police": slot(["reported to the police", "investigating"]),
                "dpa": slot("the data protection authority"),
                "cert": slot(["MSB"]),
            }
        )
    )
    assert (
        "Example Municipality shut down its systems and isolated the affected systems, brought in "
        "external IT security experts, activated its crisis management team and notified the "
        "police and the data protection authority." in text
    )
    assert "Police and prosecutors opened a criminal investigation." in text
    assert "The civil contingencies agency (MSB) was involved in the response." in text


def test_data_slots_combined():
    text = text_of(
        draft(
            {
                "data_stolen": slot("stolen"),
                "data_published": slot("published"),
                "data_site": slot(["a leak site"]),
                "data_kinds": slot(["personal data", "health data"]),
                "data_volume": slot([{"value": 600, "unit": "GB"}]),
                "data_subjects": slot([{"value": 38000, "unit": "employees"}]),
                "data_sale": slot("for sale"),
            }
        )
    )
    assert (
        "The attackers stole personal data and health data (600 GB) concerning 38,000 employees "
        "and later published it on a leak site." in text
    )
    assert "The stolen data was offered for sale." in text


@pytest.mark.parametrize(
    ("value", "expected", "absent"),
    [
        ("possibly stolen", "Data may have been accessed by the attackers.", "stole"),
        ("no data stolen", "no indication of any data loss", "stole"),
    ],
)
def test_hedged_and_negative_data(value, expected, absent):
    text = text_of(draft({"data_stolen": slot(value)}))
    assert expected in text
    assert absent not in text


def test_ransom_demanded_refused_with_amount():
    text = text_of(
        draft(
            {
                "ransom": slot("demanded"),
                "ransom_amount": slot([{"value": 1e6, "unit": "USD"}]),
                "ransom_response": slot("refused"),
            }
        )
    )
    assert (
        "The attackers demanded a ransom of $1 million, which Example Municipality refused to pay."
        in text
    )


def test_refusal_without_demand_and_disputed_payment():
    assert "Example Municipality refused to pay a ransom." in text_of(
        draft({"ransom_response": slot("refused")})
    )
    text = text_of(
        draft(
            {
                "ransom": slot("demanded"),
                "ransom_response": slot("refused", agree=False, disputed=["paid"]),
            }
        )
    )
    assert "The attackers demanded a ransom." in text
    assert "Sources disagree on whether it was paid." in text
    assert "refused to pay" not in text
    assert "ransom was paid" not in text


def test_claims_worded_as_claims_and_suspicions():
    text = text_of(
        draft(
            {
                "claimed_by": slot(["Akira"]),
                "suspected": slot(["Akira", "Conti"]),
                "nation": slot("Russian"),
            }
        )
    )
    assert "Akira claimed responsibility for the attack." in text
    assert "Sources link the attack to Conti." in text
    assert "attributed" not in text  # a claim speaks for itself
    text = text_of(draft({"nation": slot("Russian state")}))
    assert "The attack was attributed to Russian state actors." in text
    text = text_of(draft({"perpetrator_unknown": slot("unknown")}))
    assert "The perpetrators are unknown." in text
    assert "The sources do not name the attackers." not in text


def test_recovery_and_later_stages():
    text = text_of(
        draft(
            {
                "recovery": slot("partly restored"),
                "recovery_time": slot([{"value": None, "unit": "weeks"}]),
                "cost": slot([{"value": 2265300, "unit": "SEK"}]),
                "later": slot(["arrest", "investigation closed"]),
            }
        )
    )
    assert "Systems were later partly restored." in text
    assert "Restoring the systems was expected to take several weeks." in text
    assert "The cost of the incident was put at SEK 2.27 million." in text
    assert "Later, an arrest was made and the criminal investigation was closed." in text


def test_what_happened_slots():
    text = text_of(
        draft(
            {
                "encrypted": slot("encrypted"),
                "entry_point": slot(["a phishing e-mail"]),
                "backups_deleted": slot("backups deleted"),
            },
            attack_types=["ransomware", "data_breach", "extortion"],
        )
    )
    assert "in which data on its systems was encrypted" in text
    assert "The attackers got in through a phishing e-mail." in text
    assert "The attackers also deleted backups." in text
    assert "Sources also describe it as a data breach." in text
    assert "extortion" not in text


def test_conflicts_in_unknown_paragraph():
    text = text_of(
        draft(
            conflicts=[
                {"field": "date", "values": [{"value": "2023-09"}, {"value": "2023-08"}]},
                {
                    "field": "number:data_subjects",
                    "values": [{"value": "1.5 million customers"}, {"value": "115,000 customers"}],
                },
            ]
        )
    )
    assert "Sources differ on when the attack happened." in text
    assert "August 2023" not in text  # the losing date is often another incident's
    assert (
        "Sources give different figures for the number of people or records affected: "
        "1.5 million customers and 115,000 customers." in text
    )


def test_summary_length_sentences_and_provenance():
    frame = {
        "services": slot(["the website", "e-mail", "payroll", "telephones"]),
        "manual_operations": slot("manual operations"),
        "containment": slot(["shut down"]),
        "police": slot(["reported to the police"]),
        "dpa": slot("the data protection authority"),
        "ransom": slot("demanded"),
        "ransom_response": slot("refused"),
        "claimed_by": slot(["Akira"]),
        "data_stolen": slot("stolen"),
        "data_published": slot("published"),
        "data_site": slot(["the dark web"]),
        "recovery": slot("restored"),
    }
    summary, description, prov = write(draft(frame))
    assert 300 <= len(summary) <= 750
    assert 2 <= len(re.findall(r"[.!?](?:\s|$)", summary)) <= 4
    assert "Based on" not in summary + description
    written = {p["sentence"] for p in prov}
    for sentence in re.split(r"(?<=\.)\s+", description.replace("\n\n", " ")):
        assert sentence in written
    assert all(p["slots"] for p in prov)
    # every slot the text uses is in the frame or a draft field
    used = {s for p in prov for s in p["slots"]}
    assert used <= set(frame) | {"victim", "country", "date", "attack_types", "timeline"}


def test_chronology_skips_stages_before_the_attack():
    text = text_of(
        draft(
            timeline=[
                {"date": "2020-11-02", "event": "ransom demanded"},
                {"date": "2023-09-05", "event": "attack discovered"},
                {"date": "2023-09-20", "event": "data published"},
            ]
        )
    )
    assert (
        "Reported stages: attack discovered on 5 September 2023 and data published on "
        "20 September 2023." in text
    )
    assert "2020" not in text


def test_emergency_care_and_emergency_plan():
    text = text_of(
        draft(
            {
                "patients_diverted": slot(["emergency care suspended", "patients diverted"]),
                "crisis": slot(["emergency plan"]),
            }
        )
    )
    assert "Emergency care was suspended and patients were diverted to other hospitals." in text
    assert "Example Municipality activated its emergency plan." in text


def test_country_article():
    assert text_of(draft(country="NL")).startswith(
        "Example Municipality in the Netherlands was hit by"
    )


def test_fine_with_amount():
    text = text_of(
        draft({"later": slot(["fine"]), "fine_amount": slot([{"value": 3e6, "unit": "EUR"}])})
    )
    assert "Later, a fine of €3 million was imposed." in text
