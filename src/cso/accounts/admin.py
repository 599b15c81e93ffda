from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from cso.accounts.models import User


@admin.register(User)
class CsoUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Role", {"fields": ("role",)}))  # type: ignore[misc]
    list_display = ("username", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
