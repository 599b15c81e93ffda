"""API shapes for calls: CallCreate in, CallRead out."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class CallCreate(Schema):
    call_type: str = Field("", max_length=120)
    narrative: str = Field("", max_length=4000)
    address: str = Field("", max_length=200)
    latitude: float | None = None
    longitude: float | None = None
    caller_name: str = Field("", max_length=120)
    callback_number: str = Field("", max_length=40)
    in_progress: bool | None = None
    weapons: bool | None = None
    injuries: bool | None = None
    suspect_on_scene: bool | None = None


class DecisionRead(Schema):
    route: str
    incident_type: str
    incident_name: str
    category: str
    reasons: list[str]
    policy_refs: list[str]
    hazards: list[str]
    profile: str


class RankedUnitRead(Schema):
    unit_id: int
    callsign: str
    distance_km: float | None
    missing_skills: list[str]
    reason: str


class RecommendationRead(Schema):
    unit_id: int | None
    callsign: str | None
    reason: str
    ranked: list[RankedUnitRead]


class UnitRef(Schema):
    id: int
    callsign: str
    kind: str
    status: str


class CallerRead(Schema):
    name: str
    callback_number: str


class CallRead(Schema):
    id: int
    kind: str
    parent_id: int | None
    sworn_request_ids: list[int]
    received_at: datetime
    status: str
    priority: int
    call_type: str
    narrative: str
    address: str
    latitude: float | None
    longitude: float | None
    screening: dict[str, bool | None]
    route: str
    decision: DecisionRead
    assigned_unit: UnitRef | None
    disposition: str
    cleared_at: datetime | None
    # Present only for roles that may see it; every time it is shown, an audit row says so.
    caller: CallerRead | None = None
    recommendation: RecommendationRead | None = None


class OverrideCreate(Schema):
    route: str
    justification: str = Field(..., max_length=2000)


class AssignCreate(Schema):
    unit_id: int


class EscalateCreate(Schema):
    reason: str = Field("", max_length=2000)


class ClearCreate(Schema):
    disposition: str = Field(..., max_length=16)


class NoteCreate(Schema):
    text: str = Field(..., max_length=4000)
