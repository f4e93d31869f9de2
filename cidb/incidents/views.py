"""Thin views: access rules and presentation; reads come from QuerySet methods."""

from __future__ import annotations

import uuid as uuid_module
from urllib.parse import urlencode

import pycountry
from django.conf import settings
from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from cidb.accounts.models import is_editor, is_member

from . import cards, search_index, vocab
from . import facets as facet_module
from .filters import COUNTRY_CHOICES, IncidentFilterSet
from .models import Incident, IncidentRedirect, Organization, Technique, ThreatActor, country_name
from .querysets import RANK_LIMIT, linked_to_visible


def audience(user) -> str:
    """Who a cached page or facet set may be shown to."""
    if is_editor(user):
        return "editor"
    return "member" if is_member(user) else "public"


def _page(request: HttpRequest, queryset, count: int | None = None):
    paginator = Paginator(queryset, settings.PAGE_SIZE)
    if count is not None:
        paginator.count = count  # already known from the cached facets
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        raise Http404("The page number must be a whole number.") from None
    except EmptyPage:
        if paginator.count == 0 and str(number) == "1":
            return paginator.page(1)
        raise Http404("There is no such page.") from None


def _incident_rows(page):
    """Fill a page of incident ids with full rows. Sorting and paginating ids alone keeps
    long texts out of the database's sorter, which at a million rows is most of the cost."""
    ids = list(page.object_list)
    rows = {i.id: i for i in Incident.objects.filter(id__in=ids).for_cards()}
    page.object_list = [rows[i] for i in ids if i in rows]
    return page


def _without(request: HttpRequest, name: str, value: str | None = None) -> str:
    params = [
        (k, v)
        for k, values in request.GET.lists()
        for v in values
        if k != "page" and not (k == name and (value is None or v == value))
    ]
    if name == "year":
        params = [(k, v) for k, v in params if k != "month"]
    return "?" + urlencode(params)


def _with(request: HttpRequest, name: str, value: str) -> str:
    params = [(k, v) for k, values in request.GET.lists() for v in values if k != "page"]
    if (name, value) not in params:
        params.append((name, value))
    return "?" + urlencode(params)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # Imported here: the statistics app builds on this module's helpers.
    from cidb.stats import dashboards

    visible = Incident.objects.visible_to(request.user)
    latest = visible.newest_first().for_cards()[:6]
    context = {"latest": latest, "summary": dashboards.home_summary()}
    if is_editor(request.user):
        context["drafts"] = dashboards.drafts_count()
    return render(request, "incidents/home.html", context)


@require_safe
def incident_list(request: HttpRequest) -> HttpResponse:
    base = Incident.objects.visible_to(request.user)
    filterset = IncidentFilterSet(request.GET or None, queryset=base, request=request)
    if filterset.ignored:
        # Drop member-only filters from the address rather than echo their values back.
        messages.info(
            request,
            f"Filtering by {', '.join(filterset.ignored)} is available to members; "
            "those filters were removed.",
        )
        kept = [(k, v) for k, vs in request.GET.lists() for v in vs if k not in filterset.ignored]
        return redirect(f"{request.path}?{urlencode(kept)}" if kept else request.path)
    errors = {}
    if filterset.is_bound and not filterset.is_valid():
        errors = {
            filterset.filters[name].label or name if name in filterset.filters else name: msgs
            for name, msgs in filterset.errors.items()
        }
        queryset = base.none()
    else:
        queryset = filterset.qs
    member = is_member(request.user)
    params = urlencode(sorted((k, v) for k, vs in request.GET.lists() for v in vs if k != "page"))
    total, facets, newest = facet_module.cached(
        queryset,
        params=f"{audience(request.user)}|{params}",
        member=member,
        year_selected=bool(request.GET.get("year")) and not errors,
        ids_source=None if errors else lambda: filterset.index_ids(facet_module.SMALL_RESULT),
    )
    # Relevance needs a score for every match; past RANK_LIMIT matches that costs more
    # than the page is worth, so broad searches list newest first (and say so).
    ranked = bool(filterset.search_text) and total <= RANK_LIMIT
    if ranked:  # the few matches come newest first with their facets; rank those
        listing = search_index.rank_ids(filterset.search_text, newest)
    else:  # small results come ordered with their facets
        listing = (
            newest if newest is not None else queryset.newest_first().values_list("id", flat=True)
        )
    page = _incident_rows(_page(request, listing, count=total))
    selected = []
    for name, values in request.GET.lists():
        if name in ("page",) or name not in filterset.filters:
            continue
        for value in values:
            if value:
                selected.append((name, _label(name, value), _without(request, name, value)))
    current = {(k, v) for k, vs in request.GET.lists() for v in vs}
    for facet in facets:
        facet.links = []
        for value, label, count in facet.values:
            # The CIA facet's values are field names: each links to field=affected.
            name, wanted = (value, "affected") if facet.name == "cia" else (facet.name, value)
            link = _with(request, name, wanted)
            facet.links.append((value, label, count, link, (name, wanted) in current))
    status = 400 if errors else 200
    return render(
        request,
        "incidents/incident_list.html",
        {
            "filterset": filterset,
            "page": page,
            "total": total,
            "facets": facets,
            "selected": selected,
            "errors": errors,
            "query": filterset.search_text if not errors else request.GET.get("q", "")[:200],
            "hidden_params": [
                (k, v)
                for k, vs in request.GET.lists()
                for v in vs
                if k not in ("q", "page") and k in filterset.filters
            ],
            "country_choices": COUNTRY_CHOICES,
            "ranked": ranked,
            "rank_limit": RANK_LIMIT,
        },
        status=status,
    )


