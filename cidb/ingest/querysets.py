"""Reads for the review queue: drafts and the incidents they may duplicate."""

from __future__ import annotations

import datetime as dt

import numpy as np

from cidb.incidents.models import Incident

from .analysis import name_match

CLOSE_EMBEDDING = 0.85


def _centroid(incident: Incident) -> np.ndarray | None:
    cluster = getattr(incident, "ingest", None) if hasattr(incident, "ingest") else None
    vector = (cluster.state or {}).get("centroid") if cluster else None
    if not vector:
        return None
    v = np.asarray(vector, dtype=np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n else None


def review_queue():
    return (
        Incident.objects.filter(status__in=("draft", "in_review"))
        .select_related("victim", "ingest")
        .order_by("-created", "-id")
    )


def suggested_duplicates(incident: Incident, limit: int = 5) -> list[tuple[Incident, list[str]]]:
    """Other incidents within two months that share the victim name, or sit close in
    embedding space, or fall in the same month and country; with the reasons."""
    low = (incident.date.replace(day=1) - dt.timedelta(days=62)).replace(day=1)
    high = incident.date + dt.timedelta(days=62)
    nearby = (
        Incident.objects.exclude(pk=incident.pk)
        .exclude(status="retracted")
        .filter(date__gte=low, date__lte=high)
        .select_related("victim", "ingest")[:300]
    )
    mine = _centroid(incident)
    out = []
    for other in nearby:
        reasons = []
        if incident.victim_id and other.victim_id:
            score = (
                1.0
                if incident.victim_id == other.victim_id
                else name_match(incident.victim.name, other.victim.name)
            )
            if score >= 0.85:
                reasons.append("similar victim")
        theirs = _centroid(other)
        close = mine is not None and theirs is not None and mine.shape == theirs.shape
        if close and float(mine @ theirs) >= CLOSE_EMBEDDING:
            reasons.append("close wording")
        same_month = (other.date.year, other.date.month) == (
            incident.date.year,
            incident.date.month,
        )
        if same_month and other.country and other.country == incident.country:
            reasons.append("same month and country")
        if reasons:
            out.append((other, reasons))
    out.sort(key=lambda pair: -len(pair[1]))
    return out[:limit]
