from rest_framework.permissions import BasePermission

from cidb.accounts.models import is_member


class IsMember(BasePermission):
    message = "Available to members."

    def has_permission(self, request, view) -> bool:
        return is_member(request.user)
