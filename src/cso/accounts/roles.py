"""Roles and what each may do: one table, read by every interface.

Each role gets exactly what its work needs. Caller personal data (name, callback number) is for
the people who take and dispatch calls and their supervisors; a CSO sees it only on a call
assigned to them (checked in the selectors, not here).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CALL_TAKER = "call_taker"
    DISPATCHER = "dispatcher"
    CSO = "cso"
    SENIOR_CSO = "senior_cso"
    SWORN_SUPERVISOR = "sworn_supervisor"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.CALL_TAKER: "Call-taker",
    Role.DISPATCHER: "Dispatcher",
    Role.CSO: "CSO",
    Role.SENIOR_CSO: "Senior CSO",
    Role.SWORN_SUPERVISOR: "Sworn supervisor",
    Role.ANALYST: "Analyst",
    Role.ADMIN: "Administrator",
}


class Permission(StrEnum):
    CALL_CREATE = "call.create"
    CALL_VIEW = "call.view"
    CALL_VIEW_PERSONAL = "call.view_personal"
    CALL_OVERRIDE = "call.override"
    # An override toward a CSO for a call with hazard signs: supervisors only.
    CALL_OVERRIDE_HAZARD = "call.override_hazard"
    CALL_ASSIGN = "call.assign"
    CALL_ESCALATE = "call.escalate"
    CALL_CLEAR = "call.clear"
    CALL_NOTE = "call.note"
    UNIT_VIEW = "unit.view"
    UNIT_STATUS_ANY = "unit.status_any"
    UNIT_STATUS_OWN = "unit.status_own"
    UNIT_CHECK_IN = "unit.check_in"
    ALARM_ACKNOWLEDGE = "alarm.acknowledge"
    ROSTER_MANAGE = "roster.manage"
    AUDIT_VIEW = "audit.view"
    ANALYTICS_VIEW = "analytics.view"


P = Permission
_DISPATCH = {P.CALL_CREATE, P.CALL_VIEW, P.CALL_VIEW_PERSONAL, P.CALL_OVERRIDE, P.UNIT_VIEW}
_SUPERVISE = _DISPATCH | {
    P.CALL_OVERRIDE_HAZARD,
    P.CALL_ASSIGN,
    P.CALL_ESCALATE,
    P.CALL_CLEAR,
    P.CALL_NOTE,
    P.UNIT_STATUS_ANY,
    P.ALARM_ACKNOWLEDGE,
    P.ROSTER_MANAGE,
    P.AUDIT_VIEW,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CALL_TAKER: frozenset(_DISPATCH),
    Role.DISPATCHER: frozenset(
        _DISPATCH
        | {P.CALL_ASSIGN, P.CALL_ESCALATE, P.CALL_CLEAR, P.CALL_NOTE, P.UNIT_STATUS_ANY}
        | {P.ALARM_ACKNOWLEDGE}
    ),
    # A CSO acts on its own unit and its own assignment; the services check "own".
    Role.CSO: frozenset(
        {
            P.CALL_VIEW,
            P.UNIT_VIEW,
            P.UNIT_STATUS_OWN,
            P.UNIT_CHECK_IN,
            P.CALL_ESCALATE,
            P.CALL_CLEAR,
            P.CALL_NOTE,
        }
    ),
    Role.SENIOR_CSO: frozenset(_SUPERVISE),
    Role.SWORN_SUPERVISOR: frozenset(_SUPERVISE),
    Role.ANALYST: frozenset({P.ANALYTICS_VIEW, P.CALL_VIEW, P.UNIT_VIEW}),
    Role.ADMIN: frozenset(Permission),
}


def role_can(role: str, permission: Permission) -> bool:
    """Whether a role holds a permission (an unknown role holds none)."""
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
