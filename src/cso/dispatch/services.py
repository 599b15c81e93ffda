"""Dispatch workflows: assign a unit, escalate to a sworn officer, clear a call.

Each runs in one transaction that locks the rows it changes and writes its audit rows inside it.
The safety rule lives here as well as in triage: a call routed `sworn` never goes to a CSO unit.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from cso.accounts.models import User
from cso.accounts.roles import Permission
from cso.audit.services import audit_record
from cso.calls.access import require_own_call_for_cso
from cso.calls.models import Call, CallKind, CallStatus
from cso.calls.services import get_call_for_update, require
from cso.core.dispositions import check_disposition
from cso.core.types import Route
from cso.core.unit_status import ASSIGNABLE_STATUSES, UnitKind, UnitStatus
from cso.dispatch.models import Assignment
from cso.errors import ConflictError, NotFoundError, ServiceError
from cso.units.models import Unit
from cso.units.services import apply_status

NO_SUCH_UNIT = "There is no unit {unit_id}."
CALL_CLEARED = "Call {call_id} is already cleared."
REFERRED_CALL = "Call {call_id} is referred to another agency; no unit is assigned to it."
SWORN_ONLY = "Call {call_id} must go to a sworn officer (route: sworn); {callsign} is a CSO unit."
UNIT_NOT_AVAILABLE = "{callsign} is {status}; only an available unit can be assigned."
ALREADY_ASSIGNED = "{callsign} is already assigned to call {call_id}."
UNIT_TAKEN = "{callsign} was just assigned by someone else; pick another unit."
ALREADY_ESCALATED = "A sworn officer has already been requested for call {call_id} (call {child})."
ACCOMPANY_REASON = "{callsign} may take this call only with a sworn officer present."
ALREADY_SWORN = "Call {call_id} already goes to a sworn officer."
DEFAULT_ESCALATION_REASON = "CSO requested a sworn officer to take over."
STANDING_BY_FROM = frozenset({UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE, UnitStatus.TRANSPORTING})


def _lock_unit(unit_id: int) -> Unit:
    unit = Unit.objects.select_for_update().filter(pk=unit_id).first()
    if unit is None:
        raise NotFoundError(NO_SUCH_UNIT.format(unit_id=unit_id), field="unit_id")
    return unit


def _active_assignment(call: Call) -> Assignment | None:
    return (
        Assignment.objects.select_for_update()
        .select_related("unit")
        .filter(call=call, active=True)
        .first()
    )


def _end_assignment(*, actor: User, assignment: Assignment, reason: str, now: datetime) -> None:
    assignment.active = False
    assignment.ended_at = now
    assignment.end_reason = reason
    assignment.save(update_fields=["active", "ended_at", "end_reason"])
    audit_record(
        actor=actor,
        action="assignment.ended",
        target=assignment,
        before={"active": True},
        after={"active": False, "end_reason": reason},
    )
    unit = Unit.objects.select_for_update().get(pk=assignment.unit_id)
    if UnitStatus(unit.status) is not UnitStatus.AVAILABLE:
        apply_status(
            actor=actor, unit=unit, target=UnitStatus.AVAILABLE, now=now, call_id=assignment.call_id
        )


def _create_sworn_request(
    *, actor: User, call: Call, narrative: str, reason: str, now: datetime
) -> Call:
    """A linked call for a sworn unit, at the top of the board."""
    request = Call.objects.create(
        kind=CallKind.SWORN_REQUEST,
        parent=call,
        received_at=now,
        priority=1,
        call_type=call.call_type,
        narrative=narrative,
        address=call.address,
        latitude=call.latitude,
        longitude=call.longitude,
        triage_route=Route.SWORN.value,
        incident_type=call.incident_type,
        category=call.category,
        reasons=[reason],
        policy_refs=list(call.policy_refs),
        hazards=list(call.hazards),
        profile=call.profile,
        route=Route.SWORN.value,
        created_by=actor,
    )
    audit_record(
        actor=actor, action="call.created", target=request, before=None, after=request.snapshot()
    )
    return request


@transaction.atomic
def dispatch_assign_unit(*, actor: User, call_id: int, unit_id: int, now: datetime) -> Assignment:
    """Give a call to a unit: the unit goes en route. An assigned call is reassigned."""
    require(actor, Permission.CALL_ASSIGN, "assign calls")
    call = get_call_for_update(call_id)
    if call.status == CallStatus.CLEARED:
        raise ConflictError(CALL_CLEARED.format(call_id=call.pk), field="call_id")
    if call.route == Route.REFER:
        raise ServiceError(REFERRED_CALL.format(call_id=call.pk), field="call_id", status=409)
    unit = _lock_unit(unit_id)
    if call.route == Route.SWORN and unit.kind == UnitKind.CSO:
        raise ServiceError(
            SWORN_ONLY.format(call_id=call.pk, callsign=unit.callsign),
            field="unit_id",
            status=409,
        )
    current = _active_assignment(call)
    if current is not None and current.unit_id == unit.pk:
        raise ConflictError(
            ALREADY_ASSIGNED.format(callsign=unit.callsign, call_id=call.pk), field="unit_id"
        )
    if UnitStatus(unit.status) not in ASSIGNABLE_STATUSES:
        raise ConflictError(
            UNIT_NOT_AVAILABLE.format(
                callsign=unit.callsign, status=UnitStatus(unit.status).label.lower()
            ),
            field="unit_id",
        )
    if current is not None:
        _end_assignment(actor=actor, assignment=current, reason="reassigned", now=now)
    before = call.snapshot()
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                call=call, unit=unit, assigned_at=now, assigned_by=actor
            )
    except IntegrityError:
        raise ConflictError(UNIT_TAKEN.format(callsign=unit.callsign), field="unit_id") from None
    apply_status(actor=actor, unit=unit, target=UnitStatus.EN_ROUTE, now=now, call_id=call.pk)
    call.status = CallStatus.ASSIGNED
    call.assigned_unit = unit
    call.save(update_fields=["status", "assigned_unit"])
    if (
        call.route == Route.CSO_ACCOMPANIED
        and unit.kind == UnitKind.CSO
        and not call.sworn_requests.exclude(status=CallStatus.CLEARED).exists()
    ):
        # Stockton K-1 II.B: some work a CSO does only with a sworn officer present; sending the
        # CSO puts the officer's part of the job on the board at once.
        _create_sworn_request(
            actor=actor,
            call=call,
            narrative=f"Sworn officer to accompany {unit.callsign} (route: CSO with a sworn "
            "officer present)",
            reason=ACCOMPANY_REASON.format(callsign=unit.callsign),
            now=now,
        )
    audit_record(
        actor=actor,
        action="assignment.created",
        target=assignment,
        before=None,
        after={"call": call.pk, "unit": unit.callsign},
    )
    audit_record(
        actor=actor, action="call.assigned", target=call, before=before, after=call.snapshot()
    )
    return assignment


@transaction.atomic
def dispatch_escalate(*, actor: User, call_id: int, reason: str, now: datetime) -> Call:
    """A CSO (or dispatch) asks for a sworn officer to take over.

    The call's route becomes sworn at the top of the board. Where a CSO is working it, a linked
    sworn request goes on the board and the CSO stands by at a safe distance (Streator: "the CSO
    shall immediately call for a sworn officer to take over"). Returns the call a sworn unit
    should be sent to.
    """
    require(actor, Permission.CALL_ESCALATE, "request a sworn officer")
    call = get_call_for_update(call_id)
    require_own_call_for_cso(actor, call)
    if call.status == CallStatus.CLEARED:
        raise ConflictError(CALL_CLEARED.format(call_id=call.pk), field="call_id")
    open_request = call.sworn_requests.exclude(status=CallStatus.CLEARED).first()
    if call.route == Route.SWORN:
        if open_request is not None:
            raise ConflictError(ALREADY_ESCALATED.format(call_id=call.pk, child=open_request.pk))
        raise ConflictError(ALREADY_SWORN.format(call_id=call.pk))
    reason = reason.strip() or DEFAULT_ESCALATION_REASON
    before = call.snapshot()
    call.route = Route.SWORN.value
    call.priority = 1
    call.save(update_fields=["route", "priority"])
    audit_record(
        actor=actor,
        action="call.escalated",
        target=call,
        before=before,
        after={**call.snapshot(), "reason": reason},
    )
    assignment = _active_assignment(call)
    if assignment is None or assignment.unit.kind != UnitKind.CSO:
        return call
    cso_unit = Unit.objects.select_for_update().get(pk=assignment.unit_id)
    # An officer already asked to accompany the CSO is now the one to take over.
    request = open_request or _create_sworn_request(
        actor=actor,
        call=call,
        narrative=f"{cso_unit.callsign} requests a sworn officer: {reason}",
        reason=f"Escalated by {cso_unit.callsign}: {reason}",
        now=now,
    )
    if UnitStatus(cso_unit.status) in STANDING_BY_FROM:
        apply_status(
            actor=actor, unit=cso_unit, target=UnitStatus.STANDING_BY, now=now, call_id=call.pk
        )
    return request


@transaction.atomic
def dispatch_clear(*, actor: User, call_id: int, disposition: str, now: datetime) -> Call:
    """Close a call with a disposition code; its unit becomes available."""
    require(actor, Permission.CALL_CLEAR, "clear calls")
    try:
        code = check_disposition(disposition)
    except ValueError as error:
        raise ServiceError(str(error), field="disposition") from None
    call = get_call_for_update(call_id)
    require_own_call_for_cso(actor, call)
    if call.status == CallStatus.CLEARED:
        raise ConflictError(CALL_CLEARED.format(call_id=call.pk), field="call_id")
    before = call.snapshot()
    assignment = _active_assignment(call)
    if assignment is not None:
        _end_assignment(actor=actor, assignment=assignment, reason="cleared", now=now)
    call.status = CallStatus.CLEARED
    call.disposition = code
    call.cleared_at = now
    call.save(update_fields=["status", "disposition", "cleared_at"])
    audit_record(
        actor=actor, action="call.cleared", target=call, before=before, after=call.snapshot()
    )
    return call
