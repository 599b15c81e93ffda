"""Reading the audit trail."""

from __future__ import annotations

from django.db.models import QuerySet

from cso.audit.models import AuditEvent
from cso.errors import ServiceError

BAD_OBJECT = (
    "object must look like 'call:12' or 'unit:3' (a kind, a colon, a number); kinds: "
    "call, unit, assignment, override, alarm, apitoken, analysis"
)
# Kinds as the audit rows name them (the model's name); 'alarm' is accepted for safetyalarm.
AUDITED_KINDS = {"call", "unit", "assignment", "override", "safetyalarm", "apitoken", "analysis"}
KIND_ALIASES = {"alarm": "safetyalarm"}
READ_ACTIONS = ("call.personal_data_read",)


def audit_for_object(spec: str) -> QuerySet[AuditEvent]:
    """Every audit row of one record, oldest first, from a spec like 'call:12'."""
    kind, _, number = spec.partition(":")
    kind = KIND_ALIASES.get(kind, kind)
    if kind not in AUDITED_KINDS or not number.isdigit():
        raise ServiceError(BAD_OBJECT, field="object")
    return (
        AuditEvent.objects.filter(target_type=kind, target_id=int(number))
        .select_related("actor")
        .order_by("id")
    )


def latest_change_id() -> int:
    """The id of the newest audit row: live pages compare it to know whether anything changed."""
    # Reads are audited but change nothing: counting them would make a page that shows caller
    # data (and so writes a read row) wake every other open page, and so on without end.
    last = (
        AuditEvent.objects.exclude(action__in=READ_ACTIONS)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return last or 0
