"""The dispatcher and a CSO working one call in a real browser, each in their own session.

Drives Debian's chromium (never a downloaded one) through Playwright against the live server:
the dispatcher takes a parking call and sees the triage decision before saving, assigns the
recommended CSO, the CSO's open field page shows the assignment without a reload, the CSO goes on
scene and asks for a sworn officer, and the dispatcher's open board shows the request without a
reload. Then the database is checked for what the clicks should have done.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "browser-test-password"
CENTRE = (44.4759, -73.2121)
LIVE_BOUND_MS = 2000  # the bound for live pages
CALL_TYPE = "Parking"
NARRATIVE = "car blocking my driveway since this morning"


@pytest.fixture
def async_unsafe_orm() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread; let the test use the ORM anyway."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def browser(async_unsafe_orm: None) -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "chromium is not on PATH; the browser tests need Debian's chromium. "
            "Run scripts/ensure-chromium (`make test` does) or `apt-get install chromium`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
            # The test body ran inside Playwright's greenlet, which has its own context and so
            # its own database connection; close it, or PostgreSQL cannot drop the test database.
            from django.db import connections

            connections.close_all()


@pytest.fixture
def units(transactional_db: None) -> dict[str, Any]:
    """A dispatcher; CSO-1 worked by user 'cso' near the call, CSO-2 farther, a sworn unit."""
    from django.db import transaction
    from django.utils import timezone

    from cso.accounts.models import User
    from cso.accounts.roles import Role
    from cso.core.unit_status import UnitKind, UnitStatus
    from cso.units.models import Unit
    from cso.units.services import apply_status

    User.objects.create_user(username="dispatcher", password=PASSWORD, role=Role.DISPATCHER)
    cso = User.objects.create_user(username="cso", password=PASSWORD, role=Role.CSO)
    since = timezone.now() - timedelta(minutes=30)
    specs = [
        ("CSO-1", UnitKind.CSO, (0.001, 0.001), cso),
        ("CSO-2", UnitKind.CSO, (0.030, 0.030), None),
        ("ADAM-1", UnitKind.SWORN, (0.002, -0.002), None),
    ]
    made = {}
    with transaction.atomic():
        for callsign, kind, (dlat, dlon), user in specs:
            unit = Unit.objects.create(
                callsign=callsign,
                kind=kind,
                latitude=CENTRE[0] + dlat,
                longitude=CENTRE[1] + dlon,
                user=user,
                status_since=since,
            )
            apply_status(
                actor=None, unit=unit, target=UnitStatus.AVAILABLE, now=since, call_id=None
            )
            made[callsign] = unit
    return made


def sign_in(page: Any, base: str, username: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("header .who")).to_contain_text(username)


def mark(page: Any) -> None:
    """Tag the loaded document; the tag survives htmx swaps but not a reload or navigation."""
    page.evaluate("window.__notReloaded = true")


def not_reloaded(page: Any) -> bool:
    return bool(page.evaluate("window.__notReloaded === true"))


def test_dispatcher_and_cso_work_a_call_live(
    live_server: Any, settings: Any, browser: Any, units: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    from cso.audit.models import AuditEvent
    from cso.calls.models import Call
    from cso.calls.triage import agency_profile, decide
    from cso.units.models import Unit, UnitStatusChange

    settings.CSO_LIVE_POLL_SECONDS = 0.5
    base = live_server.url
    desk = browser.new_context().new_page()
    field = browser.new_context().new_page()
    for page in (desk, field):
        page.set_default_timeout(10_000)

    # The CSO signs in first and lands on the field page, with nothing assigned yet.
    sign_in(field, base, "cso")
    expect(field).to_have_url(f"{base}/field/")
    expect(field.locator("h1")).to_contain_text("CSO-1")
    expect(field.locator("#unit-status")).to_have_text("Available")
    expect(field.locator("#assignment")).to_have_count(0)
    mark(field)

    # The dispatcher takes the call and sees the triage decision before saving it.
    sign_in(desk, base, "dispatcher")
    expect(desk).to_have_url(f"{base}/board/")
    desk.get_by_role("link", name="New call").click()
    expect(desk).to_have_url(f"{base}/calls/new")
    desk.get_by_label("Call type", exact=True).fill(CALL_TYPE)
    desk.get_by_label("Narrative", exact=True).fill(NARRATIVE)
    desk.get_by_label("Address or place", exact=True).fill("12 Church St")
    desk.get_by_label("Latitude", exact=True).fill(str(CENTRE[0]))
    desk.get_by_label("Longitude", exact=True).fill(str(CENTRE[1]))
    desk.get_by_label("Caller", exact=True).fill("Pat Caller")
    desk.get_by_label("Callback number", exact=True).fill("802-555-0101")
    expected = decide(
        call_type=CALL_TYPE, narrative=NARRATIVE, answers={}, profile=agency_profile()
    )
    assert expected.policy_refs, "the parking decision should cite the agency's policy"
    decision = desk.locator("#decision")
    expect(decision).to_have_attribute("data-route", "cso")
    expect(decision).to_contain_text("PARKING")
    expect(decision.locator("ul.muted li").first).to_have_text(expected.policy_refs[0])
    assert not Call.objects.exists(), "the preview must not save the call"
    desk.locator("#save-call").click()

    # The call page recommends the near CSO, then the far one; never the sworn unit.
    expect(desk).to_have_url(re.compile(rf"{re.escape(base)}/calls/\d+/$"))
    call = Call.objects.get()
    assert desk.url == f"{base}/calls/{call.pk}/"
    expect(desk.locator("#call-route")).to_have_text("CSO")
    buttons = desk.locator("#recommendation [data-assign]")
    expect(buttons).to_have_count(2)
    assert [buttons.nth(i).get_attribute("data-assign") for i in range(2)] == ["CSO-1", "CSO-2"]
    desk.locator('[data-assign="CSO-1"]').click()

    # The CSO's open field page shows the assignment without a reload.
    assignment = field.locator("#assignment")
    expect(assignment).to_have_attribute("data-call", str(call.pk), timeout=LIVE_BOUND_MS)
    expect(assignment).to_contain_text(NARRATIVE)
    expect(assignment).to_contain_text("Caller: Pat Caller · 802-555-0101")  # their own call
    expect(field.locator("#unit-status")).to_have_text("En route")
    assert not_reloaded(field)
    expect(desk.get_by_role("status")).to_contain_text(f"Call {call.pk} assigned.")

    # The CSO arrives; the dispatcher watches the board.
    field.locator('[data-status="on_scene"]').click()
    expect(field.locator("#unit-status")).to_have_text("On scene")
    desk.get_by_role("link", name="Board").click()
    expect(desk).to_have_url(f"{base}/board/")
    expect(desk.locator(f'#active-calls [data-call="{call.pk}"]')).to_contain_text("CSO-1")
    expect(desk.locator("[data-sworn-request]")).to_have_count(0)
    mark(desk)

    # The CSO asks for a sworn officer: the open board shows it within the bound, unreloaded.
    started = time.monotonic()
    field.locator("#request-sworn").click()
    alert = desk.locator("[data-sworn-request]")
    expect(alert).to_be_visible(timeout=LIVE_BOUND_MS)
    waited = time.monotonic() - started
    assert waited < LIVE_BOUND_MS / 1000, f"the board took {waited:.2f} s"
    assert not_reloaded(desk)
    expect(alert).to_contain_text("SWORN OFFICER REQUESTED")
    expect(alert).to_contain_text(f"for call {call.pk}")
    expect(alert).to_contain_text("CSO-1 requests a sworn officer")
    expect(field.locator("#unit-status")).to_have_text("Standing by (safe distance)")
    expect(
        field.get_by_text("Sworn officer requested. Stand by at a safe distance.")
    ).to_be_visible()
    expect(field.locator("#request-sworn")).to_have_count(0)

    # What the clicks did.
    call.refresh_from_db()
    assert (call.triage_route, call.route, call.status) == ("cso", "sworn", "assigned")
    assert call.priority == 1
    assert call.assigned_unit_id == units["CSO-1"].pk
    request = call.sworn_requests.get()
    assert (request.kind, request.status, request.route) == ("sworn_request", "pending", "sworn")
    assert request.created_by.username == "cso"
    assert request.assigned_unit is None
    assert alert.get_attribute("data-sworn-request") == str(request.pk)
    statuses = {u.callsign: u.status for u in Unit.objects.all()}
    assert statuses == {"CSO-1": "standing_by", "CSO-2": "available", "ADAM-1": "available"}
    history = UnitStatusChange.objects.filter(unit=units["CSO-1"], call_id=call.pk)
    assert [(h.from_status, h.to_status, h.actor.username) for h in history] == [
        ("available", "en_route", "dispatcher"),
        ("en_route", "on_scene", "cso"),
        ("on_scene", "standing_by", "cso"),
    ]
    escalated = AuditEvent.objects.get(action="call.escalated", target_id=call.pk)
    assert (escalated.target_type, escalated.actor_username) == ("call", "cso")
    assert (escalated.before["route"], escalated.after["route"]) == ("cso", "sworn")
    assert escalated.after["reason"]
    created = AuditEvent.objects.get(
        action="call.created", target_type="call", target_id=request.pk
    )
    assert created.actor_username == "cso"
    standing_by = AuditEvent.objects.filter(
        action="unit.status_changed", target_type="unit", target_id=units["CSO-1"].pk
    ).last()
    assert standing_by is not None
    assert standing_by.actor_username == "cso"
    assert standing_by.after["status"] == "standing_by"


def test_the_field_page_says_when_it_has_lost_the_connection(
    live_server: Any, settings: Any, browser: Any, units: dict[str, Any]
) -> None:
    """A CSO whose phone loses the signal is told the page has stopped updating, and the
    warning goes when the polls get through again."""
    from playwright.sync_api import expect

    settings.CSO_LIVE_POLL_SECONDS = 0.5
    base = live_server.url
    field = browser.new_context().new_page()
    field.set_default_timeout(10_000)
    sign_in(field, base, "cso")
    expect(field).to_have_url(f"{base}/field/")
    banner = field.locator("#connection-lost")
    expect(banner).to_be_hidden()

    field.route("**/field/live*", lambda route: route.abort("internetdisconnected"))
    expect(banner).to_be_visible(timeout=5_000)
    expect(banner).to_contain_text("Connection lost: this page is not updating.")
    expect(banner.locator("[data-last-contact]")).to_have_text(re.compile(r"\d\d:\d\d:\d\d"))

    field.unroute("**/field/live*")
    expect(banner).to_be_hidden(timeout=5_000)
