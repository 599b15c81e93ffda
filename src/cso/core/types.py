"""Value objects and enumerations shared by the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Route(StrEnum):
    """Who may take a call, from least to most restrictive for a CSO."""

    CSO = "cso"
    CSO_ACCOMPANIED = "cso_accompanied"
    REFER = "refer"
    SWORN = "sworn"

    @property
    def restriction(self) -> int:
        """Rank for 'never loosen' comparisons: higher keeps a lone CSO further away."""
        return _ROUTE_RESTRICTION[self]


_ROUTE_RESTRICTION = {Route.CSO: 0, Route.CSO_ACCOMPANIED: 1, Route.REFER: 2, Route.SWORN: 3}


class Category(StrEnum):
    """Call categories of the police-demand literature (Langton, Ruiter and Verlaan 2022)."""

    CRIME = "crime"
    TRAFFIC = "traffic"
    QUALITY_OF_LIFE = "quality_of_life"
    HEALTH = "health"
    COMMUNITY = "community"
    PROACTIVE = "proactive"
    UNCLASSIFIED = "unclassified"


class HazardSign(StrEnum):
    """Signs of danger that always force a sworn response, whatever the call type."""

    IN_PROGRESS = "in_progress"
    WEAPON = "weapon"
    VIOLENCE = "violence"
    FIGHT = "fight"
    INJURY = "injury"
    SUSPECT_ON_SCENE = "suspect_on_scene"
    DOMESTIC = "domestic"
    ALARM = "alarm"
    SUSPICIOUS = "suspicious"
    MENTAL_HEALTH_THREAT = "mental_health_threat"
    INTOXICATED_AGGRESSIVE = "intoxicated_aggressive"
    VULNERABLE_IN_DANGER = "vulnerable_in_danger"
    FORCE_OR_ARREST = "force_or_arrest"
    TRAFFIC_STOP = "traffic_stop"
    NOISY_PARTY = "noisy_party"
    LIFE_THREAT = "life_threat"
    DRUGS = "drugs"


class ScreeningQuestion(StrEnum):
    """The call-taker's four yes/no questions."""

    IN_PROGRESS = "in_progress"
    WEAPONS = "weapons"
    INJURIES = "injuries"
    SUSPECT_ON_SCENE = "suspect_on_scene"


SCREENING_HAZARD: dict[ScreeningQuestion, HazardSign] = {
    ScreeningQuestion.IN_PROGRESS: HazardSign.IN_PROGRESS,
    ScreeningQuestion.WEAPONS: HazardSign.WEAPON,
    ScreeningQuestion.INJURIES: HazardSign.INJURY,
    ScreeningQuestion.SUSPECT_ON_SCENE: HazardSign.SUSPECT_ON_SCENE,
}


@dataclass(frozen=True, slots=True)
class Call:
    """What a call-taker knows when triage runs."""

    call_type: str | None = None
    narrative: str | None = None
    answers: dict[ScreeningQuestion, bool] = field(default_factory=dict)


class Decision(NamedTuple):
    """Where a call goes and why, with the policy clauses that say so (immutable)."""

    route: Route
    incident_type: str
    category: Category
    reasons: tuple[str, ...]
    policy_refs: tuple[str, ...]
    hazards: tuple[HazardSign, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON shape other tools read."""
        return {
            "route": self.route.value,
            "incident_type": self.incident_type,
            "category": self.category.value,
            "reasons": list(self.reasons),
            "policy_refs": list(self.policy_refs),
            "hazards": [h.value for h in self.hazards],
        }
