"""Template tags for the feed links, the save-search form, the account page and the
"Cite this record" box, so the pages that show them need no view changes."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

from cidb.incidents import citation

from ..citations import citation_for
from ..models import FeedToken, Frequency, normalise_query

register = template.Library()


@register.simple_tag(takes_context=True)
def browse_query(context) -> str:
    """The current browse filters as a query string (no page number)."""
    return normalise_query(context["request"].GET)


@register.simple_tag(takes_context=True)
def feed_url(context, personal: bool = False) -> str:
    """The Atom feed of the current browse filters: the public one, or (personal=True)
    the member's own feed when they have a token; "" when they have none."""
    query = normalise_query(context["request"].GET)
    if personal:
        user = context["request"].user
        token = FeedToken.objects.filter(user_id=user.pk).first() if user.pk else None
        if token is None:
            return ""
        url = token.get_absolute_url()
    else:
        url = reverse("feed")
    return f"{url}?{query}" if query else url


@register.simple_tag
def personal_feed_address(user) -> str:
    token = FeedToken.objects.filter(user_id=user.pk).first() if user.pk else None
    return settings.SITE_URL + token.get_absolute_url() if token else ""


@register.simple_tag
def alert_frequencies() -> list[tuple[str, str]]:
    return list(Frequency.choices)


@register.inclusion_tag("incidents/_cite.html")
def cite_box(incident) -> dict:
    """The "Cite this record" box for a published incident (nothing otherwise)."""
    if incident.status != "published":
        return {"citation": None}
    cited = citation_for(incident)
    return {
        "citation": cited,
        "incident": incident,
        "plain": citation.plain_text(cited),
        "bibtex": citation.bibtex(cited),
        "csl": citation.csl_json(cited),
    }
