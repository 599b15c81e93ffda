"""Dispatch priority from a triage decision: 1 is the most urgent."""

from __future__ import annotations

from cso.core.types import Decision, HazardSign, Route

# Signs that someone may be hurt now: these calls go to the top of the board.
URGENT_SIGNS = frozenset(
    {
        HazardSign.WEAPON,
        HazardSign.VIOLENCE,
        HazardSign.FIGHT,
        HazardSign.DOMESTIC,
        HazardSign.INJURY,
        HazardSign.LIFE_THREAT,
        HazardSign.VULNERABLE_IN_DANGER,
        HazardSign.MENTAL_HEALTH_THREAT,
    }
)


def priority_for(decision: Decision) -> int:
    """1 urgent danger, 2 other sworn calls, 3 CSO calls, 4 referrals."""
    if URGENT_SIGNS.intersection(decision.hazards):
        return 1
    if decision.route is Route.SWORN:
        return 2
    if decision.route is Route.REFER:
        return 4
    return 3
