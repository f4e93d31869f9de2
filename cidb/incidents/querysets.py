"""Reusable reads over incidents."""

from __future__ import annotations

from django.db import connection, models
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.db.models.expressions import RawSQL

from . import search, search_index

# Ranking needs every match scored; up to this many it is cheap (see by_relevance).
RANK_LIMIT = 500


class IncidentQuerySet(models.QuerySet):
    def published(self) -> IncidentQuerySet:
        return self.filter(status="published")

    def visible_to(self, user) -> IncidentQuerySet:
        """Editors see every status; everybody else only published incidents."""
        if user is not None and user.is_authenticated and getattr(user, "is_editor", False):
            return self
        return self.published()

    def newest_first(self) -> IncidentQuerySet:
        return self.order_by("-date", "-id")

    def with_related(self, field: str, column: str, values) -> IncidentQuerySet:
        """Incidents linked to any of the values through a many-to-many field.

        EXISTS rather than a join: no duplicate rows, and a newest-first walk of the
        (status, date) index can stop after one page.
        """
        through = getattr(self.model, field).through
        inner = through.objects.filter(incident_id=OuterRef("pk"), **{f"{column}__in": values})
        return self.filter(Exists(inner))

    def with_techniques(self, attack_ids) -> IncidentQuerySet:
        """Incidents using any of the techniques; a technique includes its sub-techniques."""
        condition = Q()
        for attack_id in attack_ids:
            condition |= Q(technique__attack_id=attack_id) | Q(
                technique__attack_id__startswith=f"{attack_id}."
            )
        through = self.model.techniques.through
        return self.filter(Exists(through.objects.filter(condition, incident_id=OuterRef("pk"))))

    def for_listing(self) -> IncidentQuerySet:
        """What a list page needs per row, in a constant number of queries."""
        from .models import Source

        return self.select_related("victim").prefetch_related(
            "attack_types",
            "motives",
            "techniques",
            "actors",
            Prefetch("sources", queryset=Source.objects.only("id", "url", "title", "publisher")),
        )

    def for_cards(self) -> IncidentQuerySet:
        """What a list card shows (cidb/templates/incidents/_incident_card.html), in a
        constant number of queries; descriptions and related long texts stay behind."""
        from .models import Source, Technique, ThreatActor

        return (
            self.select_related("victim")
            .defer("description", "victim__aliases")
            .prefetch_related(
                "attack_types",
                "motives",
                Prefetch("techniques", queryset=Technique.objects.only("id", "attack_id", "name")),
                Prefetch("actors", queryset=ThreatActor.objects.only("id", "name")),
                Prefetch("sources", queryset=Source.objects.only("id")),
            )
        )

    def search(self, text: str, tags: list[tuple[str, ...]] | None = None) -> IncidentQuerySet:
        """Only incidents matching a full-text query over victim, summary and description,
        and the given tag groups (facet filters indexed beside the text, see search.py).

        A plain IN-subquery, so the result can itself be used in subqueries (facets).
        """
        parsed = search.parse_query(text)
        parsed.tags = list(tags or [])
        if not parsed:
            return self
        table = search.FTS_TABLE
        if connection.vendor == "postgresql":
            sql = f"SELECT rowid FROM {table} WHERE document @@ to_tsquery('simple', %s)"
            expression = search.to_tsquery(parsed)
        else:
            sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
            expression = search.to_fts5(parsed)
        return self.filter(id__in=RawSQL(sql, [expression]))

    def by_relevance(self, text: str, limit: int = RANK_LIMIT) -> IncidentQuerySet:
        """Best matches for a text query first (ties newest first) when at most ``limit``
        incidents are in the set; past that, ranking costs more than it is worth and the
        set comes newest first. Use on a set already filtered by search()."""
        if not search.parse_query(text):
            return self.newest_first()
        ids = list(self.newest_first().values_list("id", flat=True)[: limit + 1])
        if len(ids) > limit or not ids:
            return self.newest_first()
        ranked = search_index.rank_ids(text, ids)
        position = Case(
            *[When(id=incident_id, then=Value(i)) for i, incident_id in enumerate(ranked)],
            output_field=IntegerField(),
        )
        return self.order_by(position, "-id")


def linked_to_visible(queryset: models.QuerySet, user) -> models.QuerySet:
    """The related objects (sources, actors, organisations...) of ``queryset`` that an
    incident ``user`` may see links to: members see what published incidents cite,
    editors what any incident does. An object known only from a draft, an incident in
    review or a retracted one would show non-editors what editors are working on."""
    from .models import Incident

    visible = Incident.objects.visible_to(user).filter(pk=OuterRef("incidents__pk"))
    return queryset.filter(pk__in=queryset.model.objects.filter(Exists(visible)).values("pk"))
