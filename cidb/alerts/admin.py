from django.contrib import admin

from .models import AlertDelivery, SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "frequency", "query", "created", "last_sent")
    list_filter = ("frequency",)
    search_fields = ("name", "user__username", "query")
    readonly_fields = ("created", "alerts_since", "checked_until", "last_sent")
    raw_id_fields = ("user",)


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(admin.ModelAdmin):
    """What was sent to whom: read-only, it is the record that prevents duplicates."""

    list_display = ("search", "incident", "matched", "sent_at")
    list_filter = ("sent_at",)
    raw_id_fields = ("search", "incident")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
