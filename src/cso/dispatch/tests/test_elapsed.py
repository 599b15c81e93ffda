"""Ages and times in status read the same way everywhere on the board."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cso.dispatch.templatetags.elapsed import elapsed, minutes_label


@pytest.mark.parametrize(
    ("minutes", "label"),
    [(0, "0 min"), (59, "59 min"), (60, "1 h 00 min"), (181, "3 h 01 min"), (-2, "0 min")],
)
def test_minutes_label(minutes: int, label: str) -> None:
    assert minutes_label(minutes) == label


def test_elapsed_counts_whole_minutes() -> None:
    now = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    assert elapsed(now - timedelta(minutes=125, seconds=59), now) == "2 h 05 min"


def test_the_board_shows_call_ages_and_unit_times_in_one_form(shift: Any, client: Any) -> None:
    shift.cso_call()
    assert client.login(username="dispatcher", password="dispatcher-password")
    board = client.get("/board/").content.decode()
    unit_row = board.split('data-unit="CSO-1"')[1].split("</tr>")[0]
    pending = board.split('id="pending-calls"')[1].split("</table>")[0]
    # The shift's clock is fixed and the board reads the real one, so only the form is known.
    for part in (unit_row, pending):
        assert re.search(r"<td class=\"nowrap\">(\d+ h \d\d min|\d+ min)</td>", part), part
    assert "hour" not in pending
