"""Incident records and the entities they link to.

Per-record rules live here; reusable reads are QuerySet methods (querysets.py);
writes spanning several records live in services.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from cidb.core.safeurl import source_url_problem

from . import vocab
from .querysets import IncidentQuerySet


def validate_country(value: str) -> None:
    if value and pycountry.countries.get(alpha_2=value) is None:
        raise ValidationError(f"{value!r} is not an ISO 3166-1 alpha-2 country code.")


def validate_source_url(url: str) -> None:
    problem = source_url_problem(url)
    if problem:
        raise ValidationError(problem)


def country_name(code: str) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


class CountryField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_country])
        super().__init__(*args, **kwargs)


class Organization(models.Model):
    name = models.CharField(
        max_length=300, help_text="The name as the organisation writes it, in its own language."
    )
    aliases = models.JSONField(default=list, blank=True, help_text="Other names and spellings.")
    country = CountryField(db_index=True)
    sector = models.CharField(
        max_length=20, choices=vocab.choices(vocab.SECTORS), default="other", db_index=True
    )
    website = models.URLField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organization", args=[self.pk, slugify(self.name) or "org"])

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class ThreatActor(models.Model):
    name = models.CharField(max_length=200, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    actor_type = models.CharField(
        "type", max_length=20, choices=vocab.choices(vocab.ACTOR_TYPES), default="unknown"
    )
    country = CountryField(help_text="Where the actor is based or sponsored from, if known.")
    attack_id = models.CharField(
        "ATT&CK group ID", max_length=10, blank=True, help_text="e.g. G0007", db_index=True
    )
    description = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actor", args=[self.pk])

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class Technique(models.Model):
    attack_id = models.CharField("ATT&CK ID", max_length=12, unique=True)
    stix_id = models.CharField(max_length=80, blank=True, db_index=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    tactics = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subtechniques"
    )
    is_subtechnique = models.BooleanField(default=False)
    url = models.URLField(blank=True)
    revoked = models.BooleanField(default=False)
    deprecated = models.BooleanField(default=False)
    attack_version = models.CharField(max_length=10, blank=True)
    modified = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attack_id"]

    def __str__(self) -> str:
        return f"{self.attack_id} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("technique", args=[self.attack_id])

    @property
    def full_name(self) -> str:
        if self.parent_id and self.parent:
            return f"{self.parent.name}: {self.name}"
        return self.name

    @property
    def is_active(self) -> bool:
        return not (self.revoked or self.deprecated)


class Source(models.Model):
    url = models.TextField(
        help_text="An http(s) address (file: and urn: for ingested articles without one).",
        validators=[validate_source_url],
    )
    url_hash = models.CharField(max_length=64, unique=True, editable=False)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1")
    published = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="Extracted main text.")
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "id"]

    def __str__(self) -> str:
        return self.title or self.url

    @staticmethod
    def hash_url(url: str) -> str:
        return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()

    def save(self, *args, **kwargs) -> None:
        self.url = self.url.strip()
        # Every write path (imports, ingestion, the admin) passes here.
        validate_source_url(self.url)
        self.url_hash = self.hash_url(self.url)
        if self.text and not self.content_hash:
            self.content_hash = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        super().save(*args, **kwargs)

    @property
    def is_web(self) -> bool:
        return self.url.startswith(("http://", "https://"))


class AttackType(models.Model):
    slug = models.SlugField(max_length=30, primary_key=True)
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Motive(models.Model):
    slug = models.CharField(max_length=30, primary_key=True)
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


CIA_CHOICES = vocab.choices(vocab.CIA_VALUES)


class Incident(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    victim = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        help_text="Leave empty when many organisations were hit; then describe them below.",
    )
    victim_label = models.CharField(
        max_length=300,
        blank=True,
        help_text='Stands in for the victim when many were hit, e.g. "Municipalities in Norway".',
    )
    sector = models.CharField(
        max_length=20, choices=vocab.choices(vocab.SECTORS), blank=True, db_index=True
    )
    date = models.DateField(help_text="First day of the period when precision is month or year.")
    date_precision = models.CharField(
        max_length=5, choices=vocab.choices(vocab.DATE_PRECISIONS), default="month"
    )
    discovered = models.DateField(null=True, blank=True)
    disclosed = models.DateField(null=True, blank=True)
    country = CountryField(db_index=True)
    region = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=120, blank=True)
    summary = models.TextField()
    description = models.TextField(blank=True)
    image = models.ImageField(upload_to="incidents/%Y/", blank=True)
    image_caption = models.CharField(max_length=300, blank=True)
    attack_types = models.ManyToManyField(AttackType, blank=True, related_name="incidents")
    confidentiality = models.CharField(max_length=12, choices=CIA_CHOICES, default="unknown")
    integrity = models.CharField(max_length=12, choices=CIA_CHOICES, default="unknown")
    availability = models.CharField(max_length=12, choices=CIA_CHOICES, default="unknown")
    motives = models.ManyToManyField(Motive, blank=True, related_name="incidents")
    techniques = models.ManyToManyField(Technique, blank=True, related_name="incidents")
    actors = models.ManyToManyField(ThreatActor, blank=True, related_name="incidents")
    sources = models.ManyToManyField(Source, blank=True, related_name="incidents")
    status = models.CharField(
        max_length=10, choices=vocab.choices(vocab.STATUSES), default="draft", db_index=True
    )
    confidence = models.CharField(
        max_length=10, choices=vocab.choices(vocab.CONFIDENCES), default="confirmed"
    )
    conflicts = models.JSONField(
        default=list, blank=True, help_text="Where sources disagree: field, values and sources."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["status", "date", "id"], name="incident_status_date"),
            models.Index(fields=["status", "country", "date"], name="incident_status_country"),
            models.Index(fields=["status", "sector", "date"], name="incident_status_sector"),
            # Feeds and alerts: the most recently published first, and what was
            # published since a time.
            models.Index(fields=["status", "published_at"], name="incident_status_published"),
            # Facet counts and newest-first order of a result set read these columns by
            # id; this index answers that without touching the wide rows (long texts).
            models.Index(
                fields=[
                    "id",
                    "status",
                    "date",
                    "country",
                    "sector",
                    "confidentiality",
                    "integrity",
                    "availability",
                ],
                name="incident_facet_cover",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.victim_name} ({self.date_display})"

    def get_absolute_url(self) -> str:
        return reverse("incident", args=[self.uuid])

    # Every record has an image: the editor's upload, else its generated card
    # (cidb/incidents/cards.py), which shows only public fields.
    @property
    def image_url(self) -> str:
        return self.image.url if self.image else reverse("incident_card", args=[self.uuid, "svg"])

    @property
    def social_image_url(self) -> str:
        """For Open Graph, Twitter cards and feed enclosures, which take no SVG."""
        return self.image.url if self.image else reverse("incident_card", args=[self.uuid, "png"])

    @property
    def image_alt(self) -> str:
        if self.image:
            return self.image_caption or f"Image for the incident at {self.victim_name}"
        from .cards import data_for

        return data_for(self).alt

    def clean(self) -> None:
        if not self.victim_id and not self.victim_label and not self.sector:
            raise ValidationError(
                "An incident needs a victim organisation, or a label or sector standing in."
            )
        today = dt.date.today()
        if self.date and self.date > today:
            raise ValidationError({"date": "The incident date cannot be in the future."})
        if self.discovered and self.date and self.discovered < self.date:
            raise ValidationError({"discovered": "Discovered before the incident date."})

    def save(self, *args, **kwargs) -> None:
        self.date = normalise_date(self.date, self.date_precision)
        if not self.sector and self.victim_id:
            self.sector = self.victim.sector
        if self.status == "published" and self.confidence == "unreviewed":
            # an editor published it: a published record is never "unreviewed"
            self.confidence = "confirmed"
        if self.status == "published" and self.published_at is None:
            from django.utils import timezone

            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def victim_name(self) -> str:
        if self.victim_id:
            return self.victim.name
        if self.victim_label:
            return self.victim_label
        return vocab.SECTORS.get(self.sector, "Unknown victim")

    @property
    def date_display(self) -> str:
        return format_date(self.date, self.date_precision)

    @property
    def date_iso(self) -> str:
        """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' by precision (the export format)."""
        return iso_date(self.date, self.date_precision)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def location_display(self) -> str:
        parts = [p for p in (self.city, self.region, self.country_name) if p]
        return ", ".join(parts)

    @property
    def cia(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in vocab.CIA_FIELDS}

    @property
    def cia_letters(self) -> list[str]:
        """Affected CIA properties as letters, e.g. ['I', 'A']."""
        return [
            letter for name, letter in vocab.CIA_FIELDS.items() if getattr(self, name) == "affected"
        ]

    @property
    def is_public(self) -> bool:
        return self.status == "published"


