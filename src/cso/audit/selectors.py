"""Reading the audit trail."""

from __future__ import annotations

from django.db.models import QuerySet

from cso.audit.models import AuditEvent
from cso.errors import ServiceError

BAD_OBJECT = "object must look like 'call:12' or 'unit:3' (a kind, a colon, a number)"
AUDITED_KINDS = {"call", "unit", "assignment", "override", "alarm", "user", "apitoken", "checkin"}


def audit_for_object(spec: str) -> QuerySet[AuditEvent]:
    """Every audit row of one record, oldest first, from a spec like 'call:12'."""
    kind, _, number = spec.partition(":")
    if kind not in AUDITED_KINDS or not number.isdigit():
        raise ServiceError(BAD_OBJECT, field="object")
    return (
        AuditEvent.objects.filter(target_type=kind, target_id=int(number))
        .select_related("actor")
        .order_by("id")
    )


def latest_change_id() -> int:
    """The id of the newest audit row: live pages compare it to know whether anything changed."""
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return last or 0
