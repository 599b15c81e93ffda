"""The pages through Django's test client: who may open what, the intake preview, the forms,
and the live endpoints that answer 204 until something changes anywhere."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from django.db import connection

from cso.audit.models import AuditEvent
from cso.audit.selectors import latest_change_id
from cso.calls.models import Call
from cso.units.models import Unit

PAGES_BY_ROLE = {
    # page: roles that may open it (others get 403, or a redirect to their own page)
    "/board/": {
        "call_taker",
        "dispatcher",
        "cso",
        "senior_cso",
        "sworn_supervisor",
        "analyst",
        "admin",
    },
    "/calls/new": {"call_taker", "dispatcher", "senior_cso", "sworn_supervisor", "admin"},
    "/roster/": {"senior_cso", "sworn_supervisor", "admin"},
}


def sign_in(client: Any, role: str) -> None:
    assert client.login(username=role, password=f"{role}-password")


@pytest.mark.parametrize("page", PAGES_BY_ROLE)
def test_pages_open_for_the_roles_that_need_them(shift: Any, client: Any, page: str) -> None:
    for role in [
        "call_taker",
        "dispatcher",
        "cso",
        "senior_cso",
        "sworn_supervisor",
        "analyst",
        "admin",
    ]:
        sign_in(client, role)
        status = client.get(page).status_code
        assert status == (200 if role in PAGES_BY_ROLE[page] else 403), (page, role)
        client.logout()


def test_signed_out_visitors_are_sent_to_sign_in(db: None, client: Any) -> None:
    response = client.get("/board/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_home_sends_a_cso_to_the_field_page_and_others_to_the_board(
    shift: Any, client: Any
) -> None:
    sign_in(client, "cso")
    assert client.get("/")["Location"] == "/field/"
    sign_in(client, "dispatcher")
    assert client.get("/")["Location"] == "/board/"


def test_intake_preview_shows_the_decision_before_saving(shift: Any, client: Any) -> None:
    sign_in(client, "call_taker")
    response = client.post(
        "/calls/preview",
        {
            "call_type": "Parking",
            "narrative": "car blocking driveway since this morning",
            "address": "1 Main St",
        },
    )
    page = response.content.decode()
    assert 'data-route="cso"' in page
    assert "004_2de466586a32b219.txt" in page
    danger = client.post("/calls/preview", {"call_type": "Parking", "weapons": "yes"})
    assert 'data-route="sworn"' in danger.content.decode()
    assert "weapon" in danger.content.decode()
    assert Call.objects.count() == 0


def test_intake_form_saves_and_shows_the_call_with_a_recommendation(
    shift: Any, client: Any
) -> None:
    sign_in(client, "dispatcher")
    response = client.post(
        "/calls/new",
        {
            "call_type": "Parking",
            "narrative": "car blocking driveway since this morning",
            "address": "1 Main St",
            "latitude": "44.4760",
            "longitude": "-73.2120",
            "caller_name": "Pat Caller",
            "callback_number": "802-555-0101",
        },
        follow=True,
    )
    call = Call.objects.get()
    assert response.redirect_chain[-1][0] == f"/calls/{call.pk}/"
    page = response.content.decode()
    assert 'data-assign="CSO-1"' in page
    assert "Pat Caller" in page
    assert AuditEvent.objects.filter(action="call.personal_data_read", target_id=call.pk).exists()


def test_intake_form_refuses_bad_input_with_the_message_and_keeps_what_was_typed(
    shift: Any, client: Any
) -> None:
    sign_in(client, "call_taker")
    response = client.post(
        "/calls/new", {"call_type": "Parking", "narrative": "blocked drive", "latitude": "north"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Latitude must be a number." in page
    assert "blocked drive" in page
    assert Call.objects.count() == 0


def test_a_cso_sees_no_caller_data_on_another_units_call(shift: Any, client: Any) -> None:
    call = shift.cso_call()
    sign_in(client, "cso")
    page = client.get(f"/calls/{call.pk}/").content.decode()
    assert "Pat Caller" not in page
    assert "802-555-0101" not in page
    assert not AuditEvent.objects.filter(action="call.personal_data_read").exists()


def test_assign_escalate_and_clear_through_the_pages(shift: Any, client: Any) -> None:
    call = shift.cso_call()
    sign_in(client, "dispatcher")
    client.post(f"/calls/{call.pk}/assign", {"unit_id": shift.units["CSO-1"].pk})
    sign_in(client, "cso")
    field = client.get("/field/").content.decode()
    assert f'data-call="{call.pk}"' in field
    assert "Pat Caller" in field  # the CSO's own call
    client.post(
        f"/units/{shift.units['CSO-1'].pk}/status", {"status": "on_scene", "next": "/field/"}
    )
    response = client.post(f"/calls/{call.pk}/escalate", {"next": "/field/"}, follow=True)
    assert "Standing by (safe distance)" in response.content.decode()
    sign_in(client, "dispatcher")
    board = client.get("/board/").content.decode()
    assert "SWORN OFFICER REQUESTED" in board
    refused = client.post(
        f"/calls/{call.pk}/assign", {"unit_id": shift.units["CSO-2"].pk}, follow=True
    )
    assert "must go to a sworn officer" in refused.content.decode()
    client.post(f"/calls/{call.pk}/clear", {"disposition": "SWORN"})
    assert Call.objects.get(pk=call.pk).status == "cleared"
    assert Unit.objects.get(callsign="CSO-1").status == "available"


def test_a_refused_page_action_shows_why_and_changes_nothing(shift: Any, client: Any) -> None:
    call = shift.sworn_call()
    sign_in(client, "call_taker")
    response = client.post(
        f"/calls/{call.pk}/override",
        {"route": "cso", "justification": "it is fine really honestly"},
        follow=True,
    )
    assert "only a Senior CSO or a sworn supervisor" in response.content.decode()
    assert Call.objects.get(pk=call.pk).route == "sworn"


def test_board_live_answers_204_until_something_changes(shift: Any, client: Any) -> None:
    sign_in(client, "dispatcher")
    version = latest_change_id()
    assert client.get(f"/board/live?v={version}").status_code == 204
    shift.cso_call()
    changed = client.get(f"/board/live?v={version}")
    assert changed.status_code == 200
    assert f"v={latest_change_id()}" in changed.content.decode()


def test_board_renders_in_a_fixed_number_of_queries(
    shift: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    sign_in(client, "dispatcher")
    shift.cso_call()
    with django_assert_max_num_queries(20) as few:
        client.get("/board/")
    for _ in range(15):
        shift.cso_call()
        shift.sworn_call()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/board/")


CHANGE_IN_ANOTHER_PROCESS = """
import django, os
django.setup()
from django.utils import timezone
from cso.accounts.models import User
from cso.units.services import unit_change_status
from cso.units.models import Unit
unit = Unit.objects.get(callsign="CSO-2")
unit_change_status(actor=User.objects.get(username="dispatcher"), unit_id=unit.pk,
                   status="out_of_service", now=timezone.now())
