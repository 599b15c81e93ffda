"""/api/v1/calls: intake with decision and recommendation, reads, override, dispatch actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from cso.accounts.roles import Permission
from cso.calls.presenters import call_dict
from cso.calls.schemas import (
    AssignCreate,
    CallCreate,
    CallRead,
    ClearCreate,
    EscalateCreate,
    NoteCreate,
    OverrideCreate,
)
from cso.calls.selectors import call_get, call_list, sworn_request_ids
from cso.calls.services import CallInput, call_add_note, call_create, call_override, require
from cso.config.json import json_answer, json_list
from cso.dispatch.selectors import recommend_for_call
from cso.dispatch.services import dispatch_assign_unit, dispatch_clear, dispatch_escalate

router = Router(tags=["calls"])


class CallFilter(Schema):
    status: str | None = None
    route: str | None = None
    limit: int = 200


def _user(request: HttpRequest) -> Any:
    return request.user


def _read(request: HttpRequest, call_id: int, *, recommend: bool = False) -> dict[str, Any]:
    call = call_get(call_id)
    now = timezone.now()
    recommendation = recommend_for_call(call, now) if recommend else None
    return call_dict(call, _user(request), recommendation=recommendation)


@router.post("", response={201: CallRead})
def create_call(request: HttpRequest, data: CallCreate) -> HttpResponse:
    now = timezone.now()
    call = call_create(actor=_user(request), data=CallInput(**data.dict()), now=now)
    recommendation = recommend_for_call(call, now)
    # The hottest endpoint answers without a second validation pass, like the lists.
    return json_answer(
        call_dict(call, _user(request), recommendation=recommendation, just_created=True),
        status=201,
    )


@router.get("", response=list[CallRead])
def list_calls(request: HttpRequest, filters: Query[CallFilter]) -> HttpResponse:
    user = _user(request)
    require(user, Permission.CALL_VIEW, "see calls")
    calls = list(call_list(status=filters.status, route=filters.route, limit=filters.limit))
    linked = sworn_request_ids(calls)
    # Lists never carry caller data: a client that needs it reads the one call (and is audited).
    return json_list(
        [call_dict(c, user, with_personal=False, sworn_request_ids=linked[c.pk]) for c in calls]
    )


@router.get("/{call_id}", response=CallRead)
def get_call(request: HttpRequest, call_id: int) -> dict[str, Any]:
    require(_user(request), Permission.CALL_VIEW, "see calls")
    return _read(request, call_id, recommend=True)


@router.post("/{call_id}/override", response=CallRead)
def override_call(request: HttpRequest, call_id: int, data: OverrideCreate) -> dict[str, Any]:
    call_override(
        actor=_user(request),
        call_id=call_id,
        route=data.route,
        justification=data.justification,
        now=timezone.now(),
    )
    return _read(request, call_id, recommend=True)


@router.post("/{call_id}/assign", response=CallRead)
def assign_call(request: HttpRequest, call_id: int, data: AssignCreate) -> dict[str, Any]:
    dispatch_assign_unit(
        actor=_user(request), call_id=call_id, unit_id=data.unit_id, now=timezone.now()
    )
    return _read(request, call_id)


@router.post("/{call_id}/escalate", response=CallRead)
def escalate_call(request: HttpRequest, call_id: int, data: EscalateCreate) -> dict[str, Any]:
    dispatch_escalate(actor=_user(request), call_id=call_id, reason=data.reason, now=timezone.now())
    return _read(request, call_id)


@router.post("/{call_id}/clear", response=CallRead)
def clear_call(request: HttpRequest, call_id: int, data: ClearCreate) -> dict[str, Any]:
    dispatch_clear(
        actor=_user(request), call_id=call_id, disposition=data.disposition, now=timezone.now()
    )
    return _read(request, call_id)


@router.post("/{call_id}/notes", response={201: CallRead})
def add_note(request: HttpRequest, call_id: int, data: NoteCreate) -> Status[dict[str, Any]]:
    call_add_note(actor=_user(request), call_id=call_id, text=data.text, now=timezone.now())
    return Status(201, _read(request, call_id))
