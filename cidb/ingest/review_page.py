"""What the review page shows for each field: the value, its source sentences, how
sure the pipeline is, the conflicts between sources and the editor's decision. Reads
only; thin views render it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cidb.incidents import services as incident_services
from cidb.incidents.models import Incident

from .models import IncidentCluster
from .services import current_values, fields


@dataclass
class FieldRow:
    name: str
    label: str
    value: Any
    text: str  # the value as the editor edits it
    sentences: list[dict] = field(default_factory=list)  # {sentence, source, language}
    confidence: str = ""
    conflicts: list[dict] = field(default_factory=list)
    decided: dict | None = None  # {action, by, at}
    suggestion: dict | None = None
    frame: list[dict] = field(default_factory=list)  # the facts the texts are written from
    trace: list[dict] = field(default_factory=list)  # written sentence → slots → sources

    @property
    def multiline(self) -> bool:
        return self.name in fields.TEXT_FIELDS


def _field_of(key: str) -> str:
    """Provenance and conflict keys name a field, maybe with a detail ("attack_types:ddos",
    "number:records")."""
    return key.split(":", 1)[0]


def _sentences(cluster: IncidentCluster | None, name: str) -> list[dict]:
    out = []
    for key, items in (cluster.provenance if cluster else {}).items():
        if _field_of(key) != name:
            continue
        for item in items or []:
            out.append(
                {
                    "sentence": item.get("sentence") or item.get("text") or "",
                    "source": item.get("source") or "",
                    "language": item.get("language") or "",
                    "detail": key.split(":", 1)[1] if ":" in key else "",
                }
            )
    return out


def _slot_value(value: Any) -> str:
    if isinstance(value, dict):  # a number: {"value", "unit", "text"}
        return str(value.get("text") or value.get("value") or "")
    if isinstance(value, list | tuple):
        return ", ".join(_slot_value(v) for v in value)
    return "" if value is None else str(value)


def _slot_sentences(data: dict) -> list[dict]:
    return [
        {
            "sentence": item.get("text") or item.get("sentence") or "",
            "source": item.get("source") or "",
            "language": item.get("language") or "",
        }
        for item in data.get("sentences") or []
        if isinstance(item, dict)
    ]


def text_trace(cluster: IncidentCluster | None, text: str) -> list[dict]:
    """Each machine-written sentence still in ``text`` with the frame slots it was
    written from and their source sentences (the draft's ``text_provenance``); an
    editor's own sentences have none."""
    draft = (cluster.draft or {}) if cluster else {}
    frame = draft.get("frame") or {}
    out = []
    for entry in draft.get("text_provenance") or []:
        if not isinstance(entry, dict):
            continue
        sentence = str(entry.get("sentence") or "")
        if not sentence or sentence not in text:
            continue
        slots = [str(x) for x in entry.get("slots") or []]
        sources, disputed = [], False
        for slot in slots:
            data = frame.get(slot)
            if isinstance(data, dict):
                sources += [{**x, "detail": slot} for x in _slot_sentences(data)]
                disputed = disputed or data.get("agree") is False
        out.append({"sentence": sentence, "slots": slots, "sources": sources, "disputed": disputed})
    return out


def frame_slots(cluster: IncidentCluster | None) -> list[dict]:
    """The event frame the summary and description are written from: each slot's
    value with its source sentences; ``agree`` False where sources differ."""
    frame = (cluster.draft or {}).get("frame") if cluster else None
    out = []
    for slot, data in (frame or {}).items():
        if not isinstance(data, dict):
            continue
        value = _slot_value(data.get("value"))
        if not value:
            continue
        sentences = _slot_sentences(data)
        out.append(
            {
                "confidence": str(cluster.field_confidence.get(slot) or ""),
                "slot": slot.replace("_", " "),
                "value": value,
                "agree": data.get("agree", True) is not False,
                "sentences": sentences,
            }
        )
    return out


def _same(value: Any, current: Any) -> bool:
    a, b = str(value or "").casefold(), str(current or "").casefold()
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))


def conflict_view(conflict: dict, provenance: dict, current: Any = None) -> dict:
    """A conflict with each value's sources as {url, sentence}: the sentence given
    with it, else, for the value the draft chose (``current``), the field's provenance
    sentence from that source (provenance supports the chosen value only)."""
    name = _field_of(str(conflict.get("field") or ""))
    by_source = {
        item.get("source"): item.get("sentence")
        for key, items in provenance.items()
        if _field_of(key) == name
        for item in items or []
    }
    values = []
    for value in conflict.get("values") or []:
        chosen = current is not None and _same(value.get("value"), current)
        sources = []
        for src in value.get("sources") or value.get("incidents") or []:
            if isinstance(src, dict):
                url = str(src.get("source") or src.get("url") or "")
                sentence = src.get("sentence") or src.get("text") or ""
            else:
                url, sentence = str(src), ""
            if not sentence and chosen:
                sentence = by_source.get(url) or ""
            sources.append({"url": url, "sentence": sentence})
        values.append({"value": value.get("value"), "sources": sources, "chosen": chosen})
    return {"field": conflict.get("field"), "values": values}


def field_rows(incident: Incident, cluster: IncidentCluster | None) -> list[FieldRow]:
    current = current_values(incident)
    provenance = cluster.provenance if cluster else {}
    confidence = cluster.field_confidence if cluster else {}
    decided = (cluster.editor_fields or {}) if cluster else {}
    suggestions = (cluster.suggestions or {}) if cluster else {}
    evidence = incident_services.evidence_map([incident.pk]).get(incident.pk, {})
    frame = frame_slots(cluster)
    rows = []
    for name, label in fields.REVIEW_FIELDS.items():
        sentences = _sentences(cluster, name)
        if name == "techniques":
            sentences += [
                {**item, "detail": attack_id}
                for attack_id, items in evidence.items()
                for item in items
            ]
        rows.append(
            FieldRow(
                name=name,
                label=label,
                value=current[name],
                text=fields.display(name, current[name]),
                sentences=sentences,
                confidence=str(confidence.get(name) or ""),
                conflicts=[
                    conflict_view(c, provenance, current[name])
                    for c in incident.conflicts or []
                    if _field_of(str(c.get("field") or "")) == name
                ],
                decided=decided.get(name),
                suggestion=suggestions.get(name),
                frame=frame if name == "summary" else [],
                trace=text_trace(cluster, current[name]) if name in fields.TEXT_FIELDS else [],
            )
        )
    return rows


def other_conflicts(incident: Incident, cluster: IncidentCluster | None) -> list[dict]:
    """Conflicts about no reviewable field (people, numbers, ...)."""
    provenance = cluster.provenance if cluster else {}
    return [
        conflict_view(c, provenance, None)
        for c in incident.conflicts or []
        if _field_of(str(c.get("field") or "")) not in fields.REVIEW_FIELDS
    ]
