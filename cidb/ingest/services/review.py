"""Editor actions of the review queue: publish, merge, split, and accepting or
dismissing the suggestions an ingest made for a published incident."""

from __future__ import annotations

import uuid

from django.db import transaction

from cidb.incidents import services as incident_services
from cidb.incidents import vocab
from cidb.incidents.models import (
    ChangeLog,
    Incident,
    Source,
)

from .. import analysis as nlp
from ..models import Article, IncidentCluster
from . import fields
from .drafts import (
    EDITABLE,
    SUGGESTED_FIELDS,
    apply_draft,
    load_analysis,
    members_of,
    rebuild,
)


@transaction.atomic
def publish(incident: Incident, user=None, confidence: str = "") -> Incident:
    """Publish a draft. The editor may say how sure the record is; an unreviewed
    draft otherwise becomes "confirmed" (Incident.save)."""
    before = incident_services.snapshot(incident)
    if confidence in vocab.CONFIDENCES and confidence != "unreviewed":
        incident.confidence = confidence
    incident.status = "published"
    incident.save()
    incident_services.record_change(
        incident,
        ChangeLog.Action.UPDATE,
        incident_services.diff(before, incident_services.snapshot(incident)),
        user,
        comment="published from the review queue",
    )
    return incident


@transaction.atomic
def merge(survivor: Incident, others: list[Incident], user=None) -> Incident:
    """Merge incidents (history, redirects) and their grouping state and articles."""
    clusters = {
        c.incident_id: c for c in IncidentCluster.objects.filter(incident__in=[survivor, *others])
    }
    target = clusters.get(survivor.pk)
    for other in others:
        Article.objects.filter(incident=other).update(incident=survivor)
        cluster = clusters.get(other.pk)
        if cluster is None:
            continue
        if target is None:
            cluster.incident = survivor  # the survivor takes over the other's state
            target = cluster
            continue
        target.state = nlp.merge_states(target.state, cluster.state)
        cluster.delete()
    if target is not None:
        target.incident = survivor
        target.state = {**target.state, "key": target.key} if target.state else target.state
        target.dirty = True
        target.save()
    incident_services.merge_incidents(survivor, others, user)
    if target is not None:
        target.refresh_from_db()
        rebuild(target, user=user)
    return survivor


@transaction.atomic
def split(incident: Incident, source_ids: list[int], user=None) -> Incident:
    """Move the chosen sources (and their articles) to a new draft; both are regrouped."""
    moving = list(
        Article.objects.filter(incident=incident, source_id__in=source_ids).select_related("source")
    )
    sources = list(Source.objects.filter(pk__in=source_ids, incidents=incident))
    if not sources:
        raise ValueError("choose at least one of the incident's sources")
    if len(sources) == incident.sources.count():
        raise ValueError("keep at least one source on the original incident")
    cluster = IncidentCluster.objects.filter(incident=incident).first()
    # no numeric tail: new_grouper continues numbering after numeric tails
    key = f"split-{uuid.uuid4().hex}-s"
    analyses = [load_analysis(x) for x in moving]
    if analyses:
        draft = nlp.build_draft(analyses)
    else:  # sources the pipeline did not read: a minimal draft from the original
        draft = {
            "victim": incident.victim.name if incident.victim_id else None,
            "country": incident.country,
            "date": incident.date_iso,
        }
        draft["summary"] = f"Split from {incident.victim_name}: needs review."
    new = apply_draft(None, draft, analyses, sources, key=key, user=user)
    new.state = nlp.state_from_members(key, analyses)
    new.save()
    incident.sources.remove(*sources)
    Article.objects.filter(pk__in=[x.pk for x in moving]).update(incident=new.incident)
    incident_services.record_change(
        incident,
        ChangeLog.Action.UPDATE,
        {"sources": [[s.url for s in sources], []]},
        user,
        comment=f"split: {len(sources)} source(s) moved to {new.incident.uuid}",
    )
    if cluster is not None:
        remaining = [load_analysis(x) for x in members_of(incident)]
        cluster.state = nlp.state_from_members(cluster.key, remaining)
        cluster.save()
        rebuild(cluster, user=user)
    return new.incident


