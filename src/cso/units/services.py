"""Workflows that write units: status changes through the core's state machine, check-ins,
safety alarms, and the roster.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from cso.accounts.models import User
from cso.accounts.roles import Permission
from cso.audit.services import audit_record
from cso.core.recommendation import SKILLS
from cso.core.unit_status import (
    BUSY_STATUSES,
    CHECK_IN_STATUSES,
    IllegalTransition,
    UnitKind,
    UnitStatus,
    check_in_due_at,
    transition,
)
from cso.errors import ConflictError, NotAllowedError, NotFoundError, ServiceError
from cso.units.models import CheckIn, SafetyAlarm, Unit, UnitStatusChange

NO_SUCH_UNIT = "There is no unit {unit_id}."
NO_SUCH_ALARM = "There is no safety alarm {alarm_id}."
NOT_YOUR_UNIT = "You may change only your own unit's status."
UNKNOWN_STATUS = "Unknown status {status!r}; use one of: {statuses}."
NEEDS_ASSIGNMENT = "{callsign} has no assigned call; {status} needs one (assign a call first)."
HAS_ASSIGNMENT = (
    "{callsign} is working call {call_id}; clear it with a disposition before going {status}."
)
STATUS_RACE = "{callsign} changed status meanwhile; reload and try again."
NO_CHECK_IN_NEEDED = (
    "{callsign} is {status}; check-ins are needed only on scene, transporting or standing by."
)
ALARM_ALREADY_ACKNOWLEDGED = "This alarm was already acknowledged."
UNKNOWN_SKILL = "Unknown skill {skill!r}; use any of: {skills}."


def _get_unit(unit_id: int, *, lock: bool) -> Unit:
    query = Unit.objects.select_related("user")
    if lock:
        query = query.select_for_update(of=("self",))
    unit = query.filter(pk=unit_id).first()
    if unit is None:
        raise NotFoundError(NO_SUCH_UNIT.format(unit_id=unit_id))
    return unit


def active_call_id(unit: Unit) -> int | None:
    # Imported here: dispatch builds on units, so units reaches back only at call time.
    from cso.dispatch.selectors import active_call_id_for_unit

    return active_call_id_for_unit(unit.pk)


def apply_status(
    *, actor: User | None, unit: Unit, target: UnitStatus, now: datetime, call_id: int | None
) -> None:
    """Move a unit through the state machine with a conditional update, history and audit.

    The caller holds the transaction. The update is conditional on the status read, so two
    changes racing from the same status cannot both land.
    """
    current = UnitStatus(unit.status)
    change = transition(current, target, now)
    before = unit.snapshot()
    fields: dict[str, object] = {"status": target.value, "status_since": now}
    if current is UnitStatus.OFF_DUTY:
        fields["shift_started_at"] = now
    updated = Unit.objects.filter(pk=unit.pk, status=current.value).update(**fields)
    if updated != 1:
        raise ConflictError(STATUS_RACE.format(callsign=unit.callsign), field="status")
    for name, value in fields.items():
        setattr(unit, name, value)
    UnitStatusChange.objects.create(
        unit=unit,
        from_status=change.from_status.value,
        to_status=change.to_status.value,
        at=change.at,
        actor=actor,
        call_id=call_id,
    )
    audit_record(
        actor=actor,
        action="unit.status_changed",
        target=unit,
        before=before,
        after=unit.snapshot(),
    )


@transaction.atomic
def unit_change_status(*, actor: User, unit_id: int, status: str, now: datetime) -> Unit:
    """A status button: en route, on scene, transporting, available, out of service, ..."""
    try:
        target = UnitStatus(status)
    except ValueError:
        raise ServiceError(
            UNKNOWN_STATUS.format(status=status, statuses=", ".join(s.value for s in UnitStatus)),
            field="status",
        ) from None
    unit = _get_unit(unit_id, lock=True)
    own = actor.can(Permission.UNIT_STATUS_OWN) and unit.user_id == actor.pk
    if not actor.can(Permission.UNIT_STATUS_ANY) and not own:
        raise NotAllowedError(NOT_YOUR_UNIT, field="unit_id")
    call_id = active_call_id(unit)
    if target in BUSY_STATUSES and call_id is None:
        raise ServiceError(
            NEEDS_ASSIGNMENT.format(callsign=unit.callsign, status=target.label.lower()),
            field="status",
        )
    if target not in BUSY_STATUSES and call_id is not None:
        raise ServiceError(
            HAS_ASSIGNMENT.format(
                callsign=unit.callsign, call_id=call_id, status=target.label.lower()
            ),
            field="status",
            status=409,
        )
    try:
        apply_status(actor=actor, unit=unit, target=target, now=now, call_id=call_id)
    except IllegalTransition as error:
        raise ServiceError(str(error), field="status", status=409) from None
    return unit


@transaction.atomic
def unit_check_in(*, actor: User, unit_id: int, now: datetime) -> CheckIn:
    """A lone CSO says 'I am fine'; a dispatcher may record one heard on the radio."""
    unit = _get_unit(unit_id, lock=True)
    own = unit.user_id == actor.pk and actor.can(Permission.UNIT_CHECK_IN)
    if not own and not actor.can(Permission.UNIT_STATUS_ANY):
        raise NotAllowedError(NOT_YOUR_UNIT, field="unit_id")
    status = UnitStatus(unit.status)
    if status not in CHECK_IN_STATUSES:
        raise ServiceError(
            NO_CHECK_IN_NEEDED.format(callsign=unit.callsign, status=status.label.lower()),
            field="unit_id",
            status=409,
        )
    before = {
        "last_check_in_at": unit.last_check_in_at.isoformat() if unit.last_check_in_at else None
    }
    unit.last_check_in_at = now
    unit.save(update_fields=["last_check_in_at"])
    check_in = CheckIn.objects.create(unit=unit, at=now, actor=actor, status=status.value)
    audit_record(
        actor=actor,
        action="unit.checked_in",
        target=unit,
        before=before,
        after={"last_check_in_at": now.isoformat()},
    )
    return check_in


def check_in_interval() -> timedelta:
    return timedelta(minutes=settings.CSO_CHECK_IN_MINUTES)


def alarms_raise_overdue(*, now: datetime) -> list[SafetyAlarm]:
    """Raise an alarm for every lone CSO whose check-in is overdue (once per missed deadline).

    Run by every live page's poll, so an alarm appears within a poll of the deadline however
    many processes serve the pages; the unique constraint keeps it to one alarm.
    """
    raised = []
    interval = check_in_interval()
    candidates = Unit.objects.filter(
        kind=UnitKind.CSO, status__in=[s.value for s in CHECK_IN_STATUSES]
    ).only("id", "callsign", "status", "status_since", "last_check_in_at")
    for unit in candidates:
        due = check_in_due_at(
            UnitStatus(unit.status), unit.status_since, unit.last_check_in_at, interval
        )
        if due is None or now <= due or SafetyAlarm.objects.filter(unit=unit, due_at=due).exists():
            continue
        try:
            with transaction.atomic():
                alarm = SafetyAlarm.objects.create(unit=unit, due_at=due, raised_at=now)
                audit_record(
                    actor=None,
                    action="alarm.raised",
                    target=alarm,
                    before=None,
                    after={"unit": unit.callsign, "due_at": due.isoformat()},
                )
        except IntegrityError:
            continue  # another process raised it first
        raised.append(alarm)
    return raised


@transaction.atomic
def alarm_acknowledge(*, actor: User, alarm_id: int, note: str, now: datetime) -> SafetyAlarm:
    """Someone has reached the CSO (or sent help); the alarm leaves the board."""
    if not actor.can(Permission.ALARM_ACKNOWLEDGE):
        raise NotAllowedError(f"Your role ({actor.role_label}) may not acknowledge safety alarms.")
    alarm = SafetyAlarm.objects.select_for_update().filter(pk=alarm_id).first()
    if alarm is None:
        raise NotFoundError(NO_SUCH_ALARM.format(alarm_id=alarm_id))
    if alarm.acknowledged_at is not None:
        raise ConflictError(ALARM_ALREADY_ACKNOWLEDGED)
    alarm.acknowledged_at = now
    alarm.acknowledged_by = actor
    alarm.note = note.strip()
    alarm.save(update_fields=["acknowledged_at", "acknowledged_by", "note"])
    audit_record(
        actor=actor,
        action="alarm.acknowledged",
        target=alarm,
        before={"acknowledged_at": None},
        after={"acknowledged_at": now.isoformat(), "note": alarm.note},
    )
    return alarm


@transaction.atomic
def unit_update_roster(
    *, actor: User, unit_id: int, skills: list[str], user_id: int | None
) -> Unit:
    """A supervisor sets a unit's skills and who works it this shift."""
    if not actor.can(Permission.ROSTER_MANAGE):
        raise NotAllowedError(f"Your role ({actor.role_label}) may not change the roster.")
    unit = _get_unit(unit_id, lock=True)
    for skill in skills:
        if skill not in SKILLS:
            raise ServiceError(
                UNKNOWN_SKILL.format(skill=skill, skills=", ".join(SKILLS)), field="skills"
            )
    if user_id is not None and not User.objects.filter(pk=user_id, is_active=True).exists():
        raise ServiceError(f"There is no active user {user_id}.", field="user_id")
    before = unit.snapshot()
    unit.skills = sorted(set(skills))
    unit.user_id = user_id
    try:
        with transaction.atomic():
            unit.save(update_fields=["skills", "user"])
    except IntegrityError:
        raise ConflictError("That user already works another unit.", field="user_id") from None
    audit_record(
        actor=actor, action="unit.roster_changed", target=unit, before=before, after=unit.snapshot()
    )
    return unit


