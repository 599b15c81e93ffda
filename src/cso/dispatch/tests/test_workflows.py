"""The dispatch rules through the API: intake, override, assign, escalate, clear, with audit."""

from __future__ import annotations

from typing import Any

from cso.audit.models import AuditEvent
from cso.calls.models import Call, Override
from cso.dispatch.models import Assignment
from cso.dispatch.selectors import open_calls
from cso.units.models import Unit, UnitStatusChange


def actions(target: str) -> list[str]:
    kind, _, pk = target.partition(":")
    return list(
        AuditEvent.objects.filter(target_type=kind, target_id=int(pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_intake_returns_the_decision_and_recommends_the_nearest_fitting_cso(
    shift: Any, api: Any
) -> None:
    response = api(
        "POST",
        "/api/v1/calls",
        "call_taker",
        {
            "call_type": "Parking",
            "narrative": "car blocking my driveway since this morning",
            "address": "12 Pine St",
            "latitude": 44.4760,
            "longitude": -73.2120,
            "caller_name": "Pat Caller",
            "callback_number": "802-555-0101",
            "in_progress": False,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["route"] == "cso"
    assert body["decision"]["route"] == "cso"
    assert body["decision"]["incident_type"] == "PARKING"
    assert body["decision"]["policy_refs"][0].startswith("004_2de466586a32b219.txt")
    assert body["screening"]["in_progress"] is False
    assert body["recommendation"]["callsign"] == "CSO-1"
    assert body["recommendation"]["reason"].startswith("CSO-1: nearest available CSO")
    assert [r["callsign"] for r in body["recommendation"]["ranked"]] == ["CSO-1", "CSO-2"]
    assert body["caller"] == {"name": "Pat Caller", "callback_number": "802-555-0101"}
    call = Call.objects.get(pk=body["id"])
    assert call.created_by == shift.users["call_taker"]
    # The answer echoes what the call-taker typed: that is not a read of stored data.
    assert actions(f"call:{call.pk}") == ["call.created"]
    created = AuditEvent.objects.get(action="call.created", target_id=call.pk)
    assert created.before is None
    assert created.after["route"] == "cso"
    assert created.actor_username == "call_taker"


def test_a_hazard_in_the_narrative_routes_to_sworn_and_recommends_a_sworn_unit(
    shift: Any, api: Any
) -> None:
    response = api(
        "POST",
        "/api/v1/calls",
        "dispatcher",
        {
            "call_type": "Parking",
            "narrative": "caller says the driver pulled a gun on him",
            "address": "12 Pine St",
            "latitude": 44.4760,
            "longitude": -73.2120,
        },
    )
    body = response.json()
    assert body["route"] == "sworn"
    assert "weapon" in body["decision"]["hazards"]
    assert body["priority"] == 1
    assert body["recommendation"]["callsign"] == "ADAM-1"
    assert [r["callsign"] for r in body["recommendation"]["ranked"]] == ["ADAM-1"]


def test_a_true_screening_answer_routes_to_sworn(shift: Any, api: Any) -> None:
    body = api(
        "POST",
        "/api/v1/calls",
        "call_taker",
        {
            "call_type": "Theft report",
            "narrative": "bike taken from the porch",
            "address": "3 Elm St",
            "weapons": True,
        },
    ).json()
    assert body["route"] == "sworn"
    assert body["decision"]["hazards"] == ["weapon"]


def test_bad_intake_input_is_refused_with_the_field_and_nothing_saved(shift: Any, api: Any) -> None:
    cases = [
        ({"address": "1 Main St"}, 400, "call_type", "A call needs a call type or a narrative."),
        ({"call_type": "Parking"}, 400, "address", "A call needs an address or place."),
        (
            {"call_type": "Parking", "address": "x", "latitude": 95, "longitude": 1},
            400,
            "latitude",
            "Latitude must be between -90 and 90.",
        ),
        (
            {"call_type": "Parking", "address": "x", "latitude": 44.0},
            400,
            "latitude",
            "Give both latitude and longitude, or neither.",
        ),
        ({"call_type": "Parking", "address": "x", "weapons": "maybe"}, 422, "weapons", None),
        ({"call_type": "Parking", "address": "x", "latitude": "north"}, 422, "latitude", None),
    ]
    for body, status, field, message in cases:
        response = api("POST", "/api/v1/calls", "call_taker", body)
        assert response.status_code == status, (body, response.content)
        assert response.json()["field"] == field
        if message:
            assert response.json()["message"] == message
    assert Call.objects.count() == 0


def test_malformed_json_is_a_4xx_not_a_stack_trace(shift: Any, api: Any) -> None:
    response = api("POST", "/api/v1/calls", "call_taker", "{not json")
    assert 400 <= response.status_code < 500
    assert "message" in response.json()
    assert "Traceback" not in response.content.decode()


def test_unknown_call_is_404_json(shift: Any, api: Any) -> None:
    response = api("GET", "/api/v1/calls/999", "dispatcher")
    assert response.status_code == 404
    assert response.json() == {"message": "There is no call 999.", "field": None}


def test_override_needs_a_justification(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    response = api(
        "POST",
        f"/api/v1/calls/{call.pk}/override",
        "dispatcher",
        {"route": "sworn", "justification": "  "},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "justification"
    assert Override.objects.count() == 0


def test_override_toward_cso_on_a_hazard_call_needs_a_supervisor(shift: Any, api: Any) -> None:
    call = shift.sworn_call()
    body = {"route": "cso", "justification": "Caller called back: it was a toy, kids playing."}
    refused = api("POST", f"/api/v1/calls/{call.pk}/override", "dispatcher", body)
    assert refused.status_code == 403
    assert refused.json()["field"] == "route"
    assert "only a Senior CSO or a sworn supervisor" in refused.json()["message"]
    call.refresh_from_db()
    assert call.route == "sworn"
    allowed = api("POST", f"/api/v1/calls/{call.pk}/override", "sworn_supervisor", body)
    assert allowed.status_code == 200
    assert allowed.json()["route"] == "cso"
    assert allowed.json()["decision"]["route"] == "sworn"  # the triage decision is kept as made
    override = Override.objects.get(call=call)
    assert (override.from_route, override.to_route) == ("sworn", "cso")
    assert override.actor == shift.users["sworn_supervisor"]
    assert "call.route_overridden" in actions(f"call:{call.pk}")
    event = AuditEvent.objects.get(action="call.route_overridden")
    assert (event.before["route"], event.after["route"]) == ("sworn", "cso")


def test_override_toward_sworn_needs_no_supervisor(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    response = api(
        "POST",
        f"/api/v1/calls/{call.pk}/override",
        "call_taker",
        {"route": "sworn", "justification": "Caller sounded frightened on the line."},
    )
    assert response.status_code == 200
    assert response.json()["route"] == "sworn"


def test_a_cso_unit_is_never_assigned_a_sworn_call(shift: Any, api: Any) -> None:
    call = shift.sworn_call()
    response = api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "senior_cso",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    assert response.status_code == 409
    assert response.json() == {
        "message": f"Call {call.pk} must go to a sworn officer (route: sworn); CSO-1 is a CSO unit.",
        "field": "unit_id",
    }
    assert Assignment.objects.count() == 0
    assert Unit.objects.get(callsign="CSO-1").status == "available"


def test_assign_sends_the_unit_en_route_and_reassign_frees_the_first(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    first = api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    assert first.status_code == 200
    assert first.json()["status"] == "assigned"
    assert first.json()["assigned_unit"]["callsign"] == "CSO-1"
    assert Unit.objects.get(callsign="CSO-1").status == "en_route"
    busy = api(
        "POST",
        f"/api/v1/calls/{shift.cso_call().pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    assert busy.status_code == 409
    assert busy.json()["message"] == "CSO-1 is en route; only an available unit can be assigned."
    again = api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "senior_cso",
        {"unit_id": shift.units["CSO-2"].pk},
    )
    assert again.status_code == 200
    assert Unit.objects.get(callsign="CSO-1").status == "available"
    assert Unit.objects.get(callsign="CSO-2").status == "en_route"
    assert list(
        Assignment.objects.order_by("id").values_list("unit__callsign", "active", "end_reason")
    ) == [
        ("CSO-1", False, "reassigned"),
        ("CSO-2", True, ""),
    ]
    changes = list(
        UnitStatusChange.objects.filter(unit__callsign="CSO-1").values_list(
            "from_status", "to_status"
        )
    )
    assert changes[-2:] == [("available", "en_route"), ("en_route", "available")]


def test_escalation_puts_a_sworn_request_on_the_board_and_stands_the_cso_by(
    shift: Any, api: Any
) -> None:
    call = shift.cso_call()
    api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    api("POST", f"/api/v1/units/{shift.units['CSO-1'].pk}/status", "cso", {"status": "on_scene"})
    response = api(
        "POST",
        f"/api/v1/calls/{call.pk}/escalate",
        "cso",
        {"reason": "Owner came out yelling and threatening"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["route"] == "sworn"
    assert body["priority"] == 1
    (request_id,) = body["sworn_request_ids"]
    request = Call.objects.get(pk=request_id)
    assert (request.kind, request.parent_id, request.route, request.status, request.priority) == (
        "sworn_request",
        call.pk,
        "sworn",
        "pending",
        1,
    )
    assert request.narrative == (
        "CSO-1 requests a sworn officer: Owner came out yelling and threatening"
    )
    assert Unit.objects.get(callsign="CSO-1").status == "standing_by"
    assert "call.escalated" in actions(f"call:{call.pk}")
    assert actions(f"call:{request_id}") == ["call.created"]
    # The board lists the sworn request first, above older and more urgent-looking calls.
    shift.sworn_call()
    assert open_calls().first().pk == request_id
    again = api("POST", f"/api/v1/calls/{call.pk}/escalate", "cso", {"reason": ""})
    assert again.status_code == 409
    # A sworn unit takes the request; the CSO clears its own call afterwards.
    taken = api(
        "POST",
        f"/api/v1/calls/{request_id}/assign",
        "dispatcher",
        {"unit_id": shift.units["ADAM-1"].pk},
    )
    assert taken.status_code == 200
    cleared = api("POST", f"/api/v1/calls/{call.pk}/clear", "cso", {"disposition": "sworn"})
    assert cleared.status_code == 200
    assert cleared.json()["disposition"] == "SWORN"
    assert Unit.objects.get(callsign="CSO-1").status == "available"


def test_a_cso_cannot_act_on_another_units_call(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    for path, body in [
        ("escalate", {"reason": "x"}),
        ("clear", {"disposition": "GOA"}),
        ("notes", {"text": "hello"}),
    ]:
        response = api("POST", f"/api/v1/calls/{call.pk}/{path}", "cso_other", body)
        assert response.status_code == 403, path
        assert response.json()["message"] == "This call is not assigned to your unit."
    assert Call.objects.get(pk=call.pk).status == "assigned"


def test_clear_needs_a_known_disposition(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    response = api("POST", f"/api/v1/calls/{call.pk}/clear", "dispatcher", {"disposition": "LOL"})
    assert response.status_code == 400
    assert response.json()["field"] == "disposition"
    assert response.json()["message"].startswith(
        "Unknown disposition code 'LOL'; use one of: REPORT"
    )
    assert Call.objects.get(pk=call.pk).status == "pending"


def test_personal_data_is_shown_only_to_roles_that_need_it_and_every_read_is_audited(
    shift: Any, api: Any
) -> None:
    call = shift.cso_call()
    seen = {}
    for role in ["call_taker", "dispatcher", "cso", "senior_cso", "analyst", "admin"]:
        seen[role] = api("GET", f"/api/v1/calls/{call.pk}", role).json()["caller"]
    assert seen["call_taker"] == {"name": "Pat Caller", "callback_number": "802-555-0101"}
    assert seen["cso"] is None  # not the CSO's call
    assert seen["analyst"] is None
    reads = AuditEvent.objects.filter(action="call.personal_data_read", target_id=call.pk)
    assert sorted(reads.values_list("actor_username", flat=True)) == [
        "admin",
        "call_taker",
        "dispatcher",
        "senior_cso",
    ]
    api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    own = api("GET", f"/api/v1/calls/{call.pk}", "cso").json()["caller"]
    assert own == {"name": "Pat Caller", "callback_number": "802-555-0101"}
    listed = api("GET", "/api/v1/calls", "dispatcher").json()
    assert all(c["caller"] is None for c in listed)


def test_list_calls_runs_a_fixed_number_of_queries(
    shift: Any, api: Any, django_assert_max_num_queries: Any
) -> None:
    api("GET", "/api/v1/calls", "dispatcher")  # sign in
    for _ in range(3):
        shift.cso_call()
    with django_assert_max_num_queries(6) as few:
        api("GET", "/api/v1/calls", "dispatcher")
    for _ in range(20):
        shift.sworn_call()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(api("GET", "/api/v1/calls", "dispatcher").json()) == 23


def test_audit_rows_cannot_be_changed_or_deleted(shift: Any) -> None:
    import pytest

    from cso.audit.models import AppendOnlyError

    shift.cso_call()
    event = AuditEvent.objects.first()
    assert event is not None
    event.action = "call.deleted"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(action="call.created").count() == 1


def test_audit_endpoint_lists_a_calls_history_and_rejects_a_bad_spec(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    rows = api("GET", f"/api/v1/audit?object=call:{call.pk}", "admin").json()
    # The dispatcher was shown the caller in the answer to the assignment: that read is audited.
    assert [r["action"] for r in rows] == [
        "call.created",
        "call.assigned",
        "call.personal_data_read",
    ]
    assert rows[1]["actor"] == "dispatcher"
    assert rows[1]["before"]["status"] == "pending"
    assert rows[1]["after"]["status"] == "assigned"
    bad = api("GET", "/api/v1/audit?object=calls-12", "admin")
    assert bad.status_code == 400
    assert bad.json()["field"] == "object"


def test_sending_a_cso_on_an_accompanied_call_puts_the_officer_on_the_board(
    shift: Any, api: Any, settings: Any
) -> None:
    settings.CSO_PROFILE = "stockton"
    body = api(
        "POST",
        "/api/v1/calls",
        "dispatcher",
        {
            "call_type": "SELENF",
            "narrative": "speeding complaints on North Ave, enforcement detail",
            "address": "North Ave",
        },
    ).json()
    assert body["route"] == "cso_accompanied"
    assert body["recommendation"]["reason"].endswith("A sworn officer must also be present.")
    assigned = api(
        "POST",
        f"/api/v1/calls/{body['id']}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    ).json()
    (request_id,) = assigned["sworn_request_ids"]
    request = Call.objects.get(pk=request_id)
    assert (request.kind, request.route, request.status) == ("sworn_request", "sworn", "pending")
    assert request.reasons == ["CSO-1 may take this call only with a sworn officer present."]
    # If the CSO then asks for help, that same request is the officer to send, not a second one.
    escalated = api("POST", f"/api/v1/calls/{body['id']}/escalate", "cso", {"reason": "crowd"})
    assert escalated.status_code == 200
    assert escalated.json()["sworn_request_ids"] == [request_id]
    assert escalated.json()["route"] == "sworn"
    assert Unit.objects.get(callsign="CSO-1").status == "standing_by"


def test_list_answers_match_their_documented_schemas(shift: Any, api: Any) -> None:
    """Intake and the lists skip response validation for speed; their answers must still fit."""
    from pydantic import TypeAdapter

    from cso.calls.schemas import CallRead
    from cso.units.api import UnitRead

    call = shift.cso_call()
    api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    shift.sworn_call()
    calls = api("GET", "/api/v1/calls", "dispatcher").json()
    units = api("GET", "/api/v1/units", "dispatcher").json()
    intake = api("POST", "/api/v1/calls", "dispatcher", {"call_type": "Parking", "address": "x"})
    assert len(calls) == 2
    assert len(units) == 3
    assert intake.json()["recommendation"]["ranked"]
    for items, schema in [(calls, CallRead), (units, UnitRead), ([intake.json()], CallRead)]:
        for item in items:
            TypeAdapter(schema).validate_python(item)
            assert set(item) == set(schema.model_fields)


def test_unknown_api_paths_answer_json(shift: Any, api: Any) -> None:
    response = api("GET", "/api/v1/nothing-here", "dispatcher")
    assert response.status_code == 404
    assert response.json() == {
        "message": "No API endpoint at /api/v1/nothing-here; see /api/v1/docs.",
        "field": None,
    }


def test_a_wrong_method_on_an_api_path_answers_json(shift: Any, api: Any) -> None:
    response = api("DELETE", "/api/v1/calls", "dispatcher")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert response.json() == {
        "message": "DELETE is not allowed on /api/v1/calls; allowed: GET, POST.",
        "field": None,
    }


def test_a_cleared_call_is_no_longer_the_csos_own(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    api(
        "POST",
        f"/api/v1/calls/{call.pk}/assign",
        "dispatcher",
        {"unit_id": shift.units["CSO-1"].pk},
    )
    assert api("GET", f"/api/v1/calls/{call.pk}", "cso").json()["caller"] is not None
    api("POST", f"/api/v1/calls/{call.pk}/clear", "cso", {"disposition": "CITED"})
    assert api("GET", f"/api/v1/calls/{call.pk}", "cso").json()["caller"] is None
    note = api("POST", f"/api/v1/calls/{call.pk}/notes", "cso", {"text": "late note"})
    assert note.status_code == 403


def test_a_call_already_going_to_sworn_cannot_be_escalated_again(shift: Any, api: Any) -> None:
    call = shift.cso_call()
    first = api("POST", f"/api/v1/calls/{call.pk}/escalate", "dispatcher", {"reason": "RP upset"})
    assert first.status_code == 200
    assert first.json()["route"] == "sworn"
    assert first.json()["sworn_request_ids"] == []  # no CSO was on it: the call itself is sworn
    again = api("POST", f"/api/v1/calls/{call.pk}/escalate", "dispatcher", {"reason": "again"})
    assert again.status_code == 409
    assert again.json()["message"] == f"Call {call.pk} already goes to a sworn officer."
    assert AuditEvent.objects.filter(action="call.escalated").count() == 1


def test_reads_of_caller_data_do_not_wake_the_live_pages(shift: Any, api: Any) -> None:
    from cso.audit.selectors import latest_change_id

    call = shift.cso_call()
    api("GET", "/api/v1/units", "dispatcher")  # sign in
    version = latest_change_id()
    api("GET", f"/api/v1/calls/{call.pk}", "dispatcher")
    assert AuditEvent.objects.filter(action="call.personal_data_read").count() == 1
    assert latest_change_id() == version


def test_a_superuser_made_from_the_command_line_is_an_admin(db: None) -> None:
    from cso.accounts.models import User

    user = User.objects.create_superuser("root", "root@example.org", "a-long-password-1")
    assert user.role == "admin"
    assert user.is_superuser
