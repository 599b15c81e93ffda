"""Pages: the board, intake, a call, the CSO's field page, the roster.

Views parse the form, call a service or selector, and render; every rule is in a service or the
core. A refused action shows the service's message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from cso.accounts.roles import Permission, Role
from cso.audit.selectors import audit_for_object, latest_change_id
from cso.calls.access import can_see_personal_data
from cso.calls.presenters import call_dict
from cso.calls.selectors import call_get
from cso.calls.services import (
    CallInput,
    call_add_note,
    call_create,
    call_override,
    call_record_personal_read,
)
from cso.calls.triage import agency_profile, decide
from cso.core.dispositions import DISPOSITIONS
from cso.core.recommendation import SKILLS
from cso.core.types import Route
from cso.core.unit_status import BUSY_STATUSES, UnitStatus, allowed_targets
from cso.dispatch.selectors import (
    open_alarms,
    open_calls,
    recent_escalations,
    recent_overrides,
    recommend_for_call,
    recommend_for_calls,
    unit_rows,
)
from cso.dispatch.services import dispatch_assign_unit, dispatch_clear, dispatch_escalate
from cso.errors import NotAllowedError, ServiceError
from cso.units.services import (
    alarm_acknowledge,
    alarms_raise_overdue,
    unit_change_status,
    unit_check_in,
    unit_create,
    unit_update_roster,
)

Handler = Callable[..., HttpResponseBase]
ROUTE_LABELS = {
    Route.CSO: "CSO",
    Route.CSO_ACCOMPANIED: "CSO with a sworn officer present",
    Route.SWORN: "Sworn officer",
    Route.REFER: "Refer to another agency",
}


def _user(request: HttpRequest) -> Any:
    return request.user


def _need(request: HttpRequest, permission: Permission) -> None:
    user = _user(request)
    if not user.can(permission):
        raise NotAllowedError(f"Your role ({user.role_label}) may not open this page.")


def _refused(request: HttpRequest, error: ServiceError, back: str) -> HttpResponse:
    messages.error(request, error.message)
    return redirect(back)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if _user(request).role == Role.CSO:
        return redirect("field")
    if _user(request).role == Role.ANALYST:
        return redirect("analytics")
    return redirect("board")


def _board_context(request: HttpRequest) -> dict[str, Any]:
    now = timezone.now()
    alarms_raise_overdue(now=now)
    calls = list(open_calls())
    waiting = [c for c in calls if c.status == "pending"]
    can_assign = _user(request).can(Permission.CALL_ASSIGN)
    best = recommend_for_calls(waiting, now) if can_assign else {}
    return {
        "version": latest_change_id(),
        "now": now,
        "sworn_requests": [(c, best.get(c.pk)) for c in waiting if c.kind == "sworn_request"],
        "pending": [(c, best.get(c.pk)) for c in waiting if c.kind != "sworn_request"],
        "active": [c for c in calls if c.status == "assigned"],
        "units": unit_rows(now),
        "alarms": list(open_alarms()),
        "poll_seconds": _poll_seconds(),
    }


def _poll_seconds() -> float:
    from django.conf import settings

    return float(settings.CSO_LIVE_POLL_SECONDS)


@login_required
def board(request: HttpRequest) -> HttpResponse:
    try:
        _need(request, Permission.CALL_VIEW)
    except NotAllowedError as error:
        return HttpResponse(error.message, status=403)
    return render(request, "dispatch/board.html", _board_context(request))


def _live_login_required(view: Callable[[HttpRequest], HttpResponse]) -> Any:
    """A live poll from a page whose session has ended sends the whole page to the sign-in
    form; a plain redirect would put the sign-in form inside the board."""

    @wraps(view)
    def checked(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            page = request.headers.get("HX-Current-URL", "") or "/"
            page_path = urlsplit(page).path or "/"
            return HttpResponseClientRedirect(
                f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': page_path})}"
            )
        return view(request)

    return checked


@_live_login_required
def board_live(request: HttpRequest) -> HttpResponse:
    """The board's poll: 204 (nothing to swap) while nothing has changed anywhere."""
    if not _user(request).can(Permission.CALL_VIEW):
        return HttpResponse(status=403)
    alarms_raise_overdue(now=timezone.now())
    if request.GET.get("v") == str(latest_change_id()) and "force" not in request.GET:
        return HttpResponse(status=204)
    return render(request, "dispatch/_board_body.html", _board_context(request))