CALLSIGN_TAKEN = "There is already a unit {callsign}."
BAD_CALLSIGN = "A callsign is 1 to 16 letters, digits or dashes."
UNKNOWN_KIND = "Unknown unit kind {kind!r}; use cso or sworn."


@transaction.atomic
def unit_create(*, actor: User, callsign: str, kind: str, skills: list[str], now: datetime) -> Unit:
    """A supervisor adds a unit to the fleet; it starts off duty."""
    if not actor.can(Permission.ROSTER_MANAGE):
        raise NotAllowedError(f"Your role ({actor.role_label}) may not change the roster.")
    callsign = callsign.strip().upper()
    if not callsign or len(callsign) > 16 or not callsign.replace("-", "").isalnum():
        raise ServiceError(BAD_CALLSIGN, field="callsign")
    if kind not in {k.value for k in UnitKind}:
        raise ServiceError(UNKNOWN_KIND.format(kind=kind), field="kind")
    for skill in skills:
        if skill not in SKILLS:
            raise ServiceError(
                UNKNOWN_SKILL.format(skill=skill, skills=", ".join(SKILLS)), field="skills"
            )
    if Unit.objects.filter(callsign=callsign).exists():
        raise ConflictError(CALLSIGN_TAKEN.format(callsign=callsign), field="callsign")
    unit = Unit.objects.create(
        callsign=callsign, kind=kind, skills=sorted(set(skills)), status_since=now
    )
    audit_record(
        actor=actor, action="unit.created", target=unit, before=None, after=unit.snapshot()
    )
    return unit
