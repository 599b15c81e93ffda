"""Route historical call types by an agency's policy, once per distinct type."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cso.analytics.minutes import default_minutes
from cso.core.policy import Profile
from cso.core.policy.catalogue import UNCLASSIFIED
from cso.core.triage import triage
from cso.core.types import Call, Route

# The model's integer route codes, in this order.
ROUTES: tuple[Route, ...] = (Route.CSO, Route.CSO_ACCOMPANIED, Route.REFER, Route.SWORN)
CSO, CSO_ACCOMPANIED, REFER, SWORN = range(len(ROUTES))


@dataclass(frozen=True)
class RoutedCalls:
    """Per call: its route code and the mean officer minutes of its incident type."""

    routes: npt.NDArray[np.int8]
    service_means: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return int(self.routes.size)

    def take(self, picks: npt.NDArray[np.intp]) -> RoutedCalls:
        """The calls at these positions, in this order (for resampled arrivals)."""
        return RoutedCalls(self.routes[picks], self.service_means[picks])


def route_calls(
    call_types: tuple[str | None, ...], profile: Profile, source: str | None
) -> RoutedCalls:
    """Triage each distinct call type once and give every call its route and mean minutes."""
    minutes = default_minutes()
    fallback = minutes[UNCLASSIFIED]
    by_type: dict[str | None, tuple[int, float]] = {}
    for call_type in dict.fromkeys(call_types):
        decision = triage(Call(call_type=call_type), profile, source)
        by_type[call_type] = (
            ROUTES.index(decision.route),
            minutes.get(decision.incident_type, fallback),
        )
    pairs = [by_type[call_type] for call_type in call_types]
    return RoutedCalls(
        routes=np.array([route for route, _ in pairs], dtype=np.int8),
        service_means=np.array([mean for _, mean in pairs], dtype=np.float64),
    )
