"""Unit status: the one state machine every status change goes through, and check-in rules."""

from cso.core.unit_status.check_in import (
    CHECK_IN_STATUSES,
    check_in_due_at,
    is_check_in_overdue,
)
from cso.core.unit_status.machine import (
    ASSIGNABLE_STATUSES,
    BUSY_STATUSES,
    TRANSITIONS,
    IllegalTransition,
    StatusChange,
    UnitKind,
    UnitStatus,
    allowed_targets,
    transition,
)

__all__ = [
    "ASSIGNABLE_STATUSES",
    "BUSY_STATUSES",
    "CHECK_IN_STATUSES",
    "TRANSITIONS",
    "IllegalTransition",
    "StatusChange",
    "UnitKind",
    "UnitStatus",
    "allowed_targets",
    "check_in_due_at",
    "is_check_in_overdue",
    "transition",
]
