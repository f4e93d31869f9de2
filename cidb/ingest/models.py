"""Ingestion state: feeds, every article read (raw input, analysis, outcome) and the
grouping state, provenance, timeline and pending suggestions of each incident the
pipeline feeds. Incident fields themselves stay in cidb.incidents."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.db import models

from cidb.incidents.models import Incident, Source

if TYPE_CHECKING:
    import numpy as np


def sha256(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


class Feed(models.Model):
    """An RSS or Atom feed editors manage; polled by the periodic task and `--feed`."""

    url = models.URLField(max_length=1000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    language = models.CharField(
        max_length=8, blank=True, help_text="ISO 639-1 hint for the feed's articles"
    )
    enabled = models.BooleanField(default=True)
    last_polled = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    error_count = models.PositiveIntegerField(default=0, help_text="Failed polls in a row")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


class ArticleQuerySet(models.QuerySet):
    def grouped(self) -> ArticleQuerySet:
        return self.filter(status__in=(Article.Status.GROUPED, Article.Status.DUPLICATE))

    def unattached_borderline(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.BORDERLINE, incident__isnull=True)


class Article(models.Model):
    """One input article and what became of it. Keyed by URL (any URI) and content."""

    class Status(models.TextChoices):
        GROUPED = "grouped", "Grouped into an incident"
        DUPLICATE = "duplicate", "Copy of an earlier article"
        BORDERLINE = "borderline", "Borderline (joins an incident that it names)"
        IRRELEVANT = "irrelevant", "Not about an incident"
        ERROR = "error", "Could not be read"

    url = models.TextField()
    url_hash = models.CharField(max_length=64, unique=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=8, blank=True)
    published = models.DateField(null=True, blank=True)
    raw = models.JSONField(default=dict, blank=True, help_text="The input as read")
    analysis = models.JSONField(default=dict, blank=True, help_text="NLP analysis (no text)")
    embedding = models.BinaryField(null=True, blank=True)
    relevance = models.FloatField(default=0.0)
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    error = models.TextField(blank=True)
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.url

    def save(self, *args, **kwargs) -> None:
        self.url = self.url.strip()
        self.url_hash = sha256(self.url)
        super().save(*args, **kwargs)

    def vector(self) -> np.ndarray | None:
        if not self.embedding:
            return None
        import numpy as np  # here, not at the top: every cidb command loads the models

        return np.frombuffer(bytes(self.embedding), dtype=np.float32)

    @staticmethod
    def pack(vector: np.ndarray | None) -> bytes | None:
        if vector is None:
            return None
        import numpy as np

        return np.asarray(vector, dtype=np.float32).tobytes()


# The fields an editor reviews, in the order of the review page (services/fields.py
# reads, parses and writes them).
REVIEW_FIELDS: dict[str, str] = {
    "victim": "Victim",
    "country": "Country",
    "date": "Date",
    "attack_types": "Attack types",
    "cia": "CIA (affected: C, I, A)",
    "motives": "Motives",
    "techniques": "Techniques",
    "actors": "Threat actors",
    "summary": "Summary",
    "description": "Description",
}


class IncidentCluster(models.Model):
    """Everything the pipeline knows about one incident: grouping state (centroid,
    names, countries, months), the last draft with provenance and timeline, and the
    changes it suggests for a published incident."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="ingest")
    key = models.CharField(max_length=200, unique=True, help_text="Grouper key")
    state = models.JSONField(default=dict, blank=True)
    draft = models.JSONField(default=dict, blank=True, help_text="Last draft built by the NLP")
    suggestions = models.JSONField(
        default=dict,
        blank=True,
        help_text="field: {value, current}: for published incidents and editors' fields of drafts",
    )
    editor_fields = models.JSONField(
        default=dict,
        blank=True,
        help_text="field: {action, by, at}: fields an editor edited, accepted or corrected; "
        "ingestion never overwrites them (it suggests instead)",
    )
    dirty = models.BooleanField(default=False, help_text="Draft must be rebuilt")
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key

    @property
    def provenance(self) -> dict:
        return self.draft.get("provenance") or {}

    @property
    def timeline(self) -> list:
        return self.draft.get("timeline") or []

    @property
    def people(self) -> list:
        return self.draft.get("people") or []

    @property
    def field_confidence(self) -> dict:
        """field: "high" | "medium" | "low", from how far the sources agree."""
        return self.draft.get("field_confidence") or {}

    @property
    def review_field_confidence(self) -> list[tuple[str, str]]:
        """(field, level) of the reviewable fields, in review order (the frame's slots
        have theirs on the review page)."""
        levels = self.field_confidence
        return [(name, str(levels[name])) for name in REVIEW_FIELDS if levels.get(name)]

    @property
    def review_flags(self) -> list:
        """What an editor must check, e.g. "date_unknown", "language_unreadable:ko"."""
        return self.draft.get("review_flags") or []

    @property
    def language_note(self) -> str:
        return self.draft.get("language_note") or ""

    @property
    def negative_facts(self) -> list:
        return self.draft.get("negative_facts") or []