def _call_input(post: Any) -> CallInput:
    def answer(name: str) -> bool | None:
        value = post.get(name, "")
        return {"yes": True, "no": False}.get(value)

    def number(name: str) -> float | None:
        text = post.get(name, "").strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise ServiceError(f"{name.capitalize()} must be a number.", field=name) from None

    return CallInput(
        call_type=post.get("call_type", ""),
        narrative=post.get("narrative", ""),
        address=post.get("address", ""),
        latitude=number("latitude"),
        longitude=number("longitude"),
        caller_name=post.get("caller_name", ""),
        callback_number=post.get("callback_number", ""),
        in_progress=answer("in_progress"),
        weapons=answer("weapons"),
        injuries=answer("injuries"),
        suspect_on_scene=answer("suspect_on_scene"),
    )


@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user.can(Permission.CALL_CREATE):
        return HttpResponse("Your role may not take calls.", status=403)
    if request.method == "POST":
        try:
            data = _call_input(request.POST)
            call = call_create(actor=user, data=data, now=timezone.now())
        except ServiceError as error:
            return render(
                request,
                "dispatch/call_new.html",
                {"error": error, "form": request.POST, "questions": QUESTIONS},
                status=400,
            )
        messages.success(request, f"Call {call.pk} saved: route {call.route}.")
        return redirect("call-detail", call_id=call.pk)
    return render(request, "dispatch/call_new.html", {"form": {}, "questions": QUESTIONS})


QUESTIONS = [
    ("in_progress", "Is it happening now?"),
    ("weapons", "Any weapons?"),
    ("injuries", "Anyone hurt?"),
    ("suspect_on_scene", "Is the suspect still there?"),
]


@login_required
@require_POST
def call_preview(request: HttpRequest) -> HttpResponse:
    """The decision for what is on the form so far, shown before the call is saved."""
    user = _user(request)
    if not user.can(Permission.CALL_CREATE):
        return HttpResponse(status=403)
    try:
        data = _call_input(request.POST)
    except ServiceError as error:
        return render(request, "dispatch/_decision.html", {"error": error})
    if not data.call_type.strip() and not data.narrative.strip():
        return render(request, "dispatch/_decision.html", {"empty": True})
    decision = decide(
        call_type=data.call_type,
        narrative=data.narrative,
        answers=data.answers(),
        profile=agency_profile(),
    )
    return render(
        request,
        "dispatch/_decision.html",
        {
            "decision": decision,
            "route_label": ROUTE_LABELS[decision.route],
            "incident_name": agency_profile().catalogue.get(decision.incident_type).name,
        },
    )


@login_required
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    user = _user(request)
    try:
        _need(request, Permission.CALL_VIEW)
        call = call_get(call_id)
    except ServiceError as error:
        return HttpResponse(error.message, status=error.status)
    now = timezone.now()
    show_personal = can_see_personal_data(user, call)
    if show_personal and (call.caller_name or call.callback_number):
        call_record_personal_read(actor=user, call=call)
    data = call_dict(call, user, with_personal=False)
    recommendation = None
    if call.status != "cleared" and user.can(Permission.CALL_ASSIGN):
        recommendation = recommend_for_call(call, now)
    context = {
        "call": call,
        "data": data,
        "show_personal": show_personal,
        "route_label": ROUTE_LABELS[Route(call.route)],
        "recommendation": recommendation,
        "routes": [(r.value, ROUTE_LABELS[r]) for r in Route],
        "dispositions": DISPOSITIONS,
        "notes": list(call.notes.select_related("actor")),
        "overrides": list(call.overrides.select_related("actor")),
        "audit": list(audit_for_object(f"call:{call.pk}"))
        if user.can(Permission.AUDIT_VIEW)
        else None,
    }
    return render(request, "dispatch/call_detail.html", context)


def _post_action(
    action: Callable[[HttpRequest, int], Any], success: str, default_back: str = "/calls/{id}/"
) -> Handler:
    """A form post that runs one service, then goes back with its message or its refusal."""

    @login_required
    @require_POST
    def view(request: HttpRequest, **kwargs: int) -> HttpResponseBase:
        (object_id,) = kwargs.values()
        back = request.POST.get("next") or default_back.format(id=object_id)
        if not back.startswith("/"):
            back = "/"
        try:
            action(request, object_id)
        except ServiceError as error:
            return _refused(request, error, back)
        messages.success(request, success.format(id=object_id))
        return redirect(back)

    return view