FIELD_WRITERS = {*SUGGESTED_FIELDS, *fields.TEXT_FIELDS, "conflicts"}


@transaction.atomic
def accept_suggestions(cluster: IncidentCluster, names: list[str], user=None) -> Incident:
    """Apply chosen suggested values (recorded in the incident's history); on a draft
    they stay the editor's choice (never overwritten by ingestion)."""
    incident = cluster.incident
    before = incident_services.snapshot(incident)
    suggestions = dict(cluster.suggestions or {})
    accepted = []
    for name in names:
        if name not in suggestions or name not in FIELD_WRITERS:
            continue
        value = suggestions.pop(name)["value"]
        fields.write(incident, name, value)
        accepted.append(name)
        if name == "techniques":
            evidence = incident_services.evidence_map([incident.pk]).get(incident.pk, {})
            evidence.update((cluster.draft or {}).get("technique_evidence") or {})
            incident_services.set_technique_evidence(incident, evidence, value)
    incident.save()
    cluster.suggestions = suggestions
    fields.mark(cluster, set(accepted) & set(fields.REVIEW_FIELDS), user, "accepted suggestion")
    cluster.save(update_fields=["suggestions", "editor_fields", "updated"])
    incident_services.record_change(
        incident,
        ChangeLog.Action.UPDATE,
        incident_services.diff(before, incident_services.snapshot(incident)),
        user,
        comment="accepted suggested changes: " + ", ".join(names),
    )
    return incident


@transaction.atomic
def review_field(incident: Incident, name: str, action: str, text: str = "", user=None) -> bool:
    """An editor's decision on one field of the review page, in one step: "accept" the
    value as it stands or "correct" it to ``text`` (parsed by fields.parse; ValueError
    says what is wrong). Recorded in the history and on the cluster, so that ingestion
    keeps the field from now on ("release" hands it back to ingestion). Returns
    whether the value changed."""
    if name not in fields.REVIEW_FIELDS:
        raise ValueError(f"{name!r} is not a reviewable field")
    if action not in ("accept", "correct", "release"):
        raise ValueError(f"unknown action {action!r}")
    cluster = IncidentCluster.objects.filter(incident=incident).first()
    label = fields.REVIEW_FIELDS[name].split(" (")[0].lower()
    before = incident_services.snapshot(incident)
    if action == "release":
        if cluster is None or name not in (cluster.editor_fields or {}):
            raise ValueError("ingestion already updates this field")
        cluster.editor_fields = {k: v for k, v in cluster.editor_fields.items() if k != name}
        cluster.suggestions = {k: v for k, v in (cluster.suggestions or {}).items() if k != name}
        cluster.save(update_fields=["editor_fields", "suggestions", "updated"])
        incident_services.record_change(
            incident, ChangeLog.Action.UPDATE, {}, user, comment=f"review: released {label}"
        )
        if incident.status in EDITABLE:
            rebuild(cluster, user=user)  # the draft takes what the sources say again
            incident.refresh_from_db()
        return before != incident_services.snapshot(incident)
    if action == "correct":
        fields.write(incident, name, fields.parse(name, text))
        incident.save()
    changes = incident_services.diff(before, incident_services.snapshot(incident))
    done = "corrected" if changes else "accepted"
    if cluster is not None:
        fields.mark(cluster, {name}, user, done)
        cluster.save(update_fields=["editor_fields", "updated"])
    incident_services.record_change(
        incident, ChangeLog.Action.UPDATE, changes, user, comment=f"review: {done} {label}"
    )
    return bool(changes)


@transaction.atomic
def dismiss_suggestions(cluster: IncidentCluster, user=None) -> None:
    names = sorted(cluster.suggestions or {})
    cluster.suggestions = {}
    cluster.save(update_fields=["suggestions", "updated"])
    incident_services.record_change(
        cluster.incident,
        ChangeLog.Action.UPDATE,
        {},
        user,
        comment="dismissed suggestions: " + ", ".join(names),
    )