def normalise_date(value: dt.date, precision: str) -> dt.date:
    """Month and year precision store the first day of the period."""
    if value is None:
        return value
    if precision == "month":
        return value.replace(day=1)
    if precision == "year":
        return value.replace(month=1, day=1)
    return value


def format_date(value: dt.date | None, precision: str) -> str:
    if value is None:
        return "Unknown"
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return value.strftime("%b %Y")
    return f"{value.day} {value.strftime('%b %Y')}"


def iso_date(value: dt.date | None, precision: str) -> str:
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def parse_iso_date(text: str) -> tuple[dt.date, str]:
    """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' into (date, precision)."""
    text = (text or "").strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1), "year"
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 1), "month"
        return dt.date.fromisoformat(text[:10]), "day"
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD") from exc


class TechniqueEvidence(models.Model):
    """A sentence that supports one technique of an incident, with its source and
    language: member-only, like the technique. Rows of techniques no longer linked
    are ignored when read (``evidence_map``) and replaced on the next write."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="technique_evidence"
    )
    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="+")
    sentence = models.TextField()
    source = models.TextField(blank=True, help_text="URL (any URI) of the source it is from")
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1")

    class Meta:
        ordering = ["incident", "technique", "id"]
        verbose_name_plural = "technique evidence"

    def __str__(self) -> str:
        return f"{self.technique_id}: {self.sentence[:60]}"

    def as_dict(self) -> dict[str, str]:
        return {"sentence": self.sentence, "source": self.source, "language": self.language}


MAX_EVIDENCE = 5  # sentences kept per technique
MAX_SENTENCE = 1000


def clean_evidence(data: object, techniques: list[str] | set[str]) -> dict[str, list[dict]]:
    """``{"T1486": [{"sentence", "source", "language"}]}`` as stored: only techniques in
    ``techniques``, only items with a sentence, no repeats, at most MAX_EVIDENCE each.
    Raises ValueError (with the bad key) on a shape that is not this."""
    if not data:
        return {}
    if not isinstance(data, dict):
        raise ValueError("technique_evidence must be an object keyed by ATT&CK ID")
    wanted = {str(t).upper() for t in techniques}
    out: dict[str, list[dict]] = {}
    for key, items in data.items():
        attack_id = str(key).upper()
        if not isinstance(items, list):
            raise ValueError(f"technique_evidence.{key} must be a list")
        if attack_id not in wanted:
            continue
        kept: list[dict] = []
        for item in items:
            if isinstance(item, str):
                item = {"sentence": item}
            if not isinstance(item, dict):
                raise ValueError(f"technique_evidence.{key} items must be objects")
            sentence = " ".join(str(item.get("sentence") or "").split())[:MAX_SENTENCE]
            entry = {
                "sentence": sentence,
                "source": str(item.get("source") or "").strip(),
                "language": str(item.get("language") or "").strip()[:8],
            }
            if sentence and entry not in kept and len(kept) < MAX_EVIDENCE:
                kept.append(entry)
        if kept:
            out[attack_id] = kept
    return out


class IncidentLinks(models.Model):
    """The keys of an incident's attack types, motives, techniques and threat actors,
    space-separated, in one narrow row (see link_index.py). Derived data, kept with the
    search index; no foreign key, like the index: rows follow incidents through the
    delete signal and ids are never reused."""

    incident_id = models.BigIntegerField(primary_key=True)
    attack_types = models.TextField(blank=True, default="")
    motives = models.TextField(blank=True, default="")
    techniques = models.TextField(blank=True, default="")
    actors = models.TextField(blank=True, default="")
    # What this incident adds to StatsCount, as written: taking exactly this back out
    # keeps the counts right even after an actor's type or a technique's parent changed.
    status = models.CharField(max_length=20, blank=True, default="")
    counted = models.TextField(blank=True, default="")

    class Meta:
        verbose_name_plural = "incident links"

    def __str__(self) -> str:
        return f"links of incident {self.incident_id}"


class StatsCount(models.Model):
    """How many incidents of one status have one value of one breakdown (month, attack
    type, country, ...): the whole-database statistics, kept exact by link_index on
    every write, so they are a sum over a few thousand rows instead of a count over
    every incident."""

    status = models.CharField(max_length=20)
    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=100)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["status", "dimension", "key"], name="stats_count_key")
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.dimension} {self.key}: {self.n}"


class StatsDelta(models.Model):
    """A committed write's change of StatsCount, waiting to be folded into it
    (link_index.fold). Writers only append here, so they never wait for each other on
    the few summary rows that every write changes."""

    status = models.CharField(max_length=20)
    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=100)
    n = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.status} {self.dimension} {self.key}: {self.n:+d}"


class IncidentRedirect(models.Model):
    """Keeps a merged incident's URL working: it redirects to the survivor."""

    old_uuid = models.UUIDField(unique=True)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="redirects")
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_uuid} → {self.incident_id}"


class ChangeLog(models.Model):
    """Who changed what and when (one row per saved change)."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"
        MERGE = "merge", "Merged"
        IMPORT = "import", "Imported"

    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    incident_uuid = models.UUIDField(db_index=True)
    object_repr = models.CharField(max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    time = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True, help_text="field: [before, after]")
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-time", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"


class SiteState(models.Model):
    """Small key/value counters, e.g. the data generation that keys cached facets."""

    key = models.CharField(max_length=50, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
