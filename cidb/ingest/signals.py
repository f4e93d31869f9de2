"""An editor's hand edits of an incident (admin, technique suggestions) mark those
fields of its cluster as the editor's: later ingestion suggests instead of writing."""

from __future__ import annotations

from django.dispatch import receiver

from cidb.incidents.services import incident_edited

from .models import IncidentCluster


@receiver(incident_edited)
def editor_edited(sender, incident, changes: dict, user=None, **kwargs) -> None:
    # Imported here: the services package loads the NLP pipeline, which `cidb COMMAND
    # --help` and every other command that does not ingest must not pay for.
    from .services import fields

    touched = fields.fields_of_changes(changes or {})
    if not touched:
        return
    cluster = IncidentCluster.objects.filter(incident=incident).first()
    if cluster is None:
        return
    fields.mark(cluster, touched, user, "edited")
    cluster.save(update_fields=["editor_fields", "updated"])
