from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class CidbUserAdmin(UserAdmin):
    list_display = ("username", "email", "tier", "is_active", "date_joined", "last_login")
    list_filter = ("tier", "is_active")
    search_fields = ("username", "email")
    # The tier decides staff and superuser rights (see User.save), so only it is edited.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("tier", "is_active")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "tier", "password1", "password2"),
            },
        ),
    )
    actions = ["make_member", "make_free"]

    @admin.action(description="Grant member tier")
    def make_member(self, request, queryset):
        for user in queryset:
            user.tier = "member"
            user.save()

    @admin.action(description="Set to free tier")
    def make_free(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            user.tier = "free"
            user.save()
