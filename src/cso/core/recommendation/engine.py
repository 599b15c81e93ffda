"""recommend_units(needs, units) -> Recommendation: which available unit to send, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cso.core.recommendation.geo import haversine_km
from cso.core.recommendation.skills import skill_noun, skill_order
from cso.core.recommendation.values import CallNeeds, RankedUnit, Recommendation, UnitSnapshot
from cso.core.types import Route
from cso.core.unit_status import ASSIGNABLE_STATUSES, BUSY_STATUSES, UnitKind

DUPLICATE_UNIT = "Unit id {unit_id} appears more than once in the list of units."

REASON_REFER = "The call is referred to another service, so no unit is recommended."
REASON_ACCOMPANIED = "A sworn officer must also be present."
NONE_AVAILABLE_BUSY = "No {kind} is available; {count} {kinds} {verb} busy."
NONE_AVAILABLE_IN_SERVICE = "No {kind} is available; none is in service."

BEST_REASON = "{callsign}: {lead} ({where}){skills}, {workload}."
OTHER_REASON = "{callsign}: {where}{skills}, {busy} and {calls}."

LEAD_ONLY = "only available {kind}"
LEAD_ONLY_WITH_SKILLS = "only available {kind} with {skills}"
LEAD_NEAREST = "nearest available {kind}"
LEAD_NEAREST_WITH_SKILLS = "nearest available {kind} with {skills}"
LEAD_LEAST_BUSY = "least busy available {kind}"
LEAD_FEWEST_CALLS = "available {kind} with the fewest calls"
LEAD_BY_CALLSIGN = "available {kind}, tied with {other}, first by callsign"

WHERE_KM = "{km:.1f} km"
WHERE_KM_AWAY = "{km:.1f} km away"
WHERE_NO_CALL_LOCATION = "call location unknown"
WHERE_NO_UNIT_LOCATION = "unit location unknown"
HAS_SKILLS = ", has {skills}"
LACKS_SKILLS = ", lacks {skills}"
BUSY_MINUTES = "{minutes:.0f} min busy"

_ROUTE_KIND = {
    Route.CSO: UnitKind.CSO,
    Route.CSO_ACCOMPANIED: UnitKind.CSO,
    Route.SWORN: UnitKind.SWORN,
}
_KIND_NOUNS = {UnitKind.CSO: ("CSO", "CSOs"), UnitKind.SWORN: ("sworn officer", "sworn officers")}

# Positions in _Candidate.key, to name what separated the best unit from the runner-up.
_SKILL_FIT, _NO_DISTANCE, _DISTANCE, _BUSY, _CALLS = range(5)


@dataclass(frozen=True, slots=True)
class _Candidate:
    unit: UnitSnapshot
    distance_km: float | None
    missing: frozenset[str]

    @property
    def key(self) -> tuple[bool, bool, float, float, int, str, int]:
        # Callsign then id last, so that the order never depends on the order of the input.
        return (
            bool(self.missing),
            self.distance_km is None,
            0.0 if self.distance_km is None else self.distance_km,
            self.unit.busy_minutes_this_shift,
            self.unit.calls_this_shift,
            self.unit.callsign,
            self.unit.unit_id,
        )


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _skills_text(codes: frozenset[str]) -> str:
    return _join([skill_noun(code) for code in skill_order(codes)])


def _calls_text(calls: int) -> str:
    return f"{calls} call this shift" if calls == 1 else f"{calls} calls this shift"


def _candidate(unit: UnitSnapshot, needs: CallNeeds) -> _Candidate:
    distance = None
    if (
        unit.latitude is not None
        and unit.longitude is not None
        and needs.latitude is not None
        and needs.longitude is not None
    ):
        distance = haversine_km(needs.latitude, needs.longitude, unit.latitude, unit.longitude)
    return _Candidate(unit, distance, needs.required_skills - unit.skills)


def _where(candidate: _Candidate, needs: CallNeeds, template: str) -> str:
    if candidate.distance_km is not None:
        return template.format(km=candidate.distance_km)
    if needs.latitude is None:
        return WHERE_NO_CALL_LOCATION
    return WHERE_NO_UNIT_LOCATION


def _skills_part(candidate: _Candidate, needs: CallNeeds) -> str:
    if not needs.required_skills:
        return ""
    if candidate.missing:
        return LACKS_SKILLS.format(skills=_skills_text(candidate.missing))
    return HAS_SKILLS.format(skills=_skills_text(needs.required_skills))


def _deciding_position(best: _Candidate, runner_up: _Candidate) -> int:
    return next(i for i, (a, b) in enumerate(zip(best.key, runner_up.key, strict=True)) if a != b)


def _best_reason(ordered: Sequence[_Candidate], needs: CallNeeds, kind: str) -> str:
    best = ordered[0]
    skills = _skills_part(best, needs)
    workload = _calls_text(best.unit.calls_this_shift)
    with_workload = (
        f"{BUSY_MINUTES.format(minutes=best.unit.busy_minutes_this_shift)} and {workload}"
    )
    needed = _skills_text(needs.required_skills)
    if len(ordered) == 1:
        lead = LEAD_ONLY.format(kind=kind)
    else:
        position = _deciding_position(best, ordered[1])
        if position == _SKILL_FIT:
            lead, skills = LEAD_ONLY_WITH_SKILLS.format(kind=kind, skills=needed), ""
        elif position in (_NO_DISTANCE, _DISTANCE):
            lead = LEAD_NEAREST.format(kind=kind)
            # A closer unit without the skills was passed over: "nearest" alone would mislead.
            if not best.missing and any(
                c.missing and c.distance_km is not None and c.distance_km < (best.distance_km or 0)
                for c in ordered
            ):
                lead, skills = LEAD_NEAREST_WITH_SKILLS.format(kind=kind, skills=needed), ""
        elif position == _BUSY:
            lead, workload = LEAD_LEAST_BUSY.format(kind=kind), with_workload
        elif position == _CALLS:
            lead, workload = LEAD_FEWEST_CALLS.format(kind=kind), with_workload
        else:
            other = ordered[1].unit.callsign
            lead, workload = LEAD_BY_CALLSIGN.format(kind=kind, other=other), with_workload
    return BEST_REASON.format(
        callsign=best.unit.callsign,
        lead=lead,
        where=_where(best, needs, WHERE_KM),
        skills=skills,
        workload=workload,
    )


def _other_reason(candidate: _Candidate, needs: CallNeeds) -> str:
    return OTHER_REASON.format(
        callsign=candidate.unit.callsign,
        where=_where(candidate, needs, WHERE_KM_AWAY),
        skills=_skills_part(candidate, needs),
        busy=BUSY_MINUTES.format(minutes=candidate.unit.busy_minutes_this_shift),
        calls=_calls_text(candidate.unit.calls_this_shift),
    )


def _nobody_reason(kind: UnitKind, units: Sequence[UnitSnapshot]) -> str:
    one, many = _KIND_NOUNS[kind]
    busy = sum(1 for unit in units if unit.kind == kind and unit.status in BUSY_STATUSES)
    if not busy:
        return NONE_AVAILABLE_IN_SERVICE.format(kind=one)
    return NONE_AVAILABLE_BUSY.format(
        kind=one, count=busy, kinds=one if busy == 1 else many, verb="is" if busy == 1 else "are"
    )


def recommend_units(needs: CallNeeds, units: Sequence[UnitSnapshot]) -> Recommendation:
    """Rank the available units of the kind the route allows: skills, distance, then workload."""
    seen: set[int] = set()
    for unit in units:
        if unit.unit_id in seen:
            raise ValueError(DUPLICATE_UNIT.format(unit_id=unit.unit_id))
        seen.add(unit.unit_id)
    if needs.route is Route.REFER:
        return Recommendation(ranked=(), reason=REASON_REFER)
    kind = _ROUTE_KIND[needs.route]
    ordered = sorted(
        (
            _candidate(unit, needs)
            for unit in units
            if unit.kind == kind and unit.status in ASSIGNABLE_STATUSES
        ),
        key=lambda candidate: candidate.key,
    )
    if ordered:
        reasons = [_best_reason(ordered, needs, _KIND_NOUNS[kind][0])]
        reasons += [_other_reason(candidate, needs) for candidate in ordered[1:]]
        reason = reasons[0]
    else:
        reasons, reason = [], _nobody_reason(kind, units)
    if needs.route is Route.CSO_ACCOMPANIED:
        reason = f"{reason} {REASON_ACCOMPANIED}"
    ranked = tuple(
        RankedUnit(
            unit_id=candidate.unit.unit_id,
            callsign=candidate.unit.callsign,
            distance_km=candidate.distance_km,
            missing_skills=candidate.missing,
            reason=text,
        )
        for candidate, text in zip(ordered, reasons, strict=True)
    )
    return Recommendation(ranked=ranked, reason=reason)
