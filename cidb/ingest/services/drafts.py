"""Incident fields from a draft: the incident of a draft is created or updated (drafts
take the new values, a published incident gets suggestions for an editor), and a
draft is rebuilt from all its stored articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pycountry

from cidb.incidents import services as incident_services
from cidb.incidents import vocab
from cidb.incidents.models import (
    AttackType,
    ChangeLog,
    Incident,
    Motive,
    Organization,
    Source,
    Technique,
    ThreatActor,
    parse_iso_date,
)

from .. import analysis as nlp
from ..models import Article, IncidentCluster

EDITABLE = ("draft", "in_review")
# fields an ingest may suggest for a published incident (texts are the editor's)
SUGGESTED_FIELDS = (
    "victim",
    "country",
    "date",
    "attack_types",
    "cia",
    "motives",
    "techniques",
    "actors",
)


# --- incident fields from a draft ---------------------------------------------------


def _country(code: Any) -> str:
    code = str(code or "").upper()
    return code if code and pycountry.countries.get(alpha_2=code) else ""


def _date(draft: dict, members: list[Any]) -> tuple[dt.date, str]:
    today = dt.date.today()
    for text in [draft.get("date"), *(a.published for a in members)]:
        if not text:
            continue
        try:
            value, precision = parse_iso_date(str(text))
        except ValueError:
            continue
        if value <= today:  # a future date is no evidence; never the day of ingestion
            return value, precision
    # nothing dated (the draft says "date_unknown"): the field is required until the
    # model allows an unknown date, so the editor fixes it in review
    return today, "day"


def _organization(name: str | None, aliases: list[str], country: str) -> Organization | None:
    name = (name or "").strip()[:300]
    if not name:
        return None
    org = Organization.objects.filter(name=name, country=country).first()
    if org is None:
        org = Organization.objects.create(
            name=name, country=country, aliases=sorted(aliases)[:20], sector="other"
        )
    return org


def _actors(draft: dict) -> list[ThreatActor]:
    out = []
    for data in draft.get("actors") or []:
        name = str(data.get("name") or "").strip()[:200]
        if not name:
            continue
        kind = data.get("type") if data.get("type") in vocab.ACTOR_TYPES else "unknown"
        actor, _ = ThreatActor.objects.get_or_create(
            name=name, defaults={"actor_type": kind, "country": _country(data.get("country"))}
        )
        out.append(actor)
    return out


def _cia(draft: dict) -> dict[str, str]:
    letters = {str(x).upper() for x in draft.get("cia") or []}
    return {
        name: "affected" if letter in letters else "unknown"
        for name, letter in vocab.CIA_FIELDS.items()
    }


def proposed_values(draft: dict, members: list[Any]) -> dict[str, Any]:
    """The draft in the comparable shape used for suggestions."""
    date, precision = _date(draft, members)
    return {
        "victim": draft.get("victim") or "",
        "country": _country(draft.get("country")),
        "date": incident_services._jsonable(date) if precision == "day" else draft.get("date"),
        "attack_types": sorted(
            t for t in draft.get("attack_types") or [] if t in vocab.ATTACK_TYPES
        ),
        "cia": _cia(draft),
        "motives": sorted(m for m in draft.get("motives") or [] if m in vocab.MOTIVES),
        "techniques": sorted(str(t).upper() for t in draft.get("techniques") or []),
        "actors": sorted(str(a.get("name")) for a in draft.get("actors") or [] if a.get("name")),
        "summary": draft.get("summary") or "",
        "description": draft.get("description") or "",
    }


def current_values(incident: Incident) -> dict[str, Any]:
    return {
        "victim": incident.victim.name if incident.victim_id else incident.victim_label,
        "country": incident.country,
        "date": incident.date_iso,
        "attack_types": sorted(incident.attack_types.values_list("slug", flat=True)),
        "cia": incident.cia,
        "motives": sorted(incident.motives.values_list("slug", flat=True)),
        "techniques": sorted(incident.techniques.values_list("attack_id", flat=True)),
        "actors": sorted(incident.actors.values_list("name", flat=True)),
        "summary": incident.summary,
        "description": incident.description,
    }


def _related(draft: dict) -> dict[str, list[Any]]:
    """The many-to-many values of a draft, as records."""
    techniques = [str(t).upper() for t in draft.get("techniques") or []]
    return {
        "attack_types": list(AttackType.objects.filter(slug__in=draft.get("attack_types") or [])),
        "motives": list(Motive.objects.filter(slug__in=draft.get("motives") or [])),
        "techniques": list(Technique.objects.filter(attack_id__in=techniques)),
        "actors": _actors(draft),
    }


def _link_new(incident: Incident, name: str, objs: list[Any]) -> None:
    """Link records to a new incident: rows straight into the through table (``set``
    and ``add`` would first read what is linked: nothing). Sends no m2m signal; the
    caller reports the change (``incidents_changed``)."""
    if not objs:
        return
    manager = getattr(incident, name)
    through = manager.through
    src, tgt = f"{manager.source_field_name}_id", f"{manager.target_field_name}_id"
    pks = dict.fromkeys(o.pk for o in objs)
    through.objects.bulk_create([through(**{src: incident.pk, tgt: pk}) for pk in pks])


def _write_fields(
    incident: Incident,
    draft: dict,
    members: list[Any],
    before: dict | None = None,
    keep: set[str] | frozenset[str] = frozenset(),
) -> dict[str, list[str]]:
    """Write the draft's values but those of the review fields in ``keep`` (an
    editor's); returns the many-to-many values written, in the shape
    ``incident_services.snapshot`` gives them. ``before`` (that snapshot, taken in
    this transaction) lets unchanged many-to-many values go unwritten."""
    country = _country(draft.get("country"))
    if "country" not in keep:
        incident.country = country
    if "victim" not in keep:
        aliases = draft.get("victim_aliases") or []
        incident.victim = _organization(draft.get("victim"), aliases, incident.country)
    if "date" not in keep:
        incident.date, incident.date_precision = _date(draft, members)
    if "summary" not in keep:
        incident.summary = draft.get("summary") or "Automatically drafted incident."
    if "description" not in keep:
        incident.description = draft.get("description") or ""
    if "cia" not in keep:
        for name, value in _cia(draft).items():
            setattr(incident, name, value)
    incident.conflicts = draft.get("conflicts") or []
    created = incident.pk is None
    incident.save()
    related = {k: v for k, v in _related(draft).items() if k not in keep}
    written = {
        name: sorted(str(getattr(o, incident_services.M2M_FIELDS[name])) for o in objs)
        for name, objs in related.items()
    }
    for name, objs in related.items():
        if created:
            _link_new(incident, name, objs)
        elif before is None or before.get(name) != written[name]:
            getattr(incident, name).set(objs)
    evidence = draft.get("technique_evidence") or {}
    if "techniques" not in keep and (evidence or not created):
        incident_services.set_technique_evidence(incident, evidence, written["techniques"])
    if created:
        incident_services.incidents_changed([incident.pk])  # attack types are search tags
    return written


def _snapshot_after(
    incident: Incident, before: dict, written: dict[str, list[str]], sources: list[Source]
) -> dict[str, Any]:
    """``incident_services.snapshot`` after a draft was applied, from the snapshot before
    and what was written (reading the many-to-many values again costs five queries)."""
    data = {
        name: incident_services._jsonable(getattr(incident, name))
        for name in incident_services.SCALAR_FIELDS
    }
    for name in incident_services.M2M_FIELDS:
        data[name] = before.get(name) or []
    data.update(written)
    data["sources"] = sorted(set(data["sources"]) | {str(s.url) for s in sources})
    return data


def apply_draft(
    cluster: IncidentCluster | None,
    draft: dict,
    members: list[Any],
    sources: list[Source],
    key: str = "",
    user=None,
) -> IncidentCluster:
    """Create or update the incident of a draft (inside the caller's transaction).

    Drafts take the new values; a published incident keeps its approved values and
    the differences are stored as suggestions for an editor."""
    stored = dict(draft)  # machine texts too: new facts in them become suggestions
    if cluster is None:
        # machine-written: "unreviewed" until an editor publishes it (Incident.save)
        incident = Incident(status="draft", confidence="unreviewed")
        written = _write_fields(incident, draft, members)
        _link_new(incident, "sources", sources)
        cluster = IncidentCluster.objects.create(incident=incident, key=key, draft=stored)
        incident_services.record_change(
            incident,
            ChangeLog.Action.CREATE,
            incident_services.diff({}, _snapshot_after(incident, {}, written, sources)),
            user,
            comment=f"ingest: drafted from {len(members)} article(s)",
        )
        return cluster
    incident = cluster.incident
    previous = cluster.draft or {}
    before = incident_services.snapshot(incident)
    written: dict[str, list[str]] = {}
    if incident.status in EDITABLE:
        keep = set(cluster.editor_fields or {})
        written = _write_fields(incident, draft, members, before, keep)
        if not {str(x.url) for x in sources} <= set(before["sources"]):
            incident.sources.add(*sources)
        comment = f"ingest: draft rebuilt from {len(members)} article(s)"
        if keep:
            new = _kept_field_suggestions(incident, keep, draft, previous, members)
            pending = {k: v for k, v in (cluster.suggestions or {}).items() if k in keep}
            cluster.suggestions = {**pending, **new}
            if new:
                comment += f"; editor's {', '.join(sorted(new))} kept, new values suggested"
    else:
        incident.sources.add(*sources)
        current = current_values(incident)
        proposed = proposed_values(draft, members)
        suggestions = {}
        for name in SUGGESTED_FIELDS:
            if proposed[name] and proposed[name] != current[name]:
                suggestions[name] = {"value": proposed[name], "current": current[name]}
        if draft.get("conflicts") and draft["conflicts"] != incident.conflicts:
            suggestions["conflicts"] = {"value": draft["conflicts"], "current": incident.conflicts}
        cluster.suggestions = suggestions
        comment = f"ingest: new sources; {len(suggestions)} suggested change(s) pending review"
    cluster.draft = stored
    cluster.dirty = False
    cluster.save()
    changes = incident_services.diff(before, _snapshot_after(incident, before, written, sources))
    if incident.status not in EDITABLE:
        # sources were linked when the articles arrived: say what is new for editors
        old = {s["url"] for s in previous.get("sources") or []}
        new = sorted(s["url"] for s in draft.get("sources") or [] if s["url"] not in old)
        changes = {
            **changes,
            "sources": [None, new],
            "suggestions": [None, sorted(cluster.suggestions)],
        }
    if changes:
        incident_services.record_change(incident, ChangeLog.Action.UPDATE, changes, user, comment)
    return cluster


def _kept_field_suggestions(
    incident: Incident, keep: set[str], draft: dict, previous: dict, members: list[Any]
) -> dict[str, dict]:
    """What ingestion now reads for the fields an editor decided: suggested where it
    differs from what the editor has and from what ingestion read before (a value the
    editor already turned down is not offered again)."""
    proposed = proposed_values(draft, members)
    earlier = proposed_values(previous, members) if previous else {}
    current = current_values(incident)
    out = {}
    for name in sorted(keep):
        value = proposed.get(name)
        if value and value != current.get(name) and value != earlier.get(name):
            out[name] = {"value": value, "current": current.get(name)}
    return out


def load_analysis(article: Article) -> Any:
    text = article.source.text if article.source_id else ""
    try:
        return nlp.from_dict(article.analysis, text, article.vector())
    except (TypeError, KeyError, ValueError):
        # the stored shape is from another version of the NLP core: analyse again
        raw = dict(article.raw)
        if not raw.get("text") and not raw.get("html"):
            raw["text"] = text
        a = nlp.analyse(raw)
        a.embedding = article.vector()
        return a


def members_of(incident: Incident) -> list[Article]:
    articles = list(
        Article.objects.filter(incident=incident)
        .exclude(status=Article.Status.ERROR)
        .select_related("source")
    )
    # file order, rescued (borderline) articles last: the batch pipeline's order
    return sorted(articles, key=lambda x: (x.status == Article.Status.BORDERLINE, x.pk))


def rebuild(
    cluster: IncidentCluster, analysis_of: Callable[[Article], Any] = load_analysis, user=None
) -> None:
    """Rebuild an incident's draft from all its articles (call in a transaction)."""
    articles = members_of(cluster.incident)
    if not articles:
        cluster.dirty = False
        cluster.save(update_fields=["dirty", "updated"])
        return
    analyses = [analysis_of(x) for x in articles]
    sources = [x.source for x in articles if x.source_id]
    apply_draft(cluster, nlp.build_draft(analyses), analyses, sources, user=user)
