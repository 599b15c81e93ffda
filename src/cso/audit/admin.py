"""Operational records in the admin are read-only: every change goes through a service, which
writes the audit row; an admin form would not."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cso.audit.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_username", "action", "target_type", "target_id")
    list_filter = ("action", "target_type")
    search_fields = ("actor_username", "action")
