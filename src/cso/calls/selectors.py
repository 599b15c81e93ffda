"""Reading calls."""

from __future__ import annotations

from django.db.models import QuerySet

from cso.calls.models import Call, CallStatus
from cso.core.types import Route
from cso.errors import NotFoundError, ServiceError

NO_SUCH_CALL = "There is no call {call_id}."
BAD_STATUS = "Unknown status {status!r}; use one of: pending, assigned, cleared."
BAD_ROUTE = "Unknown route {route!r}; use one of: cso, cso_accompanied, sworn, refer."
BAD_LIMIT = "limit must be between 1 and 1000."


def call_get(call_id: int) -> Call:
    call = (
        Call.objects.select_related("assigned_unit", "parent")
        .prefetch_related("sworn_requests")
        .filter(pk=call_id)
        .first()
    )
    if call is None:
        raise NotFoundError(NO_SUCH_CALL.format(call_id=call_id))
    return call


def sworn_request_ids(calls: list[Call]) -> dict[int, list[int]]:
    """The linked sworn requests of each call, in one query (cheaper than a prefetch)."""
    linked: dict[int, list[int]] = {call.pk: [] for call in calls}
    rows = Call.objects.filter(parent_id__in=list(linked)).order_by("id")
    for parent_id, child_id in rows.values_list("parent_id", "id"):
        linked[parent_id].append(child_id)
    return linked


def call_list(*, status: str | None, route: str | None, limit: int) -> QuerySet[Call]:
    """Newest first, filtered; a constant number of queries whatever the length."""
    if status is not None and status not in CallStatus.values:
        raise ServiceError(BAD_STATUS.format(status=status), field="status")
    if route is not None and route not in {r.value for r in Route}:
        raise ServiceError(BAD_ROUTE.format(route=route), field="route")
    if not 1 <= limit <= 1000:
        raise ServiceError(BAD_LIMIT, field="limit")
    calls = Call.objects.select_related("assigned_unit")
    if status:
        calls = calls.filter(status=status)
    if route:
        calls = calls.filter(route=route)
    return calls.order_by("-received_at", "-id")[:limit]
