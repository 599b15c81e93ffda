"""Workflows that write calls: intake with triage, route overrides, notes, personal-data reads.

Each runs in one transaction and writes its audit row inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from cso.accounts.models import User
from cso.accounts.roles import Permission
from cso.audit.services import audit_record
from cso.calls.access import require_own_call_for_cso
from cso.calls.models import Call, CallNote, CallStatus, Override
from cso.calls.triage import agency_profile, decide
from cso.core.priority import priority_for
from cso.core.types import Route
from cso.errors import NotAllowedError, NotFoundError, ServiceError

NOT_ALLOWED = "Your role ({role}) may not {what}."
NO_SUCH_CALL = "There is no call {call_id}."
NEEDS_CONTENT = "A call needs a call type or a narrative."
NEEDS_ADDRESS = "A call needs an address or place."
BAD_LATITUDE = "Latitude must be between -90 and 90."
BAD_LONGITUDE = "Longitude must be between -180 and 180."
COORDINATES_IN_PAIRS = "Give both latitude and longitude, or neither."
NEEDS_JUSTIFICATION = "An override needs a written justification (at least 10 characters)."
UNKNOWN_ROUTE = "Unknown route {route!r}; use one of: cso, cso_accompanied, sworn, refer."
SAME_ROUTE = "The call's route is already {route}."
OVERRIDE_ONLY_PENDING = (
    "Only a pending call's route can be overridden; an assigned call is escalated instead."
)
HAZARD_OVERRIDE_NEEDS_SUPERVISOR = (
    "This call has hazard signs ({hazards}); only a Senior CSO or a sworn supervisor may "
    "route it toward a CSO."
)
EMPTY_NOTE = "A note cannot be empty."


def require(actor: User, permission: Permission, what: str) -> None:
    if not actor.can(permission):
        raise NotAllowedError(NOT_ALLOWED.format(role=actor.role_label, what=what))


def get_call_for_update(call_id: int) -> Call:
    call = Call.objects.select_for_update().filter(pk=call_id).first()
    if call is None:
        raise NotFoundError(NO_SUCH_CALL.format(call_id=call_id))
    return call


@dataclass(frozen=True)
class CallInput:
    call_type: str = ""
    narrative: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    caller_name: str = ""
    callback_number: str = ""
    in_progress: bool | None = None
    weapons: bool | None = None
    injuries: bool | None = None
    suspect_on_scene: bool | None = None

    def answers(self) -> dict[str, bool | None]:
        return {
            "in_progress": self.in_progress,
            "weapons": self.weapons,
            "injuries": self.injuries,
            "suspect_on_scene": self.suspect_on_scene,
        }


def validate_call_input(data: CallInput) -> None:
    """Refuse a call that dispatch could not act on, naming the field."""
    if not data.call_type.strip() and not data.narrative.strip():
        raise ServiceError(NEEDS_CONTENT, field="call_type")
    if not data.address.strip():
        raise ServiceError(NEEDS_ADDRESS, field="address")
    if (data.latitude is None) != (data.longitude is None):
        raise ServiceError(COORDINATES_IN_PAIRS, field="latitude")
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        raise ServiceError(BAD_LATITUDE, field="latitude")
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        raise ServiceError(BAD_LONGITUDE, field="longitude")


@transaction.atomic
def call_create(*, actor: User, data: CallInput, now: datetime) -> Call:
    """Take a call: triage it under the agency's profile and save it with its decision."""
    require(actor, Permission.CALL_CREATE, "take calls")
    validate_call_input(data)
    profile = agency_profile()
    decision = decide(
        call_type=data.call_type.strip(),
        narrative=data.narrative.strip(),
        answers=data.answers(),
        profile=profile,
    )
    call = Call.objects.create(
        received_at=now,
        priority=priority_for(decision),
        call_type=data.call_type.strip(),
        narrative=data.narrative.strip(),
        address=data.address.strip(),
        latitude=data.latitude,
        longitude=data.longitude,
        caller_name=data.caller_name.strip(),
        callback_number=data.callback_number.strip(),
        in_progress=data.in_progress,
        weapons=data.weapons,
        injuries=data.injuries,
        suspect_on_scene=data.suspect_on_scene,
        triage_route=decision.route.value,
        incident_type=decision.incident_type,
        category=decision.category.value,
        reasons=list(decision.reasons),
        policy_refs=list(decision.policy_refs),
        hazards=[h.value for h in decision.hazards],
        profile=profile.id,
        route=decision.route.value,
        created_by=actor,
    )
    audit_record(
        actor=actor, action="call.created", target=call, before=None, after=call.snapshot()
    )
    return call


@transaction.atomic
def call_override(
    *, actor: User, call_id: int, route: str, justification: str, now: datetime
) -> Override:
    """Change a pending call's route, with a written reason; toward a CSO past hazards needs a
    supervisor."""
    require(actor, Permission.CALL_OVERRIDE, "override a route")
    try:
        new_route = Route(route)
    except ValueError:
        raise ServiceError(UNKNOWN_ROUTE.format(route=route), field="route") from None
    if len(justification.strip()) < 10:
        raise ServiceError(NEEDS_JUSTIFICATION, field="justification")
    call = get_call_for_update(call_id)
    if call.status != CallStatus.PENDING:
        raise ServiceError(OVERRIDE_ONLY_PENDING, field="route", status=409)
    current = Route(call.route)
    if new_route is current:
        raise ServiceError(SAME_ROUTE.format(route=current.value), field="route")
    toward_cso = new_route in (Route.CSO, Route.CSO_ACCOMPANIED) and (
        new_route.restriction < current.restriction
    )
    if toward_cso and call.hazards and not actor.can(Permission.CALL_OVERRIDE_HAZARD):
        raise NotAllowedError(
            HAZARD_OVERRIDE_NEEDS_SUPERVISOR.format(hazards=", ".join(call.hazards)),
            field="route",
        )
    before = call.snapshot()
    call.route = new_route.value
    call.save(update_fields=["route"])
    override = Override.objects.create(
        call=call,
        from_route=current.value,
        to_route=new_route.value,
        justification=justification.strip(),
        actor=actor,
        at=now,
    )
    audit_record(
        actor=actor,
        action="call.route_overridden",
        target=call,
        before=before,
        after=call.snapshot(),
    )
    audit_record(
        actor=actor,
        action="override.created",
        target=override,
        before=None,
        after={
            "call": call.pk,
            "from_route": current.value,
            "to_route": new_route.value,
            "justification": override.justification,
        },
    )
    return override


@transaction.atomic
def call_add_note(*, actor: User, call_id: int, text: str, now: datetime) -> CallNote:
    """Add a note to a call (a CSO only to its own assignment)."""
    require(actor, Permission.CALL_NOTE, "add notes to calls")
    if not text.strip():
        raise ServiceError(EMPTY_NOTE, field="text")
    call = get_call_for_update(call_id)
    require_own_call_for_cso(actor, call)
    note = CallNote.objects.create(call=call, text=text.strip(), actor=actor, at=now)
    audit_record(
        actor=actor,
        action="call.note_added",
        target=call,
        before=None,
        after={"note": note.pk, "text": note.text},
    )
    return note


@transaction.atomic
def call_record_personal_read(*, actor: User, call: Call) -> None:
    """Audit that someone was shown a call's caller personal data."""
    audit_record(
        actor=actor,
        action="call.personal_data_read",
        target=call,
        before=None,
        after={"fields": ["caller_name", "callback_number"]},
    )
