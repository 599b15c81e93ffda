"""The one helper every service uses to write its audit row, inside its own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from cso.audit.models import AuditEvent
from cso.audit.request_id import current_request_id

NOT_IN_TRANSACTION = "audit_record must run inside the transaction of the change it records"


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEvent:
    """Append one audit row for a change (or a read of personal data) to `target`."""
    # A row written outside the change's transaction could survive a rolled-back change.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(NOT_IN_TRANSACTION)
    user = actor if getattr(actor, "pk", None) is not None else None
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=user,
        actor_username=getattr(user, "username", "") or "system",
        action=action,
        target_type=target._meta.model_name or "",
        target_id=target.pk,
        before=before,
        after=after,
        request_id=current_request_id.get(),
    )
