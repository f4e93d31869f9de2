"""Drafts the pipeline wrote before "unreviewed" existed were stored as "confirmed":
mark the ones still waiting for review as unreviewed."""

from django.db import migrations


def forwards(apps, schema_editor):
    Incident = apps.get_model("incidents", "Incident")
    Incident.objects.filter(
        status__in=("draft", "in_review"), confidence="confirmed", ingest__isnull=False
    ).update(confidence="unreviewed")


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0007_unreviewed_confidence"),
        ("ingest", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