def _label(name: str, value: str) -> str:
    if name == "country":
        return country_name(value)
    if name == "attack_type":
        return vocab.ATTACK_TYPES.get(value, value)
    if name == "sector":
        return vocab.SECTORS.get(value, value)
    if name == "month" and value.isdigit() and 1 <= int(value) <= 12:
        return facet_module.MONTHS[int(value) - 1]
    if name == "actor" and value.isdigit():
        actor = ThreatActor.objects.filter(pk=int(value)).only("name").first()
        return actor.name if actor else value
    if name == "q":
        return f"“{value[:60]}”"
    return value


@require_safe
def incident_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    try:
        key = uuid_module.UUID(str(uuid))
    except ValueError:
        raise Http404("No such incident.") from None
    incident = Incident.objects.visible_to(request.user).for_listing().filter(uuid=key).first()
    if incident is None:
        moved = IncidentRedirect.objects.filter(old_uuid=key).select_related("incident").first()
        if moved is not None:
            return redirect(moved.incident, permanent=True)
        raise Http404("No such incident.")
    context = {"incident": incident}
    if is_member(request.user):
        from .services import evidence_map  # here: keeps this module's imports as on main

        # member-only, like the techniques themselves
        context["evidence"] = evidence_map([incident.pk]).get(incident.pk, {})
    if is_editor(request.user):
        context["changes"] = incident.changes.select_related("user")[:20]
    return render(request, "incidents/incident_detail.html", context)


@require_safe
def incident_card(request: HttpRequest, uuid: str, fmt: str) -> HttpResponse:
    """The generated card of an incident the viewer may see, as SVG or PNG."""
    if fmt not in ("svg", "png"):
        raise Http404("Cards are .svg or .png.")
    try:
        key = uuid_module.UUID(str(uuid))
    except ValueError:
        raise Http404("No such incident.") from None
    incident = (
        Incident.objects.visible_to(request.user)
        .select_related("victim")
        .prefetch_related("attack_types")
        .filter(uuid=key)
        .first()
    )
    if incident is None:
        raise Http404("No such incident.")
    card = cards.data_for(incident)
    if fmt == "svg":
        response = HttpResponse(cards.svg(card), content_type="image/svg+xml; charset=utf-8")
    else:
        path = cards.cached_png(card, settings.DATA_DIR / "cards")
        response = FileResponse(path.open("rb"), content_type="image/png")
    response["ETag"] = f'"{card.key()}-{fmt}"'
    # Drafts are for editors only: no shared cache may keep their card.
    public = incident.status == "published"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def _incident_page(request: HttpRequest, queryset, name: str):
    """A page of incidents, newest first; the total is cached until data changes."""
    total = facet_module.cached_by_generation(
        "incident-count", f"{audience(request.user)}|{name}", lambda: queryset.order_by().count()
    )
    return _incident_rows(
        _page(request, queryset.newest_first().values_list("id", flat=True), count=total)
    )


@require_safe
def organization_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    organization = get_object_or_404(
        linked_to_visible(Organization.objects.all(), request.user), pk=pk
    )
    incidents = Incident.objects.visible_to(request.user).filter(victim=organization)
    return render(
        request,
        "incidents/organization_detail.html",
        {
            "organization": organization,
            "page": _incident_page(request, incidents, f"org|{organization.pk}"),
            **_charts(request, "organization", "organization", str(organization.pk)),
        },
    )


