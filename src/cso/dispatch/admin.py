from django.contrib import admin

from cso.audit.admin import ReadOnlyAdmin
from cso.dispatch.models import Assignment


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("call", "unit", "assigned_at", "ended_at", "end_reason", "active")
