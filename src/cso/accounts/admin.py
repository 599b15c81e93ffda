"""Accounts in the admin: every change to a person's account or role is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from cso.accounts.models import User
from cso.accounts.services import account_audit, account_state


@admin.register(User)
class CsoUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Role", {"fields": ("role",)}))  # type: ignore[misc]
    list_display = ("username", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = account_state(User.objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            account_audit(
                actor=request.user,  # type: ignore[arg-type]
                user=obj,
                before=before,
                after=account_state(obj),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            before = account_state(obj)
            pk = obj.pk
            super().delete_model(request, obj)
            obj.pk = pk  # the audit row names the account that was deleted
            account_audit(actor=request.user, user=obj, before=before, after=None)  # type: ignore[arg-type]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                # The password itself is never recorded, old or new: only that it changed.
                account_audit(
                    actor=request.user,  # type: ignore[arg-type]
                    user=User.objects.get(pk=id),
                    before=None,
                    after=None,
                    action="user.password_changed",
                )
        return response
