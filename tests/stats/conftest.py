"""A small data set with known counts for the statistics tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import IncidentFactory, TechniqueFactory, ThreatActorFactory


@pytest.fixture
def dataset(db):
    """Six published incidents (and one draft) with counts that are easy to check."""
    phishing = TechniqueFactory(attack_id="T1566", name="Phishing", tactics=["initial-access"])
    attachment = TechniqueFactory(
        attack_id="T1566.001", name="Spearphishing Attachment", tactics=["initial-access"],
        parent=phishing, is_subtechnique=True,
    )  # fmt: skip
    encrypt = TechniqueFactory(
        attack_id="T1486", name="Data Encrypted for Impact", tactics=["impact"]
    )
    gang = ThreatActorFactory(name="Nordgruppen", actor_type="organized_crime")
    crew = ThreatActorFactory(name="Bytecrew", actor_type="organized_crime")
    state = ThreatActorFactory(name="Polar Bear Unit", actor_type="nation_state")
    rows = [
        # date, country, sector, attack types, motives, techniques, actors, (c, i, a)
        ((2023, 1), "SE", "healthcare", ["ransomware"], ["Financial"],
         [encrypt, phishing, attachment], [gang, crew], ("unknown", "affected", "affected")),
        ((2023, 1), "SE", "local_government", ["ransomware", "data_breach"], ["Financial"],
         [encrypt], [gang], ("affected", "affected", "affected")),
        ((2023, 3), "DE", "healthcare", ["ddos"], ["Ideology"], [], [],
         ("not_affected", "not_affected", "affected")),
        ((2023, 4), "NO", "energy", ["intrusion"], ["Espionage"], [attachment], [state],
         ("affected", "unknown", "unknown")),
        ((2024, 2), "SE", "education", ["ransomware"], [], [encrypt], [crew],
         ("unknown", "unknown", "affected")),
        ((2024, 2), "", "other", [], [], [], [], ("unknown", "unknown", "unknown")),
    ]  # fmt: skip
    made = []
    for (y, m), country, sector, types, motives, techniques, actors, cia in rows:
        made.append(
            IncidentFactory(
                date=dt.date(y, m, 1), country=country, sector=sector, attack_types=types,
                motives=motives, techniques=techniques, actors=actors,
                confidentiality=cia[0], integrity=cia[1], availability=cia[2],
            )
        )  # fmt: skip
    IncidentFactory(status="draft", country="FI", attack_types=["wiper"])
    return made