def _int(request: HttpRequest, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise ServiceError(f"Choose a {name.replace('_', ' ')}.", field=name) from None


call_assign = _post_action(
    lambda r, call_id: dispatch_assign_unit(
        actor=_user(r), call_id=call_id, unit_id=_int(r, "unit_id"), now=timezone.now()
    ),
    "Call {id} assigned.",
)
call_override_view = _post_action(
    lambda r, call_id: call_override(
        actor=_user(r),
        call_id=call_id,
        route=r.POST.get("route", ""),
        justification=r.POST.get("justification", ""),
        now=timezone.now(),
    ),
    "Route of call {id} overridden.",
)
call_escalate = _post_action(
    lambda r, call_id: dispatch_escalate(
        actor=_user(r), call_id=call_id, reason=r.POST.get("reason", ""), now=timezone.now()
    ),
    "Sworn officer requested for call {id}.",
)
call_clear = _post_action(
    lambda r, call_id: dispatch_clear(
        actor=_user(r),
        call_id=call_id,
        disposition=r.POST.get("disposition", ""),
        now=timezone.now(),
    ),
    "Call {id} cleared.",
)
call_note = _post_action(
    lambda r, call_id: call_add_note(
        actor=_user(r), call_id=call_id, text=r.POST.get("text", ""), now=timezone.now()
    ),
    "Note added to call {id}.",
)


def _field_context(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    unit = getattr(user, "unit", None)
    now = timezone.now()
    alarms_raise_overdue(now=now)
    row = next((r for r in unit_rows(now) if unit is not None and r.unit.pk == unit.pk), None)
    call = row.call if row else None
    if call is not None:
        call = call_get(call.pk)
        if call.caller_name or call.callback_number:
            call_record_personal_read(actor=user, call=call)
    return {
        "version": latest_change_id(),
        "unit": row.unit if row else None,
        "row": row,
        "call": call,
        # Only the moves the service would accept: with a call, the working statuses; without
        # one, the others. Clearing the call is its own button.
        "next_statuses": [
            s
            for s in (allowed_targets(UnitStatus(row.unit.status)) if row else ())
            if (s in BUSY_STATUSES) == (call is not None)
        ],
        "dispositions": DISPOSITIONS,
        "poll_seconds": _poll_seconds(),
    }


@login_required
def field(request: HttpRequest) -> HttpResponse:
    return render(request, "dispatch/field.html", _field_context(request))


@_live_login_required
def field_live(request: HttpRequest) -> HttpResponse:
    alarms_raise_overdue(now=timezone.now())
    if request.GET.get("v") == str(latest_change_id()):
        return HttpResponse(status=204)
    return render(request, "dispatch/_field_body.html", _field_context(request))


unit_status = _post_action(
    lambda r, unit_id: unit_change_status(
        actor=_user(r), unit_id=unit_id, status=r.POST.get("status", ""), now=timezone.now()
    ),
    "Status changed.",
    "/",
)
unit_check_in_view = _post_action(
    lambda r, unit_id: unit_check_in(actor=_user(r), unit_id=unit_id, now=timezone.now()),
    "Checked in.",
    "/",
)
alarm_ack = _post_action(
    lambda r, alarm_id: alarm_acknowledge(
        actor=_user(r), alarm_id=alarm_id, note=r.POST.get("note", ""), now=timezone.now()
    ),
    "Alarm acknowledged.",
    "/board/",
)


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    try:
        _need(request, Permission.ROSTER_MANAGE)
    except NotAllowedError as error:
        return HttpResponse(error.message, status=403)
    from cso.accounts.selectors import field_staff

    now = timezone.now()
    return render(
        request,
        "dispatch/roster.html",
        {
            "units": [
                (
                    row,
                    [
                        s
                        for s in allowed_targets(UnitStatus(row.unit.status))
                        if s not in BUSY_STATUSES
                    ],
                )
                for row in unit_rows(now)
            ],
            "skills": SKILLS,
            "staff": field_staff(),
            "overrides": list(recent_overrides()),
            "escalations": list(recent_escalations()),
            "alarms": list(open_alarms()),
        },
    )


@login_required
@require_POST
def roster_update(request: HttpRequest, unit_id: int) -> HttpResponse:
    user_text = request.POST.get("user_id", "")
    try:
        unit_update_roster(
            actor=_user(request),
            unit_id=unit_id,
            skills=request.POST.getlist("skills"),
            user_id=int(user_text) if user_text.isdigit() else None,
        )
    except ServiceError as error:
        return _refused(request, error, "/roster/")
    messages.success(request, "Roster updated.")
    return redirect("roster")


@login_required
@require_POST
def roster_add_unit(request: HttpRequest) -> HttpResponse:
    try:
        unit = unit_create(
            actor=_user(request),
            callsign=request.POST.get("callsign", ""),
            kind=request.POST.get("kind", ""),
            skills=request.POST.getlist("skills"),
            now=timezone.now(),
        )
    except ServiceError as error:
        return _refused(request, error, "/roster/")
    messages.success(request, f"Unit {unit.callsign} added (off duty).")
    return redirect("roster")
