"""Chart counts: right for a known data set, the same whether counted in Python
(small results) or grouped in the database (large results), members-only left empty."""

from __future__ import annotations

from collections import Counter

import pytest

from cidb.incidents import facets
from cidb.incidents.models import Incident, Technique
from cidb.stats import data


def compute(member: bool, statuses=None, **filters) -> data.Stats:
    queryset = Incident.objects.published().filter(**filters)
    return data.compute(queryset, member=member, statuses=statuses)


def test_counts_of_a_known_data_set(dataset):
    stats = compute(True)
    assert stats.total == 6
    assert stats.month_totals == Counter({"2023-01": 2, "2023-03": 1, "2023-04": 1, "2024-02": 2})
    assert stats.month_types["2023-01", "ransomware"] == 2
    assert stats.month_types["2023-01", "data_breach"] == 1
    assert stats.attack_types == Counter(ransomware=3, data_breach=1, ddos=1, intrusion=1)
    assert stats.countries == Counter({"SE": 3, "DE": 1, "NO": 1, "": 1})
    assert stats.sectors["healthcare"] == 2
    assert stats.motives == Counter(Financial=2, Ideology=1, Espionage=1)
    # Two organized-crime actors on one incident count that incident once.
    assert stats.actor_types == Counter(organized_crime=3, nation_state=1)
    assert set(stats.actor_names.values()) == {"Nordgruppen", "Bytecrew", "Polar Bear Unit"}
    assert stats.cia["availability"] == Counter(affected=4, unknown=2)
    assert stats.cia["confidentiality"] == Counter(unknown=3, affected=2, not_affected=1)
    # Sub-techniques roll up into their parent, once per incident.
    by_id = dict(Technique.objects.values_list("id", "attack_id"))
    assert {by_id[t]: n for t, n in stats.techniques.items()} == {"T1486": 3, "T1566": 2}


def test_non_members_get_no_member_only_counts(dataset):
    stats = compute(False)
    assert stats.total == 6 and stats.attack_types["ransomware"] == 3
    assert not stats.motives and not stats.actor_types and not stats.actors
    assert not stats.actor_names and not stats.techniques
    assert not any(stats.cia.values())


@pytest.mark.parametrize("member", [True, False])
@pytest.mark.parametrize("filters", [{}, {"country": "SE"}, {"sector": "healthcare"}])
def test_database_grouping_matches_python_counting(dataset, monkeypatch, member, filters):
    small = compute(member, **filters)
    monkeypatch.setattr(facets, "SMALL_RESULT", 0)  # every result is "large" now
    large = compute(member, **filters)
    assert large == small
    if not filters:  # the whole database, read without a list of ids
        assert compute(member, statuses=["published"]) == small


def test_matrix_lists_techniques_with_their_tactics(dataset):
    matrix = data.matrix_techniques(compute(True).techniques)
    assert [(t.attack_id, t.tactics, t.count) for t in matrix] == [
        ("T1486", ["impact"], 3),
        ("T1566", ["initial-access"], 2),
    ]