"""


@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_another_server_process_reaches_the_board(shift: Any, client: Any) -> None:
    """Live pages compare against the database, not process memory, so any process's change
    shows on every board."""
    sign_in(client, "dispatcher")
    version = latest_change_id()
    assert client.get(f"/board/live?v={version}").status_code == 204
    settings_dict = connection.settings_dict
    env = {
        "DJANGO_SETTINGS_MODULE": "cso.config.settings",
        "PATH": "/usr/bin:/bin",
    }
    if settings_dict["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{settings_dict['NAME']}"
    else:
        env["DATABASE_URL"] = (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:"
            f"{settings_dict['PORT']}/{settings_dict['NAME']}"
        )
    subprocess.run(
        [sys.executable, "-c", CHANGE_IN_ANOTHER_PROCESS], env=env, check=True, timeout=60
    )
    response = client.get(f"/board/live?v={version}")
    assert response.status_code == 200
    row = response.content.decode().split('data-unit="CSO-2"')[1].split("</tr>")[0]
    assert "Out of service" in row


def test_the_board_offers_the_recommended_unit_for_each_pending_call(
    shift: Any, client: Any
) -> None:
    cso_call, sworn_call = shift.cso_call(), shift.sworn_call()
    sign_in(client, "dispatcher")
    board = client.get("/board/").content.decode()
    cso_row = board.split(f'data-call="{cso_call.pk}"')[1].split("</tr>")[0]
    sworn_row = board.split(f'data-call="{sworn_call.pk}"')[1].split("</tr>")[0]
    assert "Assign CSO-1" in cso_row
    assert "Assign ADAM-1" in sworn_row
    client.post(
        f"/calls/{cso_call.pk}/assign", {"unit_id": shift.units["CSO-1"].pk, "next": "/board/"}
    )
    assert Call.objects.get(pk=cso_call.pk).assigned_unit_id == shift.units["CSO-1"].pk
    sign_in(client, "call_taker")  # takes calls but does not dispatch: no assign buttons
    assert "Assign " not in client.get("/board/").content.decode()


@pytest.mark.parametrize(
    ("poll", "page"), [("/board/live?v=1", "/board/"), ("/field/live?v=1", "/field/")]
)
def test_a_live_poll_after_the_session_ended_sends_the_page_to_sign_in(
    shift: Any, client: Any, poll: str, page: str
) -> None:
    """Not the sign-in form swapped into the board: the whole page goes to sign-in, and back."""
    response = client.get(
        poll, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{page}"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/login/?next={page.replace('/', '%2F')}"
    assert response.content == b""


def test_the_field_page_says_when_no_call_is_assigned(shift: Any, client: Any) -> None:
    sign_in(client, "cso")
    idle = client.get("/field/").content.decode()
    assert 'id="no-assignment"' in idle
    call = shift.cso_call()
    sign_in(client, "dispatcher")
    client.post(f"/calls/{call.pk}/assign", {"unit_id": shift.units["CSO-1"].pk, "next": "/"})
    sign_in(client, "cso")
    working = client.get("/field/").content.decode()
    assert 'id="no-assignment"' not in working
    assert f'data-call="{call.pk}"' in working
    # On a phone, the address opens the map app and the callback number dials.
    assert 'href="geo:44.475900,-73.212100"' in working
    assert 'href="tel:802-555-0101"' in working


def test_the_field_page_offers_only_the_moves_the_service_accepts(shift: Any, client: Any) -> None:
    sign_in(client, "cso")
    idle = client.get("/field/").content.decode()
    assert 'data-status="out_of_service"' in idle
    assert 'data-status="on_scene"' not in idle
    call = shift.cso_call()
    sign_in(client, "dispatcher")
    client.post(f"/calls/{call.pk}/assign", {"unit_id": shift.units["CSO-1"].pk})
    sign_in(client, "cso")
    working = client.get("/field/").content.decode()
    assert 'data-status="on_scene"' in working
    assert 'data-status="available"' not in working
    assert 'data-status="out_of_service"' not in working
