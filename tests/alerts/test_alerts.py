"""E-mail alerts for saved searches: once per matching incident, digests, gating at
send time, retractions, and the huey task and `cidb send-alerts` that run them."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from cidb.alerts import services
from cidb.alerts.models import AlertDelivery, SavedSearch
from cidb.incidents.models import Incident
from tests.factories import IncidentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def later(minutes: int = 1) -> dt.datetime:
    return timezone.now() + dt.timedelta(minutes=minutes)


def publish(victim: str, **kwargs) -> Incident:
    """A published incident, published just now (after any search saved before)."""
    return IncidentFactory(victim=OrganizationFactory(name=victim), **kwargs)


@pytest.fixture
def member(users):
    return users["member"]


def save(user, query: str = "country=SE", frequency: str = "immediate", name: str = "Sweden"):
    return services.save_search(user, name, query, frequency)


def test_each_matching_incident_is_alerted_once(member):
    search = save(member, "country=SE&attack_type=ransomware")
    first = publish("Alfa kommun", country="SE", attack_types=["ransomware"])
    second = publish("Beta kommun", country="SE", attack_types=["ransomware"])
    publish("Gamma kommune", country="NO", attack_types=["ransomware"])  # no match
    publish("Delta kommun", country="SE", attack_types=["ddos"])  # no match
    publish("Epsilon kommun", country="SE", attack_types=["ransomware"], status="draft")

    summary = services.run("immediate", now=later())
    assert (summary.messages, summary.incidents_sent) == (1, 2)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Alfa kommun" in body and "Beta kommun" in body
    for absent in ("Gamma kommune", "Delta kommun", "Epsilon kommun"):
        assert absent not in body
    assert mail.outbox[0].to == [member.email]
    assert f"/incidents/{first.uuid}/" in body and f"/incidents/{second.uuid}/" in body

    # The task running again (or overlapping) sends nothing new.
    services.run("immediate", now=later(2))
    services.run("immediate", now=later(3))
    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(search=search).count() == 2
    assert not AlertDelivery.objects.filter(search=search, sent_at__isnull=True).exists()

    third = publish("Zeta kommun", country="SE", attack_types=["ransomware"])
    services.run("immediate", now=later(4))
    assert len(mail.outbox) == 2
    assert "Zeta kommun" in mail.outbox[1].body and "Alfa kommun" not in mail.outbox[1].body
    assert "Zeta kommun" in mail.outbox[1].subject
    assert AlertDelivery.objects.filter(search=search, incident=third).count() == 1


def test_overlapping_runs_claim_each_delivery_once(member):
    search = save(member)
    publish("Alfa kommun", country="SE")
    now = later()
    # Two runs match at the same time: the unique pair keeps one row per incident.
    assert services.collect(search, now) == 1
    assert services.collect(search, now) == 0
    assert AlertDelivery.objects.filter(search=search).count() == 1
    # Both try to claim: only one wins.
    assert services.claim_pending(search, now) is not None
    assert services.claim_pending(search, now) is None
    # A claim left by a run that died is taken over only after the timeout.
    assert services.send(search, now) == 0 and mail.outbox == []
    assert services.send(search, now + services.CLAIM_TIMEOUT + dt.timedelta(seconds=1)) == 1
    assert len(mail.outbox) == 1


def test_failed_send_is_retried_not_lost(member, monkeypatch):
    search = save(member)
    publish("Alfa kommun", country="SE")

    def broken(self, fail_silently=False):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    summary = services.run("immediate", now=later())
    assert (summary.messages, summary.failed) == (0, 1)
    monkeypatch.undo()
    assert services.run("immediate", now=later(2)).messages == 1
    assert len(mail.outbox) == 1 and "Alfa kommun" in mail.outbox[0].body
    assert AlertDelivery.objects.get(search=search).sent_at is not None


def test_send_alerts_exits_non_zero_when_an_email_failed(member, monkeypatch):
    save(member)
    publish("Alfa kommun", country="SE")
    Incident.objects.update(published_at=timezone.now() - dt.timedelta(seconds=1))
    SavedSearch.objects.update(alerts_since=timezone.now() - dt.timedelta(minutes=1))

    def broken(self, fail_silently=False):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    out = StringIO()
    with pytest.raises(CommandError, match="1 alert e-mail"):
        call_command("send_alerts", stdout=out)
    assert "1 e-mails failed" in out.getvalue()


@pytest.mark.parametrize("frequency", ["daily", "weekly"])
def test_digests_group_matches_into_one_message(member, frequency):
    save(member, frequency=frequency)
    names = ["Alfa kommun", "Beta kommun", "Gamma kommun"]
    for name in names:
        publish(name, country="SE")
    assert services.run("immediate", now=later()).searches == 0  # not an immediate search
    summary = services.run(frequency, now=later())
    assert (summary.messages, summary.incidents_sent) == (1, 3)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert all(name in message.body for name in names)
    assert f"{frequency} digest: 3 new incidents" in message.subject
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert all(name in html for name in names)
    services.run(frequency, now=later(2))
    assert len(mail.outbox) == 1


def test_only_incidents_published_after_saving_are_alerted(member):
    before = publish("Tidigare kommun", country="SE")
    Incident.objects.filter(pk=before.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    save(member)
    services.run("immediate", now=later())
    assert mail.outbox == []
    publish("Senare kommun", country="SE")
    services.run("immediate", now=later())
    assert len(mail.outbox) == 1 and "Tidigare kommun" not in mail.outbox[0].body


def test_alerts_turned_on_later_start_from_then(member):
    search = save(member, frequency="none")
    publish("Medan avstängd", country="SE")
    assert services.run("immediate", now=later()).searches == 0
    services.update_search(search, name=None, frequency="immediate")
    services.run("immediate", now=later())
    assert mail.outbox == []


def test_retracted_incidents_are_never_alerted(member):
    search = save(member, frequency="daily")
    retracted_early = publish("Tillbakadragen kommun", country="SE")
    retracted_early.status = "retracted"
    retracted_early.save()
    matched_then_retracted = publish("Ångrad kommun", country="SE")
    kept = publish("Kvar kommun", country="SE")
    now = later()
    services.collect(search, now)
    assert set(AlertDelivery.objects.values_list("incident_id", flat=True)) == {
        matched_then_retracted.pk,
        kept.pk,
    }
    matched_then_retracted.status = "retracted"
    matched_then_retracted.save()
    assert services.send(search, now) == 1
    body = mail.outbox[0].body
    assert "Kvar kommun" in body
    assert "Ångrad kommun" not in body and "Tillbakadragen kommun" not in body


def test_member_fields_only_while_a_member_at_send_time(member, rich_incident, member_values):
    # rich_incident is in Sweden; the search is saved before it is published.
    Incident.objects.filter(pk=rich_incident.pk).update(published_at=later(1))
    save(member)
    services.run("immediate", now=later(2))
    text = mail.outbox[0].body + mail.outbox[0].alternatives[0][0]
    assert {k: v for k, v in member_values.items() if v not in text} == {}

    other = save(member, "q=Sundsvalls", name="Sundsvall")
    Incident.objects.filter(pk=rich_incident.pk).update(published_at=later(3))
    AlertDelivery.objects.all().delete()
    now = later(4)
    services.collect(other, now)
    member.tier = "free"
    member.save()
    services.send(other, now)
    message = mail.outbox[-1]
    text = message.body + message.alternatives[0][0]
    assert "Sundsvalls kommun" in text
    assert {k: v for k, v in member_values.items() if v in text} == {}
    assert "1 technique" in message.body


def test_member_only_filter_of_a_former_member_is_skipped(member, rich_incident):
    save(member, "technique=T1486")
    member.tier = "free"
    member.save()
    Incident.objects.filter(pk=rich_incident.pk).update(published_at=later(1))
    summary = services.run("immediate", now=later(2))
    assert summary.skipped == 1 and mail.outbox == []


def test_huey_task_and_command_run_the_alerts(member):
    from cidb.alerts.tasks import send_daily_digests, send_immediate_alerts

    save(member)
    publish("Alfa kommun", country="SE")
    # The task runs "now", so the incident needs to be published a moment before.
    Incident.objects.update(published_at=timezone.now() - dt.timedelta(seconds=1))
    SavedSearch.objects.update(alerts_since=timezone.now() - dt.timedelta(minutes=1))
    line = send_immediate_alerts.call_local()
    assert "1 e-mails with 1 incidents" in line
    assert send_daily_digests.call_local().startswith("daily: 0 saved searches")
    out = StringIO()
    call_command("send_alerts", "--frequency", "immediate", "--frequency", "weekly", stdout=out)
    assert "immediate: 1 saved searches, 0 new matches, 0 e-mails" in out.getvalue()
    assert "weekly: 0 saved searches" in out.getvalue()
    assert len(mail.outbox) == 1


def test_a_run_with_nothing_new_costs_a_few_queries(users, django_assert_max_num_queries):
    for i in range(6):
        save(users["member"], f"country=SE&q=word{i}", name=f"Search {i}")
    with django_assert_max_num_queries(4):  # searches, anything new?, move windows, pending
        summary = services.run("immediate", now=later())
    assert summary.searches == 6 and summary.matched == 0
    assert SavedSearch.objects.filter(checked_until__lt=later(0)).count() == 0