@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    visible = Incident.objects.visible_to(request.user).order_by()
    counts = (
        visible.filter(victim=OuterRef("pk")).values("victim").annotate(n=Count("id")).values("n")
    )
    organizations = (
        Organization.objects.filter(Exists(visible.filter(victim=OuterRef("pk"))))
        .annotate(n=Subquery(counts))
        .order_by("name", "id")
    )
    letter = (request.GET.get("letter") or "")[:1].upper()
    if letter:
        organizations = organizations.filter(name__istartswith=letter)
    total = facet_module.cached_by_generation(
        "organization-count", f"{audience(request.user)}|{letter}", lambda: organizations.count()
    )
    return render(
        request,
        "incidents/organization_list.html",
        {"page": _page(request, organizations, count=total), "letter": letter},
    )


@require_safe
def country_list(request: HttpRequest) -> HttpResponse:
    visible = Incident.objects.visible_to(request.user).order_by()
    rows = facet_module.cached_by_generation(
        "country-counts",
        audience(request.user),
        lambda: list(visible.values_list("country").annotate(n=Count("id")).order_by("-n")),
    )
    countries = [(code, country_name(code), n) for code, n in rows if code]
    return render(request, "incidents/country_list.html", {"countries": countries})


@require_safe
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        raise Http404("No such country.")
    incidents = Incident.objects.visible_to(request.user).filter(country=code)
    return render(
        request,
        "incidents/country_detail.html",
        {
            "code": code,
            "country_name": country_name(code),
            "page": _incident_page(request, incidents, f"country|{code}"),
            **_charts(request, "country", "country", code),
        },
    )


def _charts(request: HttpRequest, entity: str, name: str, value: str) -> dict:
    # Imported here: the statistics app builds on this module's helpers.
    from cidb.stats.dashboards import entity_charts

    return entity_charts(request, entity, name, value)


def members_only(request: HttpRequest, what: str) -> HttpResponse:
    return render(request, "incidents/members_only.html", {"what": what}, status=403)


def _link_counts(field: str, column: str, user) -> dict:
    """Incidents per linked entity (actor or technique), cached until data changes."""
    through = getattr(Incident, field).through
    visible = Incident.objects.visible_to(user).order_by().values("id")
    return facet_module.cached_by_generation(
        "link-counts",
        f"{field}|{audience(user)}",
        lambda: dict(
            through.objects.filter(incident_id__in=visible)
            .values_list(column)
            .annotate(n=Count("id"))
        ),
    )


@require_safe
def actor_list(request: HttpRequest) -> HttpResponse:
    if not is_member(request.user):
        return members_only(request, "Threat actors")
    counts = _link_counts("actors", "threatactor_id", request.user)
    actors = list(linked_to_visible(ThreatActor.objects.all(), request.user))
    for actor in actors:
        actor.n = counts.get(actor.pk, 0)
    actors.sort(key=lambda a: (-a.n, a.name))
    return render(request, "incidents/actor_list.html", {"page": _page(request, actors)})


@require_safe
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_member(request.user):
        return members_only(request, "Threat actor pages")
    actor = get_object_or_404(linked_to_visible(ThreatActor.objects.all(), request.user), pk=pk)
    incidents = Incident.objects.visible_to(request.user).with_related(
        "actors", "threatactor_id", [actor.pk]
    )
    return render(
        request,
        "incidents/actor_detail.html",
        {
            "actor": actor,
            "page": _incident_page(request, incidents, f"actor|{actor.pk}"),
            **_charts(request, "actor", "actor", str(actor.pk)),
        },
    )


@require_safe
def technique_list(request: HttpRequest) -> HttpResponse:
    if not is_member(request.user):
        return members_only(request, "Techniques")
    counts = _link_counts("techniques", "technique_id", request.user)
    techniques = list(Technique.objects.filter(revoked=False, deprecated=False))
    for technique in techniques:
        technique.n = counts.get(technique.pk, 0)
    techniques.sort(key=lambda t: (-t.n, t.attack_id))
    return render(request, "incidents/technique_list.html", {"page": _page(request, techniques)})


@require_safe
def technique_detail(request: HttpRequest, attack_id: str) -> HttpResponse:
    if not is_member(request.user):
        return members_only(request, "Technique pages")
    technique = get_object_or_404(Technique.objects.select_related("parent"), attack_id=attack_id)
    incidents = Incident.objects.visible_to(request.user).with_techniques([technique.attack_id])
    return render(
        request,
        "incidents/technique_detail.html",
        {
            "technique": technique,
            "tactics": [vocab.TACTICS.get(t, t) for t in technique.tactics],
            "page": _incident_page(request, incidents, f"technique|{technique.attack_id}"),
            **_charts(request, "technique", "technique", technique.attack_id),
        },
    )
