"""Technique suggestions for an incident, for editors: the tagger run over the
incident's own text and its sources, minus what the incident already has."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from cidb.incidents import services
from cidb.incidents.models import ChangeLog, Incident, Technique

from . import get_tagger

# Below the tagger's decision threshold (0.5): editors see weaker candidates too.
SUGGESTION_MIN_SCORE = 0.3


@dataclass
class Suggestion:
    technique: Technique
    score: float
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (where, sentence)


def suggest(incident: Incident, min_score: float = SUGGESTION_MIN_SCORE) -> list[Suggestion]:
    texts = [("Summary and description", f"{incident.summary}\n\n{incident.description}")]
    texts += [
        (source.title or source.url, f"{source.title}\n\n{source.text}")
        for source in incident.sources.all()
        if source.text
    ]
    best: dict[str, Suggestion] = {}
    hits_per_text = get_tagger().tag_many([text for _, text in texts], min_score=min_score)
    known = {t.attack_id: t for t in Technique.objects.filter(revoked=False, deprecated=False)}
    have = set(incident.techniques.values_list("attack_id", flat=True))
    for (where, _), hits in zip(texts, hits_per_text, strict=True):
        for hit in hits:
            technique = known.get(hit.id)
            if technique is None or hit.id in have:
                continue
            entry = best.setdefault(hit.id, Suggestion(technique, hit.score))
            entry.score = max(entry.score, hit.score)
            entry.evidence += [(where, sentence) for sentence in hit.evidence[:2]]
    return sorted(best.values(), key=lambda s: -s.score)


@transaction.atomic
def accept(incident: Incident, attack_ids: list[str], user) -> list[str]:
    """Add the accepted techniques; returns the IDs actually added."""
    before = services.snapshot(incident)
    techniques = list(
        Technique.objects.filter(attack_id__in=attack_ids, revoked=False, deprecated=False)
    )
    incident.techniques.add(*techniques)
    changes = services.diff(before, services.snapshot(incident))
    if changes:
        services.record_change(
            incident, ChangeLog.Action.UPDATE, changes, user, comment="suggested techniques"
        )
        services.incident_edited.send(
            sender=Incident, incident=incident, changes=changes, user=user
        )
    return sorted(t.attack_id for t in techniques)
