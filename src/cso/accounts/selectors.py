"""Reading users."""

from __future__ import annotations

from django.db.models import QuerySet

from cso.accounts.models import User
from cso.accounts.roles import Role


def field_staff() -> QuerySet[User]:
    """People who can work a unit: CSOs, Senior CSOs and sworn supervisors."""
    return User.objects.filter(
        is_active=True, role__in=[Role.CSO, Role.SENIOR_CSO, Role.SWORN_SUPERVISOR]
    ).order_by("username")
