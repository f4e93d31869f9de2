"""Publication time: stamped when an incident is first published, kept afterwards,
and filled in by the migration for published rows that lack it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from cidb.incidents.models import Incident
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def test_published_at_is_set_when_published_and_kept():
    incident = IncidentFactory(status="draft")
    assert incident.published_at is None
    incident.status = "published"
    incident.save()
    stamped = incident.published_at
    assert stamped is not None
    incident.summary = "Edited after publication."
    incident.save()
    incident.refresh_from_db()
    assert incident.published_at == stamped


def test_migration_fills_published_rows_without_a_publication_time():
    published = IncidentFactory(status="published")
    draft = IncidentFactory(status="draft")
    Incident.objects.update(published_at=None)
    migration = importlib.import_module("cidb.incidents.migrations.0004_published_index")
    migration.fill_published_at(apps, None)
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.published_at == published.updated
    assert draft.published_at is None
