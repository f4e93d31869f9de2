"""Keep derived data current on every write path (admin, services, shell): the
search index is rewritten inside the same transaction, and the data generation
that keys cached facets is bumped (once per batch inside
``services.deferred_index()``). Bulk generation bypasses these on purpose and does
both itself."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import Incident, Organization, ThreatActor


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


@receiver(post_save, sender=ThreatActor)
def actor_saved(sender, instance: ThreatActor, created: bool, raw=False, **kwargs) -> None:
    # Its incidents' statistics count its type (link_index.contribution).
    if raw or created:
        return
    services.incidents_changed(list(instance.incidents.values_list("id", flat=True)))


# Link tables whose keys are indexed: attack types as search tags, all four in the
# incident's link row (link_index.py). Sources are neither.
_INDEXED_LINKS = {
    getattr(Incident, f).through for f in ("attack_types", "motives", "techniques", "actors")
}


def _m2m_changed(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        # Cleared from the other side (technique.incidents.clear()): the incidents are
        # only known before the clear.
        instance._cidb_cleared = list(instance.incidents.values_list("id", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Incident):
        ids = [instance.pk]
    elif action == "post_clear":
        ids = getattr(instance, "_cidb_cleared", [])
    else:
        ids = list(pk_set or [])
    indexed = sender in _INDEXED_LINKS
    services.incidents_changed(ids if indexed else [], reindex=indexed)


for _field in ("attack_types", "motives", "techniques", "actors", "sources"):
    m2m_changed.connect(
        _m2m_changed, sender=getattr(Incident, _field).through, dispatch_uid=f"m2m-{_field}"
    )
