"""Two alert runs at the same moment (huey and a cron `cidb send-alerts`) still send
each incident once: the unique (search, incident) pair and the claim decide."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from cidb.alerts import services
from cidb.alerts.models import AlertDelivery
from tests.factories import IncidentFactory, OrganizationFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_incident_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent connections to one database")
    users = [UserFactory(username=f"watcher{i}", tier="member") for i in range(3)]
    searches = [services.save_search(user, "Sweden", "country=SE", "immediate") for user in users]
    for i in range(5):
        IncidentFactory(victim=OrganizationFactory(name=f"Kommun {i}"), country="SE")
    now = timezone.now() + dt.timedelta(minutes=1)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            services.run("immediate", now=now)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(mail.outbox) == 3  # one e-mail per search, whichever run sent it
    for search in searches:
        rows = AlertDelivery.objects.filter(search=search)
        assert rows.count() == 5 and not rows.filter(sent_at__isnull=True).exists()
    for message in mail.outbox:
        assert sum(f"Kommun {i}" in message.body for i in range(5)) == 5
