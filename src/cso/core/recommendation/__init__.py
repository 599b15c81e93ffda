"""Recommendation: which available unit to send to a call, ranked, with a reason to read."""

from cso.core.recommendation.engine import recommend_units
from cso.core.recommendation.geo import haversine_km
from cso.core.recommendation.skills import SKILLS, skills_for_incident
from cso.core.recommendation.values import CallNeeds, RankedUnit, Recommendation, UnitSnapshot

__all__ = [
    "SKILLS",
    "CallNeeds",
    "RankedUnit",
    "Recommendation",
    "UnitSnapshot",
    "haversine_km",
    "recommend_units",
    "skills_for_incident",
]
