# Feeds and alerts order and select incidents by publication time.

from django.db import migrations, models
from django.db.models import F


def fill_published_at(apps, schema_editor):
    # Incident.save() stamps published_at; a published row without one (written
    # around save()) gets its last update time, the best estimate there is.
    Incident = apps.get_model("incidents", "Incident")
    Incident.objects.filter(status="published", published_at__isnull=True).update(
        published_at=F("updated")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0003_facet_cover_index'),
    ]

    operations = [
        migrations.RunPython(fill_published_at, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['status', 'published_at'], name='incident_status_published'),
        ),
    ]
