from django.contrib import admin

from cso.audit.admin import ReadOnlyAdmin
from cso.calls.models import Call, Override


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ("id", "received_at", "kind", "status", "route", "incident_type", "priority")
    list_filter = ("status", "route", "kind")


@admin.register(Override)
class OverrideAdmin(ReadOnlyAdmin):
    list_display = ("at", "call", "from_route", "to_route", "actor")
