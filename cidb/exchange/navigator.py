"""ATT&CK Navigator layer (format 4.5, enterprise-attack, ATT&CK 18): how many of
the filtered incidents use each technique, as a heatmap. One aggregate query."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, QuerySet

from cidb.incidents.models import Incident

MEDIA_TYPE = "application/json"
EXTENSION = "layer.json"
ATTACK_VERSION = "18"


def layer(queryset: QuerySet, *, description: str = "") -> dict[str, Any]:
    through = Incident.techniques.through
    counts = list(
        through.objects.filter(incident_id__in=queryset.order_by().values("id"))
        .values_list("technique__attack_id", "technique__is_subtechnique")
        .annotate(n=Count("id"))
        .order_by("technique__attack_id")
    )
    parents_with_subs = {tid.split(".")[0] for tid, sub, _ in counts if sub}
    top = max((n for _, _, n in counts), default=0)
    return {
        "name": "cidb incidents",
        "versions": {"attack": ATTACK_VERSION, "navigator": "5.1.0", "layer": "4.5"},
        "domain": "enterprise-attack",
        "description": description or "ATT&CK techniques in cidb incidents (count per technique).",
        "sorting": 3,
        "layout": {"layout": "side", "showID": True, "showName": True},
        "hideDisabled": False,
        "techniques": [
            {
                "techniqueID": tid,
                "score": n,
                "comment": f"{n} incident{'s' if n != 1 else ''}",
                "enabled": True,
                "showSubtechniques": tid in parents_with_subs,
            }
            for tid, _, n in counts
        ],
        "gradient": {"colors": ["#fff7ec", "#fc8d59", "#b30000"], "minValue": 0, "maxValue": top},
        "legendItems": [],
        "metadata": [{"name": "source", "value": "cidb"}],
        "showTacticRowBackground": False,
        "selectTechniquesAcrossTactics": True,
        "selectSubtechniquesWithParent": False,
    }


def write(queryset: QuerySet, *, description: str = "") -> Iterator[str]:
    yield json.dumps(layer(queryset, description=description), indent=1) + "\n"
