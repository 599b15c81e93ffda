"""Two dispatchers give the same unit a call at the same moment: exactly one succeeds."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from cso.dispatch.models import Assignment
from cso.dispatch.services import dispatch_assign_unit
from cso.errors import ConflictError
from cso.units.models import Unit


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_dispatchers_assign_one_unit_at_once(shift: Any, attempt: int) -> None:
    calls = [shift.cso_call(), shift.cso_call()]
    unit = shift.units["CSO-1"]
    actors = [shift.users["dispatcher"], shift.users["senior_cso"]]
    start = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def assign(index: int) -> None:
        try:
            start.wait()
            dispatch_assign_unit(
                actor=actors[index], call_id=calls[index].pk, unit_id=unit.pk, now=shift.now
            )
            result = "assigned"
        except ConflictError as error:
            result = f"conflict: {error.message}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=assign, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(o.split(":")[0] for o in outcomes) == ["assigned", "conflict"], outcomes
    assert Assignment.objects.filter(unit=unit, active=True).count() == 1
    assert Unit.objects.get(pk=unit.pk).status == "en_route"
    winner = Assignment.objects.get(unit=unit, active=True).call
    loser = next(c for c in calls if c.pk != winner.pk)
    loser.refresh_from_db()
    assert (loser.status, loser.assigned_unit_id) == ("pending", None)
