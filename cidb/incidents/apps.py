from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IncidentsConfig(AppConfig):
    name = "cidb.incidents"
    label = "incidents"
    verbose_name = "Incidents"

    def ready(self) -> None:
        from . import signals  # noqa: F401

        post_migrate.connect(seed_after_migrate, sender=self)


def seed_after_migrate(sender, using="default", **kwargs) -> None:
    """Vocabularies and the editors' group follow vocab.py and the code, on every migrate."""
    from django.contrib.auth.models import Group, Permission

    from cidb.accounts.models import EDITORS_GROUP

    from . import vocab
    from .models import AttackType, Motive

    for position, (slug, name) in enumerate(vocab.ATTACK_TYPES.items()):
        AttackType.objects.using(using).update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for position, (slug, name) in enumerate(vocab.MOTIVES.items()):
        Motive.objects.using(using).update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    editable = [
        "incident",
        "organization",
        "threatactor",
        "source",
        "incidentredirect",
        "techniqueevidence",
    ]
    codenames = [
        f"{action}_{model}" for model in editable for action in ("add", "change", "delete", "view")
    ]
    codenames += ["view_technique", "view_changelog", "view_attacktype", "view_motive"]
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="incidents", codename__in=codenames
    )
    group.permissions.set(permissions)

    # migrate and flush both end here; a flush empties incidents but not the index.
    from . import link_index, search_index

    search_index.delete_orphans()
    link_index.delete_orphans()
    _refresh_sqlite_statistics(using)


def _refresh_sqlite_statistics(using: str) -> None:
    """A migration may add an index to a database that was analysed before (cidb
    generate analyses): SQLite then has statistics for every index but the new one and
    prefers it blindly (a million-row facet count went from 0.2 s to 1.8 s). A sampled
    ANALYZE takes seconds; databases never analysed (tests, small sites) are left be."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return  # PostgreSQL's autovacuum analyses new indexes by itself
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("PRAGMA analysis_limit=2000")
            cursor.execute("ANALYZE")
