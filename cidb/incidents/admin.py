"""Editors curate incidents in the admin; every save is recorded in the change log."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.utils.html import format_html

from . import services
from .models import (
    ChangeLog,
    Incident,
    IncidentRedirect,
    Organization,
    Source,
    Technique,
    TechniqueEvidence,
    ThreatActor,
)


class ChangeLogInline(admin.TabularInline):
    model = ChangeLog
    fk_name = "incident"
    extra = 0
    can_delete = False
    fields = ("time", "user", "action", "changes", "comment")
    readonly_fields = fields
    ordering = ("-time",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class TechniqueEvidenceInline(admin.TabularInline):
    """The sentences supporting each technique (from ingestion or imports)."""

    model = TechniqueEvidence
    fk_name = "incident"
    extra = 0
    fields = ("technique", "sentence", "source", "language")
    autocomplete_fields = ("technique",)


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("victim_name", "date_display", "country", "status", "confidence", "updated")
    list_filter = ("status", "confidence", "attack_types", "country", "sector", "date_precision")
    search_fields = ("victim__name", "victim_label", "summary", "uuid")
    list_select_related = ("victim",)
    autocomplete_fields = ("victim", "techniques", "actors", "sources")
    filter_horizontal = ()
    readonly_fields = ("uuid", "created", "updated", "published_at", "public_link")
    date_hierarchy = "date"
    inlines = [TechniqueEvidenceInline, ChangeLogInline]
    actions = ["publish", "send_to_review", "retract", "merge"]
    fieldsets = (
        (None, {"fields": ("uuid", "public_link", "status", "confidence")}),
        ("Victim", {"fields": ("victim", "victim_label", "sector")}),
        (
            "When and where",
            {
                "fields": (
                    ("date", "date_precision"),
                    ("discovered", "disclosed"),
                    "country",
                    ("region", "city"),
                )
            },
        ),
        ("Narrative", {"fields": ("summary", "description", "image", "image_caption")}),
        (
            "Classification",
            {
                "fields": (
                    "attack_types",
                    ("confidentiality", "integrity", "availability"),
                    "motives",
                    "techniques",
                    "actors",
                )
            },
        ),
        ("Sources and conflicts", {"fields": ("sources", "conflicts")}),
        ("Record", {"fields": ("created", "updated", "published_at")}),
    )
    formfield_overrides = {}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        from django import forms

        for name in ("attack_types", "motives"):
            if name in form.base_fields:
                form.base_fields[name].widget = forms.CheckboxSelectMultiple()
                form.base_fields[name].widget.choices = form.base_fields[name].choices
        return form

    @admin.display(description="Public page")
    def public_link(self, obj: Incident) -> str:
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    def save_model(self, request, obj, form, change) -> None:
        before = services.snapshot(Incident.objects.get(pk=obj.pk)) if change else {}
        request._cidb_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        after = services.snapshot(obj)
        before = getattr(request, "_cidb_before", {})
        changes = services.diff(before, after)
        if changes or not change:
            action = ChangeLog.Action.UPDATE if change else ChangeLog.Action.CREATE
            services.record_change(obj, action, changes, request.user)
            if change:
                services.incident_edited.send(
                    sender=Incident, incident=obj, changes=changes, user=request.user
                )

    def delete_model(self, request, obj) -> None:
        services.delete_incident(obj, request.user)

    def _set_status(self, request, queryset, status: str) -> None:
        count = 0
        for incident in queryset:
            if incident.status == status:
                continue
            with transaction.atomic():
                before = services.snapshot(incident)
                incident.status = status
                incident.save()
                services.record_change(
                    incident,
                    ChangeLog.Action.UPDATE,
                    services.diff(before, services.snapshot(incident)),
                    request.user,
                )
            count += 1
        self.message_user(request, f"{count} incident(s) set to {status}.")

    @admin.action(description="Publish selected incidents", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, "published")

    @admin.action(description="Send selected incidents to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self._set_status(request, queryset, "in_review")

    @admin.action(description="Retract selected incidents", permissions=["change"])
    def retract(self, request, queryset):
        self._set_status(request, queryset, "retracted")

    @admin.action(
        description="Merge selected incidents into the oldest one", permissions=["change"]
    )
    def merge(self, request, queryset):
        incidents = list(queryset.order_by("created", "id"))
        if len(incidents) < 2:
            self.message_user(request, "Select at least two incidents to merge.", messages.WARNING)
            return
        survivor = services.merge_incidents(incidents[0], incidents[1:], request.user)
        self.message_user(request, f"Merged {len(incidents) - 1} incident(s) into {survivor}.")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "sector")
    list_filter = ("sector", "country")
    search_fields = ("name", "aliases")


@admin.register(ThreatActor)
class ThreatActorAdmin(admin.ModelAdmin):
    list_display = ("name", "actor_type", "country", "attack_id")
    list_filter = ("actor_type",)
    search_fields = ("name", "aliases", "attack_id")


@admin.register(Technique)
class TechniqueAdmin(admin.ModelAdmin):
    list_display = ("attack_id", "name", "is_subtechnique", "revoked", "deprecated")
    list_filter = ("is_subtechnique", "revoked", "deprecated")
    search_fields = ("attack_id", "name")

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete offers only current techniques.
        queryset, distinct = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(revoked=False, deprecated=False)
        return queryset, distinct


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "language", "published")
    list_filter = ("language",)
    search_fields = ("title", "url", "publisher")


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    list_display = ("time", "user", "action", "object_repr")
    list_filter = ("action",)
    search_fields = ("object_repr", "incident_uuid")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IncidentRedirect)
class IncidentRedirectAdmin(admin.ModelAdmin):
    list_display = ("old_uuid", "incident", "created")
