"""Reading units."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from cso.units.models import Unit


def unit_list() -> QuerySet[Unit]:
    """Every unit with the id of the call it is working (one query)."""
    from cso.dispatch.models import Assignment  # dispatch builds on units

    current = Assignment.objects.filter(unit=OuterRef("pk"), active=True).values("call_id")[:1]
    return Unit.objects.annotate(current_call_id=Subquery(current)).order_by("kind", "callsign")
