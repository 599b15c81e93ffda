"""Users with one role each, and hashed API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from cso.accounts.roles import Permission, Role, role_can


class CsoUserManager(UserManager["User"]):
    def create_superuser(  # type: ignore[override]
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        # A superuser administers the system: give them the admin role, not the default.
        extra.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    objects = CsoUserManager()  # type: ignore[misc]
    role = models.CharField(
        max_length=32, choices=[(r.value, r.label) for r in Role], default=Role.CALL_TAKER
    )

    def can(self, permission: Permission) -> bool:
        return self.is_active and role_can(self.role, permission)

    @property
    def role_label(self) -> str:
        return Role(self.role).label


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """Only the hash is stored, so a copy of the database gives no working tokens."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
