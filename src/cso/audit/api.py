"""GET /api/v1/audit?object=call:{id}: one record's history, for roles with audit rights."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from cso.accounts.roles import Permission
from cso.audit.selectors import audit_for_object
from cso.errors import NotAllowedError

router = Router(tags=["audit"])


class AuditEventRead(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str


class AuditFilter(Schema):
    object: str


@router.get("", response=list[AuditEventRead])
def list_audit(request: HttpRequest, filters: Query[AuditFilter]) -> list[dict[str, Any]]:
    user: Any = request.user
    if not user.can(Permission.AUDIT_VIEW):
        raise NotAllowedError(f"Your role ({user.role_label}) may not read the audit trail.")
    return [
        {
            "id": e.id,
            "at": e.at,
            "actor": e.actor_username,
            "action": e.action,
            "target": e.target,
            "before": e.before,
            "after": e.after,
            "request_id": e.request_id,
        }
        for e in audit_for_object(filters.object)
    ]
