"""Who may see a call's personal data, and a CSO's limit to its own assignment."""

from __future__ import annotations

from cso.accounts.models import User
from cso.accounts.roles import Permission, Role
from cso.calls.models import Call, CallStatus
from cso.errors import NotAllowedError

NOT_YOUR_CALL = "This call is not assigned to your unit."


def is_own_call(user: User, call: Call) -> bool:
    """The call is assigned to the user's unit and still open: a cleared call is no one's."""
    unit = call.assigned_unit
    return unit is not None and unit.user_id == user.pk and call.status != CallStatus.CLEARED


def can_see_personal_data(user: User, call: Call) -> bool:
    """Call-takers, dispatchers and supervisors; a CSO only on the call it is working."""
    if user.can(Permission.CALL_VIEW_PERSONAL):
        return True
    return user.role == Role.CSO and is_own_call(user, call)


def require_own_call_for_cso(user: User, call: Call) -> None:
    """A CSO acts only on its own assignment; other roles' permissions are checked elsewhere."""
    if user.role == Role.CSO and not is_own_call(user, call):
        raise NotAllowedError(NOT_YOUR_CALL)
