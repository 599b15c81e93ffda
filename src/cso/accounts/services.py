"""Sign-in for the API: exchange a username and password for a bearer token."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import authenticate
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from cso.accounts.models import ApiToken, User, hash_token
from cso.audit.services import audit_record
from cso.errors import ServiceError

BAD_CREDENTIALS = "Wrong username or password."


@transaction.atomic
def token_create(*, username: str, password: str, now: datetime) -> str:
    """A new API token for a user whose password is right; only its hash is kept."""
    user = authenticate(username=username, password=password)
    if user is None:
        raise ServiceError(BAD_CREDENTIALS, field="password", status=401)
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, key_hash=hash_token(key), created_at=now)
    audit_record(
        actor=user, action="token.created", target=token, before=None, after={"user": user.pk}
    )
    return key


# A bearer token's user is remembered this long in each server process: it saves a query on
# every API request, and a deactivated user or a deleted token stops working within this time.
TOKEN_CACHE_SECONDS = 30


def user_for_token(key: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    cache_key = f"api-token:{hash_token(key)}"
    user: User | None = cache.get(cache_key)
    if user is not None:
        return user
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    # Written once per cache period, not per request: enough to see which tokens are in use.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    cache.set(cache_key, token.user, TOKEN_CACHE_SECONDS)
    return token.user


@transaction.atomic
def token_revoke(*, actor: User, key: str) -> None:
    """Delete the token a client signed in with; it stops working at once in this process and
    within TOKEN_CACHE_SECONDS in others."""
    token = ApiToken.objects.filter(key_hash=hash_token(key), user=actor).first()
    if token is None:
        return
    audit_record(
        actor=actor, action="token.revoked", target=token, before={"user": actor.pk}, after=None
    )
    token.delete()
    cache.delete(f"api-token:{hash_token(key)}")


# What an account change is audited by; the password is recorded as changed, never its hash.
AUDITED_ACCOUNT_FIELDS = (
    "username",
    "role",
    "is_active",
    "is_staff",
    "is_superuser",
    "first_name",
    "last_name",
    "email",
)


def account_state(user: User) -> dict[str, object]:
    """The audited fields of an account, as the audit trail stores them."""
    return {name: getattr(user, name) for name in AUDITED_ACCOUNT_FIELDS}


def account_audit(
    *,
    actor: User,
    user: User,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
    action: str | None = None,
) -> None:
    """One audit row for an account created, changed or deleted, inside the caller's transaction.

    A role decides what a person may see and do (caller data, overrides past hazard signs), so
    who gave it to whom belongs in the same trail as the calls. A save that changed nothing
    audited writes no row.
    """
    if action is None:
        if before == after:
            return
        action = (
            "user.created"
            if before is None
            else "user.deleted"
            if after is None
            else "user.changed"
        )
    audit_record(actor=actor, action=action, target=user, before=before, after=after)
