"""The whole-database statistics come from summary counts that every write keeps
exact: they must equal a fresh count of the incidents, whatever changed."""

from __future__ import annotations

import datetime as dt

import pytest

from cidb.incidents import link_index, vocab
from cidb.incidents.models import Incident, StatsCount
from cidb.stats import data
from tests.factories import IncidentFactory, ThreatActorFactory

FIELDS = ("total", "month_totals", "month_types", "attack_types", "countries", "sectors",
          "motives", "actor_types", "actors", "cia", "techniques")  # fmt: skip


def as_dict(stats: data.Stats) -> dict:
    out = {}
    for name in FIELDS:
        value = getattr(stats, name)
        if name == "cia":
            value = {k: {v: n for v, n in c.items() if n} for k, c in value.items()}
        elif name != "total":
            value = {k: n for k, n in value.items() if n}
        out[name] = value
    return out


def assert_counts_exact(statuses=("published",)) -> None:
    ids = list(
        Incident.objects.filter(status__in=statuses).order_by("id").values_list("id", flat=True)
    )
    for member in (False, True):
        summed = data.from_counts(list(statuses), member=member)
        counted = data.compute_small(ids, member=member)
        assert as_dict(summed) == as_dict(counted)


@pytest.mark.django_db
def test_counts_follow_every_kind_of_change(dataset):
    assert_counts_exact()
    assert_counts_exact(tuple(vocab.STATUSES))
    first, second, *_ = dataset
    first.country, first.date = "DK", dt.date(2022, 5, 1)
    first.save()  # fields
    second.attack_types.set([])  # links
    second.techniques.clear()
    first.motives.add("Grudge")
    assert_counts_exact()
    second.status = "retracted"  # leaves the public statistics
    second.save()
    assert_counts_exact()
    assert_counts_exact(("retracted",))
    dataset[2].delete()
    assert_counts_exact()
    IncidentFactory(country="IS", attack_types=["wiper"], motives=["Fun"])
    assert_counts_exact(tuple(vocab.STATUSES))


@pytest.mark.django_db
def test_an_actor_changing_type_moves_its_incidents(dataset):
    actor = ThreatActorFactory(name="Drifters", actor_type="hacktivist")
    dataset[0].actors.add(actor)
    actor.actor_type = "nation_state"
    actor.save()
    assert_counts_exact()
    before = data.from_counts(["published"], member=True).actor_types
    assert before["nation_state"] == 2 and "hacktivist" not in before


@pytest.mark.django_db
def test_rebuild_and_bulk_generation_agree_with_counting(dataset):
    StatsCount.objects.all().delete()  # lost: a rebuild recounts
    link_index.rebuild()
    assert_counts_exact()
    from django.core.management import call_command

    call_command("load_attack")
    call_command("generate", incidents=120, seed=4, verbosity=0)
    assert_counts_exact(tuple(vocab.STATUSES))


@pytest.mark.django_db
def test_whole_database_page_reads_the_counts(client_for, dataset):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client_for("member").get("/stats/")
    assert response.context["total"] == 6
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "incidents_statscount" in sql and "incidents_incidentlinks" not in sql
