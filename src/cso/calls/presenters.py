"""A call as the API and pages show it to one user: personal data only where allowed."""

from __future__ import annotations

from typing import Any

from cso.accounts.models import User
from cso.calls.access import can_see_personal_data
from cso.calls.models import Call
from cso.calls.services import call_record_personal_read
from cso.calls.triage import agency_profile
from cso.core.recommendation import Recommendation


def incident_name(code: str) -> str:
    catalogue = agency_profile().catalogue
    return catalogue.get(code).name if code in catalogue or code == "UNCLASSIFIED" else code


def recommendation_dict(rec: Recommendation) -> dict[str, Any]:
    best = rec.best
    return {
        "unit_id": best.unit_id if best else None,
        "callsign": best.callsign if best else None,
        "reason": rec.reason,
        "ranked": [
            {
                "unit_id": r.unit_id,
                "callsign": r.callsign,
                "distance_km": r.distance_km,
                "missing_skills": sorted(r.missing_skills),
                "reason": r.reason,
            }
            for r in rec.ranked
        ],
    }


def call_dict(
    call: Call,
    user: User,
    *,
    with_personal: bool = True,
    recommendation: Recommendation | None = None,
    just_created: bool = False,
    sworn_request_ids: list[int] | None = None,
) -> dict[str, Any]:
    """The CallRead shape. Showing stored caller data to a user writes an audit row; the answer
    to intake only echoes what its author typed, so it is not a read."""
    unit = call.assigned_unit
    data: dict[str, Any] = {
        "id": call.pk,
        "kind": call.kind,
        "parent_id": call.parent_id,
        "sworn_request_ids": (
            sworn_request_ids
            if sworn_request_ids is not None
            else []
            if just_created
            else [c.pk for c in call.sworn_requests.all()]
        ),
        "received_at": call.received_at,
        "status": call.status,
        "priority": call.priority,
        "call_type": call.call_type,
        "narrative": call.narrative,
        "address": call.address,
        "latitude": call.latitude,
        "longitude": call.longitude,
        "screening": call.answers,
        "route": call.route,
        "decision": {
            "route": call.triage_route,
            "incident_type": call.incident_type,
            "incident_name": incident_name(call.incident_type),
            "category": call.category,
            "reasons": list(call.reasons),
            "policy_refs": list(call.policy_refs),
            "hazards": list(call.hazards),
            "profile": call.profile,
        },
        "assigned_unit": (
            {"id": unit.pk, "callsign": unit.callsign, "kind": unit.kind, "status": unit.status}
            if unit is not None
            else None
        ),
        "disposition": call.disposition,
        "cleared_at": call.cleared_at,
        "caller": None,
        "recommendation": recommendation_dict(recommendation) if recommendation else None,
    }
    if with_personal and can_see_personal_data(user, call):
        data["caller"] = {"name": call.caller_name, "callback_number": call.callback_number}
        if (call.caller_name or call.callback_number) and not just_created:
            call_record_personal_read(actor=user, call=call)
    return data
