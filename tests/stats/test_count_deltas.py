"""Writers append their change of the summary counts (no shared hot rows), the change
is folded in once committed, and readers count it either way: two writers never wait
for each other on the counts (an import beside an ingest deadlocked on PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from cidb.incidents import link_index, vocab
from cidb.incidents.models import StatsCount, StatsDelta
from tests.factories import IncidentFactory
from tests.stats.test_summary_counts import assert_counts_exact


@pytest.mark.django_db
def test_uncommitted_deltas_are_counted(dataset):
    # Inside the test's transaction nothing is committed, so nothing is folded yet.
    assert StatsDelta.objects.exists()
    assert_counts_exact(tuple(vocab.STATUSES))
    assert link_index.fold() > 0
    assert not StatsDelta.objects.exists()
    assert_counts_exact(tuple(vocab.STATUSES))
    assert not StatsCount.objects.filter(n=0).exists()


@pytest.mark.django_db(transaction=True)
def test_committed_writes_are_folded(dataset):
    IncidentFactory(country="IS", attack_types=["wiper"], status="published")
    dataset[0].delete()
    assert not StatsDelta.objects.exists()  # folded after each commit
    assert_counts_exact(tuple(vocab.STATUSES))


@pytest.mark.django_db(transaction=True)
def test_two_writers_do_not_wait_for_each_other_on_the_counts(dataset):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time by design")
    first, second = dataset[0].pk, dataset[1].pk
    holding, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer_a() -> None:
        try:
            with transaction.atomic():
                link_index.refresh([first])  # changes the same totals as writer B
                holding.set()
                done.wait(10)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            holding.set()
            connections.close_all()

    thread = threading.Thread(target=writer_a)
    thread.start()
    try:
        assert holding.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # the old hot rows waited for A
        with transaction.atomic():
            link_index.refresh([second])
    finally:
        done.set()
        thread.join(15)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    assert not errors
    link_index.fold()
    assert_counts_exact(tuple(vocab.STATUSES))
