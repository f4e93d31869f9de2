"""Users and their access tiers.

Tiers, from least to most access: anonymous (not a user), free, member, editor, admin.
Members see the values behind the public counts; editors curate incidents; admins
grant tiers and run the site.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.db import models


class Tier(models.TextChoices):
    FREE = "free", "Free"
    MEMBER = "member", "Member"
    EDITOR = "editor", "Editor"
    ADMIN = "admin", "Admin"


TIER_RANK = {"anonymous": 0, Tier.FREE: 1, Tier.MEMBER: 2, Tier.EDITOR: 3, Tier.ADMIN: 4}
EDITORS_GROUP = "Editors"


class User(AbstractUser):
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.FREE)

    class Meta:
        db_table = "accounts_user"

    @property
    def is_member(self) -> bool:
        return self.is_active and TIER_RANK[self.tier] >= TIER_RANK[Tier.MEMBER]

    @property
    def is_editor(self) -> bool:
        return self.is_active and TIER_RANK[self.tier] >= TIER_RANK[Tier.EDITOR]

    def save(self, *args, **kwargs) -> None:
        # The tier is the single source of truth for staff rights: editors use the
        # admin to curate incidents, admins are superusers.
        if self._state.adding and self.is_superuser:
            self.tier = Tier.ADMIN  # Django's createsuperuser
        self.is_staff = self.tier in (Tier.EDITOR, Tier.ADMIN)
        self.is_superuser = self.tier == Tier.ADMIN
        super().save(*args, **kwargs)
        self._sync_editor_group()

    def _sync_editor_group(self) -> None:
        group = Group.objects.filter(name=EDITORS_GROUP).first()
        if group is None:
            return
        if self.tier == Tier.EDITOR:
            self.groups.add(group)
        else:
            self.groups.remove(group)


def user_tier(user) -> str:
    """The tier name of any request user, anonymous included."""
    if user is None or not user.is_authenticated or not user.is_active:
        return "anonymous"
    return user.tier


def is_member(user) -> bool:
    return user is not None and user.is_authenticated and user.is_member


def is_editor(user) -> bool:
    return user is not None and user.is_authenticated and user.is_editor
