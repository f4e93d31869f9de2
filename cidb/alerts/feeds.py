"""Atom feeds of newly published incidents, filtered like the browse page.

What an entry may show is decided by `cidb.exchange.records.incident_dict`, the one
gating record builder: an anonymous feed (or a personal feed whose owner is no longer
a member) gets public fields and counts, a member's personal feed the values.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure

from cidb.accounts.models import is_member
from cidb.exchange import records
from cidb.incidents import cards, vocab
from cidb.incidents.models import Incident, country_name

from .models import normalise_query

FEED_ITEMS = 50


@dataclass
class Selection:
    """The incidents of one feed request and who they are for."""

    query: str
    member: bool
    incidents: list[Incident] = field(default_factory=list)
    personal: bool = False


def newly_published(queryset: QuerySet) -> QuerySet:
    """Published incidents, most recently published first (whatever the viewer's tier)."""
    return queryset.filter(status="published", published_at__isnull=False).order_by(
        "-published_at", "-id"
    )


def select(params: QueryDict, user, *, personal: bool = False) -> Selection:
    """The newest published incidents matching the browse filters in `params`.

    Raises records.MemberFilterError (a non-member used a member-only filter) and
    records.FilterError (invalid values) like the exports do.
    """
    query = normalise_query(params)
    member = is_member(user)
    matching = newly_published(records.filtered(QueryDict(query), user))
    ids = list(matching.values_list("id", flat=True)[:FEED_ITEMS])
    rows = records.with_related(Incident.objects.filter(id__in=ids), member=member)
    by_id = {incident.pk: incident for incident in rows}
    incidents = [by_id[pk] for pk in ids if pk in by_id]
    return Selection(query=query, member=member, incidents=incidents, personal=personal)


def entry(incident: Incident, *, member: bool) -> dict[str, Any]:
    """What an entry's content shows: the gated record plus display labels."""
    record = records.incident_dict(incident, member=member)
    record["country_name"] = country_name(record["country"] or "")
    record["attack_type_names"] = [vocab.ATTACK_TYPES.get(s, s) for s in record["attack_types"]]
    record["date_display"] = incident.date_display
    if "techniques" in record:  # member record: names for the ids it carries
        names = {t.attack_id: t.name for t in incident.techniques.all()}
        record["technique_rows"] = [(tid, names.get(tid, "")) for tid in record["techniques"]]
        record["motive_names"] = [vocab.MOTIVES.get(m, m) for m in record["motives"]]
        record["cia_rows"] = [
            (name.capitalize(), vocab.CIA_VALUES.get(value, value))
            for name, value in record["cia_detail"].items()
        ]
        for actor in record["actors"]:
            actor["type_name"] = vocab.ACTOR_TYPES.get(actor["type"], actor["type"])
            actor["country_name"] = country_name(actor["country"] or "")
    return record


class IncidentFeed(Feed):
    """Atom 1.0 (RFC 4287); the view hands it a Selection through get_object."""

    feed_type = Atom1Feed
    description_template = "alerts/feed_entry.html"

    def get_object(self, request: HttpRequest, selection: Selection) -> Selection:
        self.request = request
        return selection

    def title(self, obj: Selection) -> str:
        what = "new incidents" + (f" matching {obj.query}" if obj.query else "")
        return f"{settings.SITE_NAME}: {what}"

    def subtitle(self, obj: Selection) -> str:
        if obj.member:
            return "Newly published incidents with every member field (personal feed)."
        return "Newly published incidents: public fields and counts."

    def link(self, obj: Selection) -> str:
        url = reverse("incident_list")
        return f"{url}?{obj.query}" if obj.query else url

    def feed_url(self, obj: Selection) -> str:
        return self.request.get_full_path()

    def feed_guid(self, obj: Selection) -> str:
        return self.request.build_absolute_uri()

    def author_name(self) -> str:
        return settings.SITE_NAME

    def author_link(self) -> str:
        return settings.SITE_URL + "/"

    def items(self, obj: Selection) -> list[Incident]:
        return obj.incidents

    def item_title(self, item: Incident) -> str:
        return f"{item.victim_name}, {item.date_display}"

    def item_link(self, item: Incident) -> str:
        return records.incident_url(item)

    def item_guid(self, item: Incident) -> str:
        return f"urn:uuid:{item.uuid}"

    def item_pubdate(self, item: Incident):
        return item.published_at

    def item_updateddate(self, item: Incident):
        return max(item.updated, item.published_at) if item.published_at else item.updated

    def item_enclosures(self, item: Incident) -> list[Enclosure]:
        """The record's image (its upload, else its generated card as PNG), as on its
        page and in its social preview."""
        if item.image:
            try:
                size = item.image.size
            except OSError:  # the file is gone from storage: no enclosure beats a 404
                return []
            mime = mimetypes.guess_type(item.image.name)[0] or "application/octet-stream"
            return [Enclosure(settings.SITE_URL + item.image.url, str(size), mime)]
        png = cards.cached_png(cards.data_for(item), settings.DATA_DIR / "cards")
        return [
            Enclosure(
                settings.SITE_URL + item.social_image_url, str(png.stat().st_size), "image/png"
            )
        ]

    def item_categories(self, item: Incident) -> list[str]:
        return [t.name for t in item.attack_types.all()]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        item, obj = kwargs["item"], kwargs["obj"]
        return {
            "record": entry(item, member=obj.member),
            "site_name": settings.SITE_NAME,
            "image_url": settings.SITE_URL + item.social_image_url,
            "image_alt": item.image_alt,
        }
