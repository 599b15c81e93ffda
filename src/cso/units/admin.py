from django.contrib import admin

from cso.audit.admin import ReadOnlyAdmin
from cso.units.models import SafetyAlarm, Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("callsign", "kind", "status", "status_since", "user")


@admin.register(SafetyAlarm)
class SafetyAlarmAdmin(ReadOnlyAdmin):
    list_display = ("unit", "due_at", "raised_at", "acknowledged_at", "acknowledged_by")
