from django.conf import settings

from cidb.accounts.models import is_editor, is_member, user_tier


def site(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "user_is_member": is_member(user),
        "user_is_editor": is_editor(user),
        "user_tier": user_tier(user),
    }
