"""Keep derived data current on every write path (admin, services, shell): the
search index is rewritten inside the same transaction, and the data generation
that keys cached facets is bumped (once per batch inside
``services.deferred_index()``). Bulk generation bypasses these on purpose and does
both itself."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import Incident, Organization


@receiver(post_save, sender=Incident)
def incident_saved(sender, instance: Incident, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    services.incidents_changed([instance.pk])


@receiver(post_delete, sender=Incident)
def incident_deleted(sender, instance: Incident, **kwargs) -> None:
    services.delete_search_rows([instance.pk])
    services.incidents_changed([], reindex=False)


@receiver(post_save, sender=Organization)
def organization_saved(sender, instance: Organization, created: bool, raw=False, **kwargs) -> None:
    if raw or created:
        return
    services.incidents_changed(list(instance.incidents.values_list("id", flat=True)))


def _m2m_changed(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        # attack types are search tags
        tags = sender is Incident.attack_types.through and isinstance(instance, Incident)
        services.incidents_changed([instance.pk] if tags else [], reindex=tags)


for _field in ("attack_types", "motives", "techniques", "actors", "sources"):
    m2m_changed.connect(
        _m2m_changed, sender=getattr(Incident, _field).through, dispatch_uid=f"m2m-{_field}"
    )
